import { defineRule, isUninterpolated, locOf, section, services } from '@composure/core/rule-kit';
import { didYouMean, RENAME_MESSAGE } from '../suggest.js';
import { unresolvedAt } from '../unresolved.js';
import { serviceMounts } from '../volumes.js';

export const noUndefinedVolume = defineRule({
  meta: {
    id: 'no-undefined-volume',
    description: 'A service may only mount named volumes declared under the top-level `volumes`: Compose refuses the project otherwise.',
    severity: 'error',
    recommended: true,
    category: 'hygiene',
    oncePerPlace: true,
    peers: ['docker compose ("service … refers to undefined volume …")'],
    hasSuggestions: true,
    messages: {
      rename: RENAME_MESSAGE,
      undeclared:
        'Service "{{service}}" mounts volume "{{volume}}", which is not declared under the top-level volumes, so Compose refuses to load the project: {{suggestion}}',
    },
  },
  check(context) {
    const { project } = context;
    const declared = new Set(section(project, 'volumes').map((p) => String(p.key.value)));
    const unresolved = unresolvedAt(project);
    for (const service of services(project)) {
      for (const mount of serviceMounts(project, service.node)) {
        // Named volumes only: binds, tmpfs, image mounts and anonymous volumes (no source) need no declaration.
        const name = mount.source;
        if (mount.type !== 'volume' || name === undefined || declared.has(name)) continue;
        // Written with a variable whose value is unknown here: the interpolation finding says why.
        if (isUninterpolated(name) || unresolved(mount.entry.loc, mount.at.source && locOf(mount.at.source))) continue;
        const at = mount.at.source ?? mount.entry;
        const otherwise = `declare it there${mount.syntax === 'short' ? `, or write a path (./${name}) to bind-mount a directory of the project` : ''}.`;
        const { suggestion, suggest } = didYouMean(project, name, declared, otherwise, locOf(at));
        context.report({ messageId: 'undeclared', data: { service: service.name, volume: name, suggestion }, at, suggest, service: service.name });
      }
    }
  },
});
