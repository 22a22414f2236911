/**
 * Where a variable is referenced in a value as written: an interpolation finding about a variable
 * points at its `${VAR…}` (or `$VAR`), not at the whole value, as editors underline it.
 */
import type { Diagnostic } from '../source/diagnostic.js';
import type { Loc } from '../source/node.js';

const NAME_CHAR = /[_a-z0-9]/i;

/** The first reference to `variable` in `text` within [loc.start, loc.end), as a location; undefined when it is not written there as such. */
export function referenceSpan(text: string, loc: Loc, variable: string): Loc | undefined {
  let from = loc.start;
  while (from < loc.end) {
    const at = text.indexOf('$', from);
    if (at < 0 || at >= loc.end) return undefined;
    let dollars = 1;
    while (text[at + dollars] === '$') dollars++;
    // `$$` is an escaped dollar: only the last of an odd run starts a reference.
    const start = at + dollars - 1;
    from = at + dollars;
    if (dollars % 2 === 0) continue;
    const braced = text[start + 1] === '{';
    const nameStart = start + (braced ? 2 : 1);
    const nameEnd = nameStart + variable.length;
    if (text.slice(nameStart, nameEnd) !== variable || nameEnd > loc.end || NAME_CHAR.test(text[nameEnd] ?? '')) continue;
    const end = braced ? closingBrace(text, start + 1, loc.end) : nameEnd;
    return { file: loc.file, start, end };
  }
  return undefined;
}

/** After the `}` matching the `{` at `open`, or `limit` when it is not closed before it. */
function closingBrace(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return limit;
}

/** An interpolation finding about a variable, narrowed to where the variable is referenced in the value. */
export function atReference(diagnostic: Diagnostic, textOf: (file: string) => string | undefined): Diagnostic {
  const variable = diagnostic.ruleId === 'interpolation' ? diagnostic.data?.variable : undefined;
  const text = typeof variable === 'string' ? textOf(diagnostic.loc.file) : undefined;
  const loc = text === undefined ? undefined : referenceSpan(text, diagnostic.loc, variable as string);
  return loc ? { ...diagnostic, loc } : diagnostic;
}
