import { parseAllDocuments, visit, type Alias, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { aliasTarget, followAlias, isMergeKey } from './anchors.js';

const aliases = (doc: Document): Alias[] => {
  const found: Alias[] = [];
  visit(doc, { Alias: (_key, alias) => void found.push(alias) });
  return found;
};

describe('aliases', () => {
  it('name the last node of their anchor before them in document order, keys before values; as the yaml package resolves them', () => {
    const [doc] = parseAllDocuments(['a: &x one', 'b: *x', '&x c: two', 'd: *x', 'e: [&x three, *x]', 'f: { &y k: v, z: *y }', 'g: *nothing', ''].join('\n'), {
      merge: true,
    }) as Document[];
    const found = aliases(doc);
    expect(found.map((alias) => String((aliasTarget(doc, alias) as { value?: unknown } | undefined)?.value))).toEqual(['one', 'c', 'three', 'k', 'undefined']);
    expect(found.map((alias) => alias.resolve(doc) === aliasTarget(doc, alias))).toEqual([true, true, true, true, true]);
    expect(followAlias(doc, found[4])).toBeUndefined();
    expect(followAlias(doc, 'plain')).toBe('plain');
  });
  it('a merge key is a plain `<<`, not a quoted one', () => {
    const [doc] = parseAllDocuments('a: &a { x: 1 }\nb: { <<: *a, "<<": 2 }\n', { merge: true }) as Document[];
    const b = (doc.contents as { items: { key: unknown; value: { items: { key: unknown }[] } }[] }).items[1].value;
    expect(b.items.map((pair) => isMergeKey(pair.key))).toEqual([true, false]);
  });
});
