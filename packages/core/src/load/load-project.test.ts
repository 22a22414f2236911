import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { get, getIn, str, toJS } from '../source/node.js';
import { LoadError } from './load-error.js';
import { loadProject, type LoadOptions } from './load-project.js';

function load(files: Record<string, string>, options: Partial<LoadOptions> = {}) {
  return loadProject({ host: memoryHost(files), cwd: '/p', env: {}, ...options });
}

/** Diagnostics as `ruleId file:line:col message`, for exact assertions. */
function problems(project: ReturnType<typeof load>) {
  return project.diagnostics.map((d) => {
    const { line, column } = project.files.get(d.loc.file)!.position(d.loc.start);
    return `${d.ruleId} ${d.loc.file}:${line}:${column} ${d.message}`;
  });
}

/** The LoadError a call throws (the test fails when it throws nothing or something else). */
function thrownBy(call: () => unknown): LoadError {
  try {
    call();
  } catch (error) {
    if (error instanceof LoadError) return error;
    throw error;
  }
  throw new Error('expected a LoadError, nothing was thrown');
}

const services = (project: ReturnType<typeof load>) => Object.keys(toJS(get(project.root, 'services')!) as object);

describe('default files', () => {
  it('prefers compose.yaml and adds its override file', () => {
    const project = load({
      '/p/compose.yaml': 'services:\n  a:\n    image: x:1\n',
      '/p/compose.override.yaml': 'services:\n  b:\n    image: y:1\n',
      '/p/docker-compose.yml': 'services:\n  c:\n    image: z:1\n',
    });
    expect(project.configFiles).toEqual(['/p/compose.yaml', '/p/compose.override.yaml']);
    expect(services(project)).toEqual(['a', 'b']);
  });

  it('falls back to docker-compose.yml and searches parents only when asked', () => {
    const files = { '/p/docker-compose.yml': 'services:\n  c:\n    image: z:1\n', '/p/sub/x.txt': '' };
    expect(load(files, { cwd: '/p/sub', searchParents: true }).configFiles).toEqual(['/p/docker-compose.yml']);
    expect(() => load(files, { cwd: '/p/sub' })).toThrow(LoadError);
  });

  it('says where it looked when there is no compose file', () => {
    // The reason alone: the CLI adds its own `composure: ` when it prints it.
    expect(thrownBy(() => load({ '/p/readme.md': '' }))).toMatchObject({
      message: 'no compose file found in /p (looked for compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml)',
      file: undefined,
    });
  });

  it('honours COMPOSE_FILE, from the environment or from .env', () => {
    const files = {
      '/p/a.yaml': 'services:\n  a:\n    image: x:1\n',
      '/p/b.yaml': 'services:\n  b:\n    image: y:1\n',
      '/p/.env': 'COMPOSE_FILE=a.yaml:b.yaml\n',
    };
    expect(load(files).configFiles).toEqual(['/p/a.yaml', '/p/b.yaml']);
    expect(load(files, { env: { COMPOSE_FILE: 'b.yaml' } }).configFiles).toEqual(['/p/b.yaml']);
  });

  it('reports a missing -f file as a load error', () => {
    expect(thrownBy(() => load({ '/p/compose.yaml': '' }, { files: ['nope.yaml'] }))).toMatchObject({
      message: 'no such file: /p/nope.yaml',
      file: '/p/nope.yaml',
    });
  });
});

describe('merging files', () => {
  it('keeps the location of values from the file that wrote them', () => {
    const project = load(
      {
        '/p/compose.yaml': 'services:\n  web:\n    image: nginx:1\n    ports: ["80:80"]\n',
        '/p/prod.yaml': 'services:\n  web:\n    image: nginx:2\n    ports: ["443:443"]\n',
      },
      { files: ['compose.yaml', 'prod.yaml'] },
    );
    const web = getIn(project.root, ['services', 'web']);
    expect(str(get(web, 'image'))).toBe('nginx:2');
    expect(get(web, 'image')!.loc!.file).toBe('/p/prod.yaml');
    const ports = get(web, 'ports');
    expect(toJS(ports!)).toEqual([
      { mode: 'ingress', target: 80, published: '80', protocol: 'tcp' },
      { mode: 'ingress', target: 443, published: '443', protocol: 'tcp' },
    ]);
    expect(getIn(ports, [1])!.loc!.file).toBe('/p/prod.yaml');
  });
});

