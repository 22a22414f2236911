import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { ConfigError, findConfigFile, parseConfigText, resolveConfig, type ConfigLayer } from './config.js';
import { validateConfig } from './config-validator.js';
import { defineRule, type AnyRule } from './rule.js';

const rule = (id: string, recommended: boolean, category: 'hygiene' | 'style' = 'hygiene', severity: 'error' | 'warning' | 'info' = 'warning'): AnyRule =>
  defineRule<{ limit?: number }>({
    meta: { id, description: id, severity, recommended, fixable: false, category, peers: [] },
    defaultOptions: { limit: 1 },
    check() {},
  });

const rules = [rule('rec', true), rule('extra', false), rule('looks', false, 'style', 'info')];
const layer = (config: ConfigLayer['config'], source = '/p/.composure.yaml'): ConfigLayer => ({ config, source });
const severities = (layers: ConfigLayer[], overrides = {}) =>
  Object.fromEntries([...resolveConfig(rules, layers, overrides).rules].map(([id, s]) => [id, s.severity]));

describe('resolveConfig', () => {
  it('applies the presets', () => {
    expect(severities([])).toEqual({ rec: 'warning', extra: 'off', looks: 'off' });
    expect(severities([layer({ extends: 'strict' })])).toEqual({ rec: 'warning', extra: 'warning', looks: 'off' });
    expect(severities([layer({ extends: 'all' })])).toEqual({ rec: 'warning', extra: 'warning', looks: 'info' });
  });

  it('lets later layers and then command-line overrides win', () => {
    const layers = [layer({ rules: { rec: 'error', extra: ['info', { limit: 3 }] } }), layer({ rules: { rec: 'warn' } }, '/p/compose.yaml')];
    const resolved = resolveConfig(rules, layers, { extra: 'off' });
    expect(resolved.rules.get('rec')).toEqual({ severity: 'warning', options: { limit: 1 }, explicit: true });
    expect(resolved.rules.get('extra')).toEqual({ severity: 'off', options: { limit: 3 }, explicit: true });
  });

  it('rejects an unknown rule id, naming the file', () => {
    expect(() => resolveConfig(rules, [layer({ rules: { nope: 'off' } })])).toThrow('unknown rule "nope" in /p/.composure.yaml');
  });

  it('collects ignore globs with their base directory, datastores, policies and exclusions', () => {
    const resolved = resolveConfig(rules, [
      layer({
        ignore: ['legacy/**'],
        datastores: ['corp/db*'],
        policies: [{ deny: { from: 'web', to: 'db' } }],
        exclude: [{ rule: 'rec', service: 'web', reason: 'why' }],
      }),
    ]);
    expect(resolved.ignore).toEqual([{ base: '/p', pattern: 'legacy/**' }]);
    expect(resolved.datastores).toEqual(['corp/db*']);
    expect(resolved.policies).toEqual([{ policy: { deny: { from: 'web', to: 'db' } }, node: undefined, source: '/p/.composure.yaml' }]);
    expect(resolved.exclude).toEqual([{ rule: 'rec', service: 'web', reason: 'why' }]);
  });
});

describe('configuration files', () => {
  it('is found by walking up from the compose file', () => {
    const host = memoryHost({ '/repo/.composure.yaml': '', '/repo/app/deploy/compose.yaml': '' });
    expect(findConfigFile('/repo/app/deploy', host)).toBe('/repo/.composure.yaml');
    expect(findConfigFile('/elsewhere', host)).toBeUndefined();
  });

  it('is validated against the shipped schema with readable messages', () => {
    expect(() => parseConfigText('/p/.composure.yaml', 'extends: lax\nrulez: {}\n', validateConfig)).toThrow(ConfigError);
    try {
      parseConfigText('/p/.composure.yaml', 'extends: lax\nrulez: {}\n', validateConfig);
    } catch (error) {
      expect((error as Error).message).toBe(
        'invalid configuration in /p/.composure.yaml: unknown key "rulez" in the configuration; extends must be one of "recommended", "strict", "all"',
      );
    }
  });

  it('reports broken YAML with its position', () => {
    expect(() => parseConfigText('/p/.composure.yaml', 'rules: [\n', validateConfig)).toThrow(/^invalid YAML in \/p\/\.composure\.yaml: 2:1 /);
  });

  it('accepts a complete, valid configuration and an empty file', () => {
    const text = [
      'extends: strict',
      'rules:',
      '  rec: off',
      '  extra: [error, {limit: 2}]',
      'ignore: ["a/**"]',
      'datastores: ["corp/*"]',
      'policies:',
      '  - deny: {from: web, to: "network:data", transitive: true}',
      '  - default: deny',
      '    allow: [{from: [web, api], to: db}]',
      'exclude: [{rule: rec, service: web, reason: legacy}]',
    ].join('\n');
    expect(parseConfigText('/p/.composure.yaml', text, validateConfig).config.extends).toBe('strict');
    expect(parseConfigText('/p/.composure.yaml', '', validateConfig).config).toEqual({});
  });
});
