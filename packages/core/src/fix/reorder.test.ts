import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair } from 'yaml';
import { parseYaml } from '../source/parse-yaml.js';
import { SourceFile } from '../source/source-file.js';
import { applyFixes } from './apply.js';
import { reorderItems, type YamlCollectionNode } from './reorder.js';

function parse(text: string): Document {
  const { yamlDocuments, diagnostics } = parseYaml(new SourceFile('/t/compose.yaml', text));
  expect(diagnostics).toEqual([]);
  return yamlDocuments[0];
}

/** The collection at a dotted path ('' for the document's root). */
function collectionAt(doc: Document, path: string): YamlCollectionNode {
  let node: unknown = doc.contents;
  for (const key of path ? path.split('.') : []) {
    if (!isMap(node)) throw new Error(`${path}: no mapping at ${key}`);
    const pair = node.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair) throw new Error(`${path}: no key ${key}`);
    node = pair.value;
  }
  if (!isMap(node) && !isSeq(node)) throw new Error(`${path}: not a collection`);
  return node as YamlCollectionNode;
}

/** The items' names: a mapping's keys, a sequence's scalars. */
function names(collection: YamlCollectionNode): string[] {
  return (collection.items as unknown[]).map((item) => {
    const node = isMap(collection) ? (item as Pair).key : item;
    return isScalar(node) ? String(node.value) : '?';
  });
}

/** Sorts the collection at `path` by name; returns the fixed text (undefined when refused), checked to parse. */
function sortAt(text: string, path: string): string | undefined {
  const doc = parse(text);
  const collection = collectionAt(doc, path);
  const current = names(collection);
  const order = current.map((_, i) => i).sort((a, b) => (current[a] < current[b] ? -1 : current[a] > current[b] ? 1 : a - b));
  const edits = reorderItems(text, doc, collection, order);
  if (!edits) return undefined;
  const fixed = applyFixes(text, [{ edits }]).text;
  // The result parses, holds the same data (a sequence: the same items), and is in order; sorting it again changes nothing.
  const again = parse(fixed);
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map((x) => JSON.stringify(canonical(x))).sort()
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  const data = (d: Document) => JSON.stringify(canonical(d.toJS()));
  expect(data(again)).toEqual(data(doc));
  const sorted = names(collectionAt(again, path));
  expect(sorted).toEqual([...sorted].sort());
  expect(
    reorderItems(
      fixed,
      again,
      collectionAt(again, path),
      sorted.map((_, i) => i),
    ),
  ).toEqual([]);
  return fixed;
}

