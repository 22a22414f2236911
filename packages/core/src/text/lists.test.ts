import { describe, expect, it } from 'vitest';
import { joinWords, quoted, quotedList } from './lists.js';

describe('joinWords', () => {
  it('writes a list as a sentence does', () => {
    expect([[], ['a'], ['a', 'b'], ['a', 'b', 'c']].map((items) => joinWords(items))).toEqual(['', 'a', 'a and b', 'a, b and c']);
  });

  it('takes another conjunction', () => {
    expect(joinWords(['memory', 'CPU', 'pids'], 'or')).toBe('memory, CPU or pids');
  });
});

describe('quoted and quotedList', () => {
  it('quote names, a list separated by commas only', () => {
    expect([quoted('web'), quotedList(['a', 'b', 'c']), quotedList([])]).toEqual(['"web"', '"a", "b", "c"', '']);
  });
});
