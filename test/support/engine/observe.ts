/**
 * What the engine does with a project that is up: every ordered pair of services probed on every
 * port the target listens on, at every address it has there (its addresses on each network; the
 * loopback inside one namespace; for a `network_mode: host` target, the host as the source's
 * networks' gateways reach it), every published port from the host and from outside (over IPv4
 * or IPv6, as the engine bound it), the members of macvlan networks from their LAN, and a
 * connection from each service to the outside namespace (outside.ts).
 */
import { spawn } from 'node:child_process';
import type { DockerApi } from './docker-api.js';
import { listenerPorts, tokenOf } from './listeners.js';
import type { ProjectSpec } from './model.js';
import { probeFromOutside, type Outside } from './outside.js';
import { BUSYBOX } from './probe-image.js';
import { probeScript, reachedKeys, reachedTwice, type ProbeTarget } from './probe-script.js';
import { clientsOf, ingressLine, lanLine, publishedLabel, reachLine, sortedView, type View } from './view.js';
import { lanNetworkNames } from './lan.js';

interface Inspected {
  Id: string;
  HostConfig: { NetworkMode: string };
  NetworkSettings: {
    Networks: Record<string, { IPAddress: string; Gateway: string }> | null;
    Ports: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
  };
}

/** A network namespace: the host's, or the container's that owns it (`container:` modes followed). */
type Namespace = 'host' | string;

const EGRESS = '(egress)';

function namespaceOf(container: Inspected, byId: Map<string, Inspected>): Namespace {
  let current = container;
  for (let hops = 0; hops < 10; hops++) {
    const mode = current.HostConfig.NetworkMode;
    if (mode === 'host') return 'host';
    const owner = /^container:(.+)$/.exec(mode)?.[1];
    const next = owner && [...byId.values()].find((c) => c.Id.startsWith(owner));
    if (!next) return current.Id;
    current = next;
  }
  return current.Id;
}

const networksOf = (c: Inspected | undefined) => Object.values(c?.NetworkSettings.Networks ?? {});

/** Runs a probe script on the host itself (a client on the host). */
function probeFromHost(targets: readonly ProbeTarget[]): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(BUSYBOX, ['sh', '-c', probeScript(targets)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => resolve(reachedKeys(targets, output)));
  });
}

/** The port as the project wrote it for an engine binding: the fixed port, the range it fell in, or ephemeral. */
function writtenPublished(spec: ProjectSpec, service: string, target: number, hostPort: number): string {
  const ports = (spec.services[service].ports ?? []).filter((p) => p.target === target && p.protocol === 'tcp');
  if (ports.some((p) => p.published === String(hostPort))) return String(hostPort);
  const range = ports.find((p) => {
    const [first, last] = (p.published ?? '').split('-').map(Number);
    return last !== undefined && hostPort >= first && hostPort <= last;
  });
  return publishedLabel(range?.published);
}

export async function observe(api: DockerApi, spec: ProjectSpec, containers: Map<string, string>, outside: Outside): Promise<View> {
  const inspected = new Map<string, Inspected>();
  await Promise.all([...containers].map(async ([service, id]) => inspected.set(service, await api.call<Inspected>('GET', `/containers/${id}/json`))));
  const byId = new Map([...inspected.values()].map((c) => [c.Id, c]));
  const namespace = new Map([...inspected].map(([service, c]) => [service, namespaceOf(c, byId)]));
  const owner = (ns: Namespace) => byId.get(ns);

  const addressesFrom = (from: string, to: string): string[] => {
    const [a, b] = [namespace.get(from)!, namespace.get(to)!];
    if (a === b) return ['127.0.0.1'];
    if (b === 'host')
      return networksOf(owner(a))
        .map((n) => n.Gateway)
        .filter(Boolean);
    return networksOf(owner(b))
      .map((n) => n.IPAddress)
      .filter(Boolean);
  };

  const view: View = { reach: [], ingress: [], egress: [] };
  const services = [...inspected.keys()];
  await Promise.all(
    services.map(async (from) => {
      const targets: ProbeTarget[] = [{ key: EGRESS, address: outside.address, port: outside.port, token: outside.token }];
      for (const to of services) {
        if (to === from) continue;
        for (const port of listenerPorts(spec.services[to]))
          for (const address of addressesFrom(from, to)) targets.push({ key: reachLine(from, to, port), address, port, token: tokenOf(spec.name, to, port) });
      }
      const fromContainer = async (list: readonly ProbeTarget[]) => reachedKeys(list, await api.exec(containers.get(from)!, ['sh', '-c', probeScript(list)]));
      const reached = await reachedTwice(fromContainer, targets);
      for (const key of reached) (key === EGRESS ? view.egress : view.reach).push(key === EGRESS ? from : key);
    }),
  );

  const fromHost: ProbeTarget[] = [];
  const fromOutside: ProbeTarget[] = [];
  for (const [service, container] of inspected) {
    for (const [portKey, bindings] of Object.entries(container.NetworkSettings.Ports ?? {})) {
      const [target, protocol] = portKey.split('/');
      if (protocol !== 'tcp') continue;
      for (const { HostIp, HostPort } of bindings ?? []) {
        const port = Number(HostPort);
        const published = writtenPublished(spec, service, Number(target), port);
        const token = tokenOf(spec.name, service, Number(target));
        const v6 = HostIp.includes(':');
        const any = ['', '0.0.0.0', '::'].includes(HostIp);
        const [hostClient, outsideClient] = clientsOf(v6 ? 'IPv6' : 'IPv4', false);
        // Every binding is tried from both: a loopback one must not answer from outside.
        fromHost.push({ key: ingressLine(service, Number(target), published, hostClient), address: any ? (v6 ? '::1' : '127.0.0.1') : HostIp, port, token });
        fromOutside.push({
          key: ingressLine(service, Number(target), published, outsideClient),
          address: v6 ? outside.hostAddress6 : outside.hostAddress,
          port,
          token,
        });
      }
    }
  }
  // Members of LAN networks, from the outside namespace on that LAN, on every port they listen on.
  const lans = lanNetworkNames(spec);
  for (const service of services) {
    const ns = namespace.get(service)!;
    for (const [name, endpoint] of Object.entries(owner(ns)?.NetworkSettings.Networks ?? {}))
      if (lans.has(name) && endpoint.IPAddress)
        for (const port of listenerPorts(spec.services[service]))
          fromOutside.push({ key: lanLine(service, port), address: endpoint.IPAddress, port, token: tokenOf(spec.name, service, port) });
  }
  const [host, network] = await Promise.all([reachedTwice(probeFromHost, fromHost), reachedTwice((list) => probeFromOutside(outside, list), fromOutside)]);
  view.ingress.push(...host, ...network);
  return sortedView(view);
}
