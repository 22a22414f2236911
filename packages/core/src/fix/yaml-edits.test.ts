import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseYaml } from '../source/parse-yaml.js';
import { SourceFile } from '../source/source-file.js';
import type { TextEdit } from '../source/diagnostic.js';
import { applyFixes } from './apply.js';
import { YamlEditor, type WrittenParent } from './yaml-edits.js';

function editorOf(text: string): YamlEditor {
  const { yamlDocuments, diagnostics } = parseYaml(new SourceFile('/t/compose.yaml', text));
  expect(diagnostics).toEqual([]);
  return new YamlEditor(text, yamlDocuments);
}

/** Applies edits to the editor's text, and checks the result still parses. */
function apply(editor: YamlEditor, edits: TextEdit[] | undefined): string {
  expect(edits).toBeDefined();
  const { text } = applyFixes(editor.text, [{ edits: edits! }]);
  expect(parseYaml(new SourceFile('/t/compose.yaml', text)).diagnostics).toEqual([]);
  return text;
}

/** The written pair `key` of the mapping at a dotted path. */
function pairOf(editor: YamlEditor, path: string): Pair<unknown, unknown> {
  let node: unknown = editor.documents[0].contents;
  let found: Pair<unknown, unknown> | undefined;
  for (const key of path.split('.')) {
    if (!isMap(node)) throw new Error(`${path}: no mapping at ${key}`);
    found = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!found) throw new Error(`${path}: no key ${key}`);
    node = found.value;
  }
  return found!;
}

const setInternal = (text: string, path = 'networks.back') => {
  const editor = editorOf(text);
  return apply(editor, editor.setEntry(pairOf(editor, path), 'internal', true));
};

