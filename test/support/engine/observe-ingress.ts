/**
 * What answers from outside the project: every port binding the engine made, tried from the host
 * and from the outside namespace (over IPv4 or IPv6, as it is bound), and every port of the
 * members of macvlan networks, from their LAN (the outside namespace is on it).
 */
import { spawn } from 'node:child_process';
import type { EngineState } from './engine-state.js';
import { lanNetworkNames } from './lan.js';
import { listenerPorts, tokenOf } from './listeners.js';
import type { ProjectSpec } from './model.js';
import { probeFromOutside, type Outside } from './outside.js';
import { BUSYBOX } from './probe-image.js';
import { probeScript, reachedKeys, reachedTwice, type ProbeTarget } from './probe-script.js';
import { clientsOf, ingressLine, lanLine, publishedLabel } from './view.js';

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

export async function observeIngress(spec: ProjectSpec, state: EngineState, outside: Outside): Promise<string[]> {
  const fromHost: ProbeTarget[] = [];
  const fromOutside: ProbeTarget[] = [];
  for (const [service, container] of state.containers) {
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
        const address = v6 ? outside.hostAddress6 : outside.hostAddress;
        fromOutside.push({ key: ingressLine(service, Number(target), published, outsideClient), address, port, token });
      }
    }
  }
  const lans = lanNetworkNames(spec);
  for (const service of state.containers.keys())
    for (const [name, endpoint] of state.endpointsOf(service))
      if (lans.has(name) && endpoint.IPAddress)
        for (const port of listenerPorts(spec.services[service]))
          fromOutside.push({ key: lanLine(service, port), address: endpoint.IPAddress, port, token: tokenOf(spec.name, service, port) });
  const [host, network] = await Promise.all([reachedTwice(probeFromHost, fromHost), reachedTwice((list) => probeFromOutside(outside, list), fromOutside)]);
  return [...host, ...network];
}
