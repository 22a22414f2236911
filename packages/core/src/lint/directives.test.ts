import { describe, expect, it } from 'vitest';
import { SourceFile } from '../source/source-file.js';
import { DirectiveIndex, parseDirectives } from './directives.js';

const index = (text: string) => new DirectiveIndex(new SourceFile('/p/compose.yaml', text));

describe('parseDirectives', () => {
  it('reads kind, rules, line and reason-free rule lists', () => {
    const text = [
      'services:',
      '  web: # composure-disable-line require-image-tag',
      '    # composure-disable-next-line a, b -- because',
      '    image: nginx',
      '# composure-disable',
      '# composure-enable c',
      '# composure-disable-file',
    ].join('\n');
    expect(parseDirectives(new SourceFile('/f', text)).map((d) => [d.kind, d.rules, d.line])).toEqual([
      ['disable-line', ['require-image-tag'], 2],
      ['disable-next-line', ['a', 'b'], 3],
      ['disable', [], 5],
      ['enable', ['c'], 6],
      ['disable-file', [], 7],
    ]);
  });

  it('keeps the text after -- as the reason, when there is one', () => {
    const text = '# composure-disable-next-line a, b -- pinned -- by ops\na: 1 # composure-disable-line -- why not\nb: 2 # composure-disable-line c\n';
    expect(parseDirectives(new SourceFile('/f', text)).map((d) => [d.rules, d.reason])).toEqual([
      [['a', 'b'], 'pinned -- by ops'],
      [[], 'why not'],
      [['c'], undefined],
    ]);
  });

  it('ignores directive-like text inside strings and block scalars', () => {
    const text = 'a: "# composure-disable-file"\nb: |\n  # composure-disable-file\n';
    expect(parseDirectives(new SourceFile('/f', text))).toEqual([]);
  });
});

describe('DirectiveIndex', () => {
  it('disables the next line only, for the named rules only', () => {
    const d = index('# composure-disable-next-line r1\na: 1\nb: 2\n');
    expect(d.isDisabled('r1', 2)).toBe(true);
    expect(d.isDisabled('r2', 2)).toBe(false);
    expect(d.isDisabled('r1', 3)).toBe(false);
  });

  it('disables its own line', () => {
    const d = index('a: 1 # composure-disable-line\nb: 2\n');
    expect(d.isDisabled('any', 1)).toBe(true);
    expect(d.isDisabled('any', 2)).toBe(false);
  });

  it('disables a region between disable and enable', () => {
    const d = index('a: 1\n# composure-disable r1\nb: 2\n# composure-enable r1\nc: 3\n');
    expect([1, 3, 5].map((line) => d.isDisabled('r1', line))).toEqual([false, true, false]);
    expect(d.isDisabled('r2', 3)).toBe(false);
  });

  it('names the directive that disables a line: the innermost open region', () => {
    const d = index('# composure-disable r1 -- first\na: 1\n# composure-disable -- second\nb: 2\n# composure-enable\nc: 3\n');
    expect([2, 4, 6].map((line) => d.disabledBy('r1', line)?.reason)).toEqual(['first', 'second', undefined]);
  });

  it('disables the whole file, wherever the comment stands', () => {
    const d = index('a: 1\nb: 2\n# composure-disable-file r1\n');
    expect(d.isDisabled('r1', 1)).toBe(true);
    expect(d.isDisabled('r2', 1)).toBe(false);
  });
});
