import { defineRule, get, getPair, isScalar, isUninterpolated, services, type Node, type Project, type ScalarNode } from '@composure/core/rule-kit';
import { basename } from 'node:path';
import { replicatedSetting } from '../replicas.js';
import { removeEntryFix } from '../suggest.js';

/** A service's container_name when its final text is known (not a string: the schema reports it; unresolved: unknown). */
function containerName(service: Node): { node: ScalarNode; text: string } | undefined {
  const node = get(service, 'container_name');
  return isScalar(node) && typeof node.value === 'string' && node.value !== '' && !isUninterpolated(node.value) ? { node, text: node.value } : undefined;
}

/** Where a project's name comes from: its top-level `name:` when written, else the start of its first compose file (the directory named it). */
function projectNamePlace(project: Project): Node | undefined {
  const written = getPair(project.root, 'name');
  if (written?.value.loc) return written.value;
  const file = project.files.get(project.configFiles[0]);
  return file ? { kind: 'scalar', value: project.name, loc: file.loc(0, 0) } : undefined;
}

export const noDuplicateContainerNames = defineRule({
  meta: {
    id: 'no-duplicate-container-names',
    description:
      'Two enabled services must not set the same `container_name`, and a service that runs several containers must not set one: Docker cannot give two containers one name.',
    severity: 'error',
    recommended: true,
    category: 'hygiene',
    peers: ['dclint no-duplicate-container-names'],
    hasSuggestions: true,
    messages: {
      removeContainerName: 'Remove container_name',
      nameTaken:
        'Container name "{{name}}" is already used by service "{{owner}}": Docker cannot create two containers with the same name. Give service "{{service}}" another container_name, or remove it to let Compose name the container.',
      nameReplicated:
        'Service "{{service}}" sets container_name "{{name}}" but runs {{count}} containers ({{key}}): Compose refuses the project ("can\'t set container_name … as container name must be unique"); remove container_name to let Compose name each container, or run one.',
      nameTakenAcrossProjects:
        'Container name "{{name}}" of service "{{service}}" is already used by service "{{owner}}" of another project on this host: Docker cannot create two containers with one name, so whichever project starts second fails ("Conflict. The container name is already in use"). Give one of them another container_name.',
      projectNameTaken:
        'Project name "{{name}}" is also the name of the project in directory "{{other}}": Compose treats both as one project, so "docker compose up" of one recreates or removes the other\'s containers ("orphan containers"). Give one of them another name (top-level name:, or -p).',
    },
  },
  check(context) {
    // The first service (in project order) to claim a name keeps it; every later one is reported.
    const owners = new Map<string, string>();
    for (const service of services(context.project)) {
      const found = containerName(service.node);
      if (!found) continue;
      const { node: name, text } = found;
      const replicated = replicatedSetting(service.node);
      if (replicated) {
        const data = { service: service.name, name: text, count: replicated.count, key: replicated.key };
        // A suggestion: tools outside the project may know the container by that name.
        const fix = removeEntryFix(context.project, getPair(service.node, 'container_name')!);
        context.report({
          messageId: 'nameReplicated',
          data,
          at: name,
          service: service.name,
          suggest: fix ? [{ messageId: 'removeContainerName', fix }] : undefined,
        });
      }
      const owner = owners.get(text);
      if (owner === undefined) {
        owners.set(text, service.name);
        continue;
      }
      context.report({
        messageId: 'nameTaken',
        data: { name: text, owner, service: service.name },
        at: name,
        service: service.name,
      });
    }
  },
  checkWorkspace(context) {
    // The first project (in workspace order) to use a name keeps it; later projects are reported.
    const owners = new Map<string, string>();
    const projectNames = new Map<string, string>();
    for (const { label, project } of context.workspace.members) {
      const taken = projectNames.get(project.name);
      const place = taken === undefined ? undefined : projectNamePlace(project);
      if (place) context.report({ messageId: 'projectNameTaken', data: { name: project.name, other: taken! }, at: place });
      else projectNames.set(project.name, basename(project.workingDir));
      const own = new Map<string, string>();
      for (const service of services(project)) {
        const name = containerName(service.node);
        if (!name) continue;
        const owner = owners.get(name.text);
        if (owner !== undefined) {
          const data = { name: name.text, service: `${label}/${service.name}`, owner };
          context.report({ messageId: 'nameTakenAcrossProjects', data, at: name.node, service: data.service });
        } else if (!own.has(name.text)) own.set(name.text, `${label}/${service.name}`);
      }
      for (const [name, service] of own) owners.set(name, service);
    }
  },
});
