import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { getIn, getPair, toJS, type Loc, type MapNode, type Node } from '../source/node.js';
import { parseYaml } from '../source/parse-yaml.js';
import { SourceFile } from '../source/source-file.js';
import { parsePort, canonicalize, setDefaultValues } from './canonical.js';
import { resolveRelativePaths } from './resolve-paths.js';

const FILE = '/project/compose.yaml';

function load(text: string): MapNode {
  const { documents, diagnostics } = parseYaml(new SourceFile(FILE, text));
  expect(diagnostics).toEqual([]);
  return documents[0] as MapNode;
}

/** Canonicalises `{services: {s: service}}` and returns the service (and the diagnostics). */
function service(value: Record<string, unknown>) {
  const root = load(stringify({ services: { s: value } }));
  const diagnostics = canonicalize(root);
  return { root, diagnostics, s: toJS(getIn(root, ['services', 's'])!) as Record<string, unknown> };
}

const canonical = (key: string, value: unknown) => {
  const { diagnostics, s } = service({ [key]: value });
  expect(diagnostics).toEqual([]);
  return s[key];
};

/** Every location in a subtree, keys included. */
function locations(node: Node): (Loc | undefined)[] {
  if (node.kind === 'scalar') return [node.loc];
  if (node.kind === 'seq') return [node.loc, ...node.items.flatMap(locations)];
  return [node.loc, ...[...node.entries.values()].flatMap((p) => [p.key.loc, ...locations(p.value)])];
}

