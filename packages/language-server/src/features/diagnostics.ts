/**
 * Findings as LSP diagnostics: `code` the rule id, `codeDescription.href` its doc page,
 * `source: "composure"`, severities mapped (info → Information). A project that cannot be
 * loaded at all is one error at the top of the file, saying why.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '@composure/core';
import { rulesById } from '@composure/rules';

export const SOURCE = 'composure';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function diagnosticOf(finding: Finding): Diagnostic {
  const docsUrl = rulesById.get(finding.ruleId)?.meta.docsUrl;
  return {
    range: {
      start: { line: finding.line - 1, character: finding.column - 1 },
      end: { line: finding.endLine - 1, character: finding.endColumn - 1 },
    },
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    ...(docsUrl ? { codeDescription: { href: docsUrl } } : {}),
    source: SOURCE,
    message: finding.message,
  };
}

export interface FileDiagnostics {
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
  infos: number;
}

/** The diagnostics of one file, from its findings and the load failures of its projects. */
export function fileDiagnostics(findings: readonly Finding[], failures: readonly ({ message: string } | undefined)[] = []): FileDiagnostics {
  const diagnostics: Diagnostic[] = [];
  for (const failure of failures) {
    if (!failure) continue;
    diagnostics.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Error,
      code: 'compose-load',
      source: SOURCE,
      message: failure.message,
    });
  }
  for (const finding of findings) if (!finding.suppressed) diagnostics.push(diagnosticOf(finding));
  const count = (s: DiagnosticSeverity) => diagnostics.filter((d) => d.severity === s).length;
  return { diagnostics, errors: count(DiagnosticSeverity.Error), warnings: count(DiagnosticSeverity.Warning), infos: count(DiagnosticSeverity.Information) };
}
