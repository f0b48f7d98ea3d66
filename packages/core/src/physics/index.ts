export * from './constants';
export * from './nuclei';
