import { writeFileSync } from 'node:fs';
import { phasesOn, phaseTotals, recordPhase } from '@composure/core/phases';

/**
 * The CLI's side of `COMPOSURE_PHASES` (see @composure/core/phases): process start and module
 * loading when the CLI starts, and at the end the phases as JSON, to the file the variable names
 * (`1`: to standard error). Nothing happens without the variable.
 */

/** Node's own start (up to its bootstrap) and the loading of the CLI's code (the launcher, the bundle, up to here). */
export function recordStart(): void {
  if (!phasesOn) return;
  const bootstrap = performance.nodeTiming.bootstrapComplete;
  recordPhase('process start', bootstrap);
  recordPhase('module load', performance.now() - bootstrap);
}

/** Writes the phases and the time since the process started (`totalMs`, on the same clock). */
export function reportPhases(): void {
  if (!phasesOn) return;
  const report = JSON.stringify({ totalMs: performance.now(), phases: phaseTotals() });
  const target = process.env.COMPOSURE_PHASES!;
  if (target === '1') process.stderr.write(`${report}\n`);
  else writeFileSync(target, report);
}
