import { countBySeverity, type Formatter } from './report.js';

/** One entry per file, in ESLint's shape: the contract docs/formats.md#json documents. */
export const formatJson: Formatter = (reports) =>
  JSON.stringify(
    reports.map(({ filePath, findings }) => {
      const counts = countBySeverity(findings);
      return {
        filePath,
        messages: findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          line: f.line,
          column: f.column,
          endLine: f.endLine,
          endColumn: f.endColumn,
        })),
        errorCount: counts.errors,
        warningCount: counts.warnings,
        infoCount: counts.infos,
      };
    }),
  ) + '\n';
