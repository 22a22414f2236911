import { defineRule, getPair, isScalar, services, type Fix, type SuggestionDescriptor } from '@composure/core/rule-kit';
import { replaceWritten, setEntryFix } from '../suggest.js';

export const requireReadOnlyRootfs = defineRule({
  meta: {
    id: 'require-read-only-rootfs',
    description: 'Services should run with a read-only root filesystem (`read_only: true`).',
    severity: 'info',
    category: 'security',
    oncePerPlace: true,
    peers: ['compose-lint CL-0007', 'semgrep yaml.docker-compose.security.writable-filesystem-service.writable-filesystem-service'],
    hasSuggestions: true,
    messages: {
      setReadOnly: 'Set read_only: true',
      writableRoot:
        'Service "{{service}}" has a writable root filesystem: whoever compromises it can change its binaries and configuration; set read_only: true and give the paths it writes to a tmpfs or a volume.',
      readOnlyFalse:
        'Service "{{service}}" sets read_only: false, which leaves its root filesystem writable: whoever compromises it can change its binaries and configuration; set read_only: true and give the paths it writes to a tmpfs or a volume.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const setting = getPair(service.node, 'read_only');
      if (!setting) {
        context.report({
          messageId: 'writableRoot',
          data: { service: service.name },
          at: service.pair,
          service: service.name,
          suggest: readOnly(setEntryFix(context.project, service.pair, 'read_only', true, service.pair.key.loc?.file)),
        });
        continue;
      }
      // Interpolation has already cast "true"/"false" as Compose does; anything else the schema reports.
      const node = setting.value;
      if (!isScalar(node) || node.value !== false) continue;
      context.report({
        messageId: 'readOnlyFalse',
        data: { service: service.name },
        at: node,
        service: service.name,
        suggest: readOnly(replaceWritten(context.project, node, true)),
      });
    }
  },
});

/** A suggestion, never a fix: a service that writes outside its volumes and tmpfs fails read-only. */
function readOnly(fix: Fix | undefined): SuggestionDescriptor<'setReadOnly'>[] | undefined {
  return fix ? [{ messageId: 'setReadOnly', fix }] : undefined;
}
