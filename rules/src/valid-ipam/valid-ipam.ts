import {
  addressText,
  cidrContains,
  cidrContainsCidr,
  defaultGatewayAddress,
  defineRule,
  get,
  ipamConfigs,
  isExternalNetwork,
  locOf,
  parseCidr,
  parseIpAddress,
  reservedAddressKind,
  sameAddress,
  section,
  str,
  type Cidr,
  type IpAddress,
  type IpamConfigEntry,
  type Node,
  type Pair,
} from '@composure/core/rule-kit';
import { firstTimeWritten } from '../written-once.js';

export const validIpam = defineRule({
  meta: {
    id: 'valid-ipam',
    description:
      'A network\'s `ipam.config` must hold well-formed CIDR subnets without host bits, and a gateway, `ip_range` and `aux_addresses` inside their subnet and off its network and broadcast addresses.',
    severity: 'error',
    recommended: true,
    category: 'network',
  },
  check(context) {
    // An ipam block shared by an anchor is written once: each of its mistakes is reported once.
    const firstTime = firstTimeWritten();
    const report = (at: Node | Pair, message: string) => {
      if (firstTime(locOf(at))) context.report({ message, at });
    };
    for (const declaration of section(context.project, 'networks')) {
      const network = String(declaration.key.value);
      // An external network's IPAM belongs to whoever created it: Compose never sends what is written here.
      if (isExternalNetwork(declaration.value)) continue;
      const ipamDriver = str(get(get(declaration.value, 'ipam'), 'driver'));
      const defaultIpam = ipamDriver === undefined || ipamDriver === 'default';
      const driver = str(get(declaration.value, 'driver')) ?? 'bridge';
      for (const entry of ipamConfigs(declaration.value)) {
        checkEntry(report, { network, entry, defaultIpam, bridge: driver === 'bridge' });
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
}

type Report = (at: Node | Pair, message: string) => void;

function checkEntry(report: Report, { network, entry, defaultIpam, bridge }: EntryScope): void {
  const subnetText = addressText(entry.subnet);
  let subnet: Cidr | undefined;
  if (entry.subnet && subnetText !== undefined) {
    const parsed = parseCidr(subnetText);
    if (parsed.ok) subnet = parsed.value;
    else {
      subnet = parsed.masked;
      report(
        entry.subnet,
        parsed.masked
          ? `Subnet "${subnetText}" of network "${network}" has host bits set: write ${parsed.masked.text}, its network address, as Docker requires ("it should be ${parsed.masked.text}").`
          : `Subnet "${subnetText}" of network "${network}" ${parsed.problem}; Docker refuses the network until it is a valid CIDR block.`,
      );
    }
  } else if (entry.pairs.subnet === undefined) {
    // Nothing written (an unset variable, or a value the schema reports, is judged elsewhere).
    const without = entry.pairs.gateway ?? entry.pairs.ipRange ?? entry.pairs.auxAddresses;
    if (without) {
      report(without, `The ipam config of network "${network}" sets ${String(without.key.value)} but no subnet: Docker refuses it ("invalid subnet : invalid CIDR block notation"); add the subnet it belongs to.`);
    }
  }

  // ip_range: a block inside the subnet.
  const rangeText = addressText(entry.ipRange);
  if (entry.ipRange && rangeText !== undefined) {
    const what = `ip_range "${rangeText}" of network "${network}"`;
    const parsed = parseCidr(rangeText);
    const range = parsed.ok ? parsed.value : parsed.masked;
    if (!parsed.ok && !parsed.masked) report(entry.ipRange, `The ${what} ${parsed.problem}; Docker refuses the network until it is a CIDR block inside the subnet.`);
    else if (range && subnet && range.family !== subnet.family) {
      report(entry.ipRange, `The ${what} is an ${range.family} block but its subnet ${subnet.text} is ${subnet.family}: put it in the config entry of an ${range.family} subnet.`);
    } else if (!parsed.ok && parsed.masked) {
      report(entry.ipRange, `The ${what} has host bits set: write ${parsed.masked.text}, its network address, as Docker requires ("it should be ${parsed.masked.text}").`);
    } else if (range && subnet && !cidrContainsCidr(subnet, range)) {
      report(entry.ipRange, `The ${what} is not inside its subnet ${subnet.text}: Docker refuses it ("parent subnet doesn't contain ip-range"); use a block inside the subnet.`);
    }
  }

  // gateway: an address of the subnet that Docker can hand to the bridge.
  const gatewayText = addressText(entry.gateway);
  let gateway: IpAddress | undefined;
  if (entry.gateway && gatewayText !== undefined) {
    const problem = addressProblem(gatewayText, subnet, defaultIpam, 'gateway');
    if (problem) report(entry.gateway, `The gateway "${gatewayText}" of network "${network}" ${problem}.`);
    else {
      const parsed = parseIpAddress(gatewayText);
      if (parsed.ok) gateway = parsed.value;
    }
  }
  // Without `gateway`, Docker's IPAM gives the bridge the first address of the subnet (unknown with an ip_range).
  const implicitGateway = !gateway && defaultIpam && bridge && subnet && !entry.pairs.ipRange && !entry.pairs.gateway ? defaultGatewayAddress(subnet) : undefined;

  // aux_addresses: addresses of the subnet that Docker reserves for the driver.
  const auxSeen: { name: string; address: IpAddress }[] = [];
  for (const pair of entry.auxAddresses) {
    const name = String(pair.key.value);
    const text = addressText(pair.value);
    if (text === undefined) continue;
    const what = `The auxiliary address "${name}" (${text}) of network "${network}"`;
    const problem = addressProblem(text, subnet, defaultIpam, 'aux');
    if (problem) {
      report(pair.value, `${what} ${problem}.`);
      continue;
    }
    const parsed = parseIpAddress(text);
    if (!parsed.ok) continue;
    const address = parsed.value;
    const earlier = auxSeen.find((a) => sameAddress(a.address, address));
    if (gateway && sameAddress(gateway, address)) {
      report(pair.value, `${what} is the network's gateway, which Docker allocates first ("Address already in use"); choose another address.`);
    } else if (implicitGateway && sameAddress(implicitGateway, address)) {
      report(pair.value, `${what} is the address Docker gives the gateway when ipam sets none (the first of ${subnet!.text}), so it is taken ("Address already in use"); choose another address, or set the gateway explicitly.`);
    } else if (earlier) {
      report(pair.value, `${what} is already reserved as "${earlier.name}" ("Address already in use"); give each auxiliary address its own.`);
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
  if (!cidrContains(subnet, address)) return `is outside its subnet ${subnet.text} ("parent subnet doesn't contain this address"): use an address inside the subnet`;
  const reserved = defaultIpam ? reservedAddressKind(subnet, address) : undefined;
  // The first host address is the usual gateway, so it is only suggested for one.
  const suggestion = role === 'gateway' && defaultGatewayAddress(subnet) ? `such as ${defaultGatewayAddress(subnet)!.text}` : 'inside the subnet';
  if (reserved === 'network') return `is the network address of ${subnet.text}, which Docker reserves: use a host address ${suggestion}`;
  if (reserved === 'broadcast') return `is the broadcast address of ${subnet.text}, which Docker reserves: use a host address inside the subnet`;
  return undefined;
}