describe('environment and interpolation', () => {
  it('reads .env and lets the process environment win', () => {
    const files = { '/p/compose.yaml': 'services:\n  a:\n    image: "nginx:${TAG}"\n', '/p/.env': 'TAG=1.25\n' };
    expect(str(getIn(load(files).root, ['services', 'a', 'image']))).toBe('nginx:1.25');
    expect(str(getIn(load(files, { env: { TAG: '1.27' } }).root, ['services', 'a', 'image']))).toBe('nginx:1.27');
  });

  it('replaces .env with --env-file files, in order', () => {
    const files = {
      '/p/compose.yaml': 'services:\n  a:\n    image: "nginx:${TAG}-${FLAVOR}"\n',
      '/p/.env': 'TAG=1.25\nFLAVOR=plain\n',
      '/p/one.env': 'TAG=2\nFLAVOR=alpine\n',
      '/p/two.env': 'FLAVOR=slim\n',
    };
    expect(str(getIn(load(files, { envFiles: ['one.env', 'two.env'] }).root, ['services', 'a', 'image']))).toBe('nginx:2-slim');
  });

  it('reports an unset variable as a warning at its ${…} in the value', () => {
    const project = load({ '/p/compose.yaml': 'services:\n  a:\n    image: "nginx:${TAG}"\n' });
    expect(problems(project)).toEqual(['interpolation /p/compose.yaml:3:19 The "TAG" variable is not set. Defaulting to a blank string.']);
    expect(project.diagnostics[0].severity).toBe('warning');
  });
});

describe('project name', () => {
  const files = { '/p/My Project/compose.yaml': 'services:\n  a:\n    image: x:1\n' };
  it('comes from the directory, normalised', () => {
    expect(load(files, { cwd: '/p/My Project' }).name).toBe('myproject');
  });
  it('comes from name:, interpolated, then COMPOSE_PROJECT_NAME, then -p', () => {
    const named = { '/p/compose.yaml': 'name: "shop-${ENV}"\nservices:\n  a:\n    image: x:1\n' };
    expect(load(named, { env: { ENV: 'Prod' } }).name).toBe('shop-prod');
    expect(load(named, { env: { ENV: 'prod', COMPOSE_PROJECT_NAME: 'other' } }).name).toBe('other');
    expect(load(named, { projectName: 'cli', env: { COMPOSE_PROJECT_NAME: 'other' } }).name).toBe('cli');
  });
  it('rejects an invalid -p', () => {
    expect(() => load(files, { cwd: '/p/My Project', projectName: 'Bad Name' })).toThrow(LoadError);
  });
  it('names networks after the project', () => {
    const project = load({ '/p/compose.yaml': 'name: shop\nservices:\n  a:\n    image: x:1\n' });
    expect(toJS(get(project.root, 'networks')!)).toEqual({ default: { name: 'shop_default' } });
  });
});

describe('profiles', () => {
  const files = { '/p/compose.yaml': 'services:\n  a:\n    image: x:1\n  dbg:\n    image: y:1\n    profiles: [debug]\n' };
  it('leaves out services of inactive profiles', () => {
    const project = load(files);
    expect(services(project)).toEqual(['a']);
    expect([...project.disabledServices.keys()]).toEqual(['dbg']);
  });
  it('enables them with --profile, COMPOSE_PROFILES or *', () => {
    expect(services(load(files, { profiles: ['debug'] }))).toEqual(['a', 'dbg']);
    expect(services(load(files, { env: { COMPOSE_PROFILES: 'other,debug' } }))).toEqual(['a', 'dbg']);
    expect(services(load(files, { profiles: ['*'] }))).toEqual(['a', 'dbg']);
  });
});