describe('YamlEditor.setEntry', () => {
  it('adds the entry after the last one of a block mapping, after its end-of-line comment, leaving every comment in place', () => {
    const before = [
      'networks:',
      '  # the back network',
      '  back:   # on the key',
      '    driver: bridge   # the driver',
      '    # after the last entry',
      '',
      '  front: {}',
      '',
    ].join('\n');
    expect(setInternal(before)).toBe(
      [
        'networks:',
        '  # the back network',
        '  back:   # on the key',
        '    driver: bridge   # the driver',
        '    internal: true',
        '    # after the last entry',
        '',
        '  front: {}',
        '',
      ].join('\n'),
    );
  });

  it('fills an empty flow mapping, and appends to a flow mapping in its own spacing', () => {
    expect(setInternal('networks:\n  back: {}\n')).toBe('networks:\n  back: { internal: true }\n');
    expect(setInternal('networks:\n  back: {driver: bridge}\n')).toBe('networks:\n  back: {driver: bridge, internal: true}\n');
    expect(setInternal('networks:\n  back: { driver: bridge, }  # c\n')).toBe('networks:\n  back: { driver: bridge, internal: true, }  # c\n');
    // The file's other flow mappings say whether braces are padded.
    expect(setInternal('networks:\n  front: {driver: bridge}\n  back: {}\n')).toBe('networks:\n  front: {driver: bridge}\n  back: {internal: true}\n');
  });

  it('adds a line in a multi-line flow mapping, keeping a trailing comma', () => {
    const before = 'networks:\n  back: {\n    driver: bridge,\n  }\n';
    expect(setInternal(before)).toBe('networks:\n  back: {\n    driver: bridge,\n    internal: true,\n  }\n');
  });

  it('gives a key with no value (`back:`, `back: ~`) a block mapping, one indentation step in, as the file indents', () => {
    expect(setInternal('networks:\n  back:\n  front:\n')).toBe('networks:\n  back:\n    internal: true\n  front:\n');
    expect(setInternal('networks:\n    back:  # keep me\n')).toBe('networks:\n    back:  # keep me\n        internal: true\n');
    expect(setInternal('networks:\n  back: ~ # keep me\n  front: null\n')).toBe('networks:\n  back: # keep me\n    internal: true\n  front: null\n');
    expect(setInternal('networks:\n  back: null')).toBe('networks:\n  back:\n    internal: true');
    expect(setInternal('networks: { back: }\n')).toBe('networks: { back: { internal: true } }\n');
    expect(setInternal('networks: { back }\n')).toBe('networks: { back: { internal: true } }\n');
  });

  it('replaces an existing scalar value in place, and changes nothing when it already holds the value', () => {
    expect(setInternal('networks:\n  back:\n    internal: false  # was open\n    driver: bridge\n')).toBe(
      'networks:\n  back:\n    internal: true  # was open\n    driver: bridge\n',
    );
    const editor = editorOf('networks:\n  back:\n    internal: true\n');
    expect(editor.setEntry(pairOf(editor, 'networks.back'), 'internal', true)).toEqual([]);
    expect(setInternal('networks:\n  back:\n    internal:\n    driver: bridge\n')).toBe('networks:\n  back:\n    internal: true\n    driver: bridge\n');
  });

  it('matches the quoting of the keys around, and quotes what plain YAML would misread', () => {
    expect(setInternal('networks:\n  back:\n    "driver": "bridge"\n')).toBe('networks:\n  back:\n    "driver": "bridge"\n    "internal": true\n');
    expect(setInternal("networks:\n  back:\n    'driver': bridge\n")).toBe("networks:\n  back:\n    'driver': bridge\n    'internal': true\n");
    const editor = editorOf('x:\n  a: "1"\n  b: "2"\n');
    expect(apply(editor, editor.setEntry(pairOf(editor, 'x'), 'c', 'three'))).toBe('x:\n  a: "1"\n  b: "2"\n  c: "three"\n');
    const plain = editorOf('x:\n  a: 1\n');
    expect(apply(plain, plain.setEntry(pairOf(plain, 'x'), 'yes', 'on'))).toBe('x:\n  a: 1\n  "yes": "on"\n');
  });

  it('keeps CRLF line endings', () => {
    expect(setInternal('networks:\r\n  back:\r\n    driver: bridge\r\n')).toBe('networks:\r\n  back:\r\n    driver: bridge\r\n    internal: true\r\n');
    expect(setInternal('networks:\r\n  back:\r\n')).toBe('networks:\r\n  back:\r\n    internal: true\r\n');
  });

  it('adds after a last value that is a block scalar or a nested block, not inside it', () => {
    expect(setInternal('networks:\n  back:\n    labels:\n      a: b\n\n      c: d\n  front: {}\n')).toBe(
      'networks:\n  back:\n    labels:\n      a: b\n\n      c: d\n    internal: true\n  front: {}\n',
    );
    expect(setInternal('networks:\n  back:\n    description: |\n      two\n      lines\n\n  front: {}\n')).toBe(
      'networks:\n  back:\n    description: |\n      two\n      lines\n    internal: true\n\n  front: {}\n',
    );
    const kept = editorOf('networks:\n  back:\n    description: |+\n      kept\n\n');
    expect(kept.setEntry(pairOf(kept, 'networks.back'), 'internal', true)).toBeUndefined();
  });

  it('adds into a mapping that is a sequence item, at its keys column', () => {
    const editor = editorOf('items:\n  - name: a\n    value: 1\n');
    const seq = pairOf(editor, 'items').value as YAMLSeq<unknown>;
    expect(apply(editor, editor.setEntry(seq.items[0] as YAMLMap<unknown, unknown>, 'extra', 'x'))).toBe('items:\n  - name: a\n    value: 1\n    extra: x\n');
  });

  it('writes lists and mappings in the style of the file: block under a block mapping, flow in a flow one', () => {
    const editor = editorOf('services:\n  app:\n    image: nginx:1.27\n    ports:\n    - "80:80"\n');
    expect(apply(editor, editor.setEntry(pairOf(editor, 'services.app'), 'security_opt', ['no-new-privileges:true']))).toBe(
      'services:\n  app:\n    image: nginx:1.27\n    ports:\n    - "80:80"\n    security_opt:\n    - no-new-privileges:true\n',
    );
    const indented = editorOf('services:\n  app:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n');
    expect(apply(indented, indented.setEntry(pairOf(indented, 'services.app'), 'logging', { driver: 'json-file', options: { 'max-size': '10m' } }))).toBe(
      'services:\n  app:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n',
    );
    const flow = editorOf('services:\n  app: { image: nginx }\n');
    expect(apply(flow, flow.setEntry(pairOf(flow, 'services.app'), 'security_opt', ['no-new-privileges:true', 'a,b']))).toBe(
      'services:\n  app: { image: nginx, security_opt: [no-new-privileges:true, "a,b"] }\n',
    );
  });

  it('refuses what it cannot edit safely: an alias, a list, an explicit key', () => {
    const alias = editorOf('x-net: &net\n  driver: bridge\nnetworks:\n  back: *net\n');
    expect(alias.setEntry(pairOf(alias, 'networks.back'), 'internal', true)).toBeUndefined();
    const list = editorOf('networks:\n  back: [a]\n');
    expect(list.setEntry(pairOf(list, 'networks.back'), 'internal', true)).toBeUndefined();
    const explicit = editorOf('networks:\n  back:\n    ? driver\n    : bridge\n');
    expect(explicit.setEntry(pairOf(explicit, 'networks.back'), 'internal', true)).toBeUndefined();
  });
});

