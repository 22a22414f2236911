import {
  addressText,
  cidrContains,
  defineRule,
  get,
  isMap,
  parseIpAddress,
  reservedAddressKind,
  sameAddress,
  services,
  type IpAddress,
  type IpFamily,
  type MessageData,
} from '@composure/core/rule-kit';
import { replicatedSetting } from '../replicas.js';
import { addressingOf, implicitGatewayOf, type NetworkAddressing } from './network-addressing.js';

const FIELDS: readonly { field: 'ipv4_address' | 'ipv6_address'; family: IpFamily; other: string }[] = [
  { field: 'ipv4_address', family: 'IPv4', other: 'ipv6_address' },
  { field: 'ipv6_address', family: 'IPv6', other: 'ipv4_address' },
];

export const validStaticIp = defineRule({
  meta: {
    id: 'valid-static-ip',
    description:
      "A service's `ipv4_address` / `ipv6_address` must be an address of that family inside one of the network's configured subnets, not its gateway or a reserved address, and not used twice.",
    severity: 'error',
    recommended: true,
    category: 'network',
    oncePerPlace: true,
    messages: {
      malformed: `The {{field}} "{{address}}" of service "{{service}}" on network "{{network}}" {{problem}}: write a single {{family}} address of the network's subnet.`,
      wrongFamily: 'The {{field}} "{{address}}" of service "{{service}}" on network "{{network}}" is an {{family}} address: move it to {{other}}.',
      ipv6NotEnabled:
        'The ipv6_address "{{address}}" of service "{{service}}" on network "{{network}}" is never assigned: the network does not set enable_ipv6: true, so Docker gives it no IPv6 (an IPv6 subnet under ipam.config is discarded); Docker Engine 29.1 and later refuse the container ("no configured subnet contains IP address {{address}}"), earlier engines start it without the address. Set enable_ipv6: true on network "{{network}}", or drop the address.',
      ipv4Disabled:
        'The ipv4_address "{{address}}" of service "{{service}}" on network "{{network}}" is never assigned: the network sets enable_ipv4: false, so Docker gives it no IPv4; Docker Engine 29.1 and later refuse the container ("no configured subnet contains IP address {{address}}"), earlier engines start it without the address. Drop the address, or enable IPv4 on network "{{network}}".',
      subnetProblem: 'The {{field}} "{{address}}" of service "{{service}}" on network "{{network}}" {{problem}}.',
      taken:
        'The {{field}} "{{address}}" of service "{{service}}" on network "{{network}}" is already used by service "{{holder}}" on this network ("Address already in use"): give each service its own address.',
      replicated:
        'The {{field}} "{{address}}" of service "{{service}}" on network "{{network}}" is one address, but the service runs {{count}} containers ({{key}}): every one after the first fails ("Address already in use"); run one replica or drop the static address.',
    },
  },
  check(context) {
    const declared = get(context.project.root, 'networks');
    const addressing = new Map<string, NetworkAddressing | undefined>();
    const addressingFor = (network: string) => {
      if (!addressing.has(network)) addressing.set(network, addressingOf(get(declared, network)));
      return addressing.get(network);
    };
    /** `network\0address` → the service that holds it. */
    const holders = new Map<string, string>();

    for (const service of services(context.project)) {
      const attachments = get(service.node, 'networks');
      if (!isMap(attachments)) continue;
      const replicated = replicatedSetting(service.node);
      for (const [network, attachment] of attachments.entries) {
        for (const { field, family, other } of FIELDS) {
          const node = get(attachment.value, field);
          const text = addressText(node);
          if (!node || text === undefined) continue;
          const report = (messageId: Parameters<typeof context.report>[0]['messageId'], data: MessageData) => {
            context.report({ messageId, data: { field, address: text, service: service.name, network, ...data }, at: node, service: service.name });
          };

          const parsed = parseIpAddress(text);
          if (!parsed.ok) {
            report('malformed', { problem: parsed.problem, family });
            continue;
          }
          const address = parsed.value;
          if (address.family !== family) {
            report('wrongFamily', { family: address.family, other });
            continue;
          }

          const networkAddressing = addressingFor(network);
          // External networks were created elsewhere: which families they have is not known here.
          if (networkAddressing && !networkAddressing.external && !networkAddressing.enabled[family]) {
            const messageId = family === 'IPv6' ? 'ipv6NotEnabled' : 'ipv4Disabled';
            context.report({ messageId, data: { address: text, service: service.name, network }, at: node, service: service.name });
            continue;
          }

          const problem = subnetProblem(address, network, networkAddressing);
          if (problem) {
            report('subnetProblem', { problem });
            continue;
          }

          const key = `${network}\0${address.family}\0${address.text}`;
          const holder = holders.get(key);
          if (holder !== undefined) {
            report('taken', { holder });
            continue;
          }
          holders.set(key, service.name);
          if (replicated) report('replicated', { count: replicated.count, key: replicated.key });
        }
      }
    }
  },
});

/** What is wrong with a static address given the network's subnets, or undefined. */
function subnetProblem(address: IpAddress, network: string, addressing: NetworkAddressing | undefined): string | undefined {
  // Undeclared (no-undefined-network reports it), external, or unreadable subnets: nothing to judge against.
  if (!addressing || addressing.unknown) return undefined;
  const family = address.family;
  const subnets = addressing.subnets.filter((s) => s.cidr.family === family);
  if (subnets.length === 0) {
    return `cannot be assigned: the network has no ${family} subnet under ipam.config, and Docker accepts a static address only on a network with a configured subnet ("user specified IP address is supported only when connecting to networks with user configured subnets"); add one that holds this address`;
  }
  const subnet = subnets.find((s) => cidrContains(s.cidr, address));
  if (!subnet) {
    const list = subnets.map((s) => s.text).join(', ');
    return `is outside ${subnets.length === 1 ? `the ${family} subnet` : `every ${family} subnet`} of network "${network}" (${list}): Docker refuses it ("It does not belong to any of this network's subnets"); use an address inside ${subnets.length === 1 ? 'it' : 'one of them'}`;
  }
  const reserved = addressing.defaultIpam ? reservedAddressKind(subnet.cidr, address) : undefined;
  if (reserved) return `is the ${reserved} address of ${subnet.cidr.text}, which Docker reserves: choose a host address`;
  const gateway = addressText(subnet.entry.gateway);
  const gatewayAddress = gateway === undefined ? undefined : parseIpAddress(gateway);
  if (gatewayAddress?.ok && sameAddress(gatewayAddress.value, address)) {
    return `is the gateway of network "${network}" ("Address already in use"): choose another address`;
  }
  if (addressing.implicitGateway[family] && !subnet.entry.pairs.gateway) {
    const implicit = implicitGatewayOf(subnet);
    if (implicit && sameAddress(implicit, address)) {
      const first = subnet.entry.pairs.ipRange
        ? `the first free address of its ip_range ${addressText(subnet.entry.ipRange)}`
        : `the first of ${subnet.cidr.text}`;
      return `is the address Docker gives the gateway of network "${network}" when ipam sets none (${first}), so it is taken ("Address already in use"): choose another address, or set the gateway explicitly`;
    }
  }
  for (const aux of subnet.entry.auxAddresses) {
    const auxText = addressText(aux.value);
    const auxAddress = auxText === undefined ? undefined : parseIpAddress(auxText);
    if (auxAddress?.ok && sameAddress(auxAddress.value, address)) {
      return `is reserved as the auxiliary address "${String(aux.key.value)}" of network "${network}" ("Address already in use"): choose another address`;
    }
  }
  return undefined;
}
