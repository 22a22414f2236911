import type { DrawingEdge, DrawingNode, TopologyDrawing } from './drawing.js';
import { leafGroups } from './layout.js';

/**
 * Graphviz DOT for a topology drawing: left to right from the outside world,
 * networks as hexagons (internal ones dashed and grey, external ones doubled),
 * datastores as cylinders, published ports on the edges that bring traffic in,
 * policy violations in red. Every id is quoted.
 */

const FONT = 'Helvetica';
const RED = '#dc2626';
/** Intended routes (proxy → upstream) in orange: apart from the grey attachments that say who can reach whom. */
export const INTENT = '#ea580c';

/** A double-quoted DOT string. A NUL (which ends a string in Graphviz: the graph would not parse) becomes U+FFFD. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n').replace(/\0/g, '\uFFFD')}"`;
}

/** Text inside an HTML-like DOT label. */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\0/g, '\uFFFD');
}

function attributes(attrs: Record<string, string | number | undefined>): string {
  const parts = Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'number' || /^<.*>$/s.test(v) ? v : dotString(v)}`);
  return parts.length > 0 ? ` [${parts.join(', ')}]` : '';
}

/** The egress side of the outside world is drawn on the right, so that traffic reads left to right. */
const EGRESS = 'internet:egress';

/** An image without its digest, cut at 40 characters: a label, not a pin. */
export function shortImage(image: string): string {
  const bare = image.replace(/@sha256:[0-9a-f]+$/i, '');
  return bare.length > 40 ? `${bare.slice(0, 39)}…` : bare;
}

function nodeLabel(node: DrawingNode): string {
  const lines = [`<b>${html(node.label)}</b>`];
  if (node.kind === 'service' && node.image) lines.push(`<font point-size="9" color="#64748b">${html(shortImage(node.image))}</font>`);
  for (const note of node.notes) lines.push(`<font point-size="9" color="${node.violation ? RED : '#475569'}">${html(note)}</font>`);
  return `<${lines.join('<br/>')}>`;
}

function nodeAttributes(node: DrawingNode): Record<string, string | number | undefined> {
  const red = node.violation ? { color: RED, penwidth: 3, fontcolor: RED } : {};
  switch (node.kind) {
    case 'internet':
      return { label: nodeLabel(node), shape: 'oval', style: 'filled', fillcolor: '#dbeafe', color: '#1d4ed8', ...red };
    case 'host':
      return { label: nodeLabel(node), shape: 'box3d', style: 'filled', fillcolor: '#e5e7eb', color: '#374151', ...red };
    case 'service':
      return node.datastore
        ? { label: nodeLabel(node), shape: 'cylinder', style: 'filled', fillcolor: '#fef3c7', color: '#b45309', ...red }
        : { label: nodeLabel(node), shape: 'box', style: 'rounded,filled', fillcolor: '#ffffff', color: '#334155', ...red };
    case 'network':
      return node.internal
        ? { label: nodeLabel(node), shape: 'hexagon', style: 'dashed,filled', fillcolor: '#f3f4f6', color: '#6b7280', fontcolor: '#374151', ...red }
        : {
            label: nodeLabel(node),
            shape: 'hexagon',
            style: 'filled',
            fillcolor: '#e0f2fe',
            color: '#0369a1',
            peripheries: node.external ? 2 : undefined,
            ...red,
          };
  }
}

function edgeAttributes(edge: DrawingEdge, internal: boolean): Record<string, string | number | undefined> {
  const label = edge.label.length > 0 ? edge.label.join('\n') : undefined;
  const red = edge.violation ? { color: RED, fontcolor: RED, penwidth: 3 } : {};
  switch (edge.kind) {
    case 'ingress':
      return { label, color: '#2563eb', fontcolor: '#1d4ed8', penwidth: 1.5, ...red };
    case 'attachment':
      return { label, dir: 'none', color: internal ? '#9ca3af' : '#475569', style: internal ? 'dashed' : undefined, fontcolor: '#475569', ...red };
    case 'egress':
      return { label, color: '#16a34a', fontcolor: '#15803d', style: 'dashed', ...red };
    case 'namespace':
      return { label, dir: 'none', color: '#7c3aed', fontcolor: '#6d28d9', style: 'dotted', penwidth: 2, ...red };
    case 'host':
      return { label, dir: 'none', color: '#9333ea', fontcolor: '#7e22ce', style: 'bold', ...red };
    case 'intent':
      // A route, not a way the layout reads: it leaves the ranks to the attachments.
      return { label, color: INTENT, fontcolor: '#c2410c', style: 'bold', penwidth: 2, arrowhead: 'vee', constraint: 'false', ...red };
  }
}

export interface DotOptions {
  /** Draw the project's name above the diagram (default: yes; the HTML page has its own heading). */
  title?: boolean;
}

export function renderDot(drawing: TopologyDrawing, options: DotOptions = {}): string {
  const byId = new Map(drawing.nodes.map((n) => [n.id, n]));
  const groups = leafGroups(drawing);
  const grouped = new Map(groups.flatMap((g) => g.members.map((m) => [m, g] as const)));
  const out: string[] = [];
  out.push(`digraph ${dotString(drawing.project)} {`);
  out.push(
    `  graph${attributes({ rankdir: 'LR', fontname: FONT, fontsize: 14, ...(options.title === false ? {} : { label: `${drawing.project}: network topology`, labelloc: 't', labeljust: 'l' }), nodesep: 0.25, ranksep: 0.7, compound: groups.length > 0 ? 'true' : undefined })};`,
  );
  out.push(`  node${attributes({ fontname: FONT, fontsize: 11, margin: '0.15,0.06' })};`);
  out.push(`  edge${attributes({ fontname: FONT, fontsize: 9, arrowsize: 0.7 })};`);
  // The internet's way in is drawn only when a port lets it in; its way out has a node of its own.
  const inbound = drawing.edges.some((e) => e.from === 'internet');
  for (const node of drawing.nodes)
    if (!grouped.has(node.id) && (node.id !== 'internet' || inbound)) out.push(`  ${dotString(node.id)}${attributes(nodeAttributes(node))};`);
  const egress = drawing.edges.filter((e) => e.kind === 'egress');
  if (egress.length > 0) {
    const internet = byId.get('internet')!;
    out.push(
      `  ${dotString(EGRESS)}${attributes({ ...nodeAttributes(internet), label: '<<b>internet</b><br/><font point-size="9" color="#475569">egress</font>>' })};`,
    );
  }
  for (const group of groups) {
    const network = byId.get(group.network)!;
    const rows = Math.ceil(group.members.length / group.columns);
    out.push(`  subgraph ${dotString(`cluster_${group.network}`)} {`);
    out.push(
      `    graph${attributes({ label: `only on ${network.label} (${group.members.length})`, fontsize: 11, fontcolor: '#475569', style: network.internal ? 'dashed,rounded' : 'rounded', color: network.internal ? '#9ca3af' : '#94a3b8', labeljust: 'l' })};`,
    );
    // Graphviz stacks a rank bottom to top when drawing left to right: declared in reverse, they read top to bottom.
    for (const id of [...group.members].reverse()) out.push(`    ${dotString(id)}${attributes(nodeAttributes(byId.get(id)!))};`);
    // A grid: each column is one rank further right.
    for (let i = 0; i + rows < group.members.length; i++)
      out.push(`    ${dotString(group.members[i])} -> ${dotString(group.members[i + rows])} [style=invis];`);
    out.push('  }');
  }
  for (const edge of drawing.edges) {
    const group = grouped.get(edge.from);
    if (group) {
      // One edge from the network to the box, not one per service.
      if (edge.from !== group.members[0]) continue;
      const anchor = group.members[Math.floor(Math.ceil(group.members.length / group.columns) / 2)];
      const internal = byId.get(group.network)?.internal === true;
      out.push(`  ${dotString(group.network)} -> ${dotString(anchor)}${attributes({ ...edgeAttributes(edge, internal), lhead: `cluster_${group.network}` })};`);
      continue;
    }
    const to = edge.kind === 'egress' ? EGRESS : edge.to;
    const internal = byId.get(edge.to)?.internal === true;
    // Undirected edges run from the node nearer the outside world, so the layout reads left to right.
    const [tail, head] =
      edge.kind !== 'egress' && edge.kind !== 'ingress' && edge.kind !== 'intent' && (byId.get(edge.from)?.rank ?? 0) > (byId.get(edge.to)?.rank ?? 0)
        ? [edge.to, edge.from]
        : [edge.from, to];
    out.push(`  ${dotString(tail)} -> ${dotString(head)}${attributes(edgeAttributes(edge, internal))};`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
