/**
 * Which rules each preset turns on: the one definition, read by the configuration (config.ts) and
 * by the ESLint plugin's configs.
 */
import type { AnyRule } from './rule.js';

export type Preset = 'recommended' | 'strict' | 'all';

/** `recommended` turns on the rules marked so, and the loader's core findings, which are always on. */
export function isRecommended(rule: AnyRule): boolean {
  return rule.meta.recommended || rule.meta.category === 'core';
}

/** Whether a preset turns a rule on (at its own severity): `strict` is every rule but the style ones, `all` every rule. */
export function isInPreset(rule: AnyRule, preset: Preset): boolean {
  switch (preset) {
    case 'recommended':
      return isRecommended(rule);
    case 'strict':
      return rule.meta.category !== 'style';
    case 'all':
      return true;
  }
}
