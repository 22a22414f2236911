/** Most cycles are short; a longer one is shown by its ends. */
const SHOWN = 6;

/** `a → b → a`, or for a long cycle its first and last steps and its length: `a → b → c → … → x → y → a (200 steps)`. */
export function describeCycle(names: readonly string[]): string {
  if (names.length <= SHOWN + 1) return names.join(' → ');
  return `${[...names.slice(0, SHOWN / 2), '…', ...names.slice(-SHOWN / 2)].join(' → ')} (${names.length - 1} steps)`;
}
