import type { Finding, Severity } from '@composure/core';

/** Findings grouped by file, in the order files were read: what every formatter starts from. */
export interface FileReport {
  filePath: string;
  findings: Finding[];
}

export function countBySeverity(findings: readonly Finding[]) {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

export interface FormatContext {
  cwd: string;
  color: boolean;
  /** The text of a file as the run read it (findings' offsets index it; standard input included): for fingerprints. */
  source?: (file: string) => string | undefined;
  /** Projects that could not be linted (each said on standard error; exit code 2): SARIF records them. */
  errors?: readonly string[];
  /** The command that made the report: JUnit names a clean file's test case after it (default `composure lint`). */
  command?: string;
  /** Checks that are not lint rules (`drift/…`), described for SARIF's rule metadata. */
  checks?: ReadonlyMap<string, CheckDescription>;
}

/** A check reported like a rule without being one (a kind of drift): what SARIF says of it. */
export interface CheckDescription {
  description: string;
  helpUri: string;
  severity: Severity;
  /** SARIF's tags for it. */
  tags: string[];
}

export interface Formatter {
  (reports: readonly FileReport[], context: FormatContext): string;
  /**
   * True for a format that carries suppressed findings as such (SARIF). Every other format
   * is given the findings that count only: the lint command filters them in one place.
   */
  readonly suppressions?: boolean;
}

/** A format that loads something on first use (SARIF: the rules' doc pages, for help text). */
export interface AsyncFormatter {
  (reports: readonly FileReport[], context: FormatContext): Promise<string>;
  readonly suppressions?: boolean;
}
