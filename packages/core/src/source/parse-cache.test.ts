import fc from 'fast-check';
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type YAMLMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ParseCache } from './parse-cache.js';
import { parseYaml, type ParsedYaml } from './parse-yaml.js';
import { aliasTarget } from './anchors.js';
import { get, str, toJS, type Node } from './node.js';
import { SourceFile } from './source-file.js';

const PATH = '/p/compose.yaml';

const BASE = [
  '# a project',
  'name: demo',
  '',
  'services:',
  '  web:',
  '    image: nginx:1.27',
  '    ports:',
  '      - "8080:80"',
  '    networks: [front, back]',
  '    # the proxy config',
  '    command: |',
  '      run --flag',
  '        indented',
  '',
  '  api:',
  "    image: 'registry.example.com/api:2'",
  '    environment:',
  '      DATABASE_URL: postgres://db:5432/app',
  '      EMPTY:',
  '    depends_on: {db: {condition: service_healthy}}',
  '  db:',
  '    image: postgres:17',
  '    healthcheck:',
  '      test: ["CMD", "pg_isready"]',
  '      interval: 10s',
  '',
  'networks:',
  '  front: {}',
  '  back:',
  '    internal: true',
  '# trailing words',
  'volumes:',
  '  data:',
  '',
].join('\n');

/** BASE as large projects write it: defaults under an anchor, merged into services, a value shared by an alias. */
const ANCHORED = BASE.replace(
  'services:\n',
  ['x-defaults: &defaults', '  restart: unless-stopped', '  labels: {team: core}', 'x-image: &image busybox:1.36', '', 'services:', ''].join('\n'),
)
  .replace('  web:\n', '  web:\n    <<: *defaults\n')
  .replace('  db:\n', '  db:\n    <<: [*defaults]\n    restart: always\n')
  .replace('    image: postgres:17', '    image: *image');

/** Every node of a `yaml` document: its kind, range, key or value (what fixes and style rules read). */
function describeYaml(doc: Document.Parsed): unknown[] {
  const out: unknown[] = [['doc', doc.range]];
  const walk = (node: unknown, path: string) => {
    if (isPair(node)) {
      walk(node.key, `${path}.key`);
      walk(node.value, `${path}.value`);
    } else if (isMap(node) || isSeq(node)) {
      out.push([path, isMap(node) ? 'map' : 'seq', node.flow ?? false, node.range, node.anchor ?? null]);
      node.items.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (isScalar(node)) {
      // A merge key's value is a symbol of its own in each parse.
      const value = typeof node.value === 'symbol' ? String(node.value) : node.value;
      out.push([path, node.type, value, node.range, node.anchor ?? null]);
    } else if (isAlias(node)) out.push([path, 'alias', node.source, node.range]);
    else out.push([path, node === null ? null : typeof node]);
  };
  walk(doc.contents, '');
  return out;
}

/** A located tree written out with every location, in entry order. */
function describeLocated(node: Node): unknown {
  const loc = node.loc ? [node.loc.file, node.loc.start, node.loc.end] : null;
  switch (node.kind) {
    case 'scalar':
      return ['scalar', node.value, loc, node.tag ?? null];
    case 'seq':
      return ['seq', loc, node.tag ?? null, node.items.map(describeLocated)];
    case 'map':
      return ['map', loc, node.tag ?? null, [...node.entries].map(([name, p]) => [name, describeLocated(p.key), describeLocated(p.value)])];
  }
}

function describeParse(parsed: ParsedYaml) {
  return {
    documents: parsed.documents.map(describeLocated),
    diagnostics: parsed.diagnostics.map((d) => [d.ruleId, d.severity, d.message, d.loc.start, d.loc.end]),
    yaml: parsed.yamlDocuments.map(describeYaml),
  };
}

const full = (text: string) => describeParse(parseYaml(new SourceFile(PATH, text)));

/** An edit at a random place: a few characters removed, a few typed; mostly plain ones (as in typing a value), sometimes YAML's own. */
const plainChars = fc.constantFrom('a', 'b', '1', '.', ' ');
const yamlChars = fc.constantFrom(' ', ':', '-', '\n', '\n', '#', '"', "'", '[', ']', '{', '}', ',', '|', '&', '*', '!', '\t', '\r');
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6 })),
  insert: fc
    .oneof({ weight: 6, arbitrary: fc.array(plainChars, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(yamlChars, { maxLength: 4 }) })
    .map((chars) => chars.join('')),
});

