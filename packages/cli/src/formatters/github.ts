import type { Severity } from '@composure/core';
import { relativePath } from './paths.js';
import type { Formatter } from './report.js';

/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull
 * request's diff. Paths are relative to the working directory (the checkout, in a workflow).
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** The runner's escaping (@actions/core): a message is data… */
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** …and a property value also escapes the separators of the property list. */
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const formatGithub: Formatter = (reports, { cwd }) => {
  let out = '';
  for (const { filePath, findings } of reports) {
    const file = escapeProperty(relativePath(cwd, filePath));
    for (const f of findings) {
      // The runner drops an annotation with columns on a span over several lines (actions/runner#4167).
      const span = f.line === f.endLine ? `col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn}` : `endLine=${f.endLine}`;
      out += `::${COMMAND[f.severity]} file=${file},line=${f.line},${span},title=${escapeProperty(`composure ${f.ruleId}`)}::${escapeData(f.message)}\n`;
    }
  }
  return out;
};
