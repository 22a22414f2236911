/**
 * @composure/eslint-plugin: composure's Docker Compose rules inside ESLint's flat config,
 * running on eslint-plugin-yml's `yml/yaml` language (one parse for `yml/*` and `composure/*`).
 *
 *   // eslint.config.mjs
 *   import composure from '@composure/eslint-plugin';
 *   export default [...composure.configs.recommended];
 */
import { readFileSync } from 'node:fs';
import { isInPreset, type Preset } from '@composure/core';
import { rules } from '@composure/rules';
import type { ESLint, Linter } from 'eslint';
// The user's copy (a peer dependency): registering the same plugin object as the user's own
// `yml.configs.*` keeps ESLint from failing with "Cannot redefine plugin".
import yml from 'eslint-plugin-yml';
import { eslintRules } from './rules.js';

export { eslintRules as rules } from './rules.js';
export type { ComposureSettings } from './rules.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

/** The compose file names the configs apply to. */
export const COMPOSE_FILES = ['**/{docker-,}compose*.{yml,yaml}'];

const plugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace: 'composure' },
  rules: eslintRules,
  configs: {} as Record<Preset, Linter.Config[]>,
} satisfies ESLint.Plugin;

/** A preset's rules at their composure severities; ESLint knows only error and warn, so info is warn. */
function presetRules(preset: Preset): Linter.RulesRecord {
  const out: Linter.RulesRecord = {};
  for (const rule of rules) {
    if (isInPreset(rule, preset)) out[`composure/${rule.meta.id}`] = rule.meta.severity === 'error' ? 'error' : 'warn';
  }
  return out;
}

/**
 * The rules eslint-plugin-yml's own base config switches off for YAML files (JavaScript rules a
 * global config may turn on), taken from the installed eslint-plugin-yml so that they stay in step.
 */
function ymlBaseRules(): Linter.RulesRecord {
  const base = (yml.configs as unknown as Record<string, Linter.Config[] | undefined>)['flat/base'] ?? [];
  return Object.assign({}, ...base.filter((c) => c.language === 'yml/yaml').map((c) => c.rules ?? {}));
}

function presetConfig(preset: Preset): Linter.Config[] {
  return [
    { name: `composure/${preset}/plugins`, plugins: { composure: plugin as ESLint.Plugin, yml: yml as unknown as ESLint.Plugin } },
    { name: `composure/${preset}`, files: COMPOSE_FILES, language: 'yml/yaml', rules: { ...ymlBaseRules(), ...presetRules(preset) } },
  ];
}

plugin.configs.recommended = presetConfig('recommended');
plugin.configs.strict = presetConfig('strict');
plugin.configs.all = presetConfig('all');

export const configs = plugin.configs;
export const meta = plugin.meta;
export default plugin;
