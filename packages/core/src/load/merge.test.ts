import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { get, getIn, getPair, toJS, type Loc, type MapNode, type Node } from '../source/node.js';
import { parseYaml } from '../source/parse-yaml.js';
import { SourceFile } from '../source/source-file.js';
import { MergeError, mergeNodes, resolveResetTags, type MergeOptions } from './merge.js';
import { enforceUnicity } from './unicity.js';

const conformance = new URL('../../../../test/conformance/merge/', import.meta.url);

interface MergeVector {
  source: string;
  enforce_unicity: boolean;
  base: unknown;
  override: unknown;
  expected: unknown;
}

/** Vectors not followed on purpose, with the reason (none). */
const DEVIATIONS: { file: string; reason: string }[] = [];

const vectors = readdirSync(conformance)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => ({ name, vector: parse(readFileSync(new URL(name, conformance), 'utf8')) as MergeVector }));

/** A located tree of YAML text, as the loader reads a file. */
function file(path: string, text: string): MapNode {
  const parsed = parseYaml(new SourceFile(path, text));
  expect(parsed.diagnostics).toEqual([]);
  return parsed.documents[0] as MapNode;
}

const merge = (base: string, override: string, options?: MergeOptions) =>
  enforceUnicity(mergeNodes(file('/base.yaml', base), file('/override.yaml', override), options));

/** The text a node was read from. */
function textAt(loc: Loc | undefined, texts: Record<string, string>): string | undefined {
  return loc && texts[loc.file].slice(loc.start, loc.end);
}

function hasTags(node: Node): boolean {
  if (node.tag) return true;
  if (node.kind === 'map') return [...node.entries.values()].some((p) => hasTags(p.value));
  if (node.kind === 'seq') return node.items.some(hasTags);
  return false;
}

describe('compose-go merge vectors', () => {
  it('reads all 67 vectors', () => {
    expect(vectors).toHaveLength(67);
  });

  it('follows every vector (no deviations)', () => {
    expect(DEVIATIONS).toEqual([]);
  });

  it.each(vectors)('$name', ({ vector }) => {
    const base = file('/base.yaml', stringify(vector.base));
    const override = file('/override.yaml', stringify(vector.override));
    let result = mergeNodes(base, override);
    if (vector.enforce_unicity) result = enforceUnicity(result);
    expect(toJS(result)).toStrictEqual(vector.expected);
  });
});

describe('locations', () => {
  const base = 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n    networks:\n      - front\n    environment:\n      A: "1"\n';
  const override =
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n    networks:\n      back: {}\n    environment:\n      B: "2"\n  db:\n    image: postgres\n';
  const texts = { '/base.yaml': base, '/override.yaml': override };

  it('keeps the override file as the origin of a service it adds', () => {
    const services = get(merge(base, override), 'services') as MapNode;
    const db = services.entries.get('db')!;
    expect(db.key.loc?.file).toBe('/override.yaml');
    expect(textAt(db.key.loc, texts)).toBe('db');
    expect(db.value.loc?.file).toBe('/override.yaml');
  });

  it('keeps the base key and takes the override value when a value is replaced', () => {
    const image = getPair(getIn(merge(base, override), ['services', 'web']), 'image')!;
    expect(image.key.loc?.file).toBe('/base.yaml');
    expect(textAt(image.value.loc, texts)).toBe('nginx:1.27');
    expect(image.value.loc?.file).toBe('/override.yaml');
  });

  it('points an appended port into the override file', () => {
    const ports = getIn(merge(base, override), ['services', 'web', 'ports']);
    expect(ports?.kind === 'seq' && ports.items.map((p) => [p.loc?.file, textAt(p.loc, texts)])).toEqual([
      ['/base.yaml', '"80:80"'],
      ['/override.yaml', '"443:443"'],
    ]);
  });

  it('locates a list-form network converted to a mapping entry at its list item', () => {
    const networks = getIn(merge(base, override), ['services', 'web', 'networks']) as MapNode;
    expect(toJS(networks)).toEqual({ front: null, back: {} });
    const front = networks.entries.get('front')!;
    expect(textAt(front.key.loc, texts)).toBe('front');
    expect(front.key.loc).toEqual(front.value.loc);
    expect(front.key.loc?.file).toBe('/base.yaml');
    expect(networks.entries.get('back')!.key.loc?.file).toBe('/override.yaml');
  });

  it('locates an environment entry converted to KEY=VALUE at its key and value', () => {
    const environment = getIn(merge(base, override), ['services', 'web', 'environment']);
    expect(environment?.kind === 'seq' && environment.items.map((i) => [toJS(i), i.loc?.file, textAt(i.loc, texts)])).toEqual([
      ['A=1', '/base.yaml', 'A: "1"'],
      ['B=2', '/override.yaml', 'B: "2"'],
    ]);
  });

  it('locates depends_on defaults at the list item they stand for', () => {
    const text = 'services:\n  web:\n    depends_on: [db]\n';
    const merged = merge(text, 'services:\n  web:\n    depends_on:\n      cache: {condition: service_healthy}\n');
    const dependsOn = getIn(merged, ['services', 'web', 'depends_on']) as MapNode;
    expect(toJS(dependsOn)).toEqual({ db: { condition: 'service_started', required: true }, cache: { condition: 'service_healthy' } });
    const db = dependsOn.entries.get('db')!;
    expect(db.key.loc).toEqual({ file: '/base.yaml', start: text.indexOf('db'), end: text.indexOf('db') + 2 });
    expect(getIn(db.value, ['condition'])?.loc).toEqual(db.key.loc);
  });
});

