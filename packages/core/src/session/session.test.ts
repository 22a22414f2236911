import { describe, expect, it } from 'vitest';
import { memoryHost, type Host } from '../host.js';
import { getIn, isMap } from '../source/node.js';
import { defineRule } from '../lint/rule.js';
import { createSession, type ProjectResult, type SessionSettings } from './session.js';

/** Reports every service, with its image, so that tests see what was loaded. */
const everyService = defineRule({
  meta: {
    id: 'every-service',
    description: 'test',
    severity: 'warning',
    recommended: true,
    fixable: true,
    category: 'hygiene',
    messages: { service: '{{name}} {{image}}' },
  },
  check(context) {
    const services = getIn(context.project.root, ['services']);
    if (!isMap(services)) return;
    for (const [name, pair] of services.entries) {
      const image = getIn(pair.value, ['image']);
      const text = image?.kind === 'scalar' ? String(image.value) : '';
      const fix = image?.loc && text === 'old:1' ? { edits: [{ start: image.loc.start, end: image.loc.end, text: 'new:1' }] } : undefined;
      context.report({ messageId: 'service', data: { name, image: text }, at: pair, service: name, fix });
    }
  },
});

function session(files: Record<string, string>, settings: Partial<SessionSettings> = {}) {
  return createSession({ rules: [everyService], cwd: '/w', env: {}, host: memoryHost(files), ...settings });
}

/** The value of a result that must have one. */
function valueOf<T>(result: ProjectResult<T>): T {
  if (!result.ok) throw new Error(`expected a value, got the failure ${JSON.stringify(result.failure)}`);
  return result.value;
}

const messages = (result: ProjectResult<{ findings: { message: string; file: string }[] }>) => valueOf(result).findings.map((f) => `${f.file} ${f.message}`);

const APP = {
  '/w/app/compose.yaml': 'services:\n  web:\n    image: "web:${TAG}"\n',
  '/w/app/compose.override.yaml': 'services:\n  cache:\n    image: redis:7\n',
  '/w/app/.env': 'TAG=1\n',
};

describe('the projects PATHs name', () => {
  const files = { ...APP, '/w/app/compose.prod.yaml': 'services: {}\n', '/w/README.md': '# x\n' };

  it("a directory, a compose file, standard input; none at all: the working directory's project", () => {
    const s = session(files);
    expect(s.projectsAt(['app', 'app/compose.prod.yaml', '-', '/elsewhere/missing.yaml'])).toEqual({
      projects: [
        { kind: 'directory', directory: '/w/app' },
        { kind: 'files', files: ['/w/app/compose.prod.yaml'] },
        { kind: 'files', files: ['-'] },
        { kind: 'files', files: ['/elsewhere/missing.yaml'] },
      ],
      skipped: [],
    });
    expect(s.projectsAt([])).toEqual({ projects: [{ kind: 'working-directory' }], skipped: [] });
  });

  it('among several PATHs, a file that is not YAML is skipped; given alone it is a project (and fails to load as one)', () => {
    const s = session(files);
    expect(s.projectsAt(['README.md', 'app'])).toEqual({ projects: [{ kind: 'directory', directory: '/w/app' }], skipped: ['README.md'] });
    expect(s.projectsAt(['README.md'])).toEqual({ projects: [{ kind: 'files', files: ['/w/README.md'] }], skipped: [] });
  });
});

describe('the project a file belongs to', () => {
  it('the files Docker Compose picks in its directory when it is one of them, else the file alone', () => {
    const s = session({ ...APP, '/w/app/compose.prod.yaml': 'services: {}\n', '/w/app/docker-compose.yml': 'services: {}\n' });
    const both = { kind: 'files', files: ['/w/app/compose.yaml', '/w/app/compose.override.yaml'] };
    expect(s.projectOf('app/compose.yaml')).toEqual(both);
    expect(s.projectOf('/w/app/compose.override.yaml')).toEqual(both);
    expect(s.projectOf('/w/app/compose.prod.yaml')).toEqual({ kind: 'files', files: ['/w/app/compose.prod.yaml'] });
    expect(s.projectOf('/w/app/docker-compose.yml')).toEqual({ kind: 'files', files: ['/w/app/docker-compose.yml'] });
  });
});

