import { defineRule, get, isMap, isScalar, isSeq, quotedList, section, services, type Node, type Project } from '@composure/core/rule-kit';
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
    description: 'Every volume declared under the top-level `volumes` should be mounted by an enabled service.',
    severity: 'warning',
    recommended: true,
    category: 'hygiene',
    messages: {
      onlyDisabledUsers:
        'Volume "{{volume}}" is only mounted by services disabled by the active profiles ({{services}}): Compose creates it only when one of their profiles is active.',
      unusedExternal:
        'External volume "{{volume}}" is declared but no service mounts it: mount it in a service or remove the declaration (removing it does not touch the volume).',
      unused: 'Volume "{{volume}}" is declared but no service mounts it: mount it in a service or remove the declaration.',
    },
  },
  check(context) {
    const { project } = context;
    const used = new Set(services(project).flatMap((s) => volumesOf(project, s.node)));
    for (const entry of section(project, 'volumes')) {
      const name = String(entry.key.value);
      if (used.has(name) || !entry.key.loc) continue;
      const external = get(entry.value, 'external');
      const isExternal = isScalar(external) && external.value === true;
      // Services switched off by profiles still mount their volumes: say so rather than "unused".
      const users = [...project.disabledServices].filter(([, pair]) => volumesOf(project, pair.value).includes(name)).map(([service]) => service);
      if (users.length > 0) context.report({ messageId: 'onlyDisabledUsers', data: { volume: name, services: quotedList(users) }, at: entry });
      else context.report({ messageId: isExternal ? 'unusedExternal' : 'unused', data: { volume: name }, at: entry });
    }
  },
});