describe('reorderItems on block mappings', () => {
  it('moves each entry with the comment lines directly above it and keeps blank lines in place', () => {
    const text = [
      'services:',
      '  # the web front',
      '  web:',
      '    image: nginx:1.27  # pinned',
      '',
      '  # the database',
      '  # (two lines)',
      '  db:',
      '    image: postgres:16',
      '    command: |',
      '      # not a comment',
      '      postgres',
      '',
      '  api:',
      '    image: api:1',
      '',
    ].join('\n');
    expect(sortAt(text, 'services')).toBe(
      [
        'services:',
        '  api:',
        '    image: api:1',
        '',
        '  # the database',
        '  # (two lines)',
        '  db:',
        '    image: postgres:16',
        '    command: |',
        '      # not a comment',
        '      postgres',
        '',
        '  # the web front',
        '  web:',
        '    image: nginx:1.27  # pinned',
        '',
      ].join('\n'),
    );
  });

  it('keeps deeper-indented comments after an entry with it, and a comment separated by a blank line in place', () => {
    const text = [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    # ports:',
      '    #   - "80:80"',
      '',
      '  # ---- datastores ----',
      '',
      '  db:',
      '    image: postgres:16',
      '# footer',
    ].join('\n');
    expect(sortAt(text, 'services')).toBe(
      [
        'services:',
        '  db:',
        '    image: postgres:16',
        '',
        '  # ---- datastores ----',
        '',
        '  web:',
        '    image: nginx:1.27',
        '    # ports:',
        '    #   - "80:80"',
        '# footer',
      ].join('\n'),
    );
  });

  it("keeps the comment lines above a document's first entry at the top: they are the file's header", () => {
    expect(sortAt('# Shop\n# (all of it)\nservices: {}\n# the name\nname: shop\n', '')).toBe('# Shop\n# (all of it)\n# the name\nname: shop\nservices: {}\n');
    // Not so for a nested collection: there the comment above the first entry is its own.
    expect(sortAt('web:\n  # the image\n  image: x\n  build: .\n', 'web')).toBe('web:\n  build: .\n  # the image\n  image: x\n');
  });

  it('handles a last line without a line break', () => {
    expect(sortAt('b: 1\na: 2', '')).toBe('a: 2\nb: 1');
    expect(sortAt('b: 1\n# about a\na: 2  # two', '')).toBe('# about a\na: 2  # two\nb: 1');
  });

  it('keeps CRLF line endings', () => {
    const text = 'services:\r\n  # b\r\n  b:\r\n    image: b:1\r\n\r\n  a:\r\n    image: a:1\r\n';
    expect(sortAt(text, 'services')).toBe('services:\r\n  a:\r\n    image: a:1\r\n\r\n  # b\r\n  b:\r\n    image: b:1\r\n');
  });

  it('keeps quoting, anchors and tags of the moved entries byte for byte', () => {
    const text = "x: 1\nservices:\n  'web': &web\n    image: \"nginx:1.27\"\n    ports: !override\n      - '80:80'\n  api:\n    <<: *web\n";
    // api (which uses *web) would come before web (which defines it): refused.
    expect(sortAt(text, 'services')).toBeUndefined();
    const ok = "x: 1\nservices:\n  'web': &web\n    image: \"nginx:1.27\"\n    ports: !override\n      - '80:80'\n  zed:\n    <<: *web\n  api:\n    image: a\n";
    expect(sortAt(ok, 'services')).toBe(
      "x: 1\nservices:\n  api:\n    image: a\n  'web': &web\n    image: \"nginx:1.27\"\n    ports: !override\n      - '80:80'\n  zed:\n    <<: *web\n",
    );
  });

  it('lets an anchor and its alias move together', () => {
    const text = 'b:\n  x: &x 1\n  y: *x\na: 2\n';
    expect(sortAt(text, '')).toBe('a: 2\nb:\n  x: &x 1\n  y: *x\n');
  });

  it('refuses when an alias would name another anchor of the same name', () => {
    const text = 'c: &v 1\nb: &v 2\na: *v\n';
    // Sorted, `a: *v` would come first, before any &v.
    expect(sortAt(text, '')).toBeUndefined();
  });

  it('refuses a mapping that starts on the line of a sequence dash, and a kept block scalar', () => {
    const doc = parse('list:\n  - b: 1\n    a: 2\n');
    const seq = collectionAt(doc, 'list');
    const map = (seq.items as unknown[])[0] as YamlCollectionNode;
    expect(reorderItems('list:\n  - b: 1\n    a: 2\n', doc, map, [1, 0])).toBeUndefined();
    expect(sortAt('b: |+\n  text\n\na: 1\n', '')).toBeUndefined();
  });

  it('refuses an entry nested deeper than any compose file', () => {
    const deep = 'b:\n' + Array.from({ length: 300 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n') + ' 1\na: 2\n';
    const doc = parseDocument(deep);
    expect(doc.errors).toEqual([]);
    expect(reorderItems(deep, doc, doc.contents as YamlCollectionNode, [1, 0])).toBeUndefined();
  });

  it('returns no edit for the order as written, and undefined for an order that is not a permutation', () => {
    const text = 'a: 1\nb: 2\n';
    const doc = parse(text);
    expect(reorderItems(text, doc, collectionAt(doc, ''), [0, 1])).toEqual([]);
    expect(reorderItems(text, doc, collectionAt(doc, ''), [0, 0])).toBeUndefined();
    expect(reorderItems(text, doc, collectionAt(doc, ''), [1])).toBeUndefined();
  });

  it('replaces only the lines that change', () => {
    const text = 'a: 1\nc: 3\nb: 2\nd: 4\n';
    const doc = parse(text);
    expect(reorderItems(text, doc, collectionAt(doc, ''), [0, 2, 1, 3])).toEqual([{ start: 5, end: 15, text: 'b: 2\nc: 3\n' }]);
  });
});

describe('reorderItems on block sequences', () => {
  it('moves long-syntax items whole, with their comments', () => {
    const text = ['ports:', '  # admin', '  - target: 9000', '    published: "9000"', '  - "80:80"   # web', '  -   &p "443:443"', 'after: 1', ''].join('\n');
    const doc = parse(text);
    const edits = reorderItems(text, doc, collectionAt(doc, 'ports'), [2, 1, 0]);
    expect(applyFixes(text, [{ edits: edits! }]).text).toBe(
      ['ports:', '  -   &p "443:443"', '  - "80:80"   # web', '  # admin', '  - target: 9000', '    published: "9000"', 'after: 1', ''].join('\n'),
    );
  });

  it('handles a sequence at the indentation of its key', () => {
    expect(sortAt('depends_on:\n- web\n# the db\n- db\n', 'depends_on')).toBe('depends_on:\n# the db\n- db\n- web\n');
  });
});

describe('reorderItems on flow collections', () => {
  it('trades items in place and keeps the separators', () => {
    expect(sortAt('depends_on: [web,  db , "cache"]\n', 'depends_on')).toBe('depends_on: ["cache",  db , web]\n');
    expect(sortAt('web: {b: 1, a: {y: 2}}\n', 'web')).toBe('web: {a: {y: 2}, b: 1}\n');
    expect(sortAt('web: {\n  b: 1,\n  a: 2,\n}\n', 'web')).toBe('web: {\n  a: 2,\n  b: 1,\n}\n');
  });

  it('leaves a flow collection with a comment alone', () => {
    expect(sortAt('web: [\n  b, # bee\n  a\n]\n', 'web')).toBeUndefined();
  });

  it('leaves an item with properties alone', () => {
    expect(sortAt('web: [b, &x a]\n', 'web')).toBeUndefined();
  });
});
