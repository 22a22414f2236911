import { defineRule, getPair, isScalar, services } from '@composure/core/rule-kit';
import { removeEntryFix } from '../suggest.js';

export const noPrivileged = defineRule({
  meta: {
    id: 'no-privileged',
    description: 'Services should not run privileged (`privileged: true`).',
    severity: 'error',
    recommended: true,
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS', 'compose-lint CL-0002', 'semgrep', 'DockSec'],
    hasSuggestions: true,
    messages: {
      removePrivileged: 'Remove privileged: true',
      privileged:
        'Service "{{service}}" runs privileged (privileged: true): it gets every capability, every host device and no seccomp or AppArmor confinement, so whoever compromises it controls the host; remove it and grant only the capabilities (cap_add) or devices (devices) the service needs.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const pair = getPair(service.node, 'privileged');
      const node = pair?.value;
      // Interpolation has already cast strings as Compose does ("true", "yes", "on"); anything else the schema reports.
      if (!isScalar(node) || node.value !== true) continue;
      context.report({
        messageId: 'privileged',
        data: { service: service.name },
        at: node,
        service: service.name,
        // A suggestion: the service may need some of what it loses (the message says to grant that instead).
        suggest: suggestion(removeEntryFix(context.project, pair!), node.loc?.file, pair!.key.loc?.file),
      });
    }
  },
});

function suggestion(fix: ReturnType<typeof removeEntryFix>, findingFile: string | undefined, entryFile: string | undefined) {
  return fix && findingFile === entryFile ? [{ messageId: 'removePrivileged' as const, fix }] : undefined;
}
