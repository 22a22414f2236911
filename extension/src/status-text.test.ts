import { describe, expect, it } from 'vitest';
import { StatusStore, statusText, statusTooltip } from './status-text.js';

describe('statusText', () => {
  it('shows errors and warnings', () => {
    expect(statusText({ errors: 2, warnings: 3, infos: 1 })).toBe('composure: ✖ 2 ⚠ 3');
    expect(statusText({ errors: 0, warnings: 0, infos: 0 })).toBe('composure: ✖ 0 ⚠ 0');
  });

  it('the tooltip counts every severity and says what a click does', () => {
    expect(statusTooltip({ errors: 2, warnings: 1, infos: 0 })).toBe('composure: 2 errors, 1 warning, 0 infos. Click to open the Problems view.');
    expect(statusTooltip({ errors: 1, warnings: 0, infos: 1 })).toBe('composure: 1 error, 0 warnings, 1 info. Click to open the Problems view.');
  });
});

describe('StatusStore', () => {
  it('keeps the latest counts per document', () => {
    const store = new StatusStore();
    expect(store.set({ uri: 'file:///p/compose.yaml', errors: 1, warnings: 2, infos: 3 })).toBe(true);
    expect(store.set({ uri: 'file:///p/compose.yaml', errors: 0, warnings: 1, infos: 0 })).toBe(true);
    expect(store.get('file:///p/compose.yaml')).toEqual({ errors: 0, warnings: 1, infos: 0 });
    expect(store.get('file:///p/other.yaml')).toBeUndefined();
    store.delete('file:///p/compose.yaml');
    expect(store.get('file:///p/compose.yaml')).toBeUndefined();
  });

  it('compares URIs after normalizing them', () => {
    const store = new StatusStore((uri) => decodeURIComponent(uri).toLowerCase());
    store.set({ uri: 'file:///C%3A/p/compose.yaml', errors: 1, warnings: 0, infos: 0 });
    expect(store.get('file:///c:/p/compose.yaml')).toEqual({ errors: 1, warnings: 0, infos: 0 });
  });

  it('ignores what is not a status, and counts that are not counts', () => {
    const store = new StatusStore();
    expect(store.set(null)).toBe(false);
    expect(store.set('file:///p/compose.yaml')).toBe(false);
    expect(store.set({ errors: 1 })).toBe(false);
    expect(store.set({ uri: 'file:///p/compose.yaml', errors: -1, warnings: 1.5, infos: '2' })).toBe(true);
    expect(store.get('file:///p/compose.yaml')).toEqual({ errors: 0, warnings: 0, infos: 0 });
    store.clear();
    expect(store.get('file:///p/compose.yaml')).toBeUndefined();
  });
});
