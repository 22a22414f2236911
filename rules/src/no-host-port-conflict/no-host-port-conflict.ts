import {
  bracketed,
  defineRule,
  get,
  networkModeOf,
  splitServiceName,
  str,
  writtenPorts,
  type MapNode,
  type Node,
  type ReportDescriptor,
  type ReportMessage,
  type TopologyService,
} from '@composure/core/rule-kit';
import { hostAddressOf, hostPortRange, type HostAddress } from '../published-ports.js';
import { replicatedSetting, type Replicated } from '../replicas.js';

export interface Binding {
  service: string;
  host: HostAddress;
  protocol: string;
  /** Host port, or the bounds of a host range. */
  low: number;
  high: number;
  /** One container port with a host range: Docker takes one free port from it. */
  range: boolean;
  /** Where the entry was written. */
  at: Node;
}

function overlapHosts(a: HostAddress, b: HostAddress): boolean {
  if (a.kind === 'all' || b.kind === 'all' || a.kind === 'v4-any' || b.kind === 'v4-any') return true;
  if (a.kind === 'v6-any') return b.kind === 'v6' || b.kind === 'v6-any';
  if (b.kind === 'v6-any') return a.kind === 'v6';
  return a.kind === b.kind && a.address === b.address;
}

/** How a message names the addresses: ` on every interface`, ` on 127.0.0.1`, ` on [::1]`. */
function onHost(host: HostAddress): string {
  switch (host.kind) {
    case 'all':
      return ' on every interface';
    case 'v4-any':
      return ' on 0.0.0.0';
    case 'v6-any':
      return ' on [::]';
    default:
      return ` on ${bracketed(host.written)}`;
  }
}

function bindingOf(service: string, entry: MapNode, at: Node): Binding | undefined {
  // No published port (Docker picks an ephemeral one, which never conflicts), or an unresolved one.
  const ports = hostPortRange(str(get(entry, 'published')));
  if (!ports) return undefined;
  const { low, high } = ports;
  const host = hostAddressOf(str(get(entry, 'host_ip')));
  if (!host) return undefined;
  const protocol = (str(get(entry, 'protocol')) ?? 'tcp').toLowerCase();
  return { service, host, protocol, low, high, range: high !== low, at };
}

/** Why `later` cannot have its port while `earlier` has one (a message id and its data), or undefined. */
export function clash(later: Binding, earlier: Binding): ReportMessage<'samePort' | 'portInRange' | 'rangeHoldsPort'> | undefined {
  if (later.service === earlier.service || later.protocol !== earlier.protocol || !overlapHosts(later.host, earlier.host)) return undefined;
  const both = { service: later.service, protocol: later.protocol, where: onHost(later.host), other: earlier.service, otherWhere: onHost(earlier.host) };
  if (!later.range && !earlier.range) {
    if (later.low !== earlier.low) return undefined;
    return { messageId: 'samePort', data: { ...both, port: later.low } };
  }
  if (!later.range && earlier.range) {
    if (later.low < earlier.low || later.low > earlier.high) return undefined;
    return { messageId: 'portInRange', data: { ...both, port: later.low, low: earlier.low, high: earlier.high } };
  }
  if (later.range && !earlier.range) {
    if (earlier.low < later.low || earlier.low > later.high) return undefined;
    return { messageId: 'rangeHoldsPort', data: { ...both, port: earlier.low, low: later.low, high: later.high } };
  }
  // Two ranges share a pool: each container takes a free port from it, which fails only when the pool runs out.
  return undefined;
}

/**
 * Why the containers of a replicated service cannot all have this binding, or undefined: every
 * container binds the same fixed port, or takes one from a range that has fewer ports than
 * containers (Docker: "port is already allocated", "all ports are allocated").
 */
function replicaShortfall(binding: Binding, replicated: Replicated): ReportMessage<'replicatedPort' | 'replicatedRange'> | undefined {
  const replicas = { service: binding.service, protocol: binding.protocol, where: onHost(binding.host), count: replicated.count, key: replicated.key };
  if (!binding.range) return { messageId: 'replicatedPort', data: { ...replicas, port: binding.low } };
  const size = binding.high - binding.low + 1;
  if (size >= replicated.count) return undefined;
  return { messageId: 'replicatedRange', data: { ...replicas, low: binding.low, high: binding.high, size } };
}

/**
 * The bindings of earlier services, by protocol and host port: a later binding is checked against
 * those it could clash with, not against every one (thousands of services made this quadratic).
 * Exported for the test that holds it to a scan of every earlier binding.
 */
export class EarlierBindings {
  private readonly singles = new Map<string, Binding[]>();
  private readonly ranges: Binding[] = [];
  private readonly order = new Map<Binding, number>();

  add(binding: Binding): void {
    this.order.set(binding, this.order.size);
    if (binding.range) this.ranges.push(binding);
    else {
      const key = `${binding.protocol}/${binding.low}`;
      const list = this.singles.get(key);
      if (list) list.push(binding);
      else this.singles.set(key, [binding]);
    }
  }

