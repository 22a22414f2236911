import validateStatic from '../../generated/config-validator.js';
import type { ConfigValidator } from './config.js';

/** A validator compiled at build time by packages/core/scripts/schema-module.mjs. */
export type CompiledValidator = ((data: unknown) => boolean) & {
  errors?: { keyword: string; instancePath: string; params: Record<string, unknown>; message?: string }[] | null;
};

/** Readable problems from a compiled configuration validator. */
export function configValidatorFrom(validate: CompiledValidator): ConfigValidator {
  return (data) => {
    if (validate(data)) return [];
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
    // Of `warning` vs `[warning, {…}]`, the user meant the form they wrote: errors inside a value beat errors about the whole value.
    const aboutWholeValue = new Set(['type', 'enum', 'const']);
    const meant = errors.filter(
      (e) =>
        !aboutWholeValue.has(e.keyword) ||
        !(
          errors.some((other) => other.instancePath.startsWith(`${e.instancePath}/`)) ||
          // `loud` for a severity: "must be one of …" says it; "must be array" (the other form) does not.
          (e.keyword === 'type' && errors.some((other) => other.keyword === 'enum' && other.instancePath === e.instancePath))
        ),
    );
    return meant
      .map((e) => {
        const where = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : 'the configuration';
        if (e.keyword === 'additionalProperties') return `unknown key "${String(e.params.additionalProperty)}" in ${where}`;
        if (e.keyword === 'enum') return `${where} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
        return `${where} ${e.message ?? 'is invalid'}`;
      })
      .filter((message, i, all) => all.indexOf(message) === i);
  };
}

/**
 * Validates against core's schema of the configuration (rule ids and options not
 * checked); @composure/rules exports the complete validator, which front ends pass on.
 */
export const validateConfig: ConfigValidator = configValidatorFrom(validateStatic);
