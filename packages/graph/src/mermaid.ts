import type { DrawingEdge, DrawingNode, TopologyDrawing } from './drawing.js';
import { leafGroups } from './layout.js';

/**
 * A Mermaid `flowchart LR` that GitHub renders as is (paste it in a ```mermaid block):
 * networks as hexagons (internal ones dashed and grey), datastores as cylinders,
 * published ports on the edges coming in, violations in red.
 *
 * Mermaid ids cannot be quoted, and words like `end`, `class` or `graph` (or an id
 * starting with `o`/`x` after a link) break its parser, so each id is a prefix plus
 * the name with every character outside [A-Za-z0-9] written as `_` and its hex code;
 * the name itself is shown in a quoted label.
 */

const PREFIX: Record<DrawingNode['kind'], string> = { internet: '', host: '', service: 'svc_', network: 'net_' };

/** A safe, injective Mermaid id for a drawing node id. */
export function mermaidId(id: string): string {
  if (id === 'internet' || id === 'host') return id;
  if (id === 'internet:egress') return 'internet_egress';
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon) as DrawingNode['kind'];
  const name = id.slice(colon + 1);
  return `${PREFIX[kind] ?? 'n_'}${[...name].map((c) => (/[A-Za-z0-9]/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}`)).join('')}`;
}

/** Text inside a quoted Mermaid label: entity codes for what its parser or HTML would take. */
export function mermaidText(text: string): string {
  return text.replace(/[#"<>&`]/g, (c) => `#${c.codePointAt(0)};`);
}

function label(lines: string[]): string {
  return `"${lines.map(mermaidText).join('<br>')}"`;
}

function nodeShape(node: DrawingNode): string {
  const text = label([node.label, ...node.notes]);
  switch (node.kind) {
    case 'internet':
      return `((${text}))`;
    case 'host':
      return `[[${text}]]`;
    case 'network':
      return `{{${text}}}`;
    case 'service':
      return node.datastore ? `[(${text})]` : `[${text}]`;
  }
}

function link(edge: DrawingEdge, internal: boolean): string {
  switch (edge.kind) {
    case 'ingress':
      return '==>';
    case 'egress':
      return '-.->';
    case 'attachment':
      return internal ? '-.-' : '---';
    case 'namespace':
    case 'host':
      return '-.-';
    case 'intent':
      return '-->';
  }
}

const VIOLATION = 'stroke:#dc2626,stroke-width:3px,color:#b91c1c';
const LINK_STYLES: Partial<Record<DrawingEdge['kind'], string>> = {
  ingress: 'stroke:#2563eb,color:#1d4ed8',
  egress: 'stroke:#16a34a,color:#15803d',
  namespace: 'stroke:#7c3aed,color:#6d28d9',
  host: 'stroke:#9333ea,color:#7e22ce',
  intent: 'stroke:#ea580c,stroke-width:2px,color:#c2410c',
};

/** The node classes' styles (the diff chart draws datastores as this one does). */
export const MERMAID_CLASSES: Readonly<Record<string, string>> = {
  outside: 'fill:#dbeafe,stroke:#1d4ed8,color:#1e3a8a',
  host: 'fill:#e5e7eb,stroke:#374151,color:#111827',
  service: 'fill:#ffffff,stroke:#334155,color:#0f172a',
  datastore: 'fill:#fef3c7,stroke:#b45309,color:#78350f',
  network: 'fill:#e0f2fe,stroke:#0369a1,color:#0c4a6e',
  internal: 'fill:#f3f4f6,stroke:#6b7280,stroke-dasharray:5 5,color:#374151',
  violation: 'stroke:#dc2626,stroke-width:3px,color:#b91c1c',
};

function classOf(node: DrawingNode): string {
  if (node.kind === 'internet') return 'outside';
  if (node.kind === 'host') return 'host';
  if (node.kind === 'network') return node.internal ? 'internal' : 'network';
  return node.datastore ? 'datastore' : 'service';
}

