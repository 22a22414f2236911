import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { get, getIn, getPair, toJS, type MapNode, type Node } from '../source/node.js';
import { parseYaml } from '../source/parse-yaml.js';
import { SourceFile } from '../source/source-file.js';
import { canonicalize } from './canonical.js';
import { normalize } from './normalize.js';

const CONFORMANCE = new URL('../../../../test/conformance/', import.meta.url);
const VECTORS = new URL('normalize/', CONFORMANCE);

interface Vector {
  source: string;
  project_name: string;
  env: Record<string, string> | null;
  input: unknown;
  expected: unknown;
}

/** Vectors this implementation does not match on purpose, with the reason. */
const DEVIATIONS: { file: string; reason: string }[] = [];

function located(text: string, file = '/project/compose.yaml'): MapNode {
  const { documents, diagnostics } = parseYaml(new SourceFile(file, text));
  expect(diagnostics).toEqual([]);
  return documents[0] as MapNode;
}

const files = readdirSync(VECTORS)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('normalize: compose-go conformance vectors (loader/normalize_test.go)', () => {
  it('finds every vector', () => {
    expect(files.length).toBe(9);
  });

  it('lists no deviation', () => {
    expect(DEVIATIONS).toEqual([]);
  });

  // The Go tests call Normalize on the raw model, without Canonical first; so do we.
  for (const file of files) {
    const vector = parse(readFileSync(fileURLToPath(new URL(file, VECTORS)), 'utf8')) as Vector;
    const deviation = DEVIATIONS.find((d) => d.file === file);
    it.skipIf(deviation !== undefined)(`${file} (${vector.source})`, () => {
      const root = located(stringify(vector.input));
      normalize(root, { projectName: vector.project_name, env: vector.env ?? {} });
      expect(toJS(root)).toEqual(vector.expected);
    });
  }
});

describe('normalize: locations', () => {
  const text = [
    'services:',
    '  web:',
    '    image: nginx',
    '    links: [db]',
    '    environment: [FOO, BAR=1]',
    '    build: {}',
    '  db:',
    '    image: postgres',
    '    volumes_from: [web]',
    'networks:',
    '  back: {}',
    '',
  ].join('\n');

  function run(): MapNode {
    const root = located(text);
    normalize(root, { projectName: 'p', env: { FOO: 'foo' } });
    return root;
  }

  const at = (node: Node | undefined) => (node?.loc ? text.slice(node.loc.start, node.loc.end) : undefined);

  it('locates the implicit default network attachment at the service key', () => {
    const root = run();
    const web = getPair(get(root, 'services'), 'web')!;
    const networks = getPair(web.value, 'networks')!;
    expect(toJS(networks.value)).toEqual({ default: null });
    expect(networks.key.loc).toEqual(web.key.loc);
    expect(networks.value.loc).toEqual(web.key.loc);
    expect(getPair(networks.value, 'default')!.key.loc).toEqual(web.key.loc);
    expect(get(networks.value, 'default')!.loc).toEqual(web.key.loc);
  });

  it('gives synthesised defaults no location', () => {
    const root = run();
    const defaultNetwork = getPair(get(root, 'networks'), 'default')!;
    expect(defaultNetwork.key.loc).toBeUndefined();
    expect(toJS(defaultNetwork.value)).toEqual({ name: 'p_default' });
    expect(get(defaultNetwork.value, 'name')!.loc).toBeUndefined();
    const build = getIn(root, ['services', 'web', 'build'])!;
    expect(toJS(build)).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    expect(get(build, 'dockerfile')!.loc).toBeUndefined();
    expect(getPair(build, 'context')!.key.loc).toBeUndefined();
  });

  it('locates a resource name at the resource key', () => {
    const root = run();
    const back = getPair(get(root, 'networks'), 'back')!;
    expect(at(get(back.value, 'name'))).toBe('back');
    expect(getPair(back.value, 'name')!.key.loc).toEqual(back.key.loc);
  });

  it('locates implicit dependencies at what implies them', () => {
    const root = run();
    const web = getIn(root, ['services', 'web', 'depends_on'])!;
    expect(toJS(web)).toEqual({ db: { condition: 'service_started', restart: true, required: true } });
    const db = getPair(web, 'db')!;
    expect(at(db.key)).toBe('db');
    expect(db.key.loc).toEqual(getIn(root, ['services', 'web', 'links', 0])!.loc);
    for (const { key, value } of (db.value as MapNode).entries.values()) {
      expect(key.loc).toEqual(db.key.loc);
      expect(value.loc).toEqual(db.key.loc);
    }
    const fromVolumes = getIn(root, ['services', 'db', 'depends_on', 'web'])!;
    expect(toJS(fromVolumes)).toEqual({ condition: 'service_started', restart: false, required: true });
    expect(fromVolumes.loc).toEqual(getIn(root, ['services', 'db', 'volumes_from', 0])!.loc);
    expect(getPair(getIn(root, ['services', 'db']), 'depends_on')!.key.loc).toEqual(fromVolumes.loc);
  });

  it('keeps the location of an environment entry resolved from the environment', () => {
    const root = run();
    const environment = getIn(root, ['services', 'web', 'environment'])!;
    expect(toJS(environment)).toEqual(['FOO=foo', 'BAR=1']);
    expect(at(getIn(environment, [0]))).toBe('FOO');
  });

  it('resolves the canonical (mapping) environment and drops unset build args', () => {
    const root = located('services:\n  a:\n    image: x\n    environment: [FOO, BAR, Q=1]\n    build:\n      context: .\n      args: [X, Y]\n');
    expect(canonicalize(root)).toEqual([]);
    normalize(root, { projectName: 'p', env: { FOO: 'foo', X: 'x' } });
    expect(toJS(getIn(root, ['services', 'a', 'environment'])!)).toEqual({ FOO: 'foo', BAR: null, Q: '1' });
    expect(toJS(getIn(root, ['services', 'a', 'build', 'args'])!)).toEqual({ X: 'x' });
    const foo = getIn(root, ['services', 'a', 'environment', 'FOO'])!;
    expect(foo.loc).toBeDefined();
  });
});