describe('YamlEditor.asOneEdit', () => {
  it('makes the same change as one edit over the whole span, so other fixes inside it wait a pass', () => {
    const text = 'networks:\n  a: {}\n  b: {}\nservices: {}\n';
    const editor = editorOf(text);
    const a = editor.setEntry(pairOf(editor, 'networks.a'), 'internal', true)!;
    const section = pairOf(editor, 'networks').value as YAMLMap<unknown, unknown>;
    const one = editor.asOneEdit(a, section.range![0], section.range![1]);
    expect(one).toEqual([{ start: 12, end: 26, text: 'a: { internal: true }\n  b: {}\n' }]);
    const b = editor.asOneEdit(editor.setEntry(pairOf(editor, 'networks.b'), 'internal', true)!, section.range![0], section.range![1]);
    expect(applyFixes(text, [{ edits: one }, { edits: b }])).toEqual({
      text: 'networks:\n  a: { internal: true }\n  b: {}\nservices: {}\n',
      applied: 1,
      deferred: 1,
    });
  });
});

describe('YamlEditor.isShared', () => {
  it('tells an anchored value an alias copies (itself or around it) from one no alias uses', () => {
    const editor = editorOf('x-net: &net\n  driver: bridge\nnetworks:\n  back: &solo\n    driver: bridge\n  front: *net\n');
    expect(editor.isShared(pairOf(editor, 'x-net').value)).toBe(true);
    expect(editor.isShared(pairOf(editor, 'x-net.driver'))).toBe(true);
    expect(editor.isShared(pairOf(editor, 'networks.back').value)).toBe(false);
    expect(editor.isShared(pairOf(editor, 'networks.back'))).toBe(false);
    const merged = editorOf('x-base: &base\n  internal: false\nnetworks:\n  back:\n    <<: *base\n');
    expect(merged.isShared(pairOf(merged, 'x-base.internal'))).toBe(true);
  });
});

