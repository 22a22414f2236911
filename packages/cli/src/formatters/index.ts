import { formatCheckstyle } from './checkstyle.js';
import { formatCodeclimate } from './codeclimate.js';
import { formatCompact } from './compact.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import type { AsyncFormatter, Formatter } from './report.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

/** `composure lint --format NAME`: one file per format in this folder. */
export const formatters: Record<string, Formatter | AsyncFormatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  checkstyle: formatCheckstyle,
  codeclimate: formatCodeclimate,
  compact: formatCompact,
};
