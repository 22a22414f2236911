import {
  get,
  ipamConfigs,
  isSeq,
  str,
  topologyOf,
  type Loc,
  type Node,
  type Project,
  type Topology,
  type TopologyNetwork,
  type TopologyService,
} from '@composure/core';

/**
 * What the compose files say Compose creates, in the engine's terms: each enabled service's
 * Docker networks (with the addresses and aliases written for each), the ports it publishes, and
 * the networks Compose creates (those some enabled service uses, as compose-go keeps them).
 */

export interface DeclaredAttachment {
  /** The network's key in the files. */
  key: string;
  ipv4?: string;
  ipv6?: string;
  aliases: string[];
  /** The service's entry for the network, when written. */
  loc?: Loc;
}

export interface DeclaredPort {
  /** '' for every interface. */
  hostIp: string;
  /** '' for a port Docker picks; a port or a range. */
  hostPort: string;
  target: number;
  protocol: string;
  loc?: Loc;
}

export interface DeclaredService {
  name: string;
  model: TopologyService;
  /** The Docker names of the networks its containers are on (`host`, `none`, `bridge` for those modes; none for a shared namespace). */
  networks: Map<string, DeclaredAttachment>;
  ports: DeclaredPort[];
  loc?: Loc;
}

export interface DeclaredProject {
  name: string;
  topology: Topology;
  services: Map<string, DeclaredService>;
  /** Networks Compose creates or expects, by Docker name. */
  networks: Map<string, TopologyNetwork>;
  /** Docker name → key, for every network the files declare. */
  keyOf: Map<string, string>;
  /** Where the project starts: its first compose file, for findings that are written nowhere. */
  top: Loc;
}

const keyLoc = (node: { key: { loc?: Loc } } | undefined) => node?.key.loc;

function portsOf(service: Node): DeclaredPort[] {
  const ports = get(service, 'ports');
  if (!isSeq(ports)) return [];
  return ports.items.flatMap((port) => {
    const target = get(port, 'target');
    if (target?.kind !== 'scalar' || typeof target.value !== 'number') return [];
    const hostIp = str(get(port, 'host_ip')) ?? '';
    return [
      {
        hostIp: hostIp === '0.0.0.0' ? '' : hostIp,
        hostPort: str(get(port, 'published')) ?? '',
        target: target.value,
        protocol: str(get(port, 'protocol')) ?? 'tcp',
        loc: port.loc,
      },
    ];
  });
}

function attachmentsOf(service: TopologyService, topology: Topology): Map<string, DeclaredAttachment> {
  const attachments = new Map<string, DeclaredAttachment>();
  if (service.mode === 'host' || service.mode === 'none' || service.mode === 'bridge') attachments.set(service.mode, { key: service.mode, aliases: [] });
  if (service.mode !== 'networks') return attachments;
  for (const key of service.networks) {
    const entry = service.attachments.get(key);
    attachments.set(topology.networks.get(key)!.name, {
      key,
      ipv4: str(get(entry?.value, 'ipv4_address')),
      ipv6: str(get(entry?.value, 'ipv6_address')),
      aliases: (service.aliases.get(key) ?? []).map((alias) => String(alias.value)),
      loc: keyLoc(entry),
    });
  }
  return attachments;
}

export function declaredProject(project: Project): DeclaredProject {
  const topology = topologyOf(project);
  const services = new Map<string, DeclaredService>();
  for (const service of topology.services.values()) {
    services.set(service.name, {
      name: service.name,
      model: service,
      networks: attachmentsOf(service, topology),
      // Docker discards the ports of host-mode and shared-namespace containers: only these publish.
      ports: service.mode === 'networks' || service.mode === 'bridge' ? portsOf(service.node) : [],
      loc: keyLoc(service.pair),
    });
  }
  const networks = new Map<string, TopologyNetwork>();
  const keyOf = new Map<string, string>();
  for (const network of topology.networks.values()) {
    keyOf.set(network.name, network.key);
    if (network.members.length > 0) networks.set(network.name, network);
  }
  return { name: project.name, topology, services, networks, keyOf, top: { file: project.configFiles[0] ?? [...project.files.keys()][0], start: 0, end: 0 } };
}

/** The subnets and gateways written under the network's `ipam.config`. */
export function declaredIpam(network: TopologyNetwork): { subnet: string; gateway?: string }[] {
  return ipamConfigs(network.node).flatMap((entry) => {
    const subnet = entry.subnet?.value;
    return typeof subnet === 'string' ? [{ subnet, gateway: typeof entry.gateway?.value === 'string' ? entry.gateway.value : undefined }] : [];
  });
}