describe('YamlEditor.pairAt and nodeAt', () => {
  it('find the written pair from its key position and a node from its exact range', () => {
    const text = 'networks:\n  back: {}\n';
    const editor = editorOf(text);
    const at = editor.pairAt({ start: text.indexOf('back') });
    expect(String((at?.pair.key as Scalar).value)).toBe('back');
    expect(at?.map).toBe(pairOf(editor, 'networks').value);
    expect(editor.pairAt({ start: 1 })).toBeUndefined();
    const node = editor.nodeAt({ start: text.indexOf('{}'), end: text.indexOf('{}') + 2 });
    expect(isMap(node) && node.flow).toBe(true);
  });

  /** What the editor answered when it indexed every node up front: the lookups must not change. */
  function fullIndex(documents: YamlEditor['documents']) {
    const pairsByStart = new Map<number, { pair: Pair<unknown, unknown>; map: YAMLMap<unknown, unknown> }>();
    const nodesBySpan = new Map<string, YamlNode>();
    const parents = new Map<unknown, WrittenParent>();
    const nodes: YamlNode[] = [];
    const index = (node: YamlNode, parent: WrittenParent | undefined, depth: number): void => {
      if (depth > 250) return;
      nodes.push(node);
      if (node.range) nodesBySpan.set(`${node.range[0]}:${node.range[1]}`, node);
      if (parent) parents.set(node, parent);
      if (isMap(node)) {
        for (const pair of node.items) {
          const start = (pair.key as YamlNode | null)?.range?.[0];
          if (start !== undefined && !pairsByStart.has(start)) pairsByStart.set(start, { pair, map: node });
          parents.set(pair, { collection: node, pair });
          if (pair.key) index(pair.key as YamlNode, { collection: node, pair }, depth + 1);
          if (pair.value) index(pair.value as YamlNode, { collection: node, pair }, depth + 1);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) if (item) index(item as YamlNode, { collection: node }, depth + 1);
      }
    };
    for (const doc of documents) if (doc.contents) index(doc.contents as YamlNode, undefined, 0);
    // Every node and pair, however deep: the index stopped at depth 250, the answers must too.
    const everything: unknown[] = [];
    const stack: unknown[] = documents.map((doc) => doc.contents);
    for (let at = stack.pop(); stack.length > 0 || at; at = stack.pop()) {
      if (!at) continue;
      everything.push(at);
      if (isPair(at)) stack.push(at.key, at.value);
      else if (isMap(at) || isSeq(at)) stack.push(...(at.items as unknown[]));
    }
    const aliased = new Set(nodes.filter(isAlias).map((n) => n.source));
    const isShared = (node: unknown): boolean => {
      for (let at: unknown = node; at; at = parents.get(at)?.collection) if (aliased.has((at as { anchor?: string }).anchor ?? '')) return true;
      return false;
    };
    return { pairsByStart, nodesBySpan, parents, everything, isShared };
  }

  const varied = [
    // nested block mappings and sequences, comments, block scalars
    'services:\n  app:   # the app\n    image: nginx\n    command: |\n      run\n      it\n    ports:\n      - "80:80"\n      - target: 443\n        published: 8443\n\n  db: {}\n',
    // flow collections, a pair with no value, implicit mappings in a flow sequence
    'a: {b: [c, {d: e}], f: , g}\nh: [i: j, ? k, l, [m, {n: o}]]\np: [? q]\n',
    // explicit keys, a mapping and a sequence as keys (the key mapping starts after its first key)
    '? a: 1\n: x\n? [b, c]\n: {d: e}\n? f\n',
    // several documents
    'a: 1\n---\na: [1, {b: 2}]\n---\n- c: d\n  e:\n...\n---\n',
    // null values and items, anchors, aliases, merges
    'x: &x\n  y: 1\nz: *x\nw:\n  <<: *x\n  v: ~\nu:\n  - \n  - &i t\n  - *i\n',
    // indentless sequences, sequences of sequences, CRLF
    'a:\r\n- b\r\n- - c\r\n  - d: e\r\n    f: [g]\r\n',
    // an empty key whose pair holds another with the same key start (the outer one is found); an empty
    // value where the next pair's empty key is (the later one is found)
    '? :\nc:\n  : \n: \n',
    // deeper than the editor looks
    'a: ' + '['.repeat(260) + 'b' + ']'.repeat(260) + '\n',
    'a: ' + '{a: '.repeat(255) + 'b' + '}'.repeat(255) + '\n',
    // broken: a node of one item starts where the next item does
    '[[[k: v]}: - ~',
  ];

  it('answer as a whole-file index would: every pair, every node, every parent, on varied YAML', () => {
    for (const text of varied) {
      const documents = parseYaml(new SourceFile('/t/compose.yaml', text)).yamlDocuments;
      const want = fullIndex(documents);
      const editor = new YamlEditor(text, documents);
      for (let offset = 0; offset <= text.length + 1; offset++) {
        const pair = editor.pairAt({ start: offset });
        const expected = want.pairsByStart.get(offset);
        expect([pair?.pair, pair?.map], `${JSON.stringify(text)}: pair at ${offset}`).toEqual([expected?.pair, expected?.map]);
        expect(editor.nodeAt({ start: offset, end: offset }), `${JSON.stringify(text)}: empty node at ${offset}`).toBe(
          want.nodesBySpan.get(`${offset}:${offset}`),
        );
      }
      for (const node of want.everything) {
        if (isPair(node) || !(node as YamlNode).range) continue;
        const [start, end] = (node as YamlNode).range!;
        expect(editor.nodeAt({ start, end }), `${JSON.stringify(text)}: node at ${start}:${end}`).toBe(want.nodesBySpan.get(`${start}:${end}`));
      }
      // A fresh editor, asked innermost first, about nodes no lookup went through.
      const fresh = new YamlEditor(text, documents);
      for (const node of [...want.everything].reverse()) {
        const parent = fresh.parentOf(node);
        expect([parent?.collection, parent?.pair], `${JSON.stringify(text)}: parent of ${(node as YamlNode).range ?? 'a pair'}`).toEqual([
          want.parents.get(node)?.collection,
          want.parents.get(node)?.pair,
        ]);
        expect(new YamlEditor(text, documents).isShared(node)).toBe(want.isShared(node));
      }
    }
  });

  it('find the innermost node where a node spans exactly what its collection does', () => {
    // In a flow sequence, `? a` is a mapping of one pair whose range is its key's.
    const text = 'ports: [? a]\n';
    const editor = editorOf(text);
    const seq = pairOf(editor, 'ports').value as YAMLSeq<unknown>;
    const map = seq.items[0] as YAMLMap<unknown, unknown>;
    expect(map.range).toEqual((map.items[0].key as Scalar).range);
    const node = editor.nodeAt({ start: text.indexOf('a'), end: text.indexOf('a') + 1 });
    expect(node).toBe(map.items[0].key);
    expect(editor.parentOf(node)).toEqual({ collection: map, pair: map.items[0] });
  });

  it('find a pair whose key starts before its mapping does, and pairs in later documents', () => {
    // Valid YAML, though Compose refuses a mapping as a key.
    const text = '? a: 1\n: x\n';
    const editor = new YamlEditor(text, parseYaml(new SourceFile('/t/compose.yaml', text)).yamlDocuments);
    const inner = (editor.documents[0].contents as YAMLMap<unknown, unknown>).items[0].key as YAMLMap<unknown, unknown>;
    expect(inner.range![0]).toBeGreaterThan(text.indexOf('a'));
    expect(editor.pairAt({ start: text.indexOf('a') })).toEqual({ pair: inner.items[0], map: inner });

    const docs = 'a: 1\n---\nb: [c]\n---\nb: [c]\n';
    const multi = editorOf(docs);
    const second = multi.documents[1].contents as YAMLMap<unknown, unknown>;
    expect(multi.pairAt({ start: docs.indexOf('b') })?.map).toBe(second);
    expect(multi.nodeAt({ start: docs.indexOf('c'), end: docs.indexOf('c') + 1 })).toBe((second.items[0].value as YAMLSeq<unknown>).items[0]);
    expect(multi.pairAt({ start: docs.indexOf('1') })).toBeUndefined();
  });

  it('tell the parent of a node reached from a found pair, without indexing the whole file', () => {
    const text = 'services:\n  app:\n    image: nginx\n    ports: ["80:80", "443:443"]\n  db:\n    image: postgres\n';
    const editor = editorOf(text);
    const app = editor.pairAt({ start: text.indexOf('app') })!;
    expect(String((app.pair.key as Scalar).value)).toBe('app');
    const ports = (app.pair.value as YAMLMap<unknown, unknown>).items[1];
    const item = (ports.value as YAMLSeq<unknown>).items[1];
    expect(editor.parentOf(item)).toEqual({ collection: ports.value });
    expect(editor.parentOf(ports.value)).toEqual({ collection: app.pair.value, pair: ports });
    expect(editor.inFlow(item)).toBe(true);
    expect(editor.isShared(item)).toBe(false);
    expect(editor.indentUnit()).toBe(2);
    expect(editor['all']).toBeUndefined();
    // Only an anchor needs to know which anchors are aliased, and that takes the whole file.
    const anchored = editorOf('a: &x\n  b: 1\nc: *x\n');
    expect(anchored.isShared(pairOf(anchored, 'a.b'))).toBe(true);
    expect(anchored['all']).toBeDefined();
  });
});

