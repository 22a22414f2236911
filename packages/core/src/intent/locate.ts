import type { Project } from '../model/project.js';
import type { Loc, Pair } from '../source/node.js';
import type { Span } from '../source/source-file.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The patterns hostLoc has made for a project, by host: a project names the same hosts hundreds of
 * times. Kept with the project (a bound shared by all projects was outgrown by one of thousands of
 * services, and cleared over and over).
 */
const patternsOf = new WeakMap<Project, Map<string, RegExp>>();

function hostPattern(project: Project, host: string): RegExp {
  let patterns = patternsOf.get(project);
  if (!patterns) patternsOf.set(project, (patterns = new Map()));
  let pattern = patterns.get(host);
  if (!pattern) {
    // Not a URL's scheme (`REDIS_URL=redis://redis:6379`): the host follows it.
    pattern = new RegExp(`(?<=^|[=/@,;[\\s"'])${escape(host)}(?!:\\/\\/)(?=$|[:/?,;\\]\\s"'#])`, 'i');
    patterns.set(host, pattern);
  }
  return pattern;
}

/**
 * The place of a host inside the value that holds it (`DATABASE_URL=postgres://u:db@db:5432/app`
 * → the second `db`): the first occurrence that stands as a host, after `=`, `//`, `@`, `,`, `;`,
 * `[`, a quote, a space or the start, and before `:`, `/`, `?`, `,`, `;`, `]`, a quote, a space or
 * the end, and not a URL's scheme. The whole value when the text cannot be found (written through interpolation).
 */
export function hostLoc(project: Project, loc: Loc, host: string): Loc {
  const text = project.files.get(loc.file)?.text.slice(loc.start, loc.end);
  if (text === undefined) return loc;
  const m = hostPattern(project, host).exec(text);
  return m ? { file: loc.file, start: loc.start + m.index, end: loc.start + m.index + host.length } : loc;
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
