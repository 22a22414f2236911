import {
  cidrsOverlap,
  configuredSubnet,
  defineRule,
  ipamConfigs,
  isExternalNetwork,
  joinWords,
  section,
  type Cidr,
  type Node,
  type Project,
} from '@composure/core/rule-kit';

interface Claimed {
  network: string;
  /** The subnet as written. */
  text: string;
  cidr: Cidr;
}

interface Subnet extends Claimed {
  /** Its value in the compose file. */
  node: Node;
  /** The network's Docker name (one network for every project that declares that name). */
  dockerName: string;
}

/** The subnets a project's networks claim, in order: external networks' are not applied, malformed ones are valid-ipam's. */
function subnetsOf(project: Project): Subnet[] {
  return section(project, 'networks').flatMap((declaration) => {
    const network = String(declaration.key.value);
    // An external network's IPAM belongs to whoever created it: what is written here is not applied.
    if (isExternalNetwork(declaration.value)) return [];
    const named = declaration.value.kind === 'map' ? declaration.value.entries.get('name')?.value : undefined;
    const dockerName = named?.kind === 'scalar' ? String(named.value) : `${project.name}_${network}`;
    return ipamConfigs(declaration.value).flatMap((entry) => {
      // One with host bits set still claims its network.
      const subnet = configuredSubnet(entry);
      return subnet ? [{ network, text: subnet.text, cidr: subnet.cidr, node: subnet.node, dockerName }] : [];
    });
  });
}

export const noSubnetOverlap = defineRule({
  meta: {
    id: 'no-subnet-overlap',
    description: "Two networks' IPAM subnets (IPv4 or IPv6) must not overlap, nor two subnets of one network.",
    severity: 'error',
    recommended: true,
    category: 'network',
    messages: {
      overlap:
        'Subnet {{subnet}} of network "{{network}}" overlaps {{others}}: both would route the same addresses, and Docker refuses the later one ("Pool overlaps with other one on this address space"); give each subnet a range of its own.',
      acrossProjects:
        'Subnet {{subnet}} of network "{{network}}" (project "{{project}}") overlaps subnet {{other}} of network "{{otherNetwork}}" of project "{{otherProject}}": on one host Docker refuses whichever is created second ("Pool overlaps with other one on this address space"); give each project a range of its own.',
      avoided:
        'Subnet {{subnet}} of network "{{network}}" overlaps {{range}}, which the configuration lists under avoid: (a VPN, the office LAN): the host would route those addresses to the bridge and lose the way to them; choose a range outside it.',
      inDaemonPool:
        'Subnet {{subnet}} of network "{{network}}" overlaps {{pool}}, one of the daemon\'s default-address-pools: Docker allocates other networks\' subnets from it, so "docker compose up" fails ("Pool overlaps") once one of them holds that range; choose a range outside the pools.',
      poolAvoided:
        "The daemon's default address pool {{pool}} overlaps {{range}}, which the configuration lists under avoid: (a VPN, the office LAN): networks Docker allocates from it take those addresses and cut the host off from them; move the pool.",
    },
  },
  check(context) {
    const claimed: Claimed[] = [];
    const { avoid, addressPools } = context.settings;
    for (const { network, text, cidr, node } of subnetsOf(context.project)) {
      const clashes = claimed.filter((c) => cidrsOverlap(c.cidr, cidr));
      if (clashes.length > 0) {
        const others = clashes.map((c) => (c.network === network ? `its other subnet ${c.text}` : `subnet ${c.text} of network "${c.network}"`));
        context.report({ messageId: 'overlap', data: { subnet: text, network, others: joinWords(others) }, at: node });
      }
      claimed.push({ network, text, cidr });
      for (const range of avoid.filter((r) => cidrsOverlap(r.cidr, cidr)))
        context.report({ messageId: 'avoided', data: { subnet: text, network, range: range.text }, at: node });
      for (const pool of addressPools.filter((p) => cidrsOverlap(p.cidr, cidr)))
        context.report({ messageId: 'inDaemonPool', data: { subnet: text, network, pool: pool.text }, at: node });
    }
    // The daemon's pools against avoid:, in daemon.json (every project reports it, the engine lists it once).
    for (const pool of addressPools)
      for (const range of avoid.filter((r) => cidrsOverlap(r.cidr, pool.cidr)))
        context.report({ messageId: 'poolAvoided', data: { pool: pool.text, range: range.text }, at: pool.node });
  },
  checkWorkspace(context) {
    // Each project's own overlaps are check's; here, one project's subnet against an earlier project's.
    const earlier: (Subnet & { project: string })[] = [];
    for (const { label, project } of context.workspace.members) {
      const own = subnetsOf(project);
      for (const subnet of own) {
        const clash = earlier.find((e) => e.project !== label && e.dockerName !== subnet.dockerName && cidrsOverlap(e.cidr, subnet.cidr));
        if (!clash) continue;
        context.report({
          messageId: 'acrossProjects',
          data: { subnet: subnet.text, network: subnet.network, project: label, other: clash.text, otherNetwork: clash.network, otherProject: clash.project },
          at: subnet.node,
        });
      }
      earlier.push(...own.map((s) => ({ ...s, project: label })));
    }
  },
});
