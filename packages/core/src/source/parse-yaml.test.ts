import { describe, expect, it } from 'vitest';
import { get, toJS } from './node.js';
import { decodeText, parseYaml } from './parse-yaml.js';
import { SourceFile } from './source-file.js';

const parse = (text: string) => parseYaml(new SourceFile('/p/compose.yaml', text));

describe('parseYaml', () => {
  it('keeps the source range of keys and values', () => {
    const { documents, diagnostics } = parse('services:\n  web:\n    image: nginx:1.27\n');
    expect(diagnostics).toEqual([]);
    const web = get(get(documents[0], 'services'), 'web');
    const image = get(web, 'image')!;
    expect(image.loc).toEqual({ file: '/p/compose.yaml', start: 28, end: 38 });
    expect(toJS(documents[0])).toEqual({ services: { web: { image: 'nginx:1.27' } } });
  });

  it('reports every YAML error at its own position', () => {
    const { file, diagnostics } = parse('a: [1, 2\nb: "x\nc: 1\nc: 2\n');
    expect(diagnostics.map((d) => [d.ruleId, file.span(d.loc.start, d.loc.end).line, d.message])).toEqual([
      ['yaml-syntax', 2, 'Flow sequence in block collection must be sufficiently indented and end with a ].'],
      ['yaml-syntax', 5, 'Missing closing "quote.'],
    ]);
  });

  it('keeps an error at the end of the input inside the file (found by test/hardening/fuzz.test.ts)', () => {
    const text = '{services:\n  web: {}\n';
    const { diagnostics } = parse(text);
    const last = diagnostics[diagnostics.length - 1];
    expect([last.message, last.loc.start, last.loc.end]).toEqual(['Flow map must end with a }.', text.length, text.length]);
  });

  it('reports a stray token once, saying how much of the document could not be read', () => {
    const { file, diagnostics } = parse('services:\n  web:\n    ports: ["8080:80"]]\n    environment:\n      A: 1\n');
    expect(diagnostics.map((d) => [d.message, file.span(d.loc.start, d.loc.end)])).toEqual([
      [
        'Unexpected flow-seq-end token in YAML stream: "]". Everything after it, up to line 5, could not be read.',
        { line: 3, column: 23, endLine: 3, endColumn: 24 },
      ],
    ]);
  });

  it('reports duplicate keys', () => {
    const { file, diagnostics } = parse('a: 1\na: 2\n');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toBe('Duplicate key "a" (first set on line 1); the later value wins.');
    expect(file.span(diagnostics[0].loc.start, diagnostics[0].loc.end)).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 2 });
  });

  it('expands anchors and << merge keys, explicit keys winning', () => {
    const { documents } = parse('x: &base {a: 1, b: 2}\ny:\n  <<: *base\n  b: 3\n');
    expect(toJS(get(documents[0], 'y')!)).toEqual({ b: 3, a: 1 });
  });

  it('keeps !reset and !override tags without warnings', () => {
    const { documents, diagnostics } = parse('a: !reset []\nb: !override {c: 1}\n');
    expect(diagnostics).toEqual([]);
    expect(get(documents[0], 'a')!.tag).toBe('!reset');
    expect(get(documents[0], 'b')!.tag).toBe('!override');
  });

  it('reads leading-zero integers as octal, as Docker Compose does', () => {
    expect(toJS(parse('mode: 0440\nport: 80\n').documents[0])).toEqual({ mode: 288, port: 80 });
  });

  it('stops an alias bomb with a finding', () => {
    let text = 'a0: &a0 [x,x,x,x,x,x,x,x,x]\n';
    for (let i = 1; i < 10; i++)
      text += `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}]\n`;
    const { file, diagnostics } = parse(text);
    const bomb = diagnostics.find((d) => d.message === 'Aliases expand to too many values (an alias bomb?); the rest of the document is ignored.');
    // At the alias written in the document whose copy ran out of budget (it is shared by the whole
    // document): the second `*a4` on line 6, each one worth 9^4 + … values.
    expect(bomb && file.span(bomb.loc.start, bomb.loc.end)).toEqual({ line: 6, column: 14, endLine: 6, endColumn: 17 });
  });

  it('reports an alias to an unknown anchor at the alias', () => {
    const { file, diagnostics } = parse('a: 1\nb: *nowhere\n');
    expect(diagnostics.map((d) => [d.message, file.span(d.loc.start, d.loc.end)])).toEqual([
      ['Unknown anchor: *nowhere refers to no &nowhere before it.', { line: 2, column: 4, endLine: 2, endColumn: 12 }],
    ]);
  });

  it('reports a control character where it stands', () => {
    const { file, diagnostics } = parse('a: 1\nb: x\u0000y\n');
    expect(diagnostics.map((d) => d.message)).toContain('The file contains the control character U+0000, which YAML does not allow.');
    expect(file.position(diagnostics[0].loc.start)).toEqual({ line: 2, column: 5 });
  });

  // Found by test/hardening/lsp-fuzz.test.ts: a merge key folded into the anchored mapping expanded it into itself, 200 levels deep.
  it('reports an alias inside the value of its own anchor once, and reads it as null', () => {
    const file = new SourceFile('/p/compose.yaml', 'x-web: &web\n  image: nginx:1\n  more:\n    <<: *web\n  again: [*web]\nweb2:\n  <<: *web\n');
    const { documents, diagnostics } = parseYaml(file);
    expect(diagnostics.map((d) => [d.message, file.span(d.loc.start, d.loc.end)])).toEqual([
      ['The alias *web is inside the value of &web: that value would contain itself.', { line: 4, column: 9, endLine: 4, endColumn: 13 }],
      ['The alias *web is inside the value of &web: that value would contain itself.', { line: 5, column: 11, endLine: 5, endColumn: 15 }],
    ]);
    expect(toJS(documents[0])).toEqual({ 'x-web': { image: 'nginx:1', more: {}, again: [null] }, web2: { image: 'nginx:1', more: {}, again: [null] } });
  });

  // Found by test/hardening/fuzz.test.ts (FUZZ_RUNS=20000): the yaml package, like go-yaml, rejects the fixed text of such a file.
  it('reports a second merge key in one mapping, as go-yaml refuses it, and still merges both', () => {
    const file = new SourceFile('/p/compose.yaml', 'x-a: &a\n  image: nginx:1\nx-b: &b\n  user: app\nweb:\n  <<: *a\n  <<: *b\n');
    const { documents, diagnostics } = parseYaml(file);
    expect(diagnostics.map((d) => [d.message, file.span(d.loc.start, d.loc.end)])).toEqual([
      [
        'Duplicate merge key "<<" (first on line 6): Docker Compose refuses it; merge several mappings with one key, <<: [*a, *b].',
        { line: 7, column: 3, endLine: 7, endColumn: 5 },
      ],
    ]);
    expect(toJS(get(documents[0], 'web'))).toEqual({ image: 'nginx:1', user: 'app' });
  });

  it('names the line of the first occurrence at every repetition of a key', () => {
    const { file, diagnostics } = parse('a: 1\nb: 1\na: 2\na: 3\n');
    expect(diagnostics.map((d) => [d.message, file.position(d.loc.start).line])).toEqual([
      ['Duplicate key "a" (first set on line 1); the later value wins.', 3],
      ['Duplicate key "a" (first set on line 1); the later value wins.', 4],
    ]);
  });

  it('finds duplicate keys in linear time', () => {
    const text = Array.from({ length: 40_000 }, (_, i) => `k${i}: ${i}`).join('\n') + '\nk7: again\n';
    const { diagnostics } = parse(text);
    expect(diagnostics.map((d) => d.message)).toEqual(['Duplicate key "k7" (first set on line 8); the later value wins.']);
  });

  it('survives 20,000-deep nesting, reporting it once', () => {
    const { diagnostics } = parse('['.repeat(20_000) + ']'.repeat(20_000));
    expect(diagnostics.map((d) => d.message)).toEqual(['The document nests deeper than 200 levels; deeper values are ignored.']);
  });

  it('parses every document of a multi-document file', () => {
    expect(parse('a: 1\n---\nb: 2\n').documents.map(toJS)).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe('decodeText', () => {
  it('strips a BOM', () => {
    expect(decodeText('/f', new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).file.text).toBe('a');
  });
  it('reports invalid UTF-8', () => {
    const { diagnostic } = decodeText('/f', new Uint8Array([0x61, 0xff, 0x62]));
    expect(diagnostic?.ruleId).toBe('yaml-syntax');
    expect(diagnostic?.loc.start).toBe(1);
  });
});
