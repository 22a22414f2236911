import { compareFindings, findingOf, type Finding, type Severity } from '@composure/core';
import { getPair, locOf, type Loc, type Node, type Pair } from '@composure/core/rule-kit';
import { bindingText } from '../commands/reach-text.js';
import type { CheckDescription, FileReport } from '../formatters/report.js';
import type { DiffReport } from './compare.js';
import { FAIL_ON_KINDS, type FailOnKind } from './fail-on.js';
import type { Snapshot } from './snapshot.js';
import { foldReach, networkChangeText } from './views.js';

/**
 * What a change adds, as lint findings for the CI formats (sarif, github): rule id `diff/<kind>`,
 * at the place in HEAD's files that makes it (the service's entry for the network, the port, the
 * network). An error when --fail-on counts its kind, a note otherwise. What a change removes
 * exposes nothing: the text, JSON and Markdown formats list it.
 */

export const DIFF_DOCS_URL = 'https://github.com/composure-lint/composure/blob/main/docs/cli.md#composure-diff';

export const diffRuleId = (kind: FailOnKind) => `diff/${kind}`;

export const DIFF_CHECKS: ReadonlyMap<string, CheckDescription> = new Map(
  (Object.keys(FAIL_ON_KINDS) as FailOnKind[]).map((kind) => [
    diffRuleId(kind),
    { description: `A change brings ${FAIL_ON_KINDS[kind]}.`, helpUri: DIFF_DOCS_URL, severity: 'error', tags: ['diff', 'network'] },
  ]),
);

/** A service's entry for a network (else its network_mode, else its name): where a reach over it is written. */
function serviceAt(head: Snapshot, name: string, network?: string): Node | Pair | undefined {
  const service = head.topology.services.get(name);
  if (!service) return undefined;
  return (network === undefined ? undefined : service.attachments.get(network)) ?? getPair(service.node, 'network_mode') ?? service.pair;
}

/** The end of a new reach whose attachment to the network is new (the other end was on it before): where the change is written. */
function newlyAttached(base: Snapshot, e: { from: string; to: string; via: string[] }): string {
  const before = (name: string) => base.topology.services.get(name)?.networks.includes(e.via[0]) === true;
  return before(e.from) && !before(e.to) ? e.to : e.from;
}

export function diffFileReports(report: DiffReport, base: Snapshot, head: Snapshot, failOn: ReadonlySet<FailOnKind>): FileReport[] {
  const files = new Map(head.projects.flatMap((p) => [...p.files]));
  const findings: Finding[] = [];
  const add = (kind: FailOnKind, message: string, at: Node | Pair | undefined, service?: string, counted = true) => {
    const loc: Loc = (at && locOf(at)) ?? { file: head.projects[0].configFiles[0], start: 0, end: 0 };
    const file = files.get(loc.file);
    if (!file) return;
    const severity: Severity = counted && failOn.has(kind) ? 'error' : 'info';
    findings.push(findingOf({ ruleId: diffRuleId(kind), severity, message, loc, service }, file));
  };

  for (const e of foldReach(report.reach.added, head.datastores)) {
    const datastore = head.datastores.has(e.to) ? e.to : undefined;
    const how = e.both ? `"${e.from}" and "${e.to}" now reach each other` : `"${e.from}" now reaches "${e.to}"`;
    const message = `${how} directly over ${e.via.join(', ')}${datastore ? `: "${datastore}" is a datastore` : ''}.`;
    const kind: FailOnKind = datastore && (failOn.has('datastore-reach') || !failOn.has('reach')) ? 'datastore-reach' : 'reach';
    add(kind, message, serviceAt(head, newlyAttached(base, e), e.via[0]), e.from);
  }
  for (const p of report.paths.added)
    add(
      'datastore-reach',
      `"${p.from}" now reaches the datastore "${p.to}" through other services: ${p.path.join(' → ')}.`,
      serviceAt(head, p.from, p.path[1]),
      p.from,
    );
  for (const p of report.ingress.added) {
    const where = p.loopback ? ', from this machine only' : '';
    add('ingress', `"${p.service}" is now published on ${bindingText(p)}${where}.`, portAt(head, p), p.service, !p.loopback);
  }
  for (const s of report.egress.added) add('egress', `"${s}" can now open connections outside the project.`, serviceAt(head, s), s);
  for (const v of report.violations.added) {
    const violation = head.violations.find((h) => h.kind === v.kind && h.from === v.from && h.to === v.to && h.message === v.message);
    add('violation', v.message, violation?.at, v.from);
  }
  for (const n of report.networks.changed) add('network', `Network "${n.name}": ${networkChangeText(n)}.`, head.topology.networks.get(n.name)?.pair);

  const sources = new Set(head.projects.flatMap((p) => [...p.sources.keys()]));
  const reports = new Map<string, FileReport>([...sources].map((file) => [file, { filePath: file, findings: [] as Finding[] }]));
  for (const f of findings) {
    let entry = reports.get(f.file);
    if (!entry) reports.set(f.file, (entry = { filePath: f.file, findings: [] }));
    entry.findings.push(f);
  }
  for (const entry of reports.values()) entry.findings.sort(compareFindings);
  return [...reports.values()];
}

/** The published port's entry in the service's `ports`, else the service. */
function portAt(head: Snapshot, port: DiffReport['ingress']['added'][number]): Node | Pair | undefined {
  const bound = head.topology.ingress.find(
    (p) => p.service === port.service && p.target === port.target && p.protocol === port.protocol && (p.hostIp ?? null) === port.hostIp,
  );
  return bound?.node ?? serviceAt(head, port.service);
}
