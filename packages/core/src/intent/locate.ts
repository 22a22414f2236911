import type { Project } from '../model/project.js';
import type { Loc, Pair } from '../source/node.js';
import type { Span } from '../source/source-file.js';

/** What may stand right before a host in a value, and right after it. */
const BEFORE_HOST = /[=/@,;[\s"']/;
const AFTER_HOST = /[:/?,;\]\s"'#]/;

/** A UTF-16 code unit as a case-insensitive, non-Unicode regular expression compares it (ECMAScript's Canonicalize). */
function canonical(code: number): number {
  if (code < 128) return code >= 97 && code <= 122 ? code - 32 : code;
  const upper = String.fromCharCode(code).toUpperCase();
  return upper.length === 1 && upper.charCodeAt(0) >= 128 ? upper.charCodeAt(0) : code;
}

function holdsAt(text: string, at: number, host: string): boolean {
  for (let i = 0; i < host.length; i++) if (canonical(text.charCodeAt(at + i)) !== canonical(host.charCodeAt(i))) return false;
  return true;
}

/**
 * The place of a host inside the value that holds it (`DATABASE_URL=postgres://u:db@db:5432/app`
 * → the second `db`): the first occurrence, in any case, that stands as a host, after `=`, `//`,
 * `@`, `,`, `;`, `[`, a quote, a space or the start, and before `:`, `/`, `?`, `,`, `;`, `]`, a
 * quote, a space or the end, and not a URL's scheme. The whole value when the text cannot be found
 * (written through interpolation). Scanned rather than matched by a pattern made for each host: a
 * large project names thousands of hosts, and compiling a pattern for each cost more per host the more there were.
 */
export function hostLoc(project: Project, loc: Loc, host: string): Loc {
  const text = project.files.get(loc.file)?.text.slice(loc.start, loc.end);
  if (text === undefined) return loc;
  for (let at = 0; at + host.length <= text.length; at++) {
    const end = at + host.length;
    if (!holdsAt(text, at, host) || (at > 0 && !BEFORE_HOST.test(text[at - 1]))) continue;
    // Not a URL's scheme (`REDIS_URL=redis://redis:6379`): the host follows it.
    if (end < text.length && (!AFTER_HOST.test(text[end]) || text.startsWith('://', end))) continue;
    return { file: loc.file, start: loc.start + at, end: loc.start + end };
  }
  return loc;
}

/** The 1-based span of a place, or line 1 column 1 for a file that was not read. */
export function spanOf(project: Project, loc: Loc): Span {
  return project.files.get(loc.file)?.span(loc.start, loc.end) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** Where a label's or variable's value is written: past `KEY=` when the entry is written as one `KEY=VALUE` string. */
export function valueLoc(project: Project, pair: Pair): Loc | undefined {
  const loc = pair.value.loc ?? pair.key.loc;
  if (!loc || pair.key.loc?.start !== loc.start) return loc;
  const text = project.files.get(loc.file)?.text.slice(loc.start, loc.end) ?? '';
  const equals = text.indexOf('=');
  const quote = /^["']/.test(text) ? 1 : 0;
  return equals < 0 ? loc : { file: loc.file, start: loc.start + equals + 1, end: loc.end - quote };
}
