import { formatJson } from './json.js';
import type { Formatter } from './report.js';
import { formatStylish } from './stylish.js';

/** `composure lint --format NAME`: one file per format in this folder. */
export const formatters: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
};
