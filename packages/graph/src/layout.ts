import type { TopologyDrawing } from './drawing.js';

/**
 * Layout help shared by the renderers. A big flat network (dozens of services on
 * `default`) drawn as one fan of edges is a column metres tall: services that are
 * only on one network and have nothing else drawn (no port, no alias, no shared
 * namespace, not part of a violation) are gathered into a box beside that network,
 * laid out in a grid, with one edge from the network to the box.
 */

/** From this many such services on one network, they are gathered. */
export const GROUP_MIN = 8;

export interface LeafGroup {
  /** The network's node id. */
  network: string;
  /** The services' node ids, in drawing order. */
  members: string[];
  /** Columns of the grid (rows follow), for a layout about as wide as it is tall. */
  columns: number;
}

export function leafGroups(drawing: TopologyDrawing, min = GROUP_MIN): LeafGroup[] {
  const degree = new Map<string, number>();
  for (const e of drawing.edges) for (const id of [e.from, e.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const byNetwork = new Map<string, string[]>();
  const byId = new Map(drawing.nodes.map((n) => [n.id, n]));
  for (const e of drawing.edges) {
    if (e.kind !== 'attachment' || e.label.length > 0 || e.violation || degree.get(e.from) !== 1) continue;
    const node = byId.get(e.from);
    if (!node || node.violation || node.notes.length > 0) continue;
    let members = byNetwork.get(e.to);
    if (!members) byNetwork.set(e.to, (members = []));
    members.push(e.from);
  }
  return [...byNetwork]
    .filter(([, members]) => members.length >= min)
    .map(([network, members]) => ({ network, members, columns: Math.max(2, Math.round(Math.sqrt(members.length / 3.5))) }));
}
