/**
 * The engine's view against composure's: every line one side has and the other lacks, less the
 * disagreements the suite expects (test/engine/known-gaps.ts), printed so that a failure shows
 * the differing pairs and ports themselves.
 */
import type { View, ViewKind } from './view.js';

/** What one side says and the other does not: a line of a view, or a refusal (`line`: the rule id). */
export interface Difference {
  kind: ViewKind | 'refusal';
  /** `engine`: the engine did it and composure does not say so; `composure`: the other way round. */
  only: 'engine' | 'composure';
  line: string;
}

/** A disagreement the suite expects, until the work that removes it lands. */
export interface KnownGap extends Difference {
  fixture: string;
  /** Why it is expected, and what work removes it. */
  issue: string;
}

export function viewDifferences(engine: View, composure: View): Difference[] {
  const out: Difference[] = [];
  for (const kind of ['reach', 'ingress', 'egress', 'names'] as const) {
    const said = new Set(composure[kind]);
    const done = new Set(engine[kind]);
    for (const line of engine[kind]) if (!said.has(line)) out.push({ kind, only: 'engine', line });
    for (const line of composure[kind]) if (!done.has(line)) out.push({ kind, only: 'composure', line });
  }
  return out;
}

const same = (a: Difference, b: Difference) => a.kind === b.kind && a.only === b.only && a.line === b.line;

/** The differences no known gap explains, and the known gaps of this fixture that did not occur (the list must shrink with them). */
export function explain(fixture: string, differences: Difference[], gaps: readonly KnownGap[]): { unexplained: Difference[]; stale: KnownGap[] } {
  const mine = gaps.filter((g) => g.fixture === fixture);
  return { unexplained: differences.filter((d) => !mine.some((g) => same(g, d))), stale: mine.filter((g) => !differences.some((d) => same(g, d))) };
}

const HEADINGS: Record<Difference['only'], string> = {
  engine: 'the engine did, composure does not say so',
  composure: 'composure says so, the engine did not',
};

export function formatDifferences(fixture: string, { unexplained, stale }: { unexplained: Difference[]; stale: KnownGap[] }): string {
  const lines = [`${fixture}: composure and the engine disagree`];
  for (const only of ['engine', 'composure'] as const) {
    const list = unexplained.filter((d) => d.only === only);
    if (list.length === 0) continue;
    lines.push(`  ${HEADINGS[only]}:`);
    for (const d of list) lines.push(`    ${d.kind.padEnd(8)} ${d.line}`);
  }
  if (stale.length > 0) {
    lines.push('  known gaps that no longer occur (remove them from test/engine/known-gaps.ts):');
    for (const g of stale) lines.push(`    ${g.kind.padEnd(8)} ${g.only}-only ${g.line}`);
  }
  return lines.join('\n');
}
