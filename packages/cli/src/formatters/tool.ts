import { COMPOSURE_VERSION } from '@composure/core';

/** What `--version` and the machine-readable formats say about the tool itself. */
export const TOOL = {
  name: 'composure',
  version: COMPOSURE_VERSION,
  informationUri: 'https://github.com/composure-lint/composure',
} as const;
