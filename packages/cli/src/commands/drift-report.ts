import { compareFindings, findingOf, type Finding, type Project } from '@composure/core';
import { DRIFT_DOCS_URL, DRIFT_KIND_DESCRIPTIONS, DRIFT_KINDS, type DriftFinding } from '@composure/engine';
import type { Colors } from '../io.js';
import type { CheckDescription, FileReport } from '../formatters/report.js';

/**
 * What `composure drift` prints: its JSON contract, its text, and its findings as lint findings
 * (rule id `drift/<kind>`, an error at the place the files write the service or network) for the
 * lint formats.
 */

/** The JSON contract (docs/cli.md#drift-output): exactly these fields. */
export interface DriftReport {
  project: string;
  findings: { kind: string; service?: string; network?: string; message: string }[];
}

export function driftReport(project: string, findings: readonly DriftFinding[]): DriftReport {
  return {
    project,
    findings: findings.map((f) => ({
      kind: f.kind,
      ...(f.service === undefined ? {} : { service: f.service }),
      ...(f.network === undefined ? {} : { network: f.network }),
      message: f.message,
    })),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The default view: a header naming the project and the engine, one line per finding, kinds aligned. */
export function formatDriftText(project: string, engine: string, findings: readonly DriftFinding[], c: Colors): string {
  if (findings.length === 0) return `Project ${c.bold(project)} on ${engine}: no drift, it runs as its files say.\n`;
  const width = Math.max(...findings.map((f) => f.kind.length));
  const lines = findings.map((f) => `  ${c.red(f.kind.padEnd(width))}  ${f.message}`);
  return `Project ${c.bold(project)} on ${engine}: ${plural(findings.length, 'difference')} from its files.\n\n${lines.join('\n')}\n`;
}

/** The rule id a kind of drift is reported under in the lint formats. */
export const driftRuleId = (kind: string) => `drift/${kind}`;

/** SARIF's rule metadata for each kind. */
export const DRIFT_CHECKS: ReadonlyMap<string, CheckDescription> = new Map(
  DRIFT_KINDS.map((kind) => [driftRuleId(kind), { description: DRIFT_KIND_DESCRIPTIONS[kind], helpUri: DRIFT_DOCS_URL, severity: 'error', tags: ['drift'] }]),
);

/** The findings by compose file in position order, every YAML file of the project listed (clean ones too, as lint lists them). */
export function driftFileReports(project: Project, findings: readonly DriftFinding[]): FileReport[] {
  const reports = new Map<string, FileReport>([...project.sources.keys()].map((file) => [file, { filePath: file, findings: [] as Finding[] }]));
  for (const f of findings) {
    const loc = f.loc ?? { file: project.configFiles[0], start: 0, end: 0 };
    const file = project.files.get(loc.file);
    if (!file) continue;
    const finding = findingOf({ ruleId: driftRuleId(f.kind), severity: 'error', message: f.message, loc, service: f.service }, file);
    let report = reports.get(loc.file);
    if (!report) reports.set(loc.file, (report = { filePath: loc.file, findings: [] }));
    report.findings.push(finding);
  }
  for (const report of reports.values()) report.findings.sort(compareFindings);
  return [...reports.values()];
}
