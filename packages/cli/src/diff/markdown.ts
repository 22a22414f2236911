import { INTERNET, renderChangesMermaid, type ChangedEdge } from '@composure/graph';
import { bindingText } from '../commands/reach-text.js';
import { FAIL_ON_KINDS } from './fail-on.js';
import type { DiffView } from './text.js';
import { foldReach, ingressView, isEmpty, networkChangeText } from './views.js';

/**
 * `composure diff --format markdown`: a pull-request comment or job summary. A table of counts,
 * the verdict, a Mermaid chart of the reaches and published ports that changed, then each change.
 * Long lists and charts are cut (GitHub caps a comment at 65,536 characters, Mermaid a chart at 500 edges).
 */

export const MAX_LISTED = 50;
export const MAX_CHART_EDGES = 60;

/** Text in a Markdown code span: a backtick in it would end the span. */
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
/** Text in a table cell or list item: no pipe, no markup. */
const plain = (text: string) => text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);

function list<T>(items: readonly T[], line: (item: T) => string): string[] {
  const shown = items.slice(0, MAX_LISTED).map(line);
  if (items.length > MAX_LISTED) shown.push(`- … and ${items.length - MAX_LISTED} more (the json format lists them all)`);
  return shown;
}

export function formatDiffMarkdown(view: DiffView): string {
  const { report, datastores } = view;
  const out = [`### composure diff: ${code(report.base)} → ${code(report.head)}`, ''];
  if (isEmpty(report)) {
    out.push('No change to reach, paths to datastores, ingress, egress, policy violations or networks.');
    return out.join('\n') + '\n';
  }
  const ingress = ingressView(report);
  out.push(
    '| change | added | removed |',
    '|---|---|---|',
    `| direct reach | ${report.reach.added.length} | ${report.reach.removed.length} |`,
    `| paths to datastores | ${report.paths.added.length} | ${report.paths.removed.length} |`,
    `| ingress | ${ingress.added.length + ingress.rebound.length} | ${ingress.removed.length + ingress.rebound.length} |`,
    `| egress | ${report.egress.added.length} | ${report.egress.removed.length} |`,
    `| policy violations | ${report.violations.added.length} | ${report.violations.removed.length} |`,
    `| networks changed | ${report.networks.changed.length} | |`,
    '',
  );
  out.push(
    view.failing.length === 0
      ? '✅ Nothing `--fail-on` counts changed.'
      : `❌ **Fails on** ${view.failing.map(({ kind, count }) => `${code(kind)} (${count}): ${FAIL_ON_KINDS[kind]}`).join('; ')}.`,
    '',
  );

  const added = foldReach(report.reach.added, datastores.head);
  const removed = foldReach(report.reach.removed, datastores.base);
  const edges: ChangedEdge[] = [
    ...added.map((e) => ({ from: e.from, to: e.to, change: 'added' as const, both: e.both, label: e.via })),
    ...removed.map((e) => ({ from: e.from, to: e.to, change: 'removed' as const, both: e.both, label: e.via })),
    ...[...ingress.added, ...ingress.rebound.map((r) => r.after)].map((p) => ({
      from: INTERNET,
      to: p.service,
      change: 'added' as const,
      both: false,
      label: [bindingText(p)],
    })),
    ...[...ingress.removed, ...ingress.rebound.map((r) => r.before)].map((p) => ({
      from: INTERNET,
      to: p.service,
      change: 'removed' as const,
      both: false,
      label: [bindingText(p)],
    })),
  ];
  if (edges.length > 0) {
    const stores = new Set([...datastores.base, ...datastores.head]);
    out.push('```mermaid', renderChangesMermaid(edges.slice(0, MAX_CHART_EDGES), stores).trimEnd(), '```');
    if (edges.length > MAX_CHART_EDGES) out.push(`The chart shows ${MAX_CHART_EDGES} of ${edges.length} changed edges.`);
    out.push('');
  }

  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push(`#### ${title}`, '', ...lines, '');
  };
  const edgeLine = (sign: string, stores: ReadonlySet<string>) => (e: (typeof added)[number]) =>
    `- ${sign} ${code(e.from)} ${e.both ? '↔' : '→'} ${code(e.to)} over ${e.via.map(code).join(', ')}${stores.has(e.to) ? ' **(datastore)**' : ''}`;
  section('Direct reach', [...list(added, edgeLine('➕', datastores.head)), ...list(removed, edgeLine('➖', datastores.base))]);
  const pathLine = (sign: string) => (p: { from: string; to: string; path: string[] }) =>
    `- ${sign} ${code(p.from)} → ${code(p.to)}: ${p.path.map(code).join(' → ')}`;
  section('Paths to datastores (through other services)', [...list(report.paths.added, pathLine('➕')), ...list(report.paths.removed, pathLine('➖'))]);
  const port = (p: (typeof ingress.added)[number]) => `${code(p.service)} ${code(bindingText(p))}${p.loopback ? ' (this machine only)' : ''}`;
  section('Ingress', [
    ...list(ingress.added, (p) => `- ➕ ${port(p)}`),
    ...list(ingress.rebound, ({ before, after }) => `- 🔁 ${port(before)} now ${code(bindingText(after))}${after.loopback ? ' (this machine only)' : ''}`),
    ...list(ingress.removed, (p) => `- ➖ ${port(p)}`),
  ]);
  section('Egress', [
    ...list(report.egress.added, (s) => `- ➕ ${code(s)} can open connections outside the project`),
    ...list(report.egress.removed, (s) => `- ➖ ${code(s)}`),
  ]);
  section('Policy violations', [
    ...list(report.violations.added, (v) => `- ➕ ${plain(v.message)}`),
    ...list(report.violations.removed, (v) => `- ➖ ${plain(v.message)}`),
  ]);
  section(
    'Networks',
    list(report.networks.changed, (n) => `- ${code(n.name)}: ${plain(networkChangeText(n))}`),
  );
  return out.join('\n').trimEnd() + '\n';
}
