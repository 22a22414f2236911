import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { getIn, toJS, type MapNode } from '../source/node.js';
import { parseYaml } from '../source/parse-yaml.js';
import { SourceFile } from '../source/source-file.js';
import { canonicalize } from './canonical.js';
import { resolveRelativePaths } from './resolve-paths.js';

const WD = '/work/app';
const ENV = { HOME: '/home/me' };

function resolved(model: unknown, env: Record<string, string | undefined> = ENV): unknown {
  const root = parseYaml(new SourceFile(`${WD}/compose.yaml`, stringify(model))).documents[0] as MapNode;
  resolveRelativePaths(root, WD, env);
  return toJS(root);
}

const service = (value: Record<string, unknown>) => (resolved({ services: { s: value } }) as { services: { s: Record<string, unknown> } }).services.s;

describe('resolveRelativePaths', () => {
  it('build context, long and short form; remote contexts untouched', () => {
    expect(service({ build: './app' }).build).toBe('/work/app/app');
    expect(service({ build: { context: '../other/' } }).build).toEqual({ context: '/work/other' });
    expect(service({ build: { context: '~/src' } }).build).toEqual({ context: '/home/me/src' });
    expect(service({ build: { context: '/abs' } }).build).toEqual({ context: '/abs' });
    for (const remote of [
      'https://github.com/docker/app.git#main',
      'http://example.com/ctx.tar.gz',
      'git://host/repo',
      'ssh://git@host/repo',
      'github.com/docker/app',
      'git@github.com:docker/app.git',
      'docker-image://alpine',
      'service:base',
    ]) {
      expect(service({ build: { context: remote } }).build).toEqual({ context: remote });
      expect(service({ build: remote }).build).toBe(remote);
    }
  });

  it('additional contexts and ssh keys', () => {
    expect(
      service({
        build: {
          additional_contexts: { a: './a', img: 'docker-image://alpine', g: 'https://github.com/x/y.git' },
          ssh: { default: null, key: './id_rsa' },
        },
      }).build,
    ).toEqual({
      additional_contexts: { a: '/work/app/a', img: 'docker-image://alpine', g: 'https://github.com/x/y.git' },
      ssh: { default: null, key: '/work/app/id_rsa' },
    });
    expect(service({ build: { additional_contexts: ['a=./a', 'img=docker-image://alpine'], ssh: ['default', 'key=~/.ssh/id'] } }).build).toEqual({
      additional_contexts: ['a=/work/app/a', 'img=docker-image://alpine'],
      ssh: ['default', 'key=/home/me/.ssh/id'],
    });
  });

  it('env_file and label_file, short and long form', () => {
    expect(service({ env_file: '.env' }).env_file).toBe('/work/app/.env');
    expect(service({ env_file: ['a.env', { path: './b.env', required: false }] }).env_file).toEqual([
      '/work/app/a.env',
      { path: '/work/app/b.env', required: false },
    ]);
    expect(service({ label_file: ['./l1', '/abs/l2'] }).label_file).toEqual(['/work/app/l1', '/abs/l2']);
    expect(service({ label_file: 'l' }).label_file).toBe('/work/app/l');
  });

  it('extends file, unless remote', () => {
    expect(service({ extends: { file: 'base.yaml', service: 'b' } }).extends).toEqual({ file: '/work/app/base.yaml', service: 'b' });
    expect(service({ extends: { file: 'oci://registry/app:1', service: 'b' } }).extends).toEqual({ file: 'oci://registry/app:1', service: 'b' });
  });

  it('develop.watch paths', () => {
    expect(service({ develop: { watch: [{ path: './src', action: 'sync', target: '/app' }] } }).develop).toEqual({
      watch: [{ path: '/work/app/src', action: 'sync', target: '/app' }],
    });
  });

  it('bind-mount sources, long and short form; named volumes and Windows paths untouched', () => {
    expect(
      service({
        volumes: [
          { type: 'bind', source: './data', target: '/data' },
          { type: 'bind', source: '~/cfg', target: '/cfg' },
          { type: 'bind', source: 'C:\\data', target: '/win' },
          { type: 'volume', source: 'named', target: '/named' },
          './static:/var/www:ro',
          '.:/code',
          './:/code2',
          '~/configs:/etc/configs:ro',
          'named:/named',
          '/abs:/abs',
          '/anonymous',
        ],
      }).volumes,
    ).toEqual([
      { type: 'bind', source: '/work/app/data', target: '/data' },
      { type: 'bind', source: '/home/me/cfg', target: '/cfg' },
      { type: 'bind', source: 'C:\\data', target: '/win' },
      { type: 'volume', source: 'named', target: '/named' },
      '/work/app/static:/var/www:ro',
      '/work/app:/code',
      '/work/app:/code2',
      '/home/me/configs:/etc/configs:ro',
      'named:/named',
      '/abs:/abs',
      '/anonymous',
    ]);
  });

  it('config and secret files', () => {
    expect(resolved({ configs: { c: { file: './c.conf' }, e: { external: true } }, secrets: { s: { file: '~/s' }, t: { environment: 'T' } } })).toEqual({
      configs: { c: { file: '/work/app/c.conf' }, e: { external: true } },
      secrets: { s: { file: '/home/me/s' }, t: { environment: 'T' } },
    });
  });

  it('include paths, project directories and env files; remote includes untouched', () => {
    expect(
      resolved({
        include: [
          'db/compose.yaml',
          { path: ['a.yaml', 'b.yaml'], project_directory: '..', env_file: './x.env' },
          { path: 'oci://docker.io/org/app:1' },
          'git@github.com:org/repo.git',
        ],
      }),
    ).toEqual({
      include: [
        '/work/app/db/compose.yaml',
        { path: ['/work/app/a.yaml', '/work/app/b.yaml'], project_directory: '/work', env_file: '/work/app/x.env' },
        { path: 'oci://docker.io/org/app:1' },
        'git@github.com:org/repo.git',
      ],
    });
  });

  it('the device of a local bind volume', () => {
    expect(
      resolved({
        volumes: {
          b: { driver: 'local', driver_opts: { type: 'none', o: 'bind', device: './host' } },
          n: { driver: 'local', driver_opts: { type: 'nfs', o: 'addr=1.2.3.4', device: ':/export' } },
          e: null,
        },
      }),
    ).toEqual({
      volumes: {
        b: { driver: 'local', driver_opts: { type: 'none', o: 'bind', device: '/work/app/host' } },
        n: { driver: 'local', driver_opts: { type: 'nfs', o: 'addr=1.2.3.4', device: ':/export' } },
        e: null,
      },
    });
  });

  it('leaves ~ alone when HOME is unset (and resolves it as a relative path, as compose-go does)', () => {
    expect(service({ build: { context: '~/src' } }).build).toEqual({ context: '/home/me/src' });
    expect((resolved({ services: { s: { build: { context: '~/src' } } } }, {}) as { services: { s: unknown } }).services.s).toEqual({
      build: { context: '/work/app/~/src' },
    });
  });

  it('is idempotent and keeps the locations of rewritten scalars', () => {
    const text = 'services:\n  s:\n    build: ./app\n    volumes: ["./d:/d"]\n';
    const root = parseYaml(new SourceFile(`${WD}/compose.yaml`, text)).documents[0] as MapNode;
    const before = getIn(root, ['services', 's', 'build'])!.loc;
    resolveRelativePaths(root, WD, ENV);
    resolveRelativePaths(root, '/elsewhere', ENV);
    expect(getIn(root, ['services', 's', 'build'])!.loc).toEqual(before);
    expect(toJS(root)).toEqual({ services: { s: { build: '/work/app/app', volumes: ['/work/app/d:/d'] } } });
  });

  it('gives the same result before and after canonicalisation', () => {
    const model = { services: { s: { build: './app', env_file: ['.env'], volumes: ['./d:/d', 'data:/v'] } } };
    const first = parseYaml(new SourceFile(`${WD}/compose.yaml`, stringify(model))).documents[0] as MapNode;
    resolveRelativePaths(first, WD, ENV);
    canonicalize(first);
    const second = parseYaml(new SourceFile(`${WD}/compose.yaml`, stringify(model))).documents[0] as MapNode;
    canonicalize(second);
    resolveRelativePaths(second, WD, ENV);
    expect(toJS(first)).toEqual(toJS(second));
    expect(toJS(getIn(second, ['services', 's'])!)).toEqual({
      build: { context: '/work/app/app' },
      env_file: [{ path: '/work/app/.env', required: true }],
      volumes: [
        { type: 'bind', source: '/work/app/d', target: '/d', bind: { create_host_path: true } },
        { type: 'volume', source: 'data', target: '/v', volume: {} },
      ],
    });
  });
});