describe('analysing', () => {
  it('a directory: its compose file, override and .env, as Docker Compose reads them', () => {
    const s = session(APP);
    expect(messages(s.analyze({ kind: 'directory', directory: '/w/app' }))).toEqual([
      '/w/app/compose.override.yaml cache redis:7',
      '/w/app/compose.yaml web web:1',
    ]);
  });

  it('several projects with one session', () => {
    const s = session({ ...APP, '/w/other/compose.yaml': 'services:\n  api:\n    image: api:2\n' });
    const { projects } = s.projectsAt(['app', 'other']);
    expect(projects.map((p) => messages(s.analyze(p)))).toEqual([
      ['/w/app/compose.override.yaml cache redis:7', '/w/app/compose.yaml web web:1'],
      ['/w/other/compose.yaml api api:2'],
    ]);
  });

  it('the environment: the one given, unset variables dropped; it wins over .env', () => {
    const s = session(APP, { env: { TAG: '9', UNSET: undefined } });
    expect(s.env).toEqual({ TAG: '9' });
    expect(messages(s.analyze({ kind: 'directory', directory: '/w/app' }))[1]).toBe('/w/app/compose.yaml web web:9');
  });

  it('profiles and env files (relative to the working directory); empty lists leave the defaults', () => {
    const files = {
      '/w/p/compose.yaml': 'services:\n  web:\n    image: "web:${TAG}"\n  debug:\n    image: busybox:1\n    profiles: [dev]\n',
      '/w/p/.env': 'TAG=1\n',
      '/w/envs/prod.env': 'TAG=2\n',
    };
    const project = { kind: 'directory', directory: '/w/p' } as const;
    expect(messages(session(files, { profiles: [], envFiles: [] }).analyze(project))).toEqual(['/w/p/compose.yaml web web:1']);
    expect(messages(session(files, { profiles: ['dev'], envFiles: ['envs/prod.env'] }).analyze(project))).toEqual([
      '/w/p/compose.yaml web web:2',
      '/w/p/compose.yaml debug busybox:1',
    ]);
  });

  it('with a project directory, a directory PATH still names the compose files', () => {
    const files = { ...APP, '/w/base/.env': 'TAG=3\n' };
    const value = valueOf(session(files, { projectDirectory: 'base' }).analyze({ kind: 'directory', directory: '/w/app' }));
    expect(value.project.configFiles).toEqual(['/w/app/compose.yaml', '/w/app/compose.override.yaml']);
    expect(value.project.workingDir).toBe('/w/base');
    expect(value.findings.map((f) => f.message)).toEqual(['cache redis:7', 'web web:3']);
  });

  it('standard input, for `-`', () => {
    const s = session({}, { stdin: { text: 'services:\n  s:\n    image: s:1\n', filename: 'piped.yaml' } });
    expect(messages(s.analyze({ kind: 'files', files: ['-'] }))).toEqual(['/w/piped.yaml s s:1']);
  });

  it('documents win over the disk, as text or as bytes, and exist in a directory the disk does not have', () => {
    const documents = new Map<string, string | Uint8Array>([
      ['/w/app/compose.yaml', 'services:\n  edited:\n    image: e:1\n'],
      ['/nowhere/compose.yaml', new TextEncoder().encode('services:\n  unsaved:\n    image: u:1\n')],
    ]);
    const s = session(APP, { documents });
    expect(messages(s.analyze(s.projectOf('/w/app/compose.yaml')))).toEqual(['/w/app/compose.override.yaml cache redis:7', '/w/app/compose.yaml edited e:1']);
    expect(messages(s.analyze(s.projectOf('/nowhere/compose.yaml')))).toEqual(['/nowhere/compose.yaml unsaved u:1']);
  });

  it('configure resolves the configuration without linting; load loads alone', () => {
    const s = session({ ...APP, '/w/app/.composure.yaml': 'datastores: ["web*"]\n' });
    const configured = valueOf(s.configure({ kind: 'directory', directory: '/w/app' }));
    expect(configured.config.datastores).toEqual(['web*']);
    expect(Object.keys(configured)).toEqual(['project', 'config']);
    expect(valueOf(s.load({ kind: 'directory', directory: '/w/app' })).name).toBe('app');
  });

  it('fix: the fixed texts in memory, nothing written', () => {
    const files = { '/w/f/compose.yaml': 'services:\n  a:\n    image: old:1\n' };
    const fixed = valueOf(session(files).fix({ kind: 'directory', directory: '/w/f' }));
    expect(fixed.changes.map((c) => [c.path, c.fixed])).toEqual([['/w/f/compose.yaml', 'services:\n  a:\n    image: new:1\n']]);
    expect(files['/w/f/compose.yaml']).toBe('services:\n  a:\n    image: old:1\n');
  });
});

