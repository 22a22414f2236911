import { cidrsOverlap, configuredSubnet, defineRule, ipamConfigs, isExternalNetwork, joinWords, section, type Cidr } from '@composure/core/rule-kit';

interface Claimed {
  network: string;
  /** The subnet as written. */
  text: string;
  cidr: Cidr;
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
    },
  },
  check(context) {
    const claimed: Claimed[] = [];
    for (const declaration of section(context.project, 'networks')) {
      const network = String(declaration.key.value);
      // An external network's IPAM belongs to whoever created it: what is written here is not applied.
      if (isExternalNetwork(declaration.value)) continue;
      for (const entry of ipamConfigs(declaration.value)) {
        // A malformed subnet is valid-ipam's finding; one with host bits set still claims its network.
        const subnet = configuredSubnet(entry);
        if (!subnet) continue;
        const { text, cidr } = subnet;
        const clashes = claimed.filter((c) => cidrsOverlap(c.cidr, cidr));
        if (clashes.length > 0) {
          const others = clashes.map((c) => (c.network === network ? `its other subnet ${c.text}` : `subnet ${c.text} of network "${c.network}"`));
          context.report({
            messageId: 'overlap',
            data: { subnet: text, network, others: joinWords(others) },
            at: subnet.node,
          });
        }
        claimed.push({ network, text, cidr });
      }
    }
  },
});
