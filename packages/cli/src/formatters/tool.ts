/** What `--version` and the machine-readable formats say about the tool itself. */
export const TOOL = {
  name: 'composure',
  version: '0.1.0',
  informationUri: 'https://github.com/composure-lint/composure',
} as const;
