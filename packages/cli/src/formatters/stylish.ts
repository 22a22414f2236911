import { relative } from 'node:path';
import { colors } from '../io.js';
import { countBySeverity, type Formatter } from './report.js';
import { oneLine } from './text.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** ESLint's default look: a block per file, aligned columns, a summary line. */
export const formatStylish: Formatter = (reports, { cwd, color }) => {
  const c = colors(color);
  const lines: string[] = [];
  const all = reports.flatMap((r) => r.findings);
  for (const { filePath, findings } of reports) {
    if (findings.length === 0) continue;
    lines.push(c.underline(oneLine(relative(cwd, filePath) || filePath)));
    const rows = findings.map((f) => [
      `${f.line}:${f.column}`,
      f.severity === 'error' ? c.red('error') : f.severity === 'warning' ? c.yellow('warning') : c.blue('info'),
      oneLine(f.message),
      c.dim(f.ruleId),
    ]);
    const width = (i: number) => Math.max(...findings.map((f) => (i === 0 ? `${f.line}:${f.column}`.length : f.severity.length)));
    const w0 = width(0);
    const w1 = width(1);
    for (const [i, row] of rows.entries()) {
      const f = findings[i];
      const pos = row[0].padEnd(w0);
      const sev = row[1] + ' '.repeat(w1 - f.severity.length);
      lines.push(`  ${pos}  ${sev}  ${row[2]}  ${row[3]}`);
    }
    lines.push('');
  }
  if (all.length === 0) return '';
  const { errors, warnings, infos } = countBySeverity(all);
  const summary = `${errors > 0 ? '✖' : '⚠'} ${plural(all.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`;
  lines.push(errors > 0 ? c.red(c.bold(summary)) : c.yellow(c.bold(summary)));
  return lines.join('\n') + '\n';
};
