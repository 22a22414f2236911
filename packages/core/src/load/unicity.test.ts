import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { getIn, toJS, type MapNode } from '../source/node.js';
import { parseYaml } from '../source/parse-yaml.js';
import { SourceFile } from '../source/source-file.js';
import type { MergeError } from './merge.js';
import fc from 'fast-check';
import { enforceUnicity, IndexError, volumeTarget, volumeTargetByWalk } from './unicity.js';

const conformance = new URL('../../../../test/conformance/unicity/', import.meta.url);

/** Vectors not followed on purpose, with the reason (none). */
const DEVIATIONS: { file: string; reason: string }[] = [];

const vectors = readdirSync(conformance)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => ({ name, vector: parse(readFileSync(new URL(name, conformance), 'utf8')) as { input: unknown; expected: unknown } }));

function file(text: string, path = '/compose.yaml'): MapNode {
  const parsed = parseYaml(new SourceFile(path, text));
  expect(parsed.diagnostics).toEqual([]);
  return parsed.documents[0] as MapNode;
}

const unique = (service: string) => toJS(getIn(enforceUnicity(file(`services:\n  s:\n${service}`)), ['services', 's'])!);

describe('compose-go unicity vectors', () => {
  it('reads all 4 vectors', () => {
    expect(vectors).toHaveLength(4);
  });

  it('follows every vector (no deviations)', () => {
    expect(DEVIATIONS).toEqual([]);
  });

  it.each(vectors)('$name', ({ vector }) => {
    expect(toJS(enforceUnicity(file(stringify(vector.input))))).toStrictEqual(vector.expected);
  });
});

describe('enforceUnicity', () => {
  it('keeps the later item, with its location, in the earlier position', () => {
    const text = 'services:\n  s:\n    ports:\n      - "80:80"\n      - "81:81"\n      - "80:80"\n';
    const ports = getIn(enforceUnicity(file(text)), ['services', 's', 'ports']);
    expect(ports?.kind === 'seq' && ports.items.map((p) => p.loc?.start)).toEqual([text.lastIndexOf('"80:80"'), text.indexOf('"81:81"')]);
  });

  it('keys secrets and configs by target, defaulting to the source', () => {
    expect(
      unique(
        '    secrets:\n      - a\n      - source: b\n        target: /run/secrets/a\n      - source: c\n    configs:\n      - a\n      - {source: x, target: /a}\n',
      ),
    ).toEqual({
      secrets: [{ source: 'b', target: '/run/secrets/a' }, { source: 'c' }],
      configs: [{ source: 'x', target: '/a' }],
    });
  });

  it('keys volumes by target, short syntax parsed as compose-go does', () => {
    expect(
      unique(
        '    volumes:\n      - /data\n      - C:\\x:/data\n      - type: bind\n        source: ./y\n        target: /data\n      - ${A:-x}:/v:ro\n      - bb:/v\n      - c:/v\n',
      ),
    ).toEqual({
      // `c:/v` is read as a Windows drive letter, as compose-go reads it: its target is `c:/v`.
      volumes: [{ type: 'bind', source: './y', target: '/data' }, 'bb:/v', 'c:/v'],
    });
  });

  it('keys devices by their container path, expose by port', () => {
    expect(unique('    devices:\n      - /dev/a:/dev/x\n      - /dev/x\n    expose:\n      - 80\n      - "80"\n      - "81"\n')).toEqual({
      devices: ['/dev/x'],
      expose: ['80', '81'],
    });
  });

  it('tells a published port given as a number from one given as a string, as compose-go does', () => {
    expect(
      unique(
        '    ports:\n      - {target: 80, published: 8080}\n      - {target: 80, published: "8080"}\n      - {target: 80, published: 8080, host_ip: 0.0.0.0, protocol: tcp}\n',
      ),
    ).toEqual({
      ports: [
        { target: 80, published: 8080, host_ip: '0.0.0.0', protocol: 'tcp' },
        { target: 80, published: '8080' },
      ],
    });
  });

  it('dedupes env_file paths, aliases and only the listed sequences', () => {
    expect(
      unique(
        '    env_file:\n      - a.env\n      - {path: a.env, required: false}\n    networks:\n      n:\n        aliases: [x, y, x]\n    command: [a, a]\n',
      ),
    ).toEqual({
      env_file: [{ path: 'a.env', required: false }],
      networks: { n: { aliases: ['x', 'y'] } },
      command: ['a', 'a'],
    });
  });

  it('throws a located MergeError where compose-go fails, or reports it and keeps the item', () => {
    const text = 'services:\n  s:\n    volumes:\n      - {source: a}\n      - aa:/b:cc:dd\n      - x:/y\n';
    expect(() => enforceUnicity(file(text))).toThrowError('service volume services.s.volumes.[0] is missing a mount target');
    const errors: MergeError[] = [];
    const result = enforceUnicity(file(text), { onError: (e) => errors.push(e) });
    expect(errors.map((e) => [e.message, e.path.join('.'), e.loc?.start])).toEqual([
      ['service volume services.s.volumes.[0] is missing a mount target', 'services.s.volumes.0', text.indexOf('{source')],
      ['invalid spec: aa:/b:cc:dd: too many colons', 'services.s.volumes.1', text.indexOf('aa:/b')],
    ]);
    expect(toJS(getIn(result, ['services', 's', 'volumes'])!)).toEqual([{ source: 'a' }, 'aa:/b:cc:dd', 'x:/y']);
  });
});

describe('volumeTarget', () => {
  /** The key, or the message of the error the walk raises. */
  const outcome = (target: (spec: string) => string, spec: string) => {
    try {
      return { key: target(spec) };
    } catch (error) {
      if (!(error instanceof IndexError)) throw error;
      return { error: error.at('services.s.volumes[0]') };
    }
  };

  it('splits a spec without variables as the character walk does (drive letters, empty fields, too many colons)', () => {
    const pieces = fc.constantFrom('a', 'C', 'é', ':', '/', '\\', 'x', '}', '{', '.', 'data', '/srv/app');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const spec = parts.join('');
        expect(outcome(volumeTarget, spec)).toEqual(outcome(volumeTargetByWalk, spec));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['./data:/data:ro', { key: '/data' }],
    ['C:\\data:/data', { key: '/data' }],
    ['a:/x', { key: 'a:/x' }],
    ['/x::/y', { error: 'invalid spec: /x::/y: empty section between colons' }],
    ['a1:b:c:d', { key: 'b:c' }], // a one-letter field keeps its colon, as a drive letter would
    ['a1:bb:cc:dd', { error: 'invalid spec: a1:bb:cc:dd: too many colons' }],
    ['a1:bb:cc:', { error: 'invalid spec: a1:bb:cc:: too many colons' }],
    ['${HOME}:/h', { key: '/h' }],
  ])('%s', (spec, expected) => {
    expect(outcome(volumeTarget, spec)).toEqual(expected);
  });
});
