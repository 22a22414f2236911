/**
 * What composure says about a project, in the engine's terms (view.ts): its topology's direct
 * reaches with the ports the target listens on, its ingress, its egress. A reach is to every
 * port the target listens on (Docker filters no port between containers that meet), except a
 * host-mode service's reach through the host's stack to a container, which composure counts only
 * through the container's published ports. Names: names.ts.
 */
import { topologyOf, type Project } from '@composure/core';
import { composureNames } from './names.js';
import { listenerPorts } from './listeners.js';
import type { ProjectSpec } from './model.js';
import { clientsOf, ingressLine, publishedLabel, reachLine, sortedView, type View } from './view.js';

export function composureView(spec: ProjectSpec, project: Project, names: Map<string, string[]>): View {
  const topology = topologyOf(project);
  const view: View = { reach: [], ingress: [], egress: [...topology.egress], names: composureNames(project, names) };
  for (const { from, to, via } of topology.reach) {
    const target = topology.services.get(to)!;
    const throughHostOnly = topology.services.get(from)?.mode === 'host' && via.every((v) => v === 'host');
    const ports = throughHostOnly ? target.ingress.filter((p) => p.protocol === 'tcp').map((p) => p.target) : listenerPorts(spec.services[to]);
    for (const port of ports) view.reach.push(reachLine(from, to, port));
  }
  for (const port of topology.ingress) {
    if (port.protocol !== 'tcp') continue;
    // A host IP composure leaves unset means IPv4's every interface; an IPv6 one (`::`, `::1`) binds in IPv6.
    const family = port.hostIp?.includes(':') ? 'IPv6' : 'IPv4';
    for (const client of clientsOf(family, port.loopback)) view.ingress.push(ingressLine(port.service, port.target, publishedLabel(port.published), client));
  }
  return sortedView(view);
}
