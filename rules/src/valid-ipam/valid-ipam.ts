import {
  addressText,
  cidrContains,
  cidrContainsCidr,
  defaultGatewayAddress,
  defineRule,
  get,
  ipamConfigs,
  isExternalNetwork,
  parseCidr,
  parseIpAddress,
  reservedAddressKind,
  sameAddress,
  section,
  str,
  type Cidr,
  type Fix,
  type IpAddress,
  type IpamConfigEntry,
  type Node,
  type Pair,
  type MessageData,
} from '@composure/core/rule-kit';
import { replaceWritten } from '../suggest.js';

const messages = {
  subnetHostBits:
    'Subnet "{{subnet}}" of network "{{network}}" has host bits set: write {{masked}}, its network address, as Docker requires ("it should be {{masked}}").',
  subnetMalformed: 'Subnet "{{subnet}}" of network "{{network}}" {{problem}}; Docker refuses the network until it is a valid CIDR block.',
  noSubnet:
    'The ipam config of network "{{network}}" sets {{key}} but no subnet: Docker refuses it ("invalid subnet : invalid CIDR block notation"); add the subnet it belongs to.',
  rangeMalformed: 'The ip_range "{{range}}" of network "{{network}}" {{problem}}; Docker refuses the network until it is a CIDR block inside the subnet.',
  rangeFamily:
    'The ip_range "{{range}}" of network "{{network}}" is an {{family}} block but its subnet {{subnet}} is {{subnetFamily}}: put it in the config entry of an {{family}} subnet.',
  rangeHostBits:
    'The ip_range "{{range}}" of network "{{network}}" has host bits set: write {{masked}}, its network address, as Docker requires ("it should be {{masked}}").',
  rangeOutsideSubnet: `The ip_range "{{range}}" of network "{{network}}" is not inside its subnet {{subnet}}: Docker refuses it ("parent subnet doesn't contain ip-range"); use a block inside the subnet.`,
  badGateway: 'The gateway "{{gateway}}" of network "{{network}}" {{problem}}.',
  badAuxAddress: 'The auxiliary address "{{name}}" ({{address}}) of network "{{network}}" {{problem}}.',
  auxIsGateway: `The auxiliary address "{{name}}" ({{address}}) of network "{{network}}" is the network's gateway, which Docker allocates first ("Address already in use"); choose another address.`,
  auxIsImplicitGateway:
    'The auxiliary address "{{name}}" ({{address}}) of network "{{network}}" is the address Docker gives the gateway when ipam sets none (the first of {{subnet}}), so it is taken ("Address already in use"); choose another address, or set the gateway explicitly.',
  auxTaken:
    'The auxiliary address "{{name}}" ({{address}}) of network "{{network}}" is already reserved as "{{earlier}}" ("Address already in use"); give each auxiliary address its own.',
};

export const validIpam = defineRule({
  meta: {
    id: 'valid-ipam',
    description:
      "A network's `ipam.config` must hold well-formed CIDR subnets without host bits, and a gateway, `ip_range` and `aux_addresses` inside their subnet and off its network and broadcast addresses.",
    severity: 'error',
    recommended: true,
    category: 'network',
    oncePerPlace: true,
    fixable: true,
    messages,
  },
  check(context) {
    const report: Report = (at, messageId, data, fix) => context.report({ messageId, data, at, fix });
    const rewrite = (node: Node | undefined, value: string) => replaceWritten(context.project, node, value);
    for (const declaration of section(context.project, 'networks')) {
      const network = String(declaration.key.value);
      // An external network's IPAM belongs to whoever created it: Compose never sends what is written here.
      if (isExternalNetwork(declaration.value)) continue;
      const ipamDriver = str(get(get(declaration.value, 'ipam'), 'driver'));
      const defaultIpam = ipamDriver === undefined || ipamDriver === 'default';
      const driver = str(get(declaration.value, 'driver')) ?? 'bridge';
      for (const entry of ipamConfigs(declaration.value)) {
        checkEntry(report, { network, entry, defaultIpam, bridge: driver === 'bridge', rewrite });
      }
    }
  },
});

interface EntryScope {
  network: string;
  entry: IpamConfigEntry;
  /** Docker's own IPAM driver, whose reservations (network, broadcast, gateway) are known. */
  defaultIpam: boolean;
  /** The bridge driver always takes a gateway address (the first one unless `gateway` is set). */
  bridge: boolean;
  /** The fix writing `value` in place of a written scalar. */
  rewrite: (node: Node | undefined, value: string) => Fix | undefined;
}

type Report = (at: Node | Pair, messageId: keyof typeof messages, data: MessageData, fix?: Fix) => void;

