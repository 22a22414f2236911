import type { PortMap } from '../api.js';
import type { RunningContainer } from '../running-project.js';
import { containerText, type DriftContext } from './context.js';
import type { DeclaredPort } from './declared.js';
import type { DriftFinding } from './finding.js';

/**
 * port-mismatch: the ports each container was created to publish (HostConfig.PortBindings, what
 * Compose asks for from `ports:`) against the files, and, while it runs, any port bound for a
 * container port it was not asked to publish (`docker run -P`).
 */

interface Binding {
  hostIp: string;
  hostPort: string;
  target: number;
  protocol: string;
}

/** Every interface is '' whichever way it was written. */
const anyInterface = (ip: string) => (ip === '0.0.0.0' ? '' : ip);

function bindingsOf(ports: PortMap | null | undefined): Binding[] {
  const out: Binding[] = [];
  for (const [port, bindings] of Object.entries(ports ?? {})) {
    const [target, protocol = 'tcp'] = port.split('/');
    for (const b of bindings ?? []) out.push({ hostIp: anyInterface(b.HostIp ?? ''), hostPort: b.HostPort ?? '', target: Number(target), protocol });
  }
  return out;
}

/** Compose's short syntax: `[HOST_IP:][HOST_PORT:]TARGET[/PROTOCOL]` (`127.0.0.1::80` for an ephemeral port on one interface). */
export function portText(p: Binding): string {
  const ip = p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp;
  const host = ip ? `${ip}:${p.hostPort}:` : p.hostPort ? `${p.hostPort}:` : '';
  return `${host}${p.target}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`;
}

const same = (a: Binding, b: Binding) => a.hostIp === b.hostIp && a.hostPort === b.hostPort && a.target === b.target && a.protocol === b.protocol;
const sameTarget = (a: Binding, b: Binding) => a.target === b.target && a.protocol === b.protocol;
const list = (ports: Binding[]) => ports.map(portText).join(', ');

function containerPortFindings(c: RunningContainer, service: string, declared: DeclaredPort[]): { message: string; port?: DeclaredPort }[] {
  const requested = bindingsOf(c.inspect.HostConfig.PortBindings);
  const unmatched = [...requested];
  const missing: DeclaredPort[] = [];
  for (const port of declared) {
    const i = unmatched.findIndex((b) => same(b, port));
    if (i >= 0) unmatched.splice(i, 1);
    else missing.push(port);
  }
  const messages: { message: string; port?: DeclaredPort }[] = [];
  for (const port of missing) {
    const instead = unmatched.filter((b) => sameTarget(b, port));
    for (const b of instead) unmatched.splice(unmatched.indexOf(b), 1);
    messages.push({
      port,
      message:
        instead.length > 0
          ? `${containerText(c)} publishes ${list(instead)}; the files publish ${portText(port)} for service ${service}`
          : `${containerText(c)} does not publish ${portText(port)}, which the files publish for service ${service}`,
    });
  }
  for (const b of unmatched) messages.push({ message: `${containerText(c)} publishes ${portText(b)}, which the files do not publish for service ${service}` });
  // Bound while running without being asked for (publish-all): the port Docker chose is the one to show.
  const asked = new Set(requested.map((b) => `${b.target}/${b.protocol}`));
  const bound = bindingsOf(c.inspect.NetworkSettings.Ports).filter((b) => !asked.has(`${b.target}/${b.protocol}`));
  const seen = new Set<string>();
  for (const b of bound) {
    // The engine lists an any-interface binding once per address family.
    const key = `${b.hostPort}:${b.target}/${b.protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    messages.push({
      message: `${containerText(c)} binds ${portText({ ...b, hostIp: b.hostIp === '::' ? '' : b.hostIp })}, which the files do not publish for service ${service}`,
    });
  }
  return messages;
}

export function portFindings(context: DriftContext): DriftFinding[] {
  const { declared, byService } = context;
  const findings: DriftFinding[] = [];
  for (const service of declared.services.values()) {
    if (service.model.mode !== 'networks' && service.model.mode !== 'bridge') continue;
    for (const c of byService.get(service.name) ?? []) {
      for (const { message, port } of containerPortFindings(c, service.name, service.ports)) {
        findings.push({ kind: 'port-mismatch', service: service.name, message, loc: port?.loc ?? service.loc });
      }
    }
  }
  return findings;
}
