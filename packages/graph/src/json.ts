import type { TopologyDrawing } from './drawing.js';

/**
 * The drawing description as JSON, for tools of one's own: `project`, `nodes`
 * (outside world, host, services in declaration order, networks in declaration
 * order), `edges` (ports in, attachments, shared namespaces and host mode, then
 * egress) and the `violations` highlighted. The order is stable: the same project
 * gives the same text.
 */
export function renderJson(drawing: TopologyDrawing): string {
  const nodes = drawing.nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    label: n.label,
    notes: n.notes,
    rank: n.rank,
    violation: n.violation,
    ...(n.kind === 'service' ? { image: n.image ?? null, datastore: n.datastore === true, mode: n.mode } : {}),
    ...(n.kind === 'network' ? { name: n.name, driver: n.driver, internal: n.internal === true, external: n.external === true, icc: n.icc !== false } : {}),
  }));
  const edges = drawing.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, label: e.label, violation: e.violation }));
  return JSON.stringify({ project: drawing.project, nodes, edges, violations: drawing.violations }, null, 2) + '\n';
}
