import { relativePath } from './paths.js';
import type { Formatter } from './report.js';
import { oneLine } from './text.js';

/** One line per finding, `path:line:col: severity [rule] message`, and nothing else: for grep, editors' error lists and reviewdog. */
export const formatCompact: Formatter = (reports, { cwd }) => {
  let out = '';
  for (const { filePath, findings } of reports) {
    const file = oneLine(relativePath(cwd, filePath));
    for (const f of findings) out += `${file}:${f.line}:${f.column}: ${f.severity} [${f.ruleId}] ${oneLine(f.message)}\n`;
  }
  return out;
};
