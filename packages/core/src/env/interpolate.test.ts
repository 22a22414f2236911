import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromJS, get, getIn, getPair, toJS, type Node } from '../source/node.js';
import { parseYaml } from '../source/parse-yaml.js';
import { SourceFile } from '../source/source-file.js';
import { interpolateTree } from './interpolate.js';
import type { Lookup } from './template.js';
import { castAt, castFor, toGoBool, toInt, type TypeCast } from './type-casts.js';

const CONFORMANCE = new URL('../../../../test/conformance/', import.meta.url);
const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, CONFORMANCE), 'utf8')) as T;

/** A lookup over a vector's `env`; with envFromProcess the env is all that is set, as the README describes. */
const lookupIn =
  (env: Record<string, string>): Lookup =>
  (name) =>
    Object.hasOwn(env, name) ? env[name] : undefined;

/** compose-go's messages span lines; ours are one line, with a space where compose-go breaks the line. */
const oneLine = (message: string) => message.replaceAll('\n', ' ');

interface InterpolateVector {
  template: string;
  env: Record<string, string>;
  expected: string | null;
  error: boolean;
  errorExact?: string;
  api: string;
  path?: string;
  name?: string;
  source: string;
}

/** The tree Go's test built: the template is the only string, at `path` (`[]` is a list item). */
function treeWithTemplateAt(path: string, template: string): unknown {
  return path.split('.').reduceRight<unknown>((inner, part) => (part === '[]' ? [inner] : { [part]: inner }), template);
}

describe('interpolation.json (interpolation.Interpolate)', () => {
  const vectors = load<InterpolateVector[]>('interpolation.json')
    .filter((v) => v.api === 'Interpolate')
    .map((v, i) => [`${v.source} ${v.path} #${i}`, v] as const);

  it('has the 37 interpolation_test.go vectors of the README', () => expect(vectors).toHaveLength(37));

  it.each(vectors)('%s', (_, vector) => {
    const root = fromJS(treeWithTemplateAt(vector.path!, vector.template));
    const diagnostics = interpolateTree(root, { lookup: lookupIn(vector.env), typeCasts: [] });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (vector.error) {
      expect(errors.map((d) => d.message)).toEqual([oneLine(vector.errorExact!)]);
    } else {
      expect(errors).toEqual([]);
      const segments = vector.path!.split('.').map((part) => (part === '[]' ? 0 : part));
      expect(toJS(getIn(root, segments)!)).toBe(vector.expected);
    }
  });
});

describe('interpolation-tree.json', () => {
  interface TreeVector {
    name: string;
    source: string;
    env: Record<string, string>;
    input: unknown;
    expected: unknown;
    error: boolean;
    errorExact?: string;
    typeCasts?: Record<string, string>;
  }
  const vectors = load<TreeVector[]>('interpolation-tree.json');
  /** The casts TestInterpolateWithCast passes, from their description in the vector. */
  const castsOf = (described: Record<string, string> = {}): TypeCast[] =>
    Object.entries(described).map(([path, kind]) => ({ path, cast: kind.startsWith('int') ? toInt : toGoBool }));

  it('has the 4 vectors of the README', () => expect(vectors).toHaveLength(4));

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_, vector) => {
    const root = fromJS(vector.input);
    const diagnostics = interpolateTree(root, { lookup: lookupIn(vector.env), typeCasts: castsOf(vector.typeCasts) });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (vector.error) {
      expect(errors.map((d) => d.message)).toEqual([oneLine(vector.errorExact!)]);
    } else {
      expect(errors).toEqual([]);
      expect(toJS(root)).toEqual(vector.expected);
    }
  });
});