describe('normalize: other compose-go behaviour', () => {
  it('does not add the default network when no service uses it', () => {
    const root = located('services:\n  a:\n    network_mode: host\n  b:\n    provider: {type: x}\n');
    normalize(root, { projectName: 'p', env: {} });
    expect(toJS(root)).toEqual({ services: { a: { network_mode: 'host' }, b: { provider: { type: 'x' } } } });
  });

  it('names external resources by their key, others by project and key', () => {
    const root = located('volumes:\n  a: {external: true}\n  b:\n  c: {name: own}\nsecrets:\n  s: {file: ./s}\nconfigs:\n  c: {external: "true"}\n');
    normalize(root, { projectName: 'p', env: {} });
    expect(toJS(root)).toEqual({
      volumes: { a: { external: true, name: 'a' }, b: { name: 'p_b' }, c: { name: 'own' } },
      secrets: { s: { file: './s', name: 'p_s' } },
      configs: { c: { external: 'true', name: 'c' } },
    });
  });

  it('rewrites pull_policy if_not_present, cleans volume targets and keeps explicit dependencies', () => {
    const root = located(
      'services:\n  a:\n    pull_policy: if_not_present\n    volumes: [{type: volume, target: /data/}]\n    links: ["b:alias"]\n    depends_on: {b: {condition: service_healthy}}\n',
    );
    normalize(root, { projectName: 'p', env: {} });
    const a = getIn(root, ['services', 'a'])!;
    expect(toJS(get(a, 'pull_policy')!)).toBe('missing');
    expect(toJS(get(a, 'volumes')!)).toEqual([{ type: 'volume', target: '/data' }]);
    expect(toJS(get(a, 'depends_on')!)).toEqual({ b: { condition: 'service_healthy' } });
  });

  it('merges inherited mappings into a pre_start hook, the hook winning', () => {
    const root = located(
      'services:\n  a:\n    image: x\n    user: root\n    environment: [A=1, B=2]\n    ports: ["80:80"]\n    pre_start:\n      - environment: {B: "3"}\n        user: app\n',
    );
    normalize(root, { projectName: 'p', env: {} });
    expect(toJS(getIn(root, ['services', 'a', 'pre_start', 0])!)).toEqual({ environment: { A: '1', B: '3' }, user: 'app', image: 'x' });
  });
});