describe('!reset and !override', () => {
  const base =
    'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n    environment:\n      FOO: bar\n      KEEP: me\n    build:\n      context: .\nnetworks:\n  front:\n    driver: bridge\n    labels: {a: b}\n';

  it('removes a key with !reset', () => {
    const merged = merge(base, 'services:\n  web:\n    build: !reset\n    environment:\n      FOO: !reset null\n');
    expect(getIn(merged, ['services', 'web', 'build'])).toBeUndefined();
    expect(toJS(getIn(merged, ['services', 'web', 'environment'])!)).toEqual(['KEEP=me']);
  });

  it('removes a list with !reset []', () => {
    const merged = merge(base, 'services:\n  web:\n    ports: !reset []\n');
    expect(getIn(merged, ['services', 'web', 'ports'])).toBeUndefined();
    expect(toJS(getIn(merged, ['services', 'web'])!)).toStrictEqual({ image: 'nginx', environment: { FOO: 'bar', KEEP: 'me' }, build: { context: '.' } });
  });

  it('removes a whole resource with !reset {}', () => {
    const merged = merge(base, 'networks:\n  front: !reset {}\n');
    expect(toJS(get(merged, 'networks')!)).toEqual({});
  });

  it('replaces a mapping with !override instead of merging it', () => {
    const override = 'networks:\n  front: !override\n    driver: overlay\n';
    const merged = merge(base, override);
    const front = getPair(get(merged, 'networks'), 'front')!;
    expect(toJS(front.value)).toEqual({ driver: 'overlay' });
    expect(front.key.loc?.file).toBe('/override.yaml');
    expect(front.value.loc?.file).toBe('/override.yaml');
  });

  it('replaces a list with !override instead of appending to it', () => {
    const override = 'services:\n  web:\n    ports: !override\n      - "8443:443"\n';
    const ports = getIn(merge(base, override), ['services', 'web', 'ports'])!;
    expect(toJS(ports)).toEqual(['8443:443']);
    expect(ports.loc?.file).toBe('/override.yaml');
  });

  it('resets keys an earlier merge turned into KEY=VALUE items (docker/compose#11816)', () => {
    const first = file('/a.yaml', 'services:\n  foo:\n    environment:\n      FOO: BAR\n      KEEP: ME\n    labels:\n      com.example.foo: bar\n');
    const second = file(
      '/b.yaml',
      'services:\n  foo:\n    environment:\n      - ANOTHER=BAR\n      - PASSTHROUGH\n    labels:\n      com.example.extra: bar\n',
    );
    const third = file(
      '/c.yaml',
      'services:\n  foo:\n    environment:\n      FOO: !reset\n      ANOTHER: !reset\n      PASSTHROUGH: !reset\n    labels:\n      com.example.foo: !reset\n',
    );
    const merged = enforceUnicity(mergeNodes(enforceUnicity(mergeNodes(first, second)), third));
    expect(toJS(get(get(merged, 'services'), 'foo')!)).toEqual({ environment: ['KEEP=ME'], labels: ['com.example.extra=bar'] });
  });

  it('leaves no tag in the result, even nested in an !override value', () => {
    const merged = merge(
      base,
      'services:\n  web: !override\n    image: !reset alpine\n    ports: !reset []\n  other:\n    command: !override [a]\n    ports:\n      - !reset "1:1"\n      - "2:2"\n',
    );
    expect(hasTags(merged)).toBe(false);
    // compose-go does not look inside an !override value: the nested tags have no effect.
    expect(toJS(getIn(merged, ['services', 'web'])!)).toEqual({ image: 'alpine', ports: [] });
    // A !reset list item is dropped from the file that wrote it.
    expect(toJS(getIn(merged, ['services', 'other'])!)).toEqual({ command: ['a'], ports: ['2:2'] });
  });

  it('handles the tags of a single file: !reset removes, !override is plain', () => {
    const single = file('/one.yaml', 'services:\n  web:\n    image: nginx\n    ports: !reset ["80:80"]\n    environment: !override {A: "1"}\n');
    const merged = mergeNodes(file('/empty.yaml', '{}\n'), single);
    expect(toJS(merged)).toEqual({ services: { web: { image: 'nginx', environment: { A: '1' } } } });
    expect(hasTags(merged)).toBe(false);
    // A first file passed as the base is resolved the same way.
    const asBase = mergeNodes(file('/one.yaml', 'a: !reset 1\nb: !override 2\n'), file('/two.yaml', 'c: 3\n'));
    expect(toJS(asBase)).toEqual({ b: '2', c: 3 });
  });

  it('returns the paths a file reset or overrode', () => {
    const tagged = file('/t.yaml', 'services:\n  web:\n    ports: !reset []\n    command: !override [a]\n    dns:\n      - !reset x\n');
    expect(resolveResetTags(tagged)).toEqual([
      ['services', 'web', 'ports'],
      ['services', 'web', 'command'],
      ['services', 'web', 'dns', '0'],
    ]);
    expect(toJS(tagged)).toEqual({ services: { web: { command: ['a'], dns: [] } } });
  });
});

