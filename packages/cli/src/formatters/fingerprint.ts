import { createHash } from 'node:crypto';
import { maskUrlPasswords, type Finding } from '@composure/core';
import { relativePath } from './paths.js';

/** The key of composure's fingerprint in SARIF's `partialFingerprints`; a new version if the recipe ever changes. */
export const FINGERPRINT_KEY = 'composure/v1';

/**
 * A stable identity for each finding, the same in SARIF and GitLab code quality: a hash
 * of the rule, the file relative to the repository root, the message and the text of
 * the offending region — no line numbers, so a finding keeps its identity when lines
 * are inserted above it. Identical findings in one run are told apart by their order
 * (`…:1`, `…:2`), as CodeQL does. Nothing of the source is printed: only the hash.
 */
export function fingerprints(findings: readonly Finding[], root: string, source?: (file: string) => string | undefined): string[] {
  const occurrences = new Map<string, number>();
  return findings.map((f) => {
    const text = source?.(f.file);
    // Line endings normalised: a checkout with CRLF (core.autocrlf) gives the same identity.
    const region = text === undefined ? '' : maskUrlPasswords(text.slice(f.start, f.end)).replace(/\r\n?/g, '\n');
    const hash = createHash('sha256')
      .update([f.ruleId, relativePath(root, f.file), f.message, region].join('\0'))
      .digest('hex')
      .slice(0, 32);
    const n = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, n);
    return `${hash}:${n}`;
  });
}