describe('extends', () => {
  it('merges a base service from the same file and from another file', () => {
    const project = load({
      '/p/compose.yaml': [
        'services:',
        '  base:',
        '    image: x:1',
        '    environment: [A=1]',
        '  web:',
        '    extends: base',
        '    environment: [B=2]',
        '  api:',
        '    extends: { file: lib/common.yaml, service: common }',
        '',
      ].join('\n'),
      '/p/lib/common.yaml': 'services:\n  common:\n    image: y:1\n    env_file: common.env\n',
      '/p/lib/common.env': 'X=1\n',
    });
    expect(toJS(getIn(project.root, ['services', 'web', 'environment'])!)).toEqual({ A: '1', B: '2' });
    expect(getIn(project.root, ['services', 'web', 'extends'])).toBeUndefined();
    // Relative paths of a base from another file resolve against that file's directory.
    expect(toJS(getIn(project.root, ['services', 'api', 'env_file'])!)).toEqual([{ path: '/p/lib/common.env', required: true }]);
    expect(problems(project)).toEqual([]);
  });

  it('reports a missing file, a missing service and a cycle at the reference', () => {
    const project = load({
      '/p/compose.yaml': [
        'services:',
        '  a:',
        '    image: x:1',
        '    extends: { file: nope.yaml, service: b }',
        '  b:',
        '    image: x:1',
        '    extends: ghost',
        '  c:',
        '    image: x:1',
        '    extends: d',
        '  d:',
        '    image: x:1',
        '    extends: c',
        '',
      ].join('\n'),
    });
    expect(problems(project)).toEqual([
      'compose-load /p/compose.yaml:4:22 Cannot extend service "a": the file nope.yaml cannot be read.',
      'compose-load /p/compose.yaml:7:14 Cannot extend service "b": service "ghost" not found.',
      'compose-load /p/compose.yaml:13:14 Circular extends: c → d → c.',
    ]);
  });
});

describe('include', () => {
  it('imports the services of an included project with its own directory and .env', () => {
    const project = load({
      '/p/compose.yaml': 'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: x:1\n',
      '/p/db/compose.yaml': 'services:\n  db:\n    image: "postgres:${PG}"\n    env_file: db.env\n',
      '/p/db/.env': 'PG=17\n',
      '/p/db/db.env': 'A=1\n',
    });
    expect(services(project)).toEqual(['web', 'db']);
    expect(str(getIn(project.root, ['services', 'db', 'image']))).toBe('postgres:17');
    expect(toJS(getIn(project.root, ['services', 'db', 'env_file'])!)).toEqual([{ path: '/p/db/db.env', required: true }]);
    expect(getIn(project.root, ['services', 'db', 'image'])!.loc!.file).toBe('/p/db/compose.yaml');
    expect(problems(project)).toEqual([]);
  });

  it('reports a missing file, a cycle and a remote include at the reference', () => {
    const project = load({
      '/p/compose.yaml': 'include:\n  - missing.yaml\n  - loop.yaml\n  - oci://registry/app:1\nservices:\n  web:\n    image: x:1\n',
      '/p/loop.yaml': 'include:\n  - compose.yaml\n',
    });
    expect(problems(project)).toEqual([
      'compose-load /p/compose.yaml:2:5 The included file missing.yaml does not exist.',
      'compose-load /p/loop.yaml:2:5 Include cycle: compose.yaml → loop.yaml → compose.yaml.',
      'compose-load /p/compose.yaml:4:5 The remote include oci://registry/app:1 is not fetched; its services are not analysed.',
    ]);
  });

  it('reports an included file that exists but cannot be read at the reference (no fixture can commit one)', () => {
    const files = { '/p/compose.yaml': 'include:\n  - locked.yaml\nservices:\n  web:\n    image: x:1\n', '/p/locked.yaml': '' };
    const host = memoryHost(files);
    const project = loadProject({ host: { ...host, readFile: (path) => (path === '/p/locked.yaml' ? undefined : host.readFile(path)) }, cwd: '/p', env: {} });
    expect(problems(project)).toEqual(['compose-load /p/compose.yaml:2:5 The file /p/locked.yaml cannot be read.']);
    expect(project.diagnostics.map((d) => [d.messageId, d.data])).toEqual([['fileUnreadable', { path: '/p/locked.yaml' }]]);
  });

  it("reports an include's env file that cannot be read at its entry, by its absolute path", () => {
    const project = load({
      '/p/compose.yaml': 'include:\n  - path: db/compose.yaml\n    env_file: db/missing.env\nservices:\n  web:\n    image: x:1\n',
      '/p/db/compose.yaml': 'services:\n  db:\n    image: postgres:17\n',
    });
    expect(problems(project)).toEqual(['compose-load /p/compose.yaml:3:15 The env file /p/db/missing.env cannot be read.']);
    expect(project.diagnostics.map((d) => [d.messageId, d.data])).toEqual([['envFileUnreadable', { path: '/p/db/missing.env' }]]);
  });
});

