export * from './constants';
export * from './nuclei';
export * from './unitNames';