  /** Every earlier binding of the protocol that shares a port with `later` (two ranges never clash), in the order added. */
  candidates(later: Binding): Binding[] {
    const found: Binding[] = [];
    if (!later.range) {
      found.push(...(this.singles.get(`${later.protocol}/${later.low}`) ?? []));
      for (const range of this.ranges) if (range.protocol === later.protocol && range.low <= later.low && later.low <= range.high) found.push(range);
    } else if (later.high - later.low < this.singles.size) {
      for (let port = later.low; port <= later.high; port++) found.push(...(this.singles.get(`${later.protocol}/${port}`) ?? []));
    } else {
      for (const list of this.singles.values())
        for (const single of list) if (single.protocol === later.protocol && later.low <= single.low && single.low <= later.high) found.push(single);
    }
    return found.length > 1 ? found.sort((a, b) => this.order.get(a)! - this.order.get(b)!) : found;
  }
}

/**
 * Reports each written port entry whose host port an earlier service already holds (`apart`: only
 * against services it says are apart), and, with `replicas`, a replicated service's fixed ports.
 */
function checkBindings(
  services: Iterable<TopologyService>,
  report: (descriptor: ReportDescriptor<MessageId>) => void,
  options: { replicas: boolean; apart?: (later: string, earlier: string) => boolean },
): void {
  const earlier = new EarlierBindings();
  for (const service of services) {
    const mode = networkModeOf(service.node);
    // host: published ports are discarded; none: nothing to bind on; service:/container: Docker refuses
    // the ports (no-network-mode-conflict says so), the namespace's owner publishes them.
    if (mode && mode.kind !== 'bridge' && mode.kind !== 'network') continue;
    // Only on internal networks: Docker binds nothing (no-unreachable-ports says so).
    if (!mode && !service.egress) continue;
    const replicated = options.replicas ? replicatedSetting(service.node) : undefined;
    for (const port of writtenPorts(get(service.node, 'ports'))) {
      const bindings = port.entries.map((entry) => bindingOf(service.name, entry, port.at)).filter((b): b is Binding => b !== undefined);
      // One finding per written entry: `"3000-3002:3000-3002"` is three fixed ports, one mistake.
      const shortfall = replicated && bindings.map((binding) => replicaShortfall(binding, replicated)).find((found) => found !== undefined);
      if (shortfall) report({ ...shortfall, at: port.at, service: service.name });
      const found = bindings
        .flatMap((binding) =>
          earlier
            .candidates(binding)
            .filter((other) => !options.apart || options.apart(binding.service, other.service))
            .map((other) => clash(binding, other)),
        )
        .find((clashing) => clashing !== undefined);
      if (found) report({ ...found, at: port.at, service: service.name });
      for (const binding of bindings) earlier.add(binding);
    }
  }
}

type MessageId = 'samePort' | 'portInRange' | 'rangeHoldsPort' | 'replicatedPort' | 'replicatedRange';

export const noHostPortConflict = defineRule({
  meta: {
    id: 'no-host-port-conflict',
    description:
      'Two services must not publish the same host port on overlapping host addresses with the same protocol, and a service that runs several containers must not publish a fixed host port.',
    severity: 'error',
    recommended: true,
    category: 'network',
    oncePerPlace: true,
    peers: ['dclint no-duplicate-exported-ports'],
    messages: {
      samePort:
        'Service "{{service}}" publishes host port {{port}}/{{protocol}}{{where}}, which service "{{other}}" already publishes{{otherWhere}}: the container started second fails with "port is already allocated"; publish a different host port or bind the two to different host IPs.',
      portInRange:
        'Service "{{service}}" publishes host port {{port}}/{{protocol}}{{where}}, inside the range {{low}}-{{high}} from which service "{{other}}" takes a free port{{otherWhere}}: Docker may give {{port}} to "{{other}}", and then "{{service}}" fails to start; move the port out of the range or narrow the range.',
      rangeHoldsPort:
        'Service "{{service}}" takes a host port from the range {{low}}-{{high}}/{{protocol}}{{where}}, which includes port {{port}} that service "{{other}}" publishes{{otherWhere}}: Docker may give {{port}} to "{{service}}", and then "{{other}}" fails to start; narrow the range or move the port out of it.',
      replicatedPort:
        'Service "{{service}}" publishes host port {{port}}/{{protocol}}{{where}} but runs {{count}} containers ({{key}}): the first container takes the port and every other fails with "port is already allocated"; publish a host port range with a port for each container, leave the host port out (Docker then picks a free one), or run one container.',
      replicatedRange:
        'Service "{{service}}" takes host ports from the range {{low}}-{{high}}/{{protocol}}{{where}} ({{size}} ports) but runs {{count}} containers ({{key}}): once the range is used up the next container fails with "all ports are allocated"; widen the range to {{count}} ports or run fewer containers.',
    },
  },
  check(context) {
    checkBindings(context.topology.services.values(), context.report, { replicas: true });
  },
  checkWorkspace(context) {
    // One host: a port another project publishes is taken too (each project's own clashes are check's).
    const projectOf = (service: string) => splitServiceName(service).project;
    checkBindings(context.workspace.topology.services.values(), context.report, {
      replicas: false,
      apart: (a, b) => projectOf(a) !== projectOf(b),
    });
  },
});
