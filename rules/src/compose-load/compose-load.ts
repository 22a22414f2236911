import { COMPOSE_LOAD_MESSAGES, defineRule } from '@composure/core/rule-kit';

/** Reported by the loader when a referenced file or service cannot be used as Docker Compose would. */
export const composeLoad = defineRule({
  meta: {
    id: 'compose-load',
    description:
      'Everything the project references must load: extends and include targets, env files; no extends or include cycles; remote includes are reported as not analysed.',
    severity: 'error',
    recommended: true,
    category: 'core',
    peers: ['docker compose config'],
    messages: COMPOSE_LOAD_MESSAGES,
  },
  check() {
    // The loader reports these at the reference that failed.
  },
});
