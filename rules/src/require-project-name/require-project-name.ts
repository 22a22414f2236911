import { defineRule, getPair, isScalar } from '@composure/core/rule-kit';
import { relative } from 'node:path';
import { unresolvedAt } from '../unresolved.js';

export const requireProjectName = defineRule({
  meta: {
    id: 'require-project-name',
    description: 'The compose files should set the project name with a top-level `name`, so that it does not depend on the directory they are run from.',
    severity: 'info',
    category: 'hygiene',
    peers: ['dclint require-project-name-field'],
    messages: {
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
      context.report({
        messageId: 'emptyName',
        data: { name: project.name },
        at: pair,
      });
      return;
    }
    context.report({
      messageId: 'noName',
      data: { name: project.name, file },
      // The start of the first compose file: a zero-width range at line 1, column 1.
      at: { file: first, start: 0, end: 0 },
    });
  },
});