describe('YamlEditor.replaceScalar', () => {
  const replaceIn = (text: string, path: string, value: string | number | boolean | null) => {
    const editor = editorOf(text);
    return apply(editor, editor.replaceScalar(pairOf(editor, path).value as Scalar<unknown>, value));
  };

  it('keeps the quoting of the value it replaces', () => {
    expect(replaceIn('a: "8080:80"  # web\n', 'a', '127.0.0.1:8080:80')).toBe('a: "127.0.0.1:8080:80"  # web\n');
    expect(replaceIn("a: '8080:80'\n", 'a', "it's")).toBe("a: 'it''s'\n");
    expect(replaceIn('a: web\n', 'a', 'api')).toBe('a: api\n');
  });

  it('quotes a plain value when plain YAML 1.1 or 1.2 would read something else', () => {
    expect(replaceIn('a: web\n', 'a', '22:22')).toBe('a: "22:22"\n');
    expect(replaceIn('a: web\n', 'a', 'no')).toBe('a: "no"\n');
    expect(replaceIn('a: web\n', 'a', '0755')).toBe('a: "0755"\n');
    expect(replaceIn('a: web\n', 'a', 'x # y')).toBe('a: "x # y"\n');
    expect(replaceIn('a: web\n', 'a', '*x')).toBe('a: "*x"\n');
    expect(replaceIn('a: web\n', 'a', '&x')).toBe('a: "&x"\n');
    const flow = editorOf('a: [web, db]\n');
    const item = (pairOf(flow, 'a').value as YAMLSeq<unknown>).items[0] as Scalar<unknown>;
    expect(apply(flow, flow.replaceScalar(item, 'a,b'))).toBe('a: ["a,b", db]\n');
    expect(apply(flow, flow.replaceScalar(item, 'a:b'))).toBe('a: [a:b, db]\n');
  });

  it('writes booleans, numbers and null plain whatever the old quoting', () => {
    expect(replaceIn('a: "false"\n', 'a', true)).toBe('a: true\n');
    expect(replaceIn('a: x\n', 'a', 3)).toBe('a: 3\n');
  });

  it('refuses a block scalar', () => {
    const editor = editorOf('a: |\n  x\n');
    expect(editor.replaceScalar(pairOf(editor, 'a').value as Scalar<unknown>, 'y')).toBeUndefined();
  });
});

