import { bindingText } from '../commands/reach-text.js';
import type { Colors } from '../io.js';
import type { DiffReport } from './compare.js';
import type { FailOnKind } from './fail-on.js';
import { foldReach, ingressView, isEmpty, networkChangeText, type Edge } from './views.js';

/** `composure diff`'s default view: one section per kind of change, `+` added and `-` removed, then the verdict. */

export interface DiffView {
  report: DiffReport;
  /** The datastores of each side, marked in the lists. */
  datastores: { base: ReadonlySet<string>; head: ReadonlySet<string> };
  /** The kinds --fail-on asks for that the change has, with their counts. */
  failing: { kind: FailOnKind; count: number }[];
}

const edgeText = (e: Edge, datastores: ReadonlySet<string>) =>
  `${e.from} ${e.both ? '↔' : '→'} ${e.to} (${e.via.join(', ')})${datastores.has(e.to) ? '  datastore' : ''}`;

export function formatDiffText(view: DiffView, c: Colors): string {
  const { report, datastores } = view;
  const out = [`${c.bold('composure diff')} ${report.base} → ${report.head}`];
  if (isEmpty(report)) {
    out.push('', 'No change to reach, paths to datastores, ingress, egress, policy violations or networks.');
    return out.join('\n') + '\n';
  }
  const plus = (text: string) => `  ${c.red('+')} ${text}`;
  const minus = (text: string) => `  ${c.blue('-')} ${text}`;
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push('', c.bold(title), ...lines);
  };
  section('Direct reach', [
    ...foldReach(report.reach.added, datastores.head).map((e) => plus(edgeText(e, datastores.head))),
    ...foldReach(report.reach.removed, datastores.base).map((e) => minus(edgeText(e, datastores.base))),
  ]);
  section('Paths to datastores (through other services)', [
    ...report.paths.added.map((p) => plus(`${p.from} → ${p.to}: ${p.path.join(' → ')}`)),
    ...report.paths.removed.map((p) => minus(`${p.from} → ${p.to}: ${p.path.join(' → ')}`)),
  ]);
  const ingress = ingressView(report);
  const loopback = (p: { loopback: boolean }) => (p.loopback ? c.dim('  this machine only') : '');
  section('Ingress (published ports Docker binds)', [
    ...ingress.added.map((p) => plus(`${p.service}  ${bindingText(p)}${loopback(p)}`)),
    ...ingress.rebound.map(({ before, after }) => `  ${c.yellow('~')} ${after.service}  ${bindingText(before)}  now  ${bindingText(after)}${loopback(after)}`),
    ...ingress.removed.map((p) => minus(`${p.service}  ${bindingText(p)}${loopback(p)}`)),
  ]);
  section('Egress (can open connections outside the project)', [...report.egress.added.map(plus), ...report.egress.removed.map(minus)]);
  section('Policy violations', [...report.violations.added.map((v) => plus(v.message)), ...report.violations.removed.map((v) => minus(v.message))]);
  section(
    'Networks',
    report.networks.changed.map((n) => `  ${c.yellow('~')} ${n.name}: ${networkChangeText(n)}`),
  );
  out.push('', verdict(view, c));
  return out.join('\n') + '\n';
}

/** The last line: what fails the run (--fail-on), or that nothing does. */
export function verdict(view: DiffView, c: Colors): string {
  if (view.failing.length === 0) return 'Nothing --fail-on counts changed.';
  return c.red(`Fails on: ${view.failing.map(({ kind, count }) => `${kind} (${count})`).join(', ')}.`);
}
