export { readJcampRelaxation, readJcampSpectra } from './readJcampRelaxation';
export type { JcampRelaxation, JcampRelaxationOptions } from './readJcampRelaxation';
