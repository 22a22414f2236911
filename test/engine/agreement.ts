/**
 * The assertion every engine test makes: composure agrees with what the engine did with a project,
 * but for the disagreements listed in known-gaps.ts. Where the engine refuses the project, that
 * refusal must be the expected one (refusals.ts) and composure must report it as an error of the
 * expected rule; where it accepts the project, no rule may say it refuses it.
 */
import { expect } from 'vitest';
import { judge, type ProjectUnderTest } from '../support/engine/check-project.js';
import { explain, formatDifferences, viewDifferences, type Difference } from '../support/engine/compare.js';
import type { EngineContext } from '../support/engine/context.js';
import { KNOWN_GAPS } from './known-gaps.js';
import { EXPECTED_REFUSALS, REFUSAL_RULES } from './refusals.js';

export async function expectAgreement(ctx: EngineContext, project: ProjectUnderTest): Promise<void> {
  const judgement = await judge(ctx, project);
  const expected = EXPECTED_REFUSALS[project.name];
  const errorRules = new Set(judgement.errors.map((f) => f.ruleId));
  const differences: Difference[] = [];
  if (judgement.refusal !== undefined) {
    expect(expected, `the engine refused ${project.name}: ${judgement.refusal}`).toBeDefined();
    expect(judgement.refusal).toMatch(expected.engine);
    if (!errorRules.has(expected.rule)) differences.push({ kind: 'refusal', only: 'engine', line: expected.rule });
  } else {
    expect(expected, `the engine accepted ${project.name}, expected to refuse it (${expected?.engine})`).toBeUndefined();
    for (const rule of [...errorRules].sort()) if (REFUSAL_RULES.has(rule)) differences.push({ kind: 'refusal', only: 'composure', line: rule });
    differences.push(...viewDifferences(judgement.engine!, judgement.composure!));
  }
  const outcome = explain(project.name, differences, KNOWN_GAPS);
  if (outcome.unexplained.length > 0 || outcome.stale.length > 0) throw new Error(formatDifferences(project.name, outcome));
}
