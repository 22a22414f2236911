import { defineRule, services } from '@composure/core/rule-kit';
import { describeHostPath, serviceMounts } from '../volumes.js';

/** Propagation modes that carry mounts across the container boundary, and in which direction. */
const PROPAGATING: Record<string, string> = {
  shared: "mounts made inside the container appear on the host, and the host's new mounts appear in the container",
  rshared: "mounts made inside the container appear on the host, and the host's new mounts appear in the container",
  slave: 'mounts the host makes below it later appear in the container',
  rslave: 'mounts the host makes below it later appear in the container',
};

export const noSharedMountPropagation = defineRule({
  meta: {
    id: 'no-shared-mount-propagation',
    description: "Bind mounts should keep Docker's private propagation, not `shared`, `rshared`, `slave` or `rslave`.",
    severity: 'info',
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS', 'compose-lint CL-0017'],
    messages: {
      propagates:
        'Service "{{service}}" bind-mounts {{hostPath}} with "{{propagation}}" propagation: {{effect}}; keep the default (rprivate) unless the service {{need}}.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      for (const mount of serviceMounts(context.project, service.node)) {
        const propagation = mount.propagation;
        if (mount.type !== 'bind' || !mount.host || propagation === undefined || !mount.at.propagation) continue;
        if (!Object.hasOwn(PROPAGATING, propagation)) continue;
        const shared = propagation.endsWith('shared');
        context.report({
          messageId: 'propagates',
          data: {
            service: service.name,
            hostPath: describeHostPath(mount.host),
            propagation,
            effect: PROPAGATING[propagation],
            need: shared ? 'manages mounts for the host' : "must see the host's later mounts",
          },
          at: mount.at.propagation,
          service: service.name,
        });
      }
    }
  },
});
