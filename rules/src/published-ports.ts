import { isMap as isYamlMap, isScalar as isYamlScalar } from 'yaml';
import {
  bracketed,
  describePort,
  get,
  isUninterpolated,
  networkModeOf,
  parseIpAddress,
  str,
  yamlEditorFor,
  type Fix,
  type Project,
  type Topology,
  type TopologyService,
  type WrittenPort,
} from '@composure/core/rule-kit';

/**
 * Whether Docker binds the published ports of a service, for rules about ports on the host.
 * `network_mode: host` discards them, `none` has nothing to bind on, `service:`/`container:`
 * make Docker refuse them (no-network-mode-conflict says so); a service only on internal
 * networks has no gateway to bind them on (no-unreachable-ports says so), and a macvlan or
 * ipvlan gateway maps no port (the topology's ingress says why).
 */
export function bindsPorts(service: TopologyService, topology: Topology): boolean {
  const mode = networkModeOf(service.node);
  // A network outside the project may be a bridge: its ports may be bound. One of the project's is judged as `networks` are.
  if (mode && service.mode !== 'network') return mode.kind === 'bridge' || mode.kind === 'network';
  const gateway = service.gateway === undefined ? undefined : topology.networks.get(service.gateway);
  return gateway !== undefined && gateway.driver !== 'macvlan' && gateway.driver !== 'ipvlan';
}

/** A published port as the canonical form writes it, `8080` or `8000-8010`, as bounds; undefined for anything else (unresolved variables). */
export function hostPortRange(published: string | undefined): { low: number; high: number } | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(published?.trim() ?? '');
  if (!match) return undefined;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return high < low ? undefined : { low, high };
}

/**
 * Which host addresses a binding takes, as Docker's port allocator sees them
 * (libnetwork/portallocator): an empty host IP binds 0.0.0.0 and [::]; a port on 0.0.0.0
 * must be free on every address, and a port on any address must be free on 0.0.0.0;
 * `::` takes the port on every IPv6 address (a wildcard bind); other addresses only themselves.
 */
export type HostAddress =
  | { kind: 'all' } // host_ip empty or absent
  | { kind: 'v4-any' } // 0.0.0.0
  | { kind: 'v6-any' } // ::, in any spelling
  | { kind: 'v4' | 'v6'; /** Canonical text, to compare. */ address: string; /** As written, to show. */ written: string };

/** A port's `host_ip` read as an address; undefined while it still holds a variable. */
export function hostAddressOf(hostIp: string | undefined): HostAddress | undefined {
  if (hostIp === undefined || hostIp.trim() === '') return { kind: 'all' };
  if (isUninterpolated(hostIp)) return undefined;
  const written = hostIp.trim().replace(/^\[(.*)\]$/, '$1');
  const parsed = parseIpAddress(written);
  const address = parsed.ok ? parsed.value.text : written.toLowerCase();
  if (written.includes(':')) return address === '::' ? { kind: 'v6-any' } : { kind: 'v6', address, written };
  return address === '0.0.0.0' ? { kind: 'v4-any' } : { kind: 'v4', address, written };
}

/** Whether a port bound there is open on every interface of the host (of one family, for 0.0.0.0 and ::). */
export function isWildcard(host: HostAddress): boolean {
  return host.kind === 'all' || host.kind === 'v4-any' || host.kind === 'v6-any';
}

/** The suggestion of binding published ports to loopback, as the rules that propose it word it. */
export const LOOPBACK_BIND_MESSAGE = 'Publish on 127.0.0.1 only ({{ports}})';

/** The short syntax of the port bound to an address: `127.0.0.1:8080:80`, `127.0.0.1::80` for an ephemeral host port. */
export function boundTo(port: WrittenPort, address: string, hostIp: string | undefined): string {
  let text = describePort(port);
  if (hostIp !== undefined && hostIp !== '') text = text.slice(bracketed(hostIp).length + 1);
  const published = port.entries.some((e) => (str(get(e, 'published')) ?? '') !== '');
  return `${bracketed(address)}:${published ? '' : ':'}${text}`;
}

/**
 * The port bound to `address` where it is written: the short syntax rewritten
 * (`"8080:80"` → `"127.0.0.1:8080:80"`), or `host_ip` set in a long-syntax entry. None when
 * the entry is shared through an anchor or written with a variable.
 */
export function bindFix(project: Project, port: WrittenPort, address: string, hostIp: string | undefined): Fix | undefined {
  const entry = port.entries[0];
  const loc = entry.loc;
  if (!loc) return undefined;
  const editor = yamlEditorFor(project, loc.file);
  if (!editor || project.files.get(loc.file)?.text.slice(loc.start, loc.end).includes('$')) return undefined;
  const written = editor.nodeAt(loc);
  if (!written || editor.isShared(written)) return undefined;
  const edits = isYamlScalar(written)
    ? editor.replaceScalar(written, boundTo(port, address, hostIp))
    : isYamlMap(written)
      ? editor.setEntry(written, 'host_ip', address)
      : undefined;
  return edits && edits.length > 0 ? { edits } : undefined;
}
