import { defineRule, INTERPOLATION_MESSAGES } from '@composure/core/rule-kit';

/** Reported by the loader while interpolating `${…}` expressions. */
export const interpolation = defineRule({
  meta: {
    id: 'interpolation',
    description:
      'Variable references must be valid and resolvable: invalid `${…}` syntax and `${VAR:?err}` with VAR unset are errors, unset variables are warnings.',
    severity: 'error',
    recommended: true,
    category: 'core',
    peers: ['docker compose config'],
    messages: INTERPOLATION_MESSAGES,
  },
  check() {
    // The loader reports these while interpolating, with the severity of each case.
  },
});