describe('failures are values', () => {
  it('a project that cannot be read: kind load, the reason alone, the file when there is one', () => {
    const s = session(APP);
    expect(s.analyze({ kind: 'directory', directory: '/w/empty' })).toMatchObject({
      ok: false,
      failure: { kind: 'load', message: 'no such directory: /w/empty', file: undefined },
    });
    expect(s.analyze({ kind: 'files', files: ['gone.yaml'] })).toMatchObject({
      ok: false,
      failure: { kind: 'load', message: 'no such file: /w/gone.yaml', file: '/w/gone.yaml' },
    });
  });

  it('a configuration that cannot be used: kind config, with its file and position', () => {
    const s = session({ ...APP, '/w/app/.composure.yaml': 'rules:\n  x: [oops\n' });
    const result = s.configure({ kind: 'directory', directory: '/w/app' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toEqual({
      kind: 'config',
      message: expect.stringMatching(/^invalid YAML in \/w\/app\/\.composure\.yaml: 3:1 /),
      file: '/w/app/.composure.yaml',
      position: { line: 3, column: 1 },
    });
    const inline = session({ '/w/i/compose.yaml': 'services: {}\nx-composure:\n  nonsense: 1\n' }).analyze({ kind: 'directory', directory: '/w/i' });
    expect(inline).toMatchObject({ ok: false, failure: { kind: 'config', file: '/w/i/compose.yaml', position: { line: 3, column: 3 } } });
  });

  it('a bug: kind internal, with what was thrown', () => {
    const bug = new TypeError('host broke');
    const broken: Host = {
      ...memoryHost(APP),
      readFile: () => {
        throw bug;
      },
    };
    const result = session({}, { host: broken }).analyze({ kind: 'files', files: ['/w/app/compose.yaml'] });
    expect(result).toEqual({
      ok: false,
      failure: { kind: 'internal', message: 'host broke', cause: bug },
      dependencies: new Set(['/w/app/compose.yaml', '/w/app', '/w/app/.env']),
    });
  });
});

describe('dependencies', () => {
  it('every path read or looked for, those that do not exist too, and the configuration file given', () => {
    const s = session(APP, { configFile: 'lint.yaml' });
    const result = s.analyze({ kind: 'directory', directory: '/w/app' });
    expect(result.ok).toBe(false);
    expect([...result.dependencies]).toEqual(expect.arrayContaining(['/w/lint.yaml', '/w/app/.env', '/w/app/compose.yaml', '/w/app/compose.override.yaml']));
    const found = session(APP).analyze({ kind: 'directory', directory: '/w/app' });
    expect([...found.dependencies]).toEqual(expect.arrayContaining(['/w/app/.env', '/w/app/.composure.yaml', '/w/.composure.yaml', '/.composure.yml']));
  });
});

describe('the Engine version', () => {
  const files = { '/w/compose.yaml': 'services:\n  a: { image: a:1 }\n', '/w/.composure.yaml': 'engine: "27.5"\n' };
  const engineOf = (result: ProjectResult<{ config: { engine: { text: string } } }>) => valueOf(result).config.engine.text;

  it("takes the configuration's engine:, and the setting (--engine-version) over it", () => {
    expect(engineOf(session(files).configure({ kind: 'working-directory' }))).toBe('27.5.0');
    expect(engineOf(session(files, { engineVersion: '28' }).analyze({ kind: 'working-directory' }))).toBe('28.0.0');
    expect(engineOf(session({ '/w/compose.yaml': files['/w/compose.yaml'] }).configure({ kind: 'working-directory' }))).toBe('29.7.2');
  });

  it('fails on a version it cannot read, saying where it was given', () => {
    const result = session(files, { engineVersion: 'latest' }).configure({ kind: 'working-directory' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.failure.message).toContain('"latest" is not a Docker Engine version (write it like 27, 28.1 or 29.7.2), given with --engine-version');
  });
});

describe('incremental', () => {
  it('analyses an edited document as a fresh session does: the edit re-parsed, positions after it moved', () => {
    const text = 'services:\n  web:\n    image: old:1\n  cache:\n    image: redis:7\n  db:\n    image: postgres:17\n';
    const documents = new Map([['/w/compose.yaml', text]]);
    const kept = session({}, { documents, incremental: true });
    const ref = { kind: 'files', files: ['compose.yaml'] } as const;
    valueOf(kept.analyze(ref));
    for (const edited of [
      text.replace('redis:7', 'redis:7.4-alpine'),
      text.replace('old:1', 'old:12'),
      text.replace('postgres:17\n', 'postgres:17\n    restart: always\n'),
    ]) {
      documents.set('/w/compose.yaml', edited);
      const fresh = session({}, { documents });
      expect(valueOf(kept.analyze(ref)).findings).toEqual(valueOf(fresh.analyze(ref)).findings);
    }
    expect(messages(kept.analyze(ref))).toEqual(['/w/compose.yaml web old:1', '/w/compose.yaml cache redis:7', '/w/compose.yaml db postgres:17']);
  });
});