export function renderMermaid(drawing: TopologyDrawing): string {
  const byId = new Map(drawing.nodes.map((n) => [n.id, n]));
  const groups = leafGroups(drawing);
  const grouped = new Map(groups.flatMap((g) => g.members.map((m) => [m, g] as const)));
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  const out = ['flowchart LR'];
  // The internet's way in is drawn only when a port lets it in; its way out has a node of its own.
  const inbound = drawing.edges.some((e) => e.from === 'internet');
  const drawn = drawing.nodes.filter((n) => n.id !== 'internet' || inbound);
  for (const node of drawn) if (!grouped.has(node.id)) out.push(`  ${mermaidId(node.id)}${nodeShape(node)}`);
  const egress = drawing.edges.some((e) => e.kind === 'egress');
  // The way out is drawn on the other side from the way in, so that the chart reads left to right.
  if (egress) out.push(`  ${mermaidId('internet:egress')}((${label(['internet', 'egress'])}))`);
  // linkStyle counts every link, the invisible ones of the grids too.
  let invisible = 0;
  groups.forEach((group, index) => {
    const network = byId.get(group.network)!;
    out.push(`  subgraph group_${index}[${label([`only on ${network.label} (${group.members.length})`])}]`);
    out.push('    direction TB');
    for (const id of group.members) out.push(`    ${mermaidId(id)}${nodeShape(byId.get(id)!)}`);
    // A grid: invisible links put each row under the one before (Mermaid's boxes are wider and taller than Graphviz's).
    const perRow = Math.ceil(Math.sqrt(group.members.length / 2));
    for (let i = 0; i + perRow < group.members.length; i++, invisible++)
      out.push(`    ${mermaidId(group.members[i])} ~~~ ${mermaidId(group.members[i + perRow])}`);
    out.push('  end');
    out.push(`  style group_${index} fill:#f8fafc,stroke:#94a3b8${network.internal ? ',stroke-dasharray:5 5' : ''}`);
  });

  const links: string[] = [];
  const styled = new Map<string, number[]>();
  const push = (text: string, style: string | undefined) => {
    if (style) appendTo(styled, style, invisible + links.length);
    links.push(text);
  };
  for (const edge of drawing.edges) {
    const group = grouped.get(edge.from);
    if (group) {
      if (edge.from === group.members[0])
        push(`  ${mermaidId(group.network)} ${link(edge, byId.get(group.network)?.internal === true)} group_${groupIndex.get(group)}`, undefined);
      continue;
    }
    const internal = byId.get(edge.to)?.internal === true;
    const to = edge.kind === 'egress' ? 'internet:egress' : edge.to;
    const text = edge.label.length > 0 ? `|${label(edge.label)}|` : '';
    // Undirected links run from the node nearer the outside world, so the layout reads left to right.
    const flip =
      edge.kind !== 'egress' && edge.kind !== 'ingress' && edge.kind !== 'intent' && (byId.get(edge.from)?.rank ?? 0) > (byId.get(edge.to)?.rank ?? 0);
    const [tail, head] = flip ? [edge.to, edge.from] : [edge.from, to];
    push(`  ${mermaidId(tail)} ${link(edge, internal)}${text} ${mermaidId(head)}`, edge.violation ? VIOLATION : LINK_STYLES[edge.kind]);
  }
  out.push(...links);

  const byClass = new Map<string, string[]>();
  for (const node of drawn) {
    const name = classOf(node);
    appendTo(byClass, name, mermaidId(node.id));
  }
  if (egress) appendTo(byClass, 'outside', mermaidId('internet:egress'));
  const violations = drawn.filter((n) => n.violation).map((n) => mermaidId(n.id));
  if (violations.length > 0) byClass.set('violation', violations);
  // The classes used, in one order; `violation` last so that its red wins.
  const used = Object.keys(MERMAID_CLASSES).filter((name) => byClass.has(name));
  for (const name of used) out.push(`  classDef ${name} ${MERMAID_CLASSES[name]}`);
  for (const name of used) out.push(`  class ${byClass.get(name)!.join(',')} ${name}`);
  for (const [style, indexes] of styled) out.push(`  linkStyle ${indexes.join(',')} ${style}`);
  return out.join('\n') + '\n';
}

/** Adds to a list in a map of lists, in place (a copy per item would be quadratic on big projects). */
function appendTo<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}
