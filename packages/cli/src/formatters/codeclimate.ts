import type { RuleCategory, Severity } from '@composure/core';
import { rulesById } from '@composure/rules';
import { fingerprints } from './fingerprint.js';
import { relativePath, repositoryRoot } from './paths.js';
import type { Formatter } from './report.js';

/**
 * Code Climate issues as GitLab code quality reads them (`artifacts:reports:codequality`):
 * description, check_name, fingerprint (the one SARIF uses), severity, and the file
 * relative to the repository root with its lines. `type` and `categories` make each
 * entry a valid Code Climate issue too.
 * https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
 */

/** GitLab's scale is info < minor < major < critical < blocker; composure's error is `major`, as ESLint's GitLab formatters map it. */
const SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', info: 'info' };

const CATEGORY: Record<RuleCategory, string> = { core: 'Bug Risk', network: 'Bug Risk', security: 'Security', hygiene: 'Clarity', style: 'Style' };

export const formatCodeclimate: Formatter = (reports, { cwd, source }) => {
  const root = repositoryRoot(cwd);
  const findings = reports.flatMap((r) => r.findings);
  const prints = fingerprints(findings, root, source);
  const issues = findings.map((f, i) => ({
    description: f.message,
    check_name: f.ruleId,
    fingerprint: prints[i],
    severity: SEVERITY[f.severity],
    location: { path: relativePath(root, f.file), lines: { begin: f.line, end: f.endLine } },
    type: 'issue',
    categories: [CATEGORY[rulesById.get(f.ruleId)?.meta.category ?? 'core']],
  }));
  // One issue a line: readable, and still one JSON array.
  return issues.length === 0 ? '[]\n' : `[\n${issues.map((issue) => JSON.stringify(issue)).join(',\n')}\n]\n`;
};
