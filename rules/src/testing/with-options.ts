import { memoryHost, type AnyRule } from '@composure/core';
import { ruleSession, valueOf } from './session.js';

/**
 * Lints and fixes one compose text with `rule` configured by `options` (in a .composure.yaml beside
 * it): the rule's findings as `line:column message`, and the text its fixes make (undefined: none).
 * The options are not validated, so that a test may try any; the rule's schema is tested on its own.
 */
export function withOptions(rule: AnyRule, text: string, options: Record<string, unknown>): { findings: string[]; fixed: string | undefined } {
  const host = memoryHost({ '/p/compose.yaml': text, '/p/.composure.yaml': JSON.stringify({ rules: { [rule.meta.id]: ['warning', options] } }) });
  const session = ruleSession([rule], { cwd: '/p', host, validateConfig: () => [] });
  const project = { kind: 'files', files: ['compose.yaml'] } as const;
  const findings = valueOf(session.analyze(project)).findings.filter((f) => f.ruleId === rule.meta.id);
  const fixed = valueOf(session.fix(project, { rules: (id) => id === rule.meta.id })).changes[0]?.fixed;
  return { findings: findings.map((f) => `${f.line}:${f.column} ${f.message}`), fixed };
}