describe('YamlEditor.removeEntry', () => {
  const removeIn = (text: string, path: string) => {
    const editor = editorOf(text);
    const dot = path.lastIndexOf('.');
    const pair = pairOf(editor, path);
    const map = (dot === -1 ? editor.documents[0].contents : pairOf(editor, path.slice(0, dot)).value) as YAMLMap<unknown, unknown>;
    return apply(editor, editor.removeEntry(map, pair));
  };

  it('takes the entry’s lines and its end-of-line comment; comment and blank lines around stay', () => {
    const before = '# head\nversion: "3.8"  # obsolete\n\n# services\nservices:\n  app:\n    image: nginx\n';
    expect(removeIn(before, 'version')).toBe('# head\n\n# services\nservices:\n  app:\n    image: nginx\n');
    expect(removeIn('a:\n  b: 1\n  c:\n    - x\n    - y\n  d: 2\n', 'a.c')).toBe('a:\n  b: 1\n  d: 2\n');
    expect(removeIn('a:\r\n  b: 1\r\n  c: 2\r\n', 'a.c')).toBe('a:\r\n  b: 1\r\n');
  });

  it('leaves `{}` when it removes the last entry', () => {
    expect(removeIn('a:  # c\n  b: 1\nz: 1\n', 'a.b')).toBe('a: {}  # c\nz: 1\n');
    expect(removeIn('a: { b: 1 }\n', 'a.b')).toBe('a: {}\n');
  });

  it('removes a flow entry with its comma', () => {
    expect(removeIn('a: { b: 1, c: 2, d: 3 }\n', 'a.c')).toBe('a: { b: 1, d: 3 }\n');
    expect(removeIn('a: { b: 1, c: 2 }\n', 'a.c')).toBe('a: { b: 1 }\n');
    expect(removeIn('a: { b: 1, c: 2 }\n', 'a.b')).toBe('a: { c: 2 }\n');
  });

  it('refuses to remove an anchor an alias elsewhere copies', () => {
    const text = 'a:\n  b: &shared\n    x: 1\n  c: 2\nd: *shared\n';
    const editor = editorOf(text);
    expect(editor.removeEntry(editor.documents[0].contents as YAMLMap<unknown, unknown>, pairOf(editor, 'a'))).toBeUndefined();
    expect(removeIn(text, 'a.c')).toBe('a:\n  b: &shared\n    x: 1\nd: *shared\n');
  });

  it('moves the next entry up after a sequence dash when it removes the first entry of an item', () => {
    const editor = editorOf('a:\n  - b: 1  # b\n    c: 2\n  - d: 3\n');
    const items = (pairOf(editor, 'a').value as YAMLSeq<unknown>).items as YAMLMap<unknown, unknown>[];
    expect(apply(editor, editor.removeEntry(items[0], items[0].items[0]))).toBe('a:\n  - c: 2\n  - d: 3\n');
    expect(apply(editor, editor.removeEntry(items[1], items[1].items[0]))).toBe('a:\n  - b: 1  # b\n    c: 2\n  - {}\n');
    const flow = editorOf('a: [{ b: 1 }, c]\n');
    const item = (pairOf(flow, 'a').value as YAMLSeq<unknown>).items[0] as YAMLMap<unknown, unknown>;
    expect(apply(flow, flow.removeEntry(item, item.items[0]))).toBe('a: [{}, c]\n');
  });
});