function checkEntry(report: Report, { network, entry, defaultIpam, bridge, rewrite }: EntryScope): void {
  const subnetText = addressText(entry.subnet);
  let subnet: Cidr | undefined;
  if (entry.subnet && subnetText !== undefined) {
    const parsed = parseCidr(subnetText);
    if (parsed.ok) subnet = parsed.value;
    else {
      subnet = parsed.masked;
      // Docker refuses it and names the network address it means: safe to write unasked.
      if (parsed.masked)
        report(entry.subnet, 'subnetHostBits', { subnet: subnetText, network, masked: parsed.masked.text }, rewrite(entry.subnet, parsed.masked.text));
      else report(entry.subnet, 'subnetMalformed', { subnet: subnetText, network, problem: parsed.problem });
    }
  } else if (entry.pairs.subnet === undefined) {
    // Nothing written (an unset variable, or a value the schema reports, is judged elsewhere).
    const without = entry.pairs.gateway ?? entry.pairs.ipRange ?? entry.pairs.auxAddresses;
    if (without) {
      report(without, 'noSubnet', { network, key: String(without.key.value) });
    }
  }

  // ip_range: a block inside the subnet.
  const rangeText = addressText(entry.ipRange);
  if (entry.ipRange && rangeText !== undefined) {
    const what = { range: rangeText, network };
    const parsed = parseCidr(rangeText);
    const range = parsed.ok ? parsed.value : parsed.masked;
    if (!parsed.ok && !parsed.masked) report(entry.ipRange, 'rangeMalformed', { ...what, problem: parsed.problem });
    else if (range && subnet && range.family !== subnet.family) {
      report(entry.ipRange, 'rangeFamily', { ...what, family: range.family, subnet: subnet.text, subnetFamily: subnet.family });
    } else if (!parsed.ok && parsed.masked) {
      report(entry.ipRange, 'rangeHostBits', { ...what, masked: parsed.masked.text }, rewrite(entry.ipRange, parsed.masked.text));
    } else if (range && subnet && !cidrContainsCidr(subnet, range)) {
      report(entry.ipRange, 'rangeOutsideSubnet', { ...what, subnet: subnet.text });
    }
  }

  // gateway: an address of the subnet that Docker can hand to the bridge.
  const gatewayText = addressText(entry.gateway);
  let gateway: IpAddress | undefined;
  if (entry.gateway && gatewayText !== undefined) {
    const problem = addressProblem(gatewayText, subnet, defaultIpam, 'gateway');
    if (problem) report(entry.gateway, 'badGateway', { gateway: gatewayText, network, problem });
    else {
      const parsed = parseIpAddress(gatewayText);
      if (parsed.ok) gateway = parsed.value;
    }
  }
  // Without `gateway`, Docker's IPAM gives the bridge the first address of the subnet (unknown with an ip_range).
  const implicitGateway =
    !gateway && defaultIpam && bridge && subnet && !entry.pairs.ipRange && !entry.pairs.gateway ? defaultGatewayAddress(subnet) : undefined;

  // aux_addresses: addresses of the subnet that Docker reserves for the driver.
  const auxSeen: { name: string; address: IpAddress }[] = [];
  for (const pair of entry.auxAddresses) {
    const name = String(pair.key.value);
    const text = addressText(pair.value);
    if (text === undefined) continue;
    const what = { name, address: text, network };
    const problem = addressProblem(text, subnet, defaultIpam, 'aux');
    if (problem) {
      report(pair.value, 'badAuxAddress', { ...what, problem });
      continue;
    }
    const parsed = parseIpAddress(text);
    if (!parsed.ok) continue;
    const address = parsed.value;
    const earlier = auxSeen.find((a) => sameAddress(a.address, address));
    if (gateway && sameAddress(gateway, address)) {
      report(pair.value, 'auxIsGateway', what);
    } else if (implicitGateway && sameAddress(implicitGateway, address)) {
      report(pair.value, 'auxIsImplicitGateway', { ...what, subnet: subnet!.text });
    } else if (earlier) {
      report(pair.value, 'auxTaken', { ...what, earlier: earlier.name });
    }
    auxSeen.push({ name, address });
  }
}

/** What is wrong with an address that must lie in the subnet, phrased to follow its name; undefined when nothing. */
function addressProblem(text: string, subnet: Cidr | undefined, defaultIpam: boolean, role: 'gateway' | 'aux'): string | undefined {
  const parsed = parseIpAddress(text);
  if (!parsed.ok) return `${parsed.problem}; Docker needs a single address of the subnet`;
  const address = parsed.value;
  if (!subnet) return undefined;
  if (address.family !== subnet.family) {
    return `is an ${address.family} address but its subnet ${subnet.text} is ${subnet.family} ("parent subnet is an ${subnet.family} block"): put it in the config entry of an ${address.family} subnet`;
  }
  if (!cidrContains(subnet, address))
    return `is outside its subnet ${subnet.text} ("parent subnet doesn't contain this address"): use an address inside the subnet`;
  const reserved = defaultIpam ? reservedAddressKind(subnet, address) : undefined;
  // The first host address is the usual gateway, so it is only suggested for one.
  const suggestion = role === 'gateway' && defaultGatewayAddress(subnet) ? `such as ${defaultGatewayAddress(subnet)!.text}` : 'inside the subnet';
  if (reserved === 'network') return `is the network address of ${subnet.text}, which Docker reserves: use a host address ${suggestion}`;
  if (reserved === 'broadcast') return `is the broadcast address of ${subnet.text}, which Docker reserves: use a host address inside the subnet`;
  return undefined;
}
