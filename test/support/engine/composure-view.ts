/**
 * What composure says about a project, in the engine's terms (view.ts), from its topology at the
 * engine's own version: its direct reaches with the ports each opens, its ingress (every address
 * a published port is bound on, as the engine's bindings are probed), the members reached from
 * their LAN, its egress. Names: names.ts.
 */
import type { Project, Reach, Topology } from '@composure/core';
import { composureNames } from './names.js';
import { listenerPorts } from './listeners.js';
import type { ProjectSpec } from './model.js';
import { clientsOfBinding, ingressLine, lanLine, publishedLabel, reachLine, sortedView, type View } from './view.js';

/**
 * The ports a reach opens: every port the target listens on (Docker filters no port between
 * containers that meet, nor from the host's stack or the default bridge), except a hop into a
 * `routed` network from outside it, which opens the target's published container ports only.
 */
function portsReached(spec: ProjectSpec, topology: Topology, reach: Reach): number[] {
  const from = topology.services.get(reach.from)!;
  const intoRouted = reach.via.every((hop) => topology.networks.has(hop) && !from.networks.includes(hop));
  const target = topology.services.get(reach.to)!;
  const listening = listenerPorts(spec.services[reach.to]);
  if (!intoRouted) return listening;
  const owner = spec.services[target.namespaceOf ?? target.name];
  const published = new Set((owner.ports ?? []).filter((p) => p.protocol === 'tcp').map((p) => p.target));
  return listening.filter((port) => published.has(port));
}

export function composureView(spec: ProjectSpec, project: Project, topology: Topology, names: Map<string, string[]>): View {
  const view: View = { reach: [], ingress: [], egress: [...topology.egress], names: composureNames(project, topology, names) };
  for (const reach of topology.reach) for (const port of portsReached(spec, topology, reach)) view.reach.push(reachLine(reach.from, reach.to, port));
  for (const port of topology.ingress) {
    if (port.protocol !== 'tcp') continue;
    for (const address of port.addresses)
      for (const client of clientsOfBinding(address)) view.ingress.push(ingressLine(port.service, port.target, publishedLabel(port.published), client));
  }
  // The suite's LAN is IPv4 (lan.ts): members on it, reached there without a route through the host.
  for (const access of topology.lan) {
    if (access.needsRoute || access.family !== 'ipv4') continue;
    const listening = listenerPorts(spec.services[access.service]);
    const ports = access.ports === 'all' ? listening : listening.filter((port) => (access.ports as number[]).includes(port));
    for (const port of ports) view.ingress.push(lanLine(access.service, port));
  }
  return sortedView(view);
}
