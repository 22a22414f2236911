import { defineRule } from '@composure/core/rule-kit';

/** Reported by the loader: every YAML error, each at its own position. */
export const yamlSyntax = defineRule({
  meta: {
    id: 'yaml-syntax',
    description: 'The file must be well-formed YAML 1.2 (every syntax error is reported at its own position).',
    severity: 'error',
    recommended: true,
    category: 'core',
    peers: ['dclint (first error only)', 'docker compose'],
  },
  check() {
    // The loader reports these while parsing; the rule exists for its id, severity, directives and docs.
  },
});