describe('YamlEditor sequences', () => {
  const seqOf = (editor: YamlEditor, path: string) => pairOf(editor, path).value as YAMLSeq<unknown>;

  it('appends an item at the column of the others, in block and flow style', () => {
    const block = editorOf('a:\n  - x  # first\n  - y\nb: 1\n');
    expect(apply(block, block.appendItem(seqOf(block, 'a'), 'z'))).toBe('a:\n  - x  # first\n  - y\n  - z\nb: 1\n');
    const indentless = editorOf('a:\n- x\n');
    expect(apply(indentless, indentless.appendItem(seqOf(indentless, 'a'), 'no-new-privileges:true'))).toBe('a:\n- x\n- no-new-privileges:true\n');
    const flow = editorOf('a: [x, y]\n');
    expect(apply(flow, flow.appendItem(seqOf(flow, 'a'), 'z'))).toBe('a: [x, y, z]\n');
    const empty = editorOf('a: []\n');
    expect(apply(empty, empty.appendItem(seqOf(empty, 'a'), 'z'))).toBe('a: [z]\n');
    const quoted = editorOf('a:\n  - "x"\n');
    expect(apply(quoted, quoted.appendItem(seqOf(quoted, 'a'), 'y'))).toBe('a:\n  - "x"\n  - "y"\n');
  });

  it('removes an item with its line, or with its comma; the last one leaves []', () => {
    const block = editorOf('a:\n  - x\n  # about y\n  - y  # y\n  - z\n');
    expect(apply(block, block.removeItem(seqOf(block, 'a'), seqOf(block, 'a').items[1]))).toBe('a:\n  - x\n  # about y\n  - z\n');
    const flow = editorOf('a: [x, y, z]\n');
    expect(apply(flow, flow.removeItem(seqOf(flow, 'a'), seqOf(flow, 'a').items[2]))).toBe('a: [x, y]\n');
    const only = editorOf('a:\n  - x\nb: 1\n');
    expect(apply(only, only.removeItem(seqOf(only, 'a'), seqOf(only, 'a').items[0]))).toBe('a: []\nb: 1\n');
    expect(isSeq(seqOf(only, 'a'))).toBe(true);
  });
});

/**
 * Every edit on every YAML file of the repository's fixtures: the helpers never throw, and
 * what they return parses cleanly to exactly the intended value — the one entry added, replaced
 * or removed, everything else equal.
 */
