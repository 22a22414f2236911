import { relative } from 'node:path';
import {
  defineRule,
  describePort,
  get,
  isScalar,
  isUninterpolated,
  services,
  str,
  writtenPorts,
  type MapNode,
  type Node,
  type Project,
  type SuggestionDescriptor,
  type WrittenPort,
} from '@composure/core/rule-kit';
import { removeItemFix } from '../suggest.js';
import { bindsPorts, hostPortRange } from '../published-ports.js';
import { unresolvedAt } from '../unresolved.js';

/**
 * The host address of a binding, as Docker's port allocator treats it: an empty host IP
 * binds every IPv4 and IPv6 address, `0.0.0.0` every IPv4 one, `::` every IPv6 one.
 */
type Host = { kind: 'all' } | { kind: 'any'; family: 4 | 6 } | { kind: 'one'; family: 4 | 6; address: string };

interface Binding {
  host: Host;
  protocol: string;
  target: number;
  /** The host port or range as the canonical form writes it (`8080`, `8000-8010`); undefined: Docker picks one. */
  published?: string;
  /** A single host port (not a range). */
  port?: number;
  written: WrittenPort;
}

/** An IPv6 address in its one shortest spelling (`0:0:0:0:0:0:0:1` → `::1`), as the URL parser writes it; the text itself if it is not one. */
function canonicalIpv6(text: string): string {
  try {
    return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return text;
  }
}

function hostOf(hostIp: string | undefined): Host | undefined {
  if (hostIp === undefined || hostIp === '') return { kind: 'all' };
  if (isUninterpolated(hostIp)) return undefined;
  const text = hostIp.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (!text.includes(':')) return text === '0.0.0.0' ? { kind: 'any', family: 4 } : { kind: 'one', family: 4, address: text };
  const address = canonicalIpv6(text);
  return address === '::' ? { kind: 'any', family: 6 } : { kind: 'one', family: 6, address };
}

/** One spelling per host address: `all`, `any4`, `one6:::1`. */
const hostKey = (host: Host) => (host.kind === 'all' ? 'all' : host.kind === 'any' ? `any${host.family}` : `one${host.family}:${host.address}`);

/** Whether two host addresses share a port: the same address, or a wildcard covering the other. */
function overlap(a: Host, b: Host): boolean {
  if (a.kind === 'all' || b.kind === 'all') return true;
  if (a.family !== b.family) return false;
  return a.kind === 'any' || b.kind === 'any' || a.address === b.address;
}

function bindingOf(entry: MapNode, written: WrittenPort): Binding | undefined {
  const target = get(entry, 'target');
  if (!isScalar(target) || typeof target.value !== 'number') return undefined;
  const host = hostOf(str(get(entry, 'host_ip')));
  if (!host) return undefined;
  const published = str(get(entry, 'published'))?.trim();
  const binding: Binding = { host, protocol: (str(get(entry, 'protocol')) ?? 'tcp').toLowerCase(), target: target.value, written };
  if (published === undefined || published === '') return binding;
  const range = hostPortRange(published);
  // Not a port or a range: an unresolved variable (the interpolation finding says why) or what the schema reports.
  if (!range) return undefined;
  binding.published = range.low === range.high ? String(range.low) : `${range.low}-${range.high}`;
  if (range.low === range.high) binding.port = range.low;
  return binding;
}

type Clash = 'same' | 'host-port';

/** How `later` clashes with `earlier`, in one service, or undefined. */
function clash(later: Binding, earlier: Binding): Clash | undefined {
  if (later.protocol !== earlier.protocol) return undefined;
  // The same entry twice (Docker picks a host port or takes one from a range for each).
  if (later.target === earlier.target && later.published === earlier.published && hostKey(later.host) === hostKey(earlier.host)) return 'same';
  // One host port, on addresses that overlap, for two bindings: the second bind fails.
  if (later.port !== undefined && later.port === earlier.port && overlap(later.host, earlier.host)) return 'host-port';
  return undefined;
}

