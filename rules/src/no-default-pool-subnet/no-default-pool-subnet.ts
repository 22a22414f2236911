import { configuredSubnet, defaultPoolOverlap, defineRule, get, ipamConfigs, isExternalNetwork, section, str, type Node } from '@composure/core/rule-kit';

/**
 * A macvlan network, or an ipvlan one in L2 mode (its default), puts containers on the LAN of
 * its parent interface: the subnet is the LAN's, not one the project can move elsewhere.
 * ipvlan L3 / L3S networks are routed, with a subnet of the project's choosing.
 */
function sharesLanSubnet(declaration: Node): boolean {
  const driver = str(get(declaration, 'driver'));
  if (driver === 'macvlan') return true;
  if (driver !== 'ipvlan') return false;
  const mode = str(get(get(declaration, 'driver_opts'), 'ipvlan_mode')) ?? 'l2';
  return mode === 'l2';
}

export const noDefaultPoolSubnet = defineRule({
  meta: {
    id: 'no-default-pool-subnet',
    description:
      "A configured subnet should stay out of Docker's default address pools and the default bridge 172.17.0.0/16, from which Docker allocates networks for other projects.",
    severity: 'warning',
    recommended: true,
    category: 'network',
    oncePerPlace: true,
    messages: {
      inDefaultPool: `Subnet {{subnet}} of network "{{network}}" overlaps {{pool}}, {{consequence}}; choose a range outside Docker's default pools.`,
    },
  },
  check(context) {
    for (const declaration of section(context.project, 'networks')) {
      const network = String(declaration.key.value);
      // An external network already exists: its subnet was chosen (or allocated) elsewhere.
      if (isExternalNetwork(declaration.value) || sharesLanSubnet(declaration.value)) continue;
      // Overlay networks take their subnets from the swarm (global) pool as well as sharing hosts with local networks.
      const swarm = str(get(declaration.value, 'driver')) === 'overlay';
      for (const entry of ipamConfigs(declaration.value)) {
        const subnet = configuredSubnet(entry);
        const overlap = subnet && defaultPoolOverlap(subnet.cidr, { swarm });
        if (!subnet || !overlap) continue;
        const why =
          swarm && overlap.kind !== 'swarm'
            ? // Overlay subnets live in the swarm's address space: Docker does not refuse them, but the routes clash.
              "whose networks (docker0, docker_gwbridge, other projects' bridges) every swarm node also has, so a container on both sees two routes for the same addresses"
            : overlap.kind === 'default-bridge'
              ? 'the subnet of docker0 on every Docker host, so Docker refuses to create the network ("Pool overlaps with other one on this address space")'
              : overlap.kind === 'swarm'
                ? 'from which Docker allocates the subnets of other overlay networks, so creating it fails ("Pool overlaps") once one of them holds that range'
                : `from which Docker allocates subnets for other projects' networks, so "docker compose up" fails ("Pool overlaps") once one of them holds that range`;
        context.report({
          messageId: 'inDefaultPool',
          data: { subnet: subnet.text, network, pool: overlap.description, consequence: why },
          at: subnet.node,
        });
      }
    }
  },
});