function applyEdit(text: string, { at, remove, insert }: { at: number; remove: number; insert: string }): string {
  const start = Math.min(text.length, Math.floor(at * (text.length + 1)));
  return text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
}

describe('ParseCache', () => {
  it('gives what a full parse gives, after any sequence of edits (fast-check)', () => {
    // Edits from a clean parse to a clean parse, and those of them the part parse served.
    let clean = 0;
    let reused = 0;
    fc.assert(
      fc.property(fc.constantFrom(BASE, BASE.replace(/\n/g, '\r\n'), ANCHORED), fc.array(edit, { minLength: 1, maxLength: 8 }), (base, sequence) => {
        const cache = new ParseCache();
        let text = base;
        let previous = cache.parse(new SourceFile(PATH, text));
        for (const change of sequence) {
          text = applyEdit(text, change);
          const parsed = cache.parse(new SourceFile(PATH, text));
          const expected = full(text);
          if (previous.diagnostics.length === 0 && expected.diagnostics.length === 0) {
            clean++;
            if (parsed.yamlDocuments[0] === previous.yamlDocuments[0]) reused++;
          }
          expect(describeParse(parsed)).toEqual(expected);
          previous = parsed;
        }
      }),
      { numRuns: 600 },
    );
    // The property must hold where the part parse is used, not only where the cache falls back.
    expect(reused / clean).toBeGreaterThan(0.5);
  });

  /** A cache's parse of `before`, then of `after`; each held to a full parse. */
  function parseTwice(before: string, after: string) {
    const cache = new ParseCache();
    const first = cache.parse(new SourceFile(PATH, before));
    const second = cache.parse(new SourceFile(PATH, after));
    expect(describeParse(second)).toEqual(full(after));
    return { cache, reused: second.yamlDocuments[0] === first.yamlDocuments[0], second };
  }

  it('re-parses only the entry an edit falls in, and gives each load a tree of its own', () => {
    const text = BASE.replace('postgres:17', 'postgres:17.2');
    const { cache, reused, second } = parseTwice(BASE, text);
    expect(reused).toBe(true);
    // Loading changes the tree it gets: the next parse must not see that.
    (second.documents[0] as { entries: Map<string, unknown> }).entries.clear();
    expect(describeParse(cache.parse(new SourceFile(PATH, text)))).toEqual(full(text));
  });

  it('follows aliases to anchors above the edited section, and their targets are found again', () => {
    const { reused, second } = parseTwice(ANCHORED, ANCHORED.replace('    restart: always', '    restart: "no"'));
    expect(reused).toBe(true);
    const db = get(get(second.documents[0], 'services'), 'db');
    expect([str(get(db, 'image')), str(get(db, 'restart')), toJS(get(db, 'labels')!)]).toEqual(['busybox:1.36', 'no', { team: 'core' }]);
    // The style rules and the editor follow the spliced entry's aliases in the document.
    const services = (second.yamlDocuments[0].contents as YAMLMap).get('services') as YAMLMap;
    const image = ((services.get('db') as YAMLMap).items.find((p) => (p.key as { value: string }).value === 'image')!.value as Alias) ?? undefined;
    expect(isAlias(image) && (aliasTarget(second.yamlDocuments[0], image) as { value: string } | undefined)?.value).toBe('busybox:1.36');
  });

  it('re-parses only the region where an edit renames an entry or types a new one after it', () => {
    for (const text of [
      BASE.replace('  api:', '  apx:'),
      BASE.replace('  db:\n', '  cache:\n    image: redis:7\n  db:\n'),
      BASE.replace('      interval: 10s\n', '      interval: 10s\n  worker:\n'),
    ])
      expect(parseTwice(BASE, text).reused).toBe(true);
  });

  it('parses the whole file where an edit renames an entry to a name taken, writes an anchor or an alias to nothing', () => {
    const cases = [
      [BASE, BASE.replace('  api:', '  db:')],
      [BASE, BASE.replace('  db:\n', '  db:\n    image: x\n  web:\n')],
      [BASE, BASE.replace('interval: 10s', 'interval: *x')],
      // An emptied key: the parser places it by what comes before (found by test/hardening/fuzz.test.ts).
      [BASE, BASE.replace('  api:', '  :')],
      [ANCHORED, ANCHORED.replace('    restart: always', '    restart: &r always')],
      [ANCHORED, ANCHORED.replace('  restart: unless-stopped', '  restart: on-failure')],
    ];
    for (const [before, after] of cases) expect(parseTwice(before, after).reused).toBe(false);
  });
});
