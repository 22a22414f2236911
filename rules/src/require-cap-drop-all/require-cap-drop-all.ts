import { defineRule, getPair, isSeq, str, services } from '@composure/core/rule-kit';

export const requireCapDropAll = defineRule({
  meta: {
    id: 'require-cap-drop-all',
    description: 'Services should drop every capability (`cap_drop: [ALL]`) and add back only those they need.',
    severity: 'info',
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS', 'compose-lint CL-0006'],
    messages: {
      capDropWithoutAll: `Service "{{service}}" has a cap_drop without ALL, so it keeps the rest of Docker's default capabilities; drop ALL and add back with cap_add only those it needs.`,
      noCapDrop: `Service "{{service}}" keeps Docker's default capabilities (CHOWN, DAC_OVERRIDE, FOWNER, NET_RAW, SETUID, SETGID…); add cap_drop: [ALL] and add back with cap_add only those it needs.`,
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const pair = getPair(service.node, 'cap_drop');
      // Docker matches ALL in any case (but not CAP_ALL).
      const dropsAll = isSeq(pair?.value) && pair.value.items.some((item) => str(item)?.trim().toUpperCase() === 'ALL');
      if (dropsAll) continue;
      const at = pair ?? service.pair;
      context.report({
        messageId: pair ? 'capDropWithoutAll' : 'noCapDrop',
        data: { service: service.name },
        at,
        service: service.name,
      });
    }
  },
});
