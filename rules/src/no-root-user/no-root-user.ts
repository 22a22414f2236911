import { defineRule, get, isScalar, isUninterpolated, services, str } from '@composure/core/rule-kit';

/** `root`, `0`, `root:root`, `0:0`, `0:1000`…: the user part (before `:`) names root, whatever the group. */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0].trim();
  return name === 'root' || /^0+$/.test(name);
}

export const noRootUser = defineRule({
  meta: {
    id: 'no-root-user',
    description: 'Services should not set `user` to root (`root`, `0`, `root:root`, `0:0`).',
    severity: 'warning',
    category: 'security',
    oncePerPlace: true,
    peers: ['compose-lint CL-0018', 'DockSec'],
    messages: {
      runsAsRoot: `Service "{{service}}" runs as root (user: "{{user}}"): whoever compromises it is root in the container, a step from the host through any mount, capability or kernel flaw; run it as an unprivileged user (user: "1000:1000") or remove user: to keep the image's own.`,
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const node = get(service.node, 'user');
      const user = str(node);
      if (!isScalar(node) || user === undefined || isUninterpolated(user) || !isRootUser(user)) continue;
      context.report({
        messageId: 'runsAsRoot',
        data: { service: service.name, user },
        at: node,
        service: service.name,
      });
    }
  },
});
