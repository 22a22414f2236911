import { defineRule, get, isMap, isScalar, isSeq, section, services, type Node, type Project } from '@composure/core/rule-kit';
import { REMOVE_MESSAGE, removeDeclaration } from '../suggest.js';
import { serviceMounts } from '../volumes.js';

/** The named volumes a service mounts (its own `volumes` and its `pre_start` hooks'); `volumes_from` mounts another service's. */
function volumesOf(project: Project, service: Node): string[] {
  const hooks = get(service, 'pre_start');
  const containers = [service, ...(isSeq(hooks) ? hooks.items.filter(isMap) : [])];
  return containers.flatMap((container) =>
    serviceMounts(project, container)
      .filter((mount) => mount.type === 'volume' && mount.source !== undefined)
      .map((mount) => mount.source!),
  );
}

export const noUnusedVolume = defineRule({
  meta: {
    id: 'no-unused-volume',
    description: 'Every volume declared under the top-level `volumes` should be mounted by a service, in some profile.',
    severity: 'warning',
    recommended: true,
    category: 'hygiene',
    hasSuggestions: true,
    messages: {
      remove: REMOVE_MESSAGE,
      unusedExternal:
        'External volume "{{volume}}" is declared but no service mounts it: mount it in a service or remove the declaration (removing it does not touch the volume).',
      unused: 'Volume "{{volume}}" is declared but no service mounts it: mount it in a service or remove the declaration.',
    },
  },
  check(context) {
    const { project } = context;
    // Services of other profiles count: the volume is in use whenever their profile is active.
    const everyService = [...services(project).map((s) => s.node), ...[...project.disabledServices.values()].map((pair) => pair.value)];
    const used = new Set(everyService.flatMap((service) => volumesOf(project, service)));
    for (const entry of section(project, 'volumes')) {
      const name = String(entry.key.value);
      if (used.has(name) || !entry.key.loc) continue;
      const external = get(entry.value, 'external');
      const isExternal = isScalar(external) && external.value === true;
      context.report({ messageId: isExternal ? 'unusedExternal' : 'unused', data: { volume: name }, at: entry, suggest: removeDeclaration(project, entry) });
    }
  },
});
