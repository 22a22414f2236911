import type { AsyncFormatter, Formatter } from './report.js';

/**
 * `composure lint --format NAME`: one file per format in this folder, each loaded when asked for
 * (a stylish run does not load sarif's and codeclimate's fingerprints, nor node:crypto with them).
 */
export const formatters: Record<string, () => Promise<Formatter | AsyncFormatter>> = {
  stylish: async () => (await import('./stylish.js')).formatStylish,
  json: async () => (await import('./json.js')).formatJson,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  github: async () => (await import('./github.js')).formatGithub,
  junit: async () => (await import('./junit.js')).formatJunit,
  checkstyle: async () => (await import('./checkstyle.js')).formatCheckstyle,
  codeclimate: async () => (await import('./codeclimate.js')).formatCodeclimate,
  compact: async () => (await import('./compact.js')).formatCompact,
};

/** The formatter of a format, or undefined for a name that is none (own keys only). */
export async function formatterNamed(name: string): Promise<Formatter | AsyncFormatter | undefined> {
  return Object.hasOwn(formatters, name) ? formatters[name]() : undefined;
}
