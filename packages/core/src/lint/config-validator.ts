import validate from '../../generated/config-validator.js';

/** Validates a configuration object against the shipped schema (compiled at build time); returns readable problems. */
export function validateConfig(data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if')
    .map((e) => {
      const where = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : 'the configuration';
      if (e.keyword === 'additionalProperties') return `unknown key "${(e.params as { additionalProperty: string }).additionalProperty}" in ${where}`;
      if (e.keyword === 'enum') return `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
      return `${where} ${e.message ?? 'is invalid'}`;
    })
    .filter((message, i, all) => all.indexOf(message) === i);
}