describe('refused merges', () => {
  it('throws a located MergeError, as compose-go fails the load', () => {
    const override = 'services:\n  web:\n    volumes: data:/data\n';
    const attempt = () => merge('services:\n  web:\n    volumes: [a:/a]\n', override);
    expect(attempt).toThrowError('cannot override services.web.volumes');
    const error = (() => {
      try {
        attempt();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MergeError);
    expect((error as MergeError).path).toEqual(['services', 'web', 'volumes']);
    expect((error as MergeError).loc).toEqual({ file: '/override.yaml', start: override.indexOf('data'), end: override.indexOf('data') + 10 });
  });

  it('reports through onError and takes the override value', () => {
    const errors: MergeError[] = [];
    const merged = merge('services:\n  web:\n    volumes: [a:/a]\n', 'services:\n  web:\n    volumes: data:/data\n', { onError: (e) => errors.push(e) });
    expect(errors.map((e) => e.message)).toEqual(['cannot override services.web.volumes']);
    expect(toJS(getIn(merged, ['services', 'web', 'volumes'])!)).toBe('data:/data');
  });
});

describe('merge rules beyond the vectors', () => {
  it('keeps the base value for a null override, except where the override always wins', () => {
    const merged = merge(
      'services:\n  web:\n    image: nginx\n    command: run\n    ulimits:\n      nofile: {soft: 1, hard: 2}\n',
      'services:\n  web:\n    image: null\n    command: null\n    ulimits:\n      nofile: 3\n',
    );
    expect(toJS(getIn(merged, ['services', 'web'])!)).toEqual({ image: 'nginx', command: null, ulimits: { nofile: 3 } });
  });

  it('merges build given as a string with build given as a mapping', () => {
    const merged = merge('services:\n  web:\n    build: ./app\n', 'services:\n  web:\n    build:\n      dockerfile: Dockerfile.dev\n');
    expect(toJS(getIn(merged, ['services', 'web', 'build'])!)).toEqual({ context: './app', dockerfile: 'Dockerfile.dev' });
  });

  it("merges IPAM configs by subnet, with compose-go's quirks", () => {
    const ipam = (configs: string) => `networks:\n  n:\n    ipam:\n      config: ${configs}\n`;
    const config = (base: string, override: string) => toJS(getIn(merge(ipam(base), ipam(override)), ['networks', 'n', 'ipam', 'config'])!);
    expect(config('[{subnet: a, gateway: g}]', '[{subnet: a, ip_range: r}, {subnet: b}]')).toEqual([
      { subnet: 'a', gateway: 'g', ip_range: 'r' },
      { subnet: 'b' },
    ]);
    expect(config('[{subnet: a, gateway: g}, {subnet: c, gateway: h}]', '[{subnet: a, ip_range: r}]')).toEqual([{ subnet: 'a', gateway: 'h', ip_range: 'r' }]);
    expect(config('[{subnet: a}]', '[]')).toEqual([]);
  });

  it('deep-merges extension fields', () => {
    expect(toJS(merge('x-common:\n  a: 1\n  b: [1]\n', 'x-common:\n  c: 3\n  b: [2]\n'))).toEqual({ 'x-common': { a: 1, b: [1, 2], c: 3 } });
  });

  it('prints non-string values of mappings turned into lists as Go does', () => {
    const merged = merge('services:\n  web:\n    environment:\n      A: true\n      B: 0.00001\n      C: 1.5\n', 'services:\n  web:\n    environment: {}\n');
    expect(toJS(getIn(merged, ['services', 'web', 'environment'])!)).toEqual(['A=true', 'B=1e-05', 'C=1.5']);
  });
});