describe('canonicalize: ports (transform/ports_test.go)', () => {
  it('expands short syntax', () => {
    expect(canonical('ports', ['127.0.0.1:8080:80', '127.0.0.1:8081:81'])).toEqual([
      { host_ip: '127.0.0.1', mode: 'ingress', protocol: 'tcp', published: '8080', target: 80 },
      { host_ip: '127.0.0.1', mode: 'ingress', protocol: 'tcp', published: '8081', target: 81 },
    ]);
  });

  it('leaves an invalid spec as written, without a second report (the prose checks own port syntax)', () => {
    const root = load('services:\n  s:\n    ports:\n      - "127.0.1:8080:80"\n');
    expect(canonicalize(root)).toEqual([]);
    expect(toJS(getIn(root, ['services', 's', 'ports'])!)).toEqual(['127.0.1:8080:80']);
  });

  it('leaves values holding variables alone', () => {
    const { diagnostics, s } = service({ ports: ['${HOST_IP}:${HOST_PORT}:80', '80'] });
    expect(diagnostics).toEqual([]);
    expect(s.ports).toEqual(['${HOST_IP}:${HOST_PORT}:80', { mode: 'ingress', target: 80, protocol: 'tcp' }]);
  });

  it('handles numbers, ranges, protocols and IPv6', () => {
    expect(canonical('ports', [3000, '3001-3003', '9090-9091:8080-8081', '8000-8010:80', '[::1]:53:53/udp', '80/SCTP', '8-10'])).toEqual([
      { target: 3000 },
      { mode: 'ingress', target: 3001, protocol: 'tcp' },
      { mode: 'ingress', target: 3002, protocol: 'tcp' },
      { mode: 'ingress', target: 3003, protocol: 'tcp' },
      { mode: 'ingress', target: 8080, published: '9090', protocol: 'tcp' },
      { mode: 'ingress', target: 8081, published: '9091', protocol: 'tcp' },
      { mode: 'ingress', target: 80, published: '8000-8010', protocol: 'tcp' },
      { mode: 'ingress', host_ip: '::1', target: 53, published: '53', protocol: 'udp' },
      { mode: 'ingress', target: 80, protocol: 'sctp' },
      // compose-go sorts a range's ports as strings: "10/tcp" < "8/tcp" < "9/tcp".
      { mode: 'ingress', target: 10, protocol: 'tcp' },
      { mode: 'ingress', target: 8, protocol: 'tcp' },
      { mode: 'ingress', target: 9, protocol: 'tcp' },
    ]);
  });

  it.each(['abc', '70000', 'x:80', '80/icmp', '8000-8001:80-82', '1.2.3.4:80:80:80', '80:'])('leaves the invalid spec %s unchanged', (spec) => {
    const { diagnostics, s } = service({ ports: [spec] });
    expect(diagnostics).toEqual([]);
    expect(s.ports).toEqual([spec]);
    expect(parsePort(spec)).toEqual(expect.any(String));
  });

  it('locates every node of a long-form port at the short string', () => {
    const text = 'services:\n  s:\n    ports:\n      - "8080:80"\n      - 9000\n';
    const root = load(text);
    const source = getIn(root, ['services', 's', 'ports', 0])!.loc;
    const number = getIn(root, ['services', 's', 'ports', 1])!;
    canonicalize(root);
    const port = getIn(root, ['services', 's', 'ports', 0])!;
    expect(toJS(port)).toEqual({ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' });
    expect(source).toBeDefined();
    expect(new Set(locations(port))).toEqual(new Set([source]));
    const long = getIn(root, ['services', 's', 'ports', 1])!;
    expect(getIn(long, ['target'])).toBe(number);
    expect(new Set(locations(long))).toEqual(new Set([number.loc]));
  });
});

describe('canonicalize: volumes (transform/volume_test.go)', () => {
  const bind = { create_host_path: true };
  it.each<[string, unknown]>([
    ['/path', { type: 'volume', target: '/path', volume: {} }],
    ['/path/foo', { type: 'volume', target: '/path/foo', volume: {} }],
    ['C:\\path', { type: 'volume', target: 'C:\\path', volume: {} }],
    ['.', { type: 'volume', target: '.' }],
    ['/a', { type: 'volume', target: '/a' }],
    ['./foo:/target', { type: 'bind', source: './foo', target: '/target', bind }],
    ['~/thing:/target', { type: 'bind', source: '~/thing', target: '/target', bind }],
    ['../other:/target', { type: 'bind', source: '../other', target: '/target', bind }],
    ['/home/user:/target', { type: 'bind', source: '/home/user', target: '/target', bind }],
    ['D:\\path:d:\\target', { type: 'bind', source: 'D:\\path', target: 'd:\\target', bind }],
    ['/source:/target:slave', { type: 'bind', source: '/source', target: '/target', bind: { create_host_path: true, propagation: 'slave' } }],
    ['/source:/target:ro,z', { type: 'bind', source: '/source', target: '/target', read_only: true, bind: { create_host_path: true, selinux: 'z' } }],
    ['/source:/target:ro,Z', { type: 'bind', source: '/source', target: '/target', read_only: true, bind: { create_host_path: true, selinux: 'Z' } }],
    [
      'C:\\source\\foo:D:\\target:ro,rprivate',
      { type: 'bind', source: 'C:\\source\\foo', target: 'D:\\target', read_only: true, bind: { create_host_path: true, propagation: 'rprivate' } },
    ],
    ['name:/target:bogus', { type: 'volume', source: 'name', target: '/target', volume: {} }],
    ['name:/target:nocopy', { type: 'volume', source: 'name', target: '/target', volume: { nocopy: true } }],
    ['./foo:/target:rw', { type: 'bind', source: './foo', target: '/target', bind }],
    ['\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\inside', { type: 'bind', source: '\\\\.\\pipe\\docker_engine', target: '\\\\.\\pipe\\inside', bind }],
    ['./:/code/', { type: 'bind', source: '.', target: '/code', bind }],
    ['data:/var/lib/data/../db/', { type: 'volume', source: 'data', target: '/var/lib/db', volume: {} }],
  ])('%s', (spec, expected) => {
    expect(canonical('volumes', [spec])).toEqual([expected]);
  });

  it.each([
    ['/foo:/foo:ro:foo', 'invalid spec: /foo:/foo:ro:foo: too many colons'],
    [':foo', 'invalid spec: :foo: empty section between colons'],
    ['/foo::ro', 'invalid spec: /foo::ro: empty section between colons'],
    ['', 'invalid empty volume spec'],
  ])('rejects %j', (spec, reason) => {
    const { diagnostics, s } = service({ volumes: [spec] });
    expect(diagnostics.map((d) => d.message)).toEqual([`services.s.volumes[0]: invalid volume "${spec}": ${reason}.`]);
    expect(s.volumes).toEqual([spec]);
  });

  it('locates the long form at the short string', () => {
    const root = load('services:\n  s:\n    volumes: ["./data:/data:ro"]\n');
    const source = getIn(root, ['services', 's', 'volumes', 0])!.loc;
    canonicalize(root);
    expect(new Set(locations(getIn(root, ['services', 's', 'volumes', 0])!))).toEqual(new Set([source]));
  });
});

describe('canonicalize: other short syntaxes', () => {
  it('env_file (transform/envfile_test.go)', () => {
    expect(canonical('env_file', '.env')).toEqual([{ path: '.env', required: true }]);
    expect(canonical('env_file', ['.env', 'other.env'])).toEqual([
      { path: '.env', required: true },
      { path: 'other.env', required: true },
    ]);
    expect(canonical('env_file', ['.env', { path: 'other.env', required: false }, { path: 'x.env' }])).toEqual([
      { path: '.env', required: true },
      { path: 'other.env', required: false },
      { path: 'x.env', required: true },
    ]);
  });

  it('depends_on', () => {
    expect(canonical('depends_on', ['db', 'redis'])).toEqual({
      db: { condition: 'service_started', required: true },
      redis: { condition: 'service_started', required: true },
    });
    expect(canonical('depends_on', { db: { condition: 'service_healthy' }, x: { required: false } })).toEqual({
      db: { condition: 'service_healthy', required: true },
      x: { condition: 'service_started', required: false },
    });
  });

  it('build (transform/build_test.go)', () => {
    expect(canonical('build', 'context_path')).toEqual({ context: 'context_path' });
    expect(canonical('build', { dockerfile: 'foo.Dockerfile' })).toEqual({ dockerfile: 'foo.Dockerfile' });
    expect(
      canonical('build', {
        context: '.',
        ssh: ['default', 'foo=bar'],
        additional_contexts: ['foo=./bar', 'img=docker-image://alpine'],
        secrets: ['s1', { source: 's2', target: 't' }],
        args: ['A=1', 'B'],
        labels: ['L=1', 'M'],
        provenance: true,
        sbom: 'mode=max',
      }),
    ).toEqual({
      context: '.',
      ssh: { default: null, foo: 'bar' },
      additional_contexts: { foo: './bar', img: 'docker-image://alpine' },
      secrets: [{ source: 's1' }, { source: 's2', target: 't' }],
      args: { A: '1', B: null },
      labels: { L: '1', M: '' },
      provenance: 'true',
      sbom: 'mode=max',
    });
  });

  it('reports ssh keys and additional contexts it cannot parse', () => {
    const { diagnostics } = service({ build: { ssh: ['mykey'], additional_contexts: ['nope'] } });
    expect(diagnostics.map((d) => d.message)).toEqual([
      'services.s.build.ssh: invalid ssh key "mykey" (use "default" or "id=path").',
      'services.s.build.additional_contexts: invalid value "nope", expected key=value.',
    ]);
  });

  it('service networks, models, secrets, configs, extends, gpus, devices, label_file, dns', () => {
    expect(canonical('networks', ['front', 'back'])).toEqual({ front: null, back: null });
    expect(canonical('models', ['llm'])).toEqual({ llm: null });
    expect(canonical('secrets', ['s', { source: 't' }])).toEqual([{ source: 's' }, { source: 't' }]);
    expect(canonical('configs', ['c'])).toEqual([{ source: 'c' }]);
    expect(canonical('extends', 'base')).toEqual({ service: 'base' });
    expect(canonical('gpus', 'all')).toEqual([{ count: 'all' }]);
    expect(canonical('devices', ['/dev/a', '/dev/a:/dev/b', '/dev/a:/dev/b:r', { source: '/dev/c', target: '/dev/c' }])).toEqual([
      { source: '/dev/a', target: '/dev/a', permissions: 'rwm' },
      { source: '/dev/a', target: '/dev/b', permissions: 'rwm' },
      { source: '/dev/a', target: '/dev/b', permissions: 'r' },
      { source: '/dev/c', target: '/dev/c' },
    ]);
    expect(canonical('label_file', './labels')).toEqual(['./labels']);
    expect(canonical('dns', '8.8.8.8')).toEqual(['8.8.8.8']);
    expect(canonical('develop', { watch: [{ path: '.', action: 'sync', ignore: 'node_modules', include: '*.js' }] })).toEqual({
      watch: [{ path: '.', action: 'sync', ignore: ['node_modules'], include: ['*.js'] }],
    });
  });

  it('reports a confusing device mapping', () => {
    const { diagnostics } = service({ devices: ['/a:/b:rwm:x'] });
    expect(diagnostics.map((d) => d.message)).toEqual(['services.s.devices[0]: confusing device mapping "/a:/b:rwm:x", please use long syntax.']);
  });

  it('the short syntaxes compose-go decodes into its types (composure converts them here)', () => {
    expect(canonical('environment', ['A=1', 'B=', 'C', 'D=x=y'])).toEqual({ A: '1', B: '', C: null, D: 'x=y' });
    expect(canonical('labels', ['a=1', 'b'])).toEqual({ a: '1', b: '' });
    expect(canonical('annotations', ['com.example.foo=bar'])).toEqual({ 'com.example.foo': 'bar' });
    expect(canonical('sysctls', ['net.core.somaxconn=1024'])).toEqual({ 'net.core.somaxconn': '1024' });
    expect(canonical('extra_hosts', ['alpha:50.31.209.229', 'zulu:ff02::1', 'v6=::1', 'b=[::2]', 'multi=1.1.1.1,2.2.2.2'])).toEqual({
      alpha: '50.31.209.229',
      zulu: 'ff02::1',
      v6: '::1',
      b: '::2',
      multi: ['1.1.1.1', '2.2.2.2'],
    });
    expect(canonical('deploy', { labels: ['FOO=BAR'] })).toEqual({ labels: { FOO: 'BAR' } });
    expect(canonical('healthcheck', { test: 'curl -f localhost' })).toEqual({ test: ['CMD-SHELL', 'curl -f localhost'] });
    expect(canonical('dns_search', 'example.com')).toEqual(['example.com']);
    expect(canonical('tmpfs', '/run')).toEqual(['/run']);
    expect(canonical('environment', { A: 1 })).toEqual({ A: 1 });
  });

  it('a label without a value is "" in mapping form too (compose-go Labels/Mapping decode null as ""); environment keeps null', () => {
    expect(canonical('labels', { a: null, b: 'x', c: 42 })).toEqual({ a: '', b: 'x', c: 42 });
    expect(canonical('annotations', { a: null })).toEqual({ a: '' });
    expect(canonical('sysctls', { 'net.ipv4.ip_forward': null })).toEqual({ 'net.ipv4.ip_forward': '' });
    expect(canonical('build', { labels: { a: null } })).toEqual({ labels: { a: '' } });
    expect(canonical('deploy', { labels: { a: null } })).toEqual({ labels: { a: '' } });
    expect(canonical('environment', { A: null })).toEqual({ A: null });
    expect(canonical('build', { args: { A: null } })).toEqual({ args: { A: null } });
    const { root } = service({ labels: { a: null } });
    expect(getPair(getIn(root, ['services', 's', 'labels']), 'a')!.value.loc).toBeDefined();
    const volumes = load('volumes:\n  v:\n    labels:\n      a:\n');
    canonicalize(volumes);
    expect(toJS(volumes)).toEqual({ volumes: { v: { labels: { a: '' } } } });
  });

  it('reports an extra host without an address', () => {
    const { diagnostics, s } = service({ extra_hosts: ['lonely'] });
    expect(diagnostics.map((d) => d.message)).toEqual(['services.s.extra_hosts: invalid additional host "lonely", missing IP.']);
    expect(s.extra_hosts).toEqual(['lonely']);
  });

  it('leaves lists holding variables alone', () => {
    expect(canonical('environment', ['A=1', '${EXTRA}'])).toEqual(['A=1', '${EXTRA}']);
    expect(canonical('environment', ['A=${X}', 'B=pa$word'])).toEqual({ A: '${X}', B: 'pa$word' });
    expect(canonical('depends_on', ['db', '${OTHER}'])).toEqual(['db', '${OTHER}']);
  });

  it('canonicalises pre_start hooks like services', () => {
    expect(canonical('pre_start', [{ image: 'x', volumes: ['./a:/a'], environment: ['A=1'], env_file: '.env' }])).toEqual([
      {
        image: 'x',
        volumes: [{ type: 'bind', source: './a', target: '/a', bind: { create_host_path: true } }],
        environment: { A: '1' },
        env_file: [{ path: '.env', required: true }],
      },
    ]);
  });

  it('top-level resources: external (transform/external_test.go), labels, include', () => {
    const root = load(
      stringify({
        networks: {
          plain: { driver: 'foo' },
          named: { external: true, name: 'foo' },
          unnamed: { external: true },
          legacy: { external: { name: 'foo' } },
          legacyNamed: { external: { name: 'foo' }, name: 'foo' },
          nothing: null,
        },
        volumes: { v: { labels: ['a=b'] } },
        include: ['other.yaml', { path: 'x.yaml' }],
      }),
    );
    expect(canonicalize(root)).toEqual([]);
    expect(toJS(root)).toEqual({
      networks: {
        plain: { driver: 'foo' },
        named: { external: true, name: 'foo' },
        unnamed: { external: true },
        legacy: { external: true, name: 'foo' },
        legacyNamed: { external: true, name: 'foo' },
        nothing: null,
      },
      volumes: { v: { labels: { a: 'b' } } },
      include: [{ path: 'other.yaml' }, { path: 'x.yaml' }],
    });
  });

  it('reports name and external.name in conflict', () => {
    const root = load('secrets:\n  s:\n    name: a\n    external:\n      name: b\n');
    expect(canonicalize(root).map((d) => d.message)).toEqual(['secrets.s: name and external.name conflict; only use name.']);
  });
});

describe('canonicalize: locations', () => {
  it('locates a mapping entry made from a KEY=VALUE item at the item', () => {
    const text = 'services:\n  s:\n    environment:\n      - A=1\n      - B\n';
    const root = load(text);
    const item = getIn(root, ['services', 's', 'environment', 0])!.loc!;
    canonicalize(root);
    const a = getPair(getIn(root, ['services', 's', 'environment']), 'A')!;
    expect(a.key.loc).toEqual(item);
    expect(a.value.loc).toEqual(item);
    expect(text.slice(item.start, item.end)).toBe('A=1');
  });

  it('keeps the original node as the value of a long form made from a string', () => {
    const root = load('services:\n  s:\n    build: ./app\n    extends: base\n    secrets: [token]\n');
    const context = getIn(root, ['services', 's', 'build'])!;
    const secret = getIn(root, ['services', 's', 'secrets', 0])!;
    canonicalize(root);
    expect(getIn(root, ['services', 's', 'build', 'context'])).toBe(context);
    expect(getPair(getIn(root, ['services', 's', 'build']), 'context')!.key.loc).toEqual(context.loc);
    expect(getIn(root, ['services', 's', 'build'])!.loc).toEqual(context.loc);
    expect(getIn(root, ['services', 's', 'secrets', 0, 'source'])).toBe(secret);
  });

  it('locates a depends_on entry made from a list item at the item', () => {
    const root = load('services:\n  s:\n    depends_on: [db]\n');
    const item = getIn(root, ['services', 's', 'depends_on', 0])!.loc;
    canonicalize(root);
    const entry = getPair(getIn(root, ['services', 's', 'depends_on']), 'db')!;
    expect(new Set([entry.key.loc, ...locations(entry.value)])).toEqual(new Set([item]));
  });

  it('moves external.name with its location', () => {
    const root = load('volumes:\n  v:\n    external:\n      name: real\n');
    const name = getIn(root, ['volumes', 'v', 'external', 'name'])!;
    canonicalize(root);
    expect(getIn(root, ['volumes', 'v', 'name'])).toBe(name);
  });
});

describe('setDefaultValues (transform/defaults.go)', () => {
  it('fills in the defaults, with no location', () => {
    const root = load(
      stringify({
        services: {
          s: {
            build: { dockerfile: 'x' },
            ports: [{ target: 80, published: 8080 }],
            secrets: [{ source: 'token' }, { source: 'other', target: '/t' }],
            gpus: [{ driver: 'nvidia' }, { count: 1 }],
            deploy: { resources: { reservations: { devices: [{ capabilities: ['gpu'] }, { device_ids: ['0'] }] } } },
            volumes: [
              { type: 'bind', source: '.', target: '/a', bind: {} },
              { type: 'bind', source: '.', target: '/b', bind: { create_host_path: false } },
            ],
          },
        },
      }),
    );
    setDefaultValues(root);
    const s = getIn(root, ['services', 's'])!;
    expect(toJS(s)).toEqual({
      build: { dockerfile: 'x', context: '.' },
      ports: [{ target: 80, published: 8080, protocol: 'tcp', mode: 'ingress' }],
      secrets: [
        { source: 'token', target: '/run/secrets/token' },
        { source: 'other', target: '/t' },
      ],
      gpus: [{ driver: 'nvidia', count: 'all' }, { count: 1 }],
      deploy: { resources: { reservations: { devices: [{ capabilities: ['gpu'], count: 'all' }, { device_ids: ['0'] }] } } },
      volumes: [
        { type: 'bind', source: '.', target: '/a', bind: { create_host_path: true } },
        { type: 'bind', source: '.', target: '/b', bind: { create_host_path: false } },
      ],
    });
    expect(getIn(s, ['build', 'context'])!.loc).toBeUndefined();
    expect(getPair(getIn(s, ['ports', 0]), 'mode')!.key.loc).toBeUndefined();
  });
});

describe('full-example (conformance/full-example/expected.json): the parts canonical form produces', () => {
  const folder = new URL('../../../../test/conformance/full-example/', import.meta.url);
  const dir = fileURLToPath(folder).replace(/\/$/, '');
  const home = '/home/tester';
  const expected = JSON.parse(readFileSync(new URL('expected.json', folder), 'utf8').replaceAll('__WORKING_DIR__', dir).replaceAll('__HOME_DIR__', home)) as {
    services: Record<string, Record<string, unknown>>;
    networks: Record<string, Record<string, unknown>>;
    volumes: Record<string, Record<string, unknown>>;
    configs: Record<string, unknown>;
    secrets: Record<string, unknown>;
  };
  const { documents } = parseYaml(new SourceFile(`${dir}/filename0.yml`, readFileSync(new URL('input.yml', folder), 'utf8')));
  const root = documents[0] as MapNode;
  const diagnostics = canonicalize(root);
  setDefaultValues(root);
  resolveRelativePaths(root, dir, { HOME: home });
  const got = toJS(root) as typeof expected;
  const foo = got.services.foo;
  const want = expected.services.foo;

  /**
   * How compose-go's typed model serialises what canonical form keeps as
   * written: OptOut fields (env_file required, bind create_host_path) are
   * omitted when true, file modes print in octal, sizes as strings.
   */
  const typed = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value), function (this: Record<string, unknown>, key, v: unknown) {
      if (key === 'create_host_path' && v === true) return undefined;
      if (key === 'required' && v === true && 'path' in this) return undefined;
      if (key === 'mode' && typeof v === 'number') return `0${v.toString(8)}`;
      if (key === 'size' && typeof v === 'number') return String(v);
      return v;
    });

  it('reports nothing', () => {
    expect(diagnostics).toEqual([]);
  });

  it.each(['ports', 'volumes', 'configs', 'secrets', 'depends_on', 'annotations', 'networks', 'devices', 'dns', 'cap_add'])('services.foo.%s', (key) => {
    expect(typed(foo[key])).toEqual(want[key]);
  });

  it('services.foo.env_file and label_file', () => {
    expect(typed(foo.env_file)).toEqual(want.env_file);
    expect(foo.label_file).toEqual(want.label_file);
  });

  it('services.foo.build (but tags, which need interpolation)', () => {
    const { tags: _tags, ssh, ...build } = foo.build as Record<string, unknown>;
    const { tags: _wantTags, ssh: wantSsh, ...wantBuild } = want.build as Record<string, unknown>;
    expect(typed(build)).toEqual(wantBuild);
    // compose-go serialises its SSH config back as a list of `id[=path]`.
    expect(ssh).toEqual({ default: null });
    expect(wantSsh).toEqual(['default']);
    expect(got.services.bar.build).toEqual({
      context: dir,
      dockerfile_inline: 'FROM alpine\nRUN echo "hello" > /world.txt\n',
    });
  });

  it('deploy labels and healthcheck test', () => {
    expect((foo.deploy as Record<string, unknown>).labels).toEqual({ FOO: 'BAR' });
    expect((foo.healthcheck as Record<string, unknown>).test).toEqual(['CMD-SHELL', 'echo "hello world"']);
  });

  it('external resources adopt external.name', () => {
    expect(got.networks['other-external-network']).toMatchObject({ name: 'my-cool-network', external: true });
    expect(got.volumes['other-external-volume']).toMatchObject({ name: 'my-cool-volume', external: true });
    expect(got.configs).toMatchObject({
      config1: { file: `${dir}/config_data` },
      config2: { name: 'my_config', external: true },
      config4: { file: `${home}/config_data` },
    });
    expect(got.secrets).toMatchObject({
      secret1: { file: `${dir}/secret_data` },
      secret2: { name: 'my_secret', external: true },
      secret5: { file: '/abs/secret_data' },
    });
  });
});