describe('label_file', () => {
  it("inlines label files under the service's own labels, each label located in its file", () => {
    const project = load({
      '/p/compose.yaml': 'services:\n  a:\n    image: x:1\n    label_file: [base.labels, extra.labels, gone.labels]\n    labels:\n      tier: web\n',
      '/p/base.labels': 'tier=data\nteam=core\n',
      '/p/extra.labels': 'team=platform\n',
    });
    expect(toJS(getIn(project.root, ['services', 'a', 'labels'])!)).toEqual({ tier: 'web', team: 'platform' });
    expect(getIn(project.root, ['services', 'a', 'labels', 'team'])!.loc).toEqual({ file: '/p/extra.labels', start: 5, end: 13 });
    expect(problems(project)).toEqual(['compose-load /p/compose.yaml:4:45 The label_file gone.labels of service "a" does not exist.']);
  });
});

describe('bad input', () => {
  it('reports an empty project', () => {
    expect(problems(load({ '/p/compose.yaml': '' }))).toEqual(['compose-schema /p/compose.yaml:1:1 The compose file is empty.']);
  });
  it('reports a top level that is not a mapping', () => {
    expect(problems(load({ '/p/compose.yaml': '- a\n- b\n' }))).toEqual([
      'compose-schema /p/compose.yaml:1:1 The top level of a compose file must be a mapping.',
    ]);
  });
  it('reports a missing required env_file at the reference', () => {
    const project = load({ '/p/compose.yaml': 'services:\n  a:\n    image: x:1\n    env_file: [app.env, {path: opt.env, required: false}]\n' });
    expect(problems(project)).toEqual(['compose-load /p/compose.yaml:4:16 The env_file app.env of service "a" does not exist.']);
  });
  it('keeps going after YAML errors and reports each', () => {
    const project = load({ '/p/compose.yaml': 'services:\n  a:\n    image: [x\n  b:\n    image: "y\n' });
    expect(project.diagnostics.filter((d) => d.ruleId === 'yaml-syntax').length).toBeGreaterThanOrEqual(2);
  });
});

describe('locations after merging', () => {
  it('points a merged environment entry at its key and at its value, in the file that wrote them', () => {
    const files = {
      '/p/compose.yaml': 'services:\n  web:\n    image: x:1\n    environment:\n      A: one\n',
      '/p/compose.override.yaml': 'services:\n  web:\n    environment:\n      B: "two"\n      C:\n',
    };
    const project = load(files);
    const environment = getIn(project.root, ['services', 'web', 'environment']);
    const text = (loc: { file: string; start: number; end: number } | undefined) =>
      loc && `${loc.file}:${files[loc.file as keyof typeof files].slice(loc.start, loc.end)}`;
    const entries = environment?.kind === 'map' ? [...environment.entries.values()] : [];
    expect(entries.map((p) => [text(p.key.loc), text(p.value.loc)])).toEqual([
      ['/p/compose.yaml:A', '/p/compose.yaml:one'],
      ['/p/compose.override.yaml:B', '/p/compose.override.yaml:"two"'],
      // A key without a value: the value is located at its key.
      ['/p/compose.override.yaml:C', '/p/compose.override.yaml:C'],
    ]);
  });
});

describe('schema findings where the YAML could not be read', () => {
  it("leaves out those on a line with a parser error (the tree there is the parser's guess)", () => {
    const project = load({ '/p/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    environment:\n\t\tDEBUG: "1"\n' });
    // Without the filter: also "Unknown top-level key \"DEBUG\"" at 5:3, where the parser put the tabbed line.
    expect(problems(project)).toEqual([
      'yaml-syntax /p/compose.yaml:5:1 Tabs are not allowed as indentation.',
      'compose-schema /p/compose.yaml:4:5 services.web.environment must be a mapping or a list, but is empty.',
    ]);
  });

  it('keeps those on a line whose only problem is a duplicate key', () => {
    const project = load({ '/p/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    image: 5\n' });
    expect(problems(project)).toEqual([
      'yaml-syntax /p/compose.yaml:4:5 Duplicate key "image" (first set on line 3); the later value wins.',
      'compose-schema /p/compose.yaml:4:12 services.web.image must be a string, not a number.',
    ]);
  });
});
