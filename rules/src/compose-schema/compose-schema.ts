import { defineRule } from '@composure/core/rule-kit';

/** Reported by the loader: violations of the canonical Compose schema and of the rules the spec states in prose. */
export const composeSchema = defineRule({
  meta: {
    id: 'compose-schema',
    description: 'The project must follow the Compose specification: every schema violation, at the offending key, with a did-you-mean for misspelled keys.',
    severity: 'error',
    recommended: true,
    category: 'core',
    // A did-you-mean for a misspelled key or value: the loader attaches it, an editor offers it.
    hasSuggestions: true,
    peers: ['dclint invalid-schema', 'docker compose config'],
  },
  check() {
    // The loader validates the merged project against the schema compiled at build time.
  },
});
