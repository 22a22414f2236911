/**
 * Where a run's time goes, phase by phase (read, parse, load, schema, topology, each rule…), for
 * `npm run bench -- --phases`. Off unless `COMPOSURE_PHASES` is set: the variable is read once,
 * when this module loads, and every `timed` call is then one test of a constant and a call.
 *
 * Phases nest (a rule builds the topology, a load reads files); each phase is given its self time,
 * what its nested phases took left out, so that the phases of a run add up to the run.
 */

const setting = typeof process === 'undefined' ? undefined : process.env.COMPOSURE_PHASES;

/** Whether phases are recorded in this process (`COMPOSURE_PHASES` set, and not `0`). */
export const phasesOn = setting !== undefined && setting !== '' && setting !== '0';

/** A phase's self time (ms) and how many times it was entered. */
export interface PhaseTotal {
  ms: number;
  calls: number;
}

const totals = new Map<string, PhaseTotal>();
const stack: { name: string; since: number }[] = [];

function add(name: string, ms: number, calls: number): void {
  const total = totals.get(name);
  if (total) {
    total.ms += ms;
    total.calls += calls;
  } else totals.set(name, { ms, calls });
}

function enter(name: string): void {
  const now = performance.now();
  const outer = stack.at(-1);
  if (outer) add(outer.name, now - outer.since, 0);
  stack.push({ name, since: now });
  add(name, 0, 1);
}

function leave(): void {
  const now = performance.now();
  const frame = stack.pop()!;
  add(frame.name, now - frame.since, 0);
  const outer = stack.at(-1);
  if (outer) outer.since = now;
}

/** Runs `fn` as the phase `name` (its self time recorded when phases are on). */
export function timed<T>(name: string, fn: () => T): T {
  if (!phasesOn) return fn();
  enter(name);
  try {
    return fn();
  } finally {
    leave();
  }
}

/** `timed` for a promise: the phase lasts until it settles (one phase at a time: the CLI awaits each in turn). */
export async function timedAsync<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!phasesOn) return fn();
  enter(name);
  try {
    return await fn();
  } finally {
    leave();
  }
}

/** Adds a phase measured elsewhere (process start, module loading). */
export function recordPhase(name: string, ms: number): void {
  if (phasesOn) add(name, ms, 1);
}

/** The phases recorded so far, in the order first entered. */
export function phaseTotals(): Record<string, PhaseTotal> {
  return Object.fromEntries([...totals].map(([name, total]) => [name, { ...total }]));
}

/** Forgets what was recorded (between the runs of a warm measurement). */
export function resetPhases(): void {
  totals.clear();
}
