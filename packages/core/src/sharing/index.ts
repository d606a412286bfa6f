export * from './share-licenses.js';
export * from './shared-license-types.js';
export * from './file-choice.js';