describe('YamlEditor on the repository’s YAML fixtures', () => {
  type Json = unknown;
  const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
  const corpus = ['rules/src', 'packages/core/src', 'test/fixtures', 'examples']
    .flatMap((dir) => (existsSync(join(ROOT, dir)) ? readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => join(ROOT, dir, f)) : []))
    .filter((path) => /\.ya?ml$/.test(path) && statSync(path).isFile())
    .sort();

  const toJs = (text: string): Json | undefined => {
    const doc = parseDocument(text, { version: '1.2', merge: false, uniqueKeys: false });
    return doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: -1 });
  };
  const clone = (value: Json): Json => structuredClone(value);
  /** The JS value at a path, for in-place changes to the expected value. */
  const at = (root: Json, path: (string | number)[]): Record<string | number, Json> =>
    path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], root) as Record<string | number, Json>;

  it('covers a real corpus', () => {
    expect(corpus.length).toBeGreaterThan(100);
  });

  it('edits every mapping and sequence of every file safely', () => {
    let checked = 0;
    for (const path of corpus) {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
      if (text.includes('<<') || text.includes('\t') || parseYaml(new SourceFile(path, text)).diagnostics.length > 0) continue;
      const original = toJs(text);
      if (original === undefined || original === null || typeof original !== 'object') continue;
      const editor = editorOf(text);
      /** `expected` changes a copy of the original in place, or returns the whole expected value. */
      const check = (what: string, edits: TextEdit[] | undefined, expected: (value: Json) => unknown) => {
        if (!edits || edits.length === 0) return;
        const result = applyFixes(text, [{ edits }]).text;
        const copy = clone(original);
        const returned = expected(copy);
        const want = returned === 'whole: null' ? null : copy;
        expect(toJs(result), `${path}: ${what}\n${result}`).toEqual(want);
        checked++;
      };
      const walk = (node: unknown, path: (string | number)[]): void => {
        if (editor.isShared(node) || path.length > 8) return;
        if (isMap(node)) {
          const keys = node.items.map((p) => (isScalar(p.key) ? p.key.value : undefined));
          if (keys.some((k) => typeof k !== 'string') || new Set(keys).size !== keys.length) return;
          check(`set zz-new in ${path.join('.')}`, editor.setEntry(node, 'zz-new', 'yes'), (v) => (at(v, path)['zz-new'] = 'yes'));
          node.items.forEach((pair, i) => {
            const key = keys[i] as string;
            if (editor.isShared(pair.value)) return;
            // The only entry of a document goes with its document's content: an empty document.
            if (path.length === 0 && node.items.length === 1) check(`remove ${key}`, editor.removeEntry(node, pair), () => 'whole: null');
            else check(`remove ${[...path, key].join('.')}`, editor.removeEntry(node, pair), (v) => delete at(v, path)[key]);
            if (isScalar(pair.value) && pair.value.value === null) {
              check(`fill ${[...path, key].join('.')}`, editor.setEntry(pair, 'zz-a', ['x: y', 1]), (v) => (at(v, path)[key] = { 'zz-a': ['x: y', 1] }));
            } else if (isScalar(pair.value) && typeof pair.value.value === 'string') {
              check(
                `replace ${[...path, key].join('.')}`,
                editor.replaceScalar(pair.value, `${pair.value.value}:1 #x`),
                (v) => (at(v, path)[key] = `${at(v, path)[key]}:1 #x`),
              );
            }
            walk(pair.value, [...path, key]);
          });
        } else if (isSeq(node)) {
          check(`append to ${path.join('.')}`, editor.appendItem(node, { 'zz-k': 'on' }), (v) => (at(v, path) as unknown as Json[]).push({ 'zz-k': 'on' }));
          node.items.forEach((item, i) => {
            check(`remove ${[...path, i].join('.')}`, editor.removeItem(node, item), (v) => (at(v, path) as unknown as Json[]).splice(i, 1));
            walk(item, [...path, i]);
          });
        }
      };
      walk(editor.documents[0].contents, []);
    }
    expect(checked).toBeGreaterThan(1000);
  }, 180_000); // the whole corpus: long on a busy machine
});
