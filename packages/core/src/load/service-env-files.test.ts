import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { get, isMap, toJS, type MapNode } from '../source/node.js';
import { loadProject } from './load-project.js';

function load(files: Record<string, string>, env: Record<string, string> = {}) {
  return loadProject({ host: memoryHost(files), cwd: '/p', env });
}

/** Each variable as `KEY=value @ file:line:column-endColumn` of its value. */
function located(project: ReturnType<typeof load>, variables: MapNode | undefined): string[] {
  if (!isMap(variables)) return [];
  return [...variables.entries.values()].map(({ key, value }) => {
    const loc = value.loc!;
    const file = project.files.get(loc.file)!;
    const start = file.position(loc.start);
    const end = file.position(loc.end);
    return `${String(key.value)}=${String(toJS(value))} @ ${loc.file}:${start.line}:${start.column}-${end.column}`;
  });
}

describe('env_file variables', () => {
  it('reads the files in order, later ones winning, each value located in its file', () => {
    const project = load({
      '/p/compose.yaml': 'services:\n  web:\n    image: x:1\n    env_file: [a.env, b.env]\n',
      '/p/a.env': 'DB_HOST=db\nexport CACHE="cache:6379"\n',
      '/p/b.env': "DB_HOST='primary'\n",
    });
    expect(located(project, project.envFileVariables.get('web'))).toEqual(['DB_HOST=primary @ /p/b.env:1:10-17', 'CACHE=cache:6379 @ /p/a.env:2:15-25']);
    // The model is left alone: no output shows the values.
    expect(get(get(get(project.root, 'services'), 'web'), 'environment')).toBeUndefined();
  });

  it('expands ${VAR} from the project environment first, then the service environment', () => {
    const project = load(
      {
        '/p/compose.yaml': 'services:\n  web:\n    image: x:1\n    env_file: app.env\n    environment:\n      NAME: from-service\n      PORT: "8080"\n',
        '/p/app.env': 'URL="http://${NAME}:${PORT}"\n',
      },
      { NAME: 'from-project' },
    );
    expect(located(project, project.envFileVariables.get('web'))).toEqual(['URL=http://from-project:8080 @ /p/app.env:1:6-28']);
  });

  it('reads disabled services too, and skips missing, unresolved and raw-format files', () => {
    const project = load({
      '/p/compose.yaml': [
        'services:',
        '  web:',
        '    image: x:1',
        '    env_file:',
        '      - {path: missing.env, required: false}',
        '      - {path: raw.env, format: raw}',
        '  debug:',
        '    image: y:1',
        '    profiles: [debug]',
        '    env_file: debug.env',
        '',
      ].join('\n'),
      '/p/raw.env': 'URL=http://raw:80\n',
      '/p/debug.env': 'TARGET=web\n',
    });
    expect(project.envFileVariables.has('web')).toBe(false);
    expect(located(project, project.envFileVariables.get('debug'))).toEqual(['TARGET=web @ /p/debug.env:1:8-11']);
  });
});
