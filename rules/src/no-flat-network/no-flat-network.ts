import { defineRule } from '@composure/core/rule-kit';

/** Fewer services than this on one network is a small project, not a flat one. */
export const MIN_SERVICES = 3;

export const noFlatNetwork = defineRule({
  meta: {
    id: 'no-flat-network',
    description: 'A project of several services should not put every service on one and the same network (no segmentation at all).',
    severity: 'info',
    category: 'network',
    messages: {
      flatNetwork:
        'All {{count}} services{{which}} are on the one network "{{network}}", so each can reach every other: split them by tier (for example a front network for what faces users and an internal back network for the data stores) so that a compromised service reaches only what it needs.',
    },
  },
  check(context) {
    const { topology } = context;
    // Services attached to networks of their own; host, none, bridge and shared namespaces are not.
    const attached = [...topology.services.values()].filter((s) => s.mode === 'networks' && s.attachments.size > 0);
    if (attached.length < MIN_SERVICES) return;
    const keys = new Set(attached.flatMap((s) => [...s.attachments.keys()]));
    if (keys.size !== 1) return;
    const [key] = keys;
    const network = topology.networks.get(key);
    // Undeclared (no-undefined-network), or members cannot talk to each other anyway.
    if (!network || !network.icc) return;
    context.report({
      messageId: 'flatNetwork',
      data: { count: attached.length, which: attached.length === topology.services.size ? '' : ' that join networks', network: key },
      // At the declaration when one is written, else where the first service joins it (for the implicit `default`, its key).
      at: network.pair ?? attached[0].attachments.get(key)!,
    });
  },
});
