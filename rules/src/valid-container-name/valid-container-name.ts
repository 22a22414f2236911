import { defineRule, get, isScalar, isUninterpolated, joinWords, services } from '@composure/core/rule-kit';
import { RENAME_MESSAGE, replaceWritten } from '../suggest.js';
import { unresolvedAt } from '../unresolved.js';

/** Docker's rule for container names (moby's RestrictedNamePattern): two characters at least, the first a letter or digit. */
const VALID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** What the Compose schema checks (its pattern is unanchored): a name failing it is reported by compose-schema, not again here. */
const SCHEMA_PATTERN = /[a-zA-Z0-9][a-zA-Z0-9_.-]+/;

/** The characters Docker rejects, each once, as a message shows them. */
function offending(name: string): string {
  return joinWords([...new Set([...name].filter((c) => !/[a-zA-Z0-9_.-]/.test(c)))].map((c) => JSON.stringify(c)));
}

/** A valid name close to the written one (accents dropped, other characters turned into "-"), if there is one. */
function suggestion(name: string): string | undefined {
  const fixed = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z0-9_.-]+/g, '-')
    .replace(/^[^a-zA-Z0-9]+/, '')
    .replace(/-+$/, '');
  return VALID.test(fixed) ? fixed : undefined;
}

export const validContainerName = defineRule({
  meta: {
    id: 'valid-container-name',
    description: 'A `container_name` must be a name Docker accepts: a letter or digit, then letters, digits, `_`, `.` or `-`.',
    severity: 'error',
    recommended: true,
    category: 'hygiene',
    oncePerPlace: true,
    peers: ['dclint service-container-name-regex'],
    hasSuggestions: true,
    messages: {
      rename: RENAME_MESSAGE,
      invalid:
        'Container name "{{name}}" of service "{{service}}" is invalid: Docker accepts only a letter or digit followed by letters, digits, "_", "." or "-", and {{problem}}. Rename it.',
      invalidWithSuggestion:
        'Container name "{{name}}" of service "{{service}}" is invalid: Docker accepts only a letter or digit followed by letters, digits, "_", "." or "-", and {{problem}}. Rename it, e.g. "{{suggestion}}".',
    },
  },
  check(context) {
    const { project } = context;
    const unresolved = unresolvedAt(project);
    for (const service of services(project)) {
      const node = get(service.node, 'container_name');
      // Not a string: the schema reports it; unresolved: its final text is unknown.
      if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') continue;
      const name = node.value;
      if (isUninterpolated(name) || unresolved(node.loc)) continue;
      if (!SCHEMA_PATTERN.test(name)) continue;
      // Docker strips one leading slash (`/web` names the container `web`).
      const bare = name.startsWith('/') ? name.slice(1) : name;
      if (VALID.test(bare)) continue;
      const problems = [
        ...(/^[_.-]/.test(bare) ? [`starts with ${JSON.stringify(bare[0])}`] : []),
        ...(/[^a-zA-Z0-9_.-]/.test(bare) ? [`contains ${offending(bare)}`] : []),
      ];
      const problem = problems.length > 0 ? `it ${problems.join(' and ')}` : 'it is shorter than two characters';
      const instead = suggestion(bare);
      const data = { name, service: service.name, problem };
      const fix = instead === undefined ? undefined : replaceWritten(project, node, instead);
      context.report({
        ...(instead ? { messageId: 'invalidWithSuggestion', data: { ...data, suggestion: instead } } : { messageId: 'invalid', data }),
        at: node,
        service: service.name,
        // A suggestion: other tools may know the container by the name written.
        suggest: fix ? [{ messageId: 'rename', data: { from: name, to: instead! }, fix }] : undefined,
      });
    }
  },
});
