export * from './source/node.js';
export * from './source/source-file.js';
export * from './source/diagnostic.js';
export * from './source/parse-yaml.js';
