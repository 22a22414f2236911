import { defineRule, get, str, services } from '@composure/core/rule-kit';

/** The namespace keys whose value `host` shares the host's namespace, what that gives and what to do instead. */
const NAMESPACES: { key: string; namespace: string; consequence: string; instead: string }[] = [
  {
    key: 'pid',
    namespace: 'PID namespace',
    consequence: 'it sees and can signal every process on the host and read their command lines and environments in /proc',
    instead: 'remove it, or share one service\'s namespace with pid: "service:NAME"',
  },
  {
    key: 'ipc',
    namespace: 'IPC namespace',
    consequence: "it can read and write the shared memory and semaphores of the host's processes",
    instead: 'remove it, or share one service\'s with ipc: "service:NAME" (and ipc: shareable there)',
  },
  {
    key: 'uts',
    namespace: 'UTS namespace',
    consequence: "it can change the host's hostname and domain name",
    instead: "remove it, and set the container's own name with hostname",
  },
  {
    key: 'userns_mode',
    namespace: 'user namespace',
    consequence: 'on a daemon that remaps users (userns-remap), root in the container is root on the host again',
    instead: 'remove it',
  },
  {
    key: 'cgroup',
    namespace: 'cgroup namespace',
    consequence: "it sees the host's whole cgroup hierarchy instead of its own",
    instead: 'remove it, or set cgroup: private',
  },
];

export const noHostNamespaces = defineRule({
  meta: {
    id: 'no-host-namespaces',
    description: "Services should not share the host's PID, IPC, UTS, user or cgroup namespace.",
    severity: 'warning',
    recommended: true,
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS', 'compose-lint CL-0010'],
    messages: {
      hostNamespace: `Service "{{service}}" shares the host's {{namespace}} ({{key}}: host): {{consequence}}; {{instead}}.`,
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      for (const { key, namespace, consequence, instead } of NAMESPACES) {
        const node = get(service.node, key);
        if (str(node) !== 'host' || !node) continue;
        context.report({
          messageId: 'hostNamespace',
          data: { service: service.name, namespace, key, consequence, instead },
          at: node,
          service: service.name,
        });
      }
    }
  },
});
