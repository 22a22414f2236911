import { describe, expect, it } from 'vitest';
import { validateConfig } from './config-validator.js';

describe('the complete configuration check', () => {
  it('accepts every rule id with a severity, and a rule with valid options', () => {
    expect(validateConfig({ rules: { 'no-version-field': 'off', 'require-image-tag': ['error', { allowedTags: ['stable'] }] } })).toEqual([]);
  });

  it('names unknown rules, unknown options and options of the wrong type', () => {
    expect(validateConfig({ rules: { 'no-version-feld': 'off', 'require-image-tag': ['warning', { allowedTags: 'stable', allowTags: [] }] } })).toEqual([
      'unknown key "no-version-feld" in rules',
      'unknown key "allowTags" in rules.require-image-tag.1',
      'rules.require-image-tag.1.allowedTags must be array',
    ]);
  });

  it('rejects options for a rule that takes none', () => {
    expect(validateConfig({ rules: { 'no-version-field': ['warning', { strict: true }] } })).toEqual([
      'rules.no-version-field.1 must NOT have more than 0 properties',
    ]);
  });

  it('reports a bad severity once', () => {
    expect(validateConfig({ rules: { 'no-version-field': 'loud' } })).toEqual([
      'rules.no-version-field must be one of "error", "warning", "warn", "info", "off"',
    ]);
  });
});
