import { describe, expect, it } from 'vitest';
import { defineRule, DOCS_BASE_URL } from './rule.js';

describe('defineRule', () => {
  it('fills in the docs URL and the defaults a rule leaves out', () => {
    const rule = defineRule({ meta: { id: 'no-thing', description: 'No thing.', severity: 'warning', category: 'hygiene' }, check() {} });
    expect(rule.meta).toEqual({
      id: 'no-thing',
      description: 'No thing.',
      severity: 'warning',
      category: 'hygiene',
      recommended: false,
      fixable: false,
      hasSuggestions: false,
      peers: [],
      messages: {},
      oncePerPlace: false,
      docsUrl: `${DOCS_BASE_URL}/no-thing/no-thing.md`,
    });
    expect(rule.defaultOptions).toEqual({});
  });

  it('keeps what a rule writes over the defaults', () => {
    const rule = defineRule({
      meta: {
        id: 'x',
        description: 'X.',
        severity: 'error',
        category: 'style',
        recommended: true,
        fixable: true,
        peers: ['dclint'],
        messages: { found: 'Found {{what}}.' },
      },
      defaultOptions: { level: 2 },
      check() {},
    });
    expect([rule.meta.recommended, rule.meta.fixable, rule.meta.peers, rule.meta.messages, rule.defaultOptions]).toEqual([
      true,
      true,
      ['dclint'],
      { found: 'Found {{what}}.' },
      { level: 2 },
    ]);
  });
});
