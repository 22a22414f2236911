import { isMap as isYamlMap } from 'yaml';
import { defineRule, getPair, isScalar, yamlEditorFor, type Project, type SuggestionDescriptor } from '@composure/core/rule-kit';
import { replaceWritten } from '../suggest.js';
import { relative } from 'node:path';
import { unresolvedAt } from '../unresolved.js';

export const requireProjectName = defineRule({
  meta: {
    id: 'require-project-name',
    description: 'The compose files should set the project name with a top-level `name`, so that it does not depend on the directory they are run from.',
    severity: 'info',
    category: 'hygiene',
    peers: ['dclint require-project-name-field'],
    hasSuggestions: true,
    messages: {
      setName: 'Set name: {{name}}',
      emptyName:
        'The top-level name is empty, so Compose names the project after -p, COMPOSE_PROJECT_NAME or the directory ("{{name}}" here): set it, e.g. name: {{name}}.',
      noName:
        'No compose file sets the top-level name, so the project name comes from -p, COMPOSE_PROJECT_NAME or the directory ("{{name}}" here), and with it the names of containers, networks and volumes: add name: {{name}} to {{file}}.',
    },
  },
  check(context) {
    const { project } = context;
    const first = project.configFiles[0];
    // No model at all (an empty file, a file that is not a mapping): compose-schema says so.
    if (first === undefined || project.root.entries.size === 0) return;
    const file = relative(project.workingDir, first) || first;
    // The merged model keeps the last `name` of the compose files (an override may set it).
    const pair = getPair(project.root, 'name');
    if (pair) {
      const value = pair.value;
      const empty = isScalar(value) && (value.value === null || value.value === '');
      // Set, or written with a variable whose value is unknown here (the interpolation finding says why).
      if (!empty || unresolvedAt(project)(value.loc)) return;
      const fix = replaceWritten(project, value, project.name);
      context.report({
        messageId: 'emptyName',
        data: { name: project.name },
        at: pair,
        suggest: fix && pair.key.loc && value.loc?.file === pair.key.loc.file ? [{ messageId: 'setName', data: { name: project.name }, fix }] : undefined,
      });
      return;
    }
    context.report({
      messageId: 'noName',
      data: { name: project.name, file },
      // The start of the first compose file: a zero-width range at line 1, column 1.
      at: { file: first, start: 0, end: 0 },
      suggest: addName(project, first),
    });
  },
});

/**
 * `name: NAME` on a line of its own before the first top-level key of the first compose file
 * (comments above it stay above it). A suggestion: pinning the name is a choice (copies of a
 * project in several directories rely on the directory's name).
 */
function addName(project: Project, file: string): SuggestionDescriptor<'setName'>[] | undefined {
  const editor = yamlEditorFor(project, file);
  const root = editor?.documents[0]?.contents;
  const firstKey = isYamlMap(root) ? (root.items[0]?.key as { range?: [number, number, number] } | undefined) : undefined;
  const start = firstKey?.range?.[0];
  if (!editor || start === undefined || editor.text.lastIndexOf('\n', start - 1) + 1 !== start) return undefined;
  const text = `name: ${editor.renderScalar(project.name, undefined, false)}\n`;
  return [{ messageId: 'setName', data: { name: project.name }, fix: { edits: [{ start, end: start, text }] } }];
}