describe('interpolateTree on a parsed file', () => {
  const parse = (text: string) => {
    const { documents, diagnostics } = parseYaml(new SourceFile('/p/compose.yaml', text));
    expect(diagnostics).toEqual([]);
    return documents[0];
  };
  const env = lookupIn({ TAG: '1.27', PORT: '8080', EMPTY: '' });
  const at = (root: Node, ...path: (string | number)[]) => getIn(root, path)!;

  it('reports an error at the offending scalar, keeping every location', () => {
    const root = parse('services:\n  web:\n    image: "nginx:${MISSING:?set MISSING}"\n    labels: [ok]\n');
    const image = at(root, 'services', 'web', 'image');
    const before = image.loc;
    const diagnostics = interpolateTree(root, { lookup: env });
    expect(diagnostics).toEqual([
      {
        ruleId: 'interpolation',
        severity: 'error',
        message: 'error while interpolating services.web.image: required variable MISSING is missing a value: set MISSING',
        messageId: 'requiredMissing',
        data: { path: 'services.web.image', variable: 'MISSING', reason: 'set MISSING' },
        loc: before,
      },
    ]);
    expect(image.loc).toBe(before);
  });

  it('replaces values in place and keeps their locations', () => {
    const root = parse('services:\n  web:\n    image: nginx:${TAG}\n');
    const image = at(root, 'services', 'web', 'image');
    const loc = image.loc;
    expect(interpolateTree(root, { lookup: env })).toEqual([]);
    expect(at(root, 'services', 'web', 'image')).toBe(image);
    expect(image).toMatchObject({ value: 'nginx:1.27', loc });
  });

  it('never interpolates keys', () => {
    const root = parse('x-${TAG}:\n  ${TAG}: $TAG\n');
    interpolateTree(root, { lookup: env });
    const outer = getPair(root, 'x-${TAG}')!;
    expect(outer.key.value).toBe('x-${TAG}');
    expect(getPair(outer.value, '${TAG}')!.key.value).toBe('${TAG}');
    expect(get(outer.value, '${TAG}')).toMatchObject({ value: '1.27' });
  });

  it('keeps $$ as a literal $ after its single pass', () => {
    const root = parse('services:\n  web:\n    command: echo $$TAG $${TAG}\n');
    expect(interpolateTree(root, { lookup: env })).toEqual([]);
    expect(at(root, 'services', 'web', 'command')).toMatchObject({ value: 'echo $TAG ${TAG}' });
  });

  it('warns once per scalar and variable that is unset without a default', () => {
    const root = parse('a: $NOPE-$NOPE-${OTHER}\nb: ${NOPE:-x}\nc: $NOPE\n');
    const diagnostics = interpolateTree(root, { lookup: env });
    expect(diagnostics.map((d) => [d.severity, d.message, d.loc])).toEqual([
      ['warning', 'The "NOPE" variable is not set. Defaulting to a blank string.', at(root, 'a').loc],
      ['warning', 'The "OTHER" variable is not set. Defaulting to a blank string.', at(root, 'a').loc],
      ['warning', 'The "NOPE" variable is not set. Defaulting to a blank string.', at(root, 'c').loc],
    ]);
  });

  it('leaves numbers and booleans alone and casts strings at compose-go paths', () => {
    const root = parse(
      [
        'services:',
        '  web:',
        '    tty: true',
        '    cpus: "0.5"',
        '    ports: [{target: "${PORT}", published: "${PORT}"}]',
        '    deploy: {replicas: 3}',
        '    pre_start: [{privileged: "false"}]',
        'networks:',
        '  back: {internal: "true"}',
        '',
      ].join('\n'),
    );
    expect(interpolateTree(root, { lookup: env })).toEqual([]);
    expect(toJS(root)).toEqual({
      services: {
        web: {
          tty: true,
          cpus: 0.5,
          ports: [{ target: 8080, published: '8080' }],
          deploy: { replicas: 3 },
          pre_start: [{ privileged: false }],
        },
      },
      networks: { back: { internal: true } },
    });
  });

  it('reports a failed cast naming the key, and YAML 1.1 booleans with a warning', () => {
    const root = parse('networks:\n  back:\n    internal: "maybe"\n  front:\n    external: "yes"\n');
    const diagnostics = interpolateTree(root, { lookup: env });
    expect(diagnostics).toEqual([
      {
        ruleId: 'compose-schema',
        severity: 'error',
        message: 'networks.back.internal must be a boolean (true or false), got "maybe".',
        loc: at(root, 'networks', 'back', 'internal').loc,
      },
      {
        ruleId: 'compose-schema',
        severity: 'warning',
        message: 'networks.front.external: "yes" for boolean is not supported by YAML 1.2, please use `true`',
        loc: at(root, 'networks', 'front', 'external').loc,
      },
    ]);
    expect(at(root, 'networks', 'back', 'internal')).toMatchObject({ value: 'maybe' });
    expect(at(root, 'networks', 'front', 'external')).toMatchObject({ value: true });
  });

  it('never prints values of environment entries or secret-looking keys', () => {
    const root = parse(
      'services:\n  web:\n    environment:\n      DB_PASSWORD: "hunter2${"\n    build:\n      args: ["TOKEN=s3cr3t${"]\nx-api-token: "abc${"\n',
    );
    const messages = interpolateTree(root, { lookup: env }).map((d) => d.message);
    expect(messages).toEqual([
      'invalid interpolation format for services.web.environment.DB_PASSWORD. You may need to escape any $ with another $.',
      'invalid interpolation format for services.web.build.args[0]. You may need to escape any $ with another $.',
      'invalid interpolation format for x-api-token. You may need to escape any $ with another $.',
    ]);
    expect(messages.join()).not.toMatch(/hunter2|s3cr3t|abc/);
  });

  it('gives the reason of a required variable as written, never with a variable of .env expanded in it', () => {
    const root = parse('services:\n  web:\n    image: "${TAG:?pin ${API_KEY} here}"\n    command: "${CMD:?}"\n');
    const lookup: Lookup = (name) => (name === 'API_KEY' ? 'hunter2-from-dotenv' : undefined);
    expect(interpolateTree(root, { lookup }).map((d) => d.message)).toEqual([
      'error while interpolating services.web.image: required variable TAG is missing a value: pin ${API_KEY} here',
      'error while interpolating services.web.command: required variable CMD is missing a value',
    ]);
  });

  it('says a value nested too deeply to evaluate is that, not an invalid format (Docker Compose would evaluate it)', () => {
    const root = parse(`services:\n  web:\n    environment:\n      DEEP: "${'${A:-'.repeat(20_000)}x${'}'.repeat(20_000)}"\n`);
    const diagnostics = interpolateTree(root, { lookup: env });
    expect(diagnostics.map((d) => d.message)).toEqual([
      'cannot interpolate services.web.environment.DEEP: its variable references are nested too deeply to evaluate.',
    ]);
    // No fixture holds this (the depth is the stack's): the message id is checked here.
    expect(diagnostics.map((d) => [d.messageId, d.data])).toEqual([['nestedTooDeeply', { path: 'services.web.environment.DEEP' }]]);
  });

  it('matches cast paths as compose-go does, a dotted key lengthening the path', () => {
    expect(castFor('services.web.ports.[].target')).toBe(toInt);
    expect(castFor('services.web.1.ports.[].target')).toBeUndefined();
    expect(castFor('services.web.ulimits.nofile')).toBe(toInt);
    expect(castFor('services.web.image')).toBeUndefined();
    // The walk's form, keys as they are: the same answers.
    expect(castAt(['services', 'web', 'ports', '[]', 'target'])).toBe(toInt);
    expect(castAt(['services', 'web.1', 'ports', '[]', 'target'])).toBeUndefined();
  });
});