/** Where the earlier entry is, as a message names it: `at line 5`, or `at line 5 of compose.yaml` when it is in another file than `from`. */
function whereIs(project: Project, port: WrittenPort, from: WrittenPort): string {
  const loc = port.at.loc;
  const file = loc ? project.files.get(loc.file) : undefined;
  if (!loc || !file) return 'earlier';
  const { line } = file.position(loc.start);
  return loc.file === from.at.loc?.file ? `at line ${line}` : `at line ${line} of ${relative(project.workingDir, loc.file) || loc.file}`;
}

export const noDuplicatePorts = defineRule({
  meta: {
    id: 'no-duplicate-ports',
    description: 'A service must not publish the same port entry twice, nor the same host port for two bindings.',
    severity: 'error',
    recommended: true,
    category: 'hygiene',
    oncePerPlace: true,
    peers: ['dclint no-duplicate-exported-ports'],
    hasSuggestions: true,
    messages: {
      removeEntry: 'Remove this "{{entry}}"',
      hostPortTwice:
        'Service "{{service}}" publishes host port {{port}}/{{protocol}} twice: "{{entry}}" and "{{other}}" {{where}} bind the same host address, so the container fails to start with "port is already allocated". Publish a different host port or remove one of the two entries.',
      entryTwice:
        'Service "{{service}}" lists the port "{{entry}}" twice (the other entry, "{{other}}", is {{where}}): Docker binds host port {{port}}/{{protocol}} a second time, which fails with "port is already allocated". Remove one of the two entries.',
      containerPortTwice:
        'Service "{{service}}" publishes container port {{target}}/{{protocol}} on {{from}} twice ({{elsewhere}}): Docker binds it to a second host port. Remove one of the two entries.',
    },
  },
  check(context) {
    const { project, topology } = context;
    const unresolved = unresolvedAt(project);
    for (const service of services(project)) {
      const modelled = topology.services.get(service.name);
      // host/none/service:/container: network modes, or only internal networks: Docker binds none of the ports.
      if (!modelled || !bindsPorts(modelled, context.topology)) continue;
      const earlier: Binding[] = [];
      for (const port of writtenPorts(get(service.node, 'ports'))) {
        if (unresolved(port.at.loc, port.entries[0]?.loc)) continue;
        const bindings = port.entries.map((entry) => bindingOf(entry, port)).filter((b): b is Binding => b !== undefined);
        let found: { kind: Clash; other: Binding; binding: Binding } | undefined;
        for (const binding of bindings) {
          for (const other of earlier) {
            const kind = clash(binding, other);
            if (kind) {
              found = { kind, other, binding };
              break;
            }
          }
          if (found) break;
        }
        earlier.push(...bindings);
        if (!found) continue;
        const { kind, other, binding } = found;
        const here = describePort(port);
        const there = describePort(other.written);
        const where = whereIs(project, other.written, port);
        const entries = { service: service.name, entry: here, other: there, where, protocol: binding.protocol };
        if (kind === 'host-port' || binding.port !== undefined) {
          context.report({
            messageId: kind === 'host-port' ? 'hostPortTwice' : 'entryTwice',
            data: { ...entries, port: binding.port! },
            at: port.at,
            service: service.name,
            // The same entry twice: removing this one is what the message asks; a suggestion all the same (which of the two stays is the author's call).
            suggest: kind === 'host-port' ? undefined : removeEntrySuggestion(project, port.entries[0], here),
          });
        } else {
          const from = binding.published === undefined ? 'a random host port' : `a host port from ${binding.published}`;
          const elsewhere = where === 'earlier' ? 'another entry does too' : `the other entry is ${where}`;
          context.report({
            messageId: 'containerPortTwice',
            data: { service: service.name, target: binding.target, protocol: binding.protocol, from, elsewhere },
            at: port.at,
            service: service.name,
          });
        }
      }
    }
  },
});

function removeEntrySuggestion(project: Project, at: Node, entry: string): SuggestionDescriptor<'removeEntry'>[] | undefined {
  const fix = removeItemFix(project, at);
  return fix ? [{ messageId: 'removeEntry', data: { entry }, fix }] : undefined;
}
