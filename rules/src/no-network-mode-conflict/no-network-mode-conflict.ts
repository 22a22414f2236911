import { defineRule, get, isMap, isScalar, isSeq, networkModeOf, services, type NetworkModeSetting, type Node, type Pair } from '@composure/core/rule-kit';

/** A key counts when Docker would see it: a non-empty list, mapping or string. */
function isSet(node: Node | undefined): boolean {
  if (isSeq(node)) return node.items.length > 0;
  if (isMap(node)) return node.entries.size > 0;
  return isScalar(node) && node.value !== null && node.value !== '';
}

/**
 * Why `key` cannot go with this network mode, or undefined when it can.
 * Sources: compose-go's consistency check (`networks`), and the Docker daemon's
 * runconfig.validateNetMode / validateNetContainerMode and its create warnings.
 */
function conflict(key: string, mode: NetworkModeSetting): string | undefined {
  if (key === 'networks') {
    return 'Compose refuses the project ("declares mutually exclusive `network_mode` and `networks`"); keep only one of them';
  }
  const owner = mode.kind === 'service' ? `service "${mode.owner}"` : `container "${mode.owner}"`;
  switch (mode.kind) {
    case 'host':
      if (key === 'ports')
        return 'Docker discards published ports in host mode ("Published ports are discarded when using host network mode") because the container listens on the host\'s interfaces directly; remove ports';
      if (key === 'links') return 'Docker refuses links in host mode ("conflicting options: host type networking can\'t be used with links"); remove links';
      if (key === 'mac_address')
        return 'a host-mode container has no interface of its own, so Docker refuses a MAC address ("conflicting options: mac-address and the network mode"); remove mac_address';
      return undefined;
    case 'none':
      if (key === 'ports') return 'the container has no network interface, so Docker binds none of its published ports; remove ports';
      if (key === 'mac_address') return 'the container has no network interface to give a MAC address; remove mac_address';
      return undefined;
    case 'service':
    case 'container': {
      const refused = (what: string, error: string) =>
        `the container joins the network namespace of ${owner}, and Docker refuses ${what} on it ("conflicting options: ${error}")`;
      const ignored = (what: string) => `the container joins the network namespace of ${owner} and uses its ${what}, so Docker ignores this one`;
      switch (key) {
        case 'ports':
          return `${refused('published ports', 'port publishing and the container type network mode')}; publish them on ${owner}`;
        case 'expose':
          return `${refused('exposed ports', 'port exposing and the container type network mode')}; expose them on ${owner}`;
        case 'links':
          return `${refused('links', "container type network can't be used with links")}; remove links`;
        case 'hostname':
          return `${refused('a hostname', 'hostname and the network mode')}; set it on ${owner}`;
        case 'dns':
          return `${refused('DNS servers', 'dns and the network mode')}; set them on ${owner}`;
        case 'extra_hosts':
          return `${refused('extra hosts', 'custom host-to-IP mapping and the network mode')}; set them on ${owner}`;
        case 'mac_address':
          return `${refused('a MAC address', 'mac-address and the network mode')}; set it on ${owner}`;
        case 'dns_search':
        case 'dns_opt':
          return `${ignored('/etc/resolv.conf')}; set it on ${owner}`;
        case 'domainname':
          return `${ignored('hostname and domain name')}; set it on ${owner}`;
      }
      return undefined;
    }
    default:
      // bridge, a named network, or an unresolved value: only `networks` conflicts.
      return undefined;
  }
}

/**
 * The `net.*` sysctls of a service (canonical form: a mapping): in the host's network namespace
 * the runtime refuses them, privileged or not (runc: "sysctl … not allowed in host network namespace").
 */
function netSysctls(service: Node): Pair[] {
  const sysctls = get(service, 'sysctls');
  return isMap(sysctls) ? [...sysctls.entries.values()].filter((pair) => String(pair.key.value).startsWith('net.')) : [];
}

export const noNetworkModeConflict = defineRule({
  meta: {
    id: 'no-network-mode-conflict',
    description:
      '`network_mode` must not be combined with keys that Docker Compose or Docker rejects or ignores in that mode (`networks`, `ports`, `links`, `dns`, `extra_hosts`, `hostname`…).',
    severity: 'error',
    recommended: true,
    category: 'network',
    oncePerPlace: true,
    messages: {
      conflict: 'Service "{{service}}" sets {{key}} with network_mode "{{mode}}": {{reason}}.',
      netSysctlOnHost:
        'Service "{{service}}" sets the sysctl {{sysctl}} with network_mode "host": the container shares the host\'s network namespace, and Docker refuses to start it ("sysctl … not allowed in host network namespace"); set it on the host instead, or drop network_mode: host.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      if (!isMap(service.node)) continue;
      const mode = networkModeOf(service.node);
      if (!mode) continue;
      if (mode.kind === 'host') {
        for (const sysctl of netSysctls(service.node)) {
          const data = { service: service.name, sysctl: String(sysctl.key.value) };
          context.report({ messageId: 'netSysctlOnHost', data, at: sysctl, service: service.name });
        }
      }
      for (const [key, pair] of service.node.entries) {
        // The canonical model adds the implicit `default` network only to services without network_mode,
        // so a `networks` key here is one the user wrote.
        if (!isSet(pair.value)) continue;
        const reason = conflict(key, mode);
        if (reason === undefined) continue;
        context.report({
          messageId: 'conflict',
          data: { service: service.name, key, mode: mode.text, reason },
          at: pair,
          service: service.name,
        });
      }
    }
  },
});
