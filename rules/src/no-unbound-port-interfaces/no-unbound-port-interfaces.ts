import {
  bracketed,
  defineRule,
  describePort,
  get,
  str,
  writtenPorts,
  type Project,
  type SuggestionDescriptor,
  type WrittenPort,
} from '@composure/core/rule-kit';
import { bindFix, bindsPorts, boundTo, hostAddressOf, hostPortRange, isWildcard, LOOPBACK_BIND_MESSAGE } from '../published-ports.js';
import optionsSchema from './options.schema.json' with { type: 'json' };

export interface NoUnboundPortInterfacesOptions {
  /** Host ports meant to be public: published on every interface without a finding (e.g. 80 and 443 of a reverse proxy). */
  allowedPorts: number[];
  /**
   * The host address the autofix binds reported ports to (e.g. `127.0.0.1`). Undefined: no fix is
   * offered, since only the project knows whether a port is meant to be public.
   */
  fixBindAddress?: string;
}

/**
 * Container ports of remote shells, container and cluster control planes, databases, caches and
 * admin consoles: open to the whole network they are an error, not a warning.
 */
export const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [23, 'Telnet'],
  [1433, 'SQL Server'],
  [1521, 'Oracle Database'],
  [2375, 'the Docker API'],
  [2376, 'the Docker API'],
  [2379, 'etcd'],
  [2380, 'etcd'],
  [3306, 'MySQL'],
  [3389, 'RDP'],
  [5432, 'PostgreSQL'],
  [5601, 'Kibana'],
  [5900, 'VNC'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [6443, 'the Kubernetes API'],
  [7474, 'Neo4j'],
  [7687, 'Neo4j'],
  [8086, 'InfluxDB'],
  [9042, 'Cassandra'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch'],
  [10250, 'the kubelet API'],
  [11211, 'memcached'],
  [15672, 'the RabbitMQ management console'],
  [27017, 'MongoDB'],
]);

const defaultOptions: NoUnboundPortInterfacesOptions = { allowedPorts: [], fixBindAddress: undefined };

export const noUnboundPortInterfaces = defineRule({
  meta: {
    id: 'no-unbound-port-interfaces',
    description: 'Published ports should be bound to a host address: without one Docker binds every interface, past host firewalls.',
    severity: 'warning',
    recommended: true,
    fixable: true,
    hasSuggestions: true,
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS Container Traffic Not Bound To Host Interface', 'dclint no-unbound-port-interfaces', 'compose-lint CL-0005', 'DockSec'],
    optionsSchema,
    messages: {
      bind: LOOPBACK_BIND_MESSAGE,
      unbound: `Service "{{service}}" publishes {{port}} {{where}}: Docker's own iptables rules let it past host firewalls such as ufw, so anyone who can reach the host can reach it; {{fix}}.`,
    },
  },
  defaultOptions,
  check(context) {
    // Validated against options.schema.json at load; the filter only satisfies the types.
    const configured: unknown = context.options.allowedPorts;
    const allowed = new Set(Array.isArray(configured) ? configured.filter((p): p is number => Number.isInteger(p)) : []);
    const fixAddress = typeof context.options.fixBindAddress === 'string' ? context.options.fixBindAddress.replace(/^\[(.*)\]$/, '$1') : undefined;
    for (const service of context.topology.services.values()) {
      if (!bindsPorts(service, context.topology)) continue;
      for (const port of writtenPorts(get(service.node, 'ports'))) {
        const hostIp = str(get(port.entries[0], 'host_ip'));
        const host = hostAddressOf(hostIp);
        if (!host || !isWildcard(host)) continue;
        const ranges = port.entries.map((e) => str(get(e, 'published')));
        // A host port written with a variable that could not be resolved: unknown.
        if (ranges.some((p) => p !== undefined && p !== '' && !hostPortRange(p))) continue;
        const hostPorts = ranges.map(hostPortRange);
        const ephemeral = hostPorts.some((r) => r === undefined);
        const isAllowed = (r: { low: number; high: number }) => {
          for (let p = r.low; p <= r.high; p++) if (!allowed.has(p)) return false;
          return true;
        };
        if (!ephemeral && hostPorts.every((r) => isAllowed(r!))) continue;

        const targets = port.entries.map((e) => get(e, 'target')).map((t) => (t?.kind === 'scalar' && typeof t.value === 'number' ? t.value : undefined));
        const sensitive = targets.map((t) => (t === undefined ? undefined : SENSITIVE_PORTS.get(t))).find((name) => name !== undefined);
        const written = describePort(port);
        const kind = [sensitive, ephemeral ? 'on a random host port' : undefined].filter((k) => k !== undefined).join(', ');
        const what = kind === '' ? `port "${written}"` : `port "${written}" (${kind})`;
        const where = hostIp === undefined || hostIp.trim() === '' ? 'on every host interface' : `on every host interface (${bracketed(hostIp.trim())})`;
        const bind = `bind it to an address (${boundTo(port, fixAddress ?? '127.0.0.1', hostIp)})`;
        const allow = ephemeral ? '' : `, or list its host port in this rule's allowedPorts option if it is meant to be public`;
        context.report({
          messageId: 'unbound',
          data: { service: service.name, port: what, where, fix: `${bind}${sensitive === undefined ? allow : ''}` },
          at: port.at,
          service: service.name,
          ...(sensitive === undefined ? {} : { severity: 'error' as const }),
          fix: fixAddress === undefined ? undefined : bindFix(context.project, port, fixAddress, hostIp),
          // Without fixBindAddress only the project knows whether the port is meant to be public: offered, never applied unasked.
          suggest: fixAddress === undefined ? loopbackSuggestion(context.project, port, hostIp) : undefined,
        });
      }
    }
  },
});

/** Binding the port to 127.0.0.1, as the message proposes. */
function loopbackSuggestion(project: Project, port: WrittenPort, hostIp: string | undefined): SuggestionDescriptor<'bind'>[] | undefined {
  const fix = bindFix(project, port, '127.0.0.1', hostIp);
  return fix ? [{ messageId: 'bind', data: { ports: boundTo(port, '127.0.0.1', hostIp) }, fix }] : undefined;
}
