import { relativePath } from './paths.js';
import type { Formatter } from './report.js';
import { xml } from './text.js';

/**
 * JUnit XML, as CI test reports read it (GitLab `artifacts:reports:junit`, Jenkins, Azure
 * Pipelines): a <testsuite> per file read, a <testcase> per finding, failing for errors
 * and warnings (an info finding passes, its message kept in <system-out>); a clean file
 * is one passing test case. Paths are relative to the working directory.
 */
export const formatJunit: Formatter = (reports, { cwd, command = 'composure lint' }) => {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const { filePath, findings } of reports) {
    const path = xml(relativePath(cwd, filePath));
    const cases: string[] = [];
    let failed = 0;
    for (const f of findings) {
      const where = `${path}:${f.line}:${f.column}`;
      const head = `    <testcase name="${xml(f.ruleId)} at ${f.line}:${f.column}" classname="${path}" file="${path}">`;
      if (f.severity === 'info') {
        cases.push(head, `      <system-out>${where}: info [${xml(f.ruleId)}] ${xml(f.message)}</system-out>`, '    </testcase>');
      } else {
        failed++;
        cases.push(
          head,
          `      <failure type="${f.severity}" message="${xml(f.message)}">${where}: ${f.severity} [${xml(f.ruleId)}] ${xml(f.message)}</failure>`,
          '    </testcase>',
        );
      }
    }
    if (findings.length === 0) cases.push(`    <testcase name="${xml(command)}" classname="${path}" file="${path}"/>`);
    const count = Math.max(findings.length, 1);
    tests += count;
    failures += failed;
    suites.push(`  <testsuite name="${path}" tests="${count}" failures="${failed}" errors="0" skipped="0">`, ...cases, '  </testsuite>');
  }
  return (
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="composure" tests="${tests}" failures="${failures}" errors="0">`,
      ...suites,
      '</testsuites>',
    ].join('\n') + '\n'
  );
};
