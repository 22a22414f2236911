import { describe, expect, it } from 'vitest';
import { describeCycle } from './cycles.js';

describe('describeCycle', () => {
  it('shows a short cycle whole', () => {
    expect(describeCycle(['a', 'b', 'a'])).toBe('a → b → a');
    expect(describeCycle(['a', 'b', 'c', 'd', 'e', 'f', 'a'])).toBe('a → b → c → d → e → f → a');
  });

  it('shows a long cycle by its ends, with its length', () => {
    const names = [...Array.from({ length: 200 }, (_, i) => `f${i}`), 'f0'];
    expect(describeCycle(names)).toBe('f0 → f1 → f2 → … → f198 → f199 → f0 (200 steps)');
  });
});
