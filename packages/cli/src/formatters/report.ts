import type { Finding } from '@composure/core';

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
}

export type Formatter = (reports: readonly FileReport[], context: FormatContext) => string;
