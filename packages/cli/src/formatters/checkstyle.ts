import { relativePath } from './paths.js';
import type { Formatter } from './report.js';
import { xml } from './text.js';

/**
 * Checkstyle XML, as Jenkins (warnings-ng), reviewdog and SonarQube import it: every
 * file read (clean ones included), each finding an <error> with its severity and
 * `composure.RULE` as source. Paths are relative to the working directory.
 */
export const formatCheckstyle: Formatter = (reports, { cwd }) => {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const { filePath, findings } of reports) {
    const name = xml(relativePath(cwd, filePath));
    if (findings.length === 0) {
      lines.push(`  <file name="${name}"/>`);
      continue;
    }
    lines.push(`  <file name="${name}">`);
    for (const f of findings) {
      lines.push(`    <error line="${f.line}" column="${f.column}" severity="${f.severity}" message="${xml(f.message)}" source="composure.${xml(f.ruleId)}"/>`);
    }
    lines.push('  </file>');
  }
  lines.push('</checkstyle>');
  return lines.join('\n') + '\n';
};
