/**
 * What the machine-readable formats say about the tool itself. The version must be
 * `composure --version` (main.ts): test/formats.test.ts holds them equal.
 */
export const TOOL = {
  name: 'composure',
  version: '0.1.0',
  informationUri: 'https://github.com/composure-lint/composure',
} as const;
