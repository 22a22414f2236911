import {
  addressText,
  cidrContains,
  cidrOrMasked,
  defaultGatewayAddress,
  defineRule,
  get,
  ipamConfigs,
  isExternalNetwork,
  isMap,
  parseIpAddress,
  reservedAddressKind,
  sameAddress,
  services,
  str,
  type Cidr,
  type IpAddress,
  type IpamConfigEntry,
  type IpFamily,
  type MessageData,
  type Node,
} from '@composure/core/rule-kit';
import { replicatedSetting } from '../replicas.js';

const FIELDS: readonly { field: 'ipv4_address' | 'ipv6_address'; family: IpFamily; other: string }[] = [
  { field: 'ipv4_address', family: 'IPv4', other: 'ipv6_address' },
  { field: 'ipv6_address', family: 'IPv6', other: 'ipv4_address' },
];

/** A subnet of a network with what Docker reserves in it. */
interface Subnet {
  text: string;
  cidr: Cidr;
  entry: IpamConfigEntry;
}

/** What the rule knows of a declared network's addressing. */
interface NetworkAddressing {
  /** External, or a subnet that cannot be read (its own finding): nothing to compare against. */
  unknown: boolean;
  subnets: Subnet[];
  /** Docker's IPAM with the bridge driver: the gateway is the first address unless set. */
  implicitGateway: boolean;
  /** Docker's own IPAM: the network and broadcast addresses are reserved. */
  defaultIpam: boolean;
}

function addressingOf(declaration: Node | undefined): NetworkAddressing | undefined {
  if (declaration === undefined) return undefined;
  if (isExternalNetwork(declaration)) return { unknown: true, subnets: [], implicitGateway: false, defaultIpam: false };
  const ipamDriver = str(get(get(declaration, 'ipam'), 'driver'));
  const defaultIpam = ipamDriver === undefined || ipamDriver === 'default';
  const driver = str(get(declaration, 'driver')) ?? 'bridge';
  const internal = get(declaration, 'internal');
  const isInternal = internal?.kind === 'scalar' && (internal.value === true || internal.value === 'true');
  const inhibit = str(get(get(declaration, 'driver_opts'), 'com.docker.network.bridge.inhibit_ipv4'));
  const subnets: Subnet[] = [];
  let unknown = false;
  for (const entry of ipamConfigs(declaration)) {
    if (!entry.pairs.subnet) continue;
    const text = addressText(entry.subnet);
    const cidr = text === undefined ? undefined : cidrOrMasked(text);
    if (text === undefined || !cidr) unknown = true;
    else subnets.push({ text, cidr, entry });
  }
  return {
    unknown,
    subnets,
    implicitGateway: defaultIpam && driver === 'bridge' && !isInternal && inhibit !== 'true',
    defaultIpam,
  };
}

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

          const problem = subnetProblem(address, network, addressingFor(network));
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
  if (addressing.implicitGateway && !subnet.entry.pairs.gateway && !subnet.entry.pairs.ipRange) {
    const implicit = defaultGatewayAddress(subnet.cidr);
    if (implicit && sameAddress(implicit, address)) {
      return `is the address Docker gives the gateway of network "${network}" when ipam sets none (the first of ${subnet.cidr.text}), so it is taken ("Address already in use"): choose another address, or set the gateway explicitly`;
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
