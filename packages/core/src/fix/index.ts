export * from './apply.js';
export * from './yaml-edits.js';
