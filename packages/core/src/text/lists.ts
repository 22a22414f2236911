/** How messages write lists of names and words: one place, so that every rule words them alike. */

/** A name in a message: `"web"`. */
export function quoted(name: string): string {
  return `"${name}"`;
}

/** Names quoted and separated by commas: `"a", "b", "c"`. */
export function quotedList(names: readonly string[]): string {
  return names.map(quoted).join(', ');
}

/** A list as a sentence writes it: `a`, `a and b`, `a, b and c` (or with another conjunction: `a, b or c`). */
export function joinWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
