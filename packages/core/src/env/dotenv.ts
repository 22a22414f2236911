/**
 * `.env` files as compose-go's `dotenv` package reads them (a godotenv
 * derivative): `KEY=value` or `KEY: value`, optional `export`, `#` comments,
 * single quotes (literal), double quotes (escapes and `${VAR}` expansion,
 * several lines), unquoted values up to the line end or a ` #` comment, and a
 * bare `KEY` inherited from the environment. Positions are kept so findings
 * point into the file; messages never quote values, which are often secrets.
 */
import { composeLoadDiagnostic, interpolationDiagnostic, type InterpolationMessageId, type LoaderMessage } from '../load/loader-messages.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Loc } from '../source/node.js';
import type { SourceFile } from '../source/source-file.js';
import { referenceSpan } from './reference-span.js';
import { goQuote } from './go-quote.js';
import { substitute, type Lookup } from './template.js';

export interface EnvEntry {
  key: string;
  /** The value; undefined for a bare `KEY` line the lookup had no value for. */
  value: string | undefined;
  keyLoc: Loc;
  /** The value as written (inside the quotes); empty, at the key's end, for a bare `KEY`. */
  valueLoc: Loc;
}

export interface ParsedDotenv {
  entries: EnvEntry[];
  diagnostics: Diagnostic[];
}

/** compose-go's isSpace: blanks that do not end a line. */
const BLANK = /[\t\v\f\r \u0085\u00a0]/;
/** Go's unicode.IsSpace. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const KEY_CHAR = /^[\p{L}\p{N}_.\-[\]]$/u;
/** compose-go's `^export\s+` (Go's `\s` is ASCII only). */
const EXPORT = /^export[\t\n\f\r ]/;

function skip(text: string, from: number, chars: RegExp): number {
  let at = from;
  while (at < text.length && chars.test(text[at])) at++;
  return at;
}

function trimEndGoSpace(text: string): string {
  let end = text.length;
  while (end > 0 && GO_SPACE.test(text[end - 1])) end--;
  return text.slice(0, end);
}

/** Where the next statement starts, past blank lines and `#` comment lines; -1 at the end. */
function statementStart(text: string, from: number): number {
  let at = from;
  for (;;) {
    at = skip(text, at, GO_SPACE);
    if (at >= text.length) return -1;
    if (text[at] !== '#') return at;
    at = text.indexOf('\n', at);
    if (at < 0) return -1;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };

/** Shell-style escapes in a double-quoted value; `\$` becomes `$$` so expansion leaves a literal `$`. */
function expandEscapes(raw: string): string {
  return raw.replace(/\\(?:[abcfnrtv$"\\]|0\d{0,3})/g, (escape) => {
    if (escape === '\\$') return '$$';
    if (escape.startsWith('\\0')) {
      // `\0` + three octal digits (at most \0377) is a character; anything shorter stays as written.
      const digits = escape.slice(2);
      const code = parseInt(digits, 8);
      return /^[0-7]{3}$/.test(digits) && code <= 255 ? String.fromCharCode(code) : escape;
    }
    // compose-go's pattern also matches `\c`, which is no Go escape and so stays as written.
    return SIMPLE_ESCAPES[escape[1]] ?? escape;
  });
}

const unknown: Lookup = () => undefined;

/**
 * Reads the statements of a `.env` file; stops at the first syntax error, as compose-go does.
 * `${VAR}` in a value is looked up in `lookup` (the environment) first, then in what this
 * file assigned earlier, then in `earlierFiles` (env files read before this one). A bare
 * `KEY` line takes its value from `lookup`, then `earlierFiles`.
 */
export function parseDotenv(file: SourceFile, lookup: Lookup = unknown, earlierFiles: Lookup = unknown): ParsedDotenv {
  const text = file.text;
  const entries: EnvEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const assigned = new Map<string, string>();
  const expansionLookup: Lookup = (name) => lookup(name) ?? assigned.get(name) ?? earlierFiles(name);

  const lineAround = (at: number): Loc => {
    const start = text.lastIndexOf('\n', at - 1) + 1;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    if (text[end - 1] === '\r') end--;
    return file.loc(start, Math.max(start, end));
  };
  const fail = (at: number, diagnosticAt: (loc: Loc) => Diagnostic): ParsedDotenv => {
    diagnostics.push(diagnosticAt(lineAround(at)));
    return { entries, diagnostics };
  };

  let at = text.startsWith('\uFEFF') ? 1 : 0;
  for (;;) {
    at = statementStart(text, at);
    if (at < 0) return { entries, diagnostics };

    // The key ends at `=`, `:` or a line break (a bare, inherited key).
    let keyStart = at;
    if (EXPORT.test(text.slice(at, at + 7))) keyStart = skip(text, at + 'export'.length, BLANK);
    let end = keyStart;
    while (end < text.length && !'=:\n'.includes(text[end])) {
      const char = String.fromCodePoint(text.codePointAt(end)!);
      if (!BLANK.test(char) && !KEY_CHAR.test(char))
        return fail(end, (loc) => composeLoadDiagnostic({ messageId: 'dotenvUnexpectedCharacter', data: { character: goQuote(char) } }, loc));
      end += char.length;
    }
    // compose-go quirk: with no terminator before the end of the file, the key is empty and the text is the value.
    const terminated = end < text.length;
    const key = terminated ? trimEndGoSpace(text.slice(keyStart, end)) : '';
    if (key.includes(' ')) return fail(keyStart, (loc) => composeLoadDiagnostic({ messageId: 'dotenvKeyWithSpace' }, loc));
    const keyLoc = file.loc(keyStart, keyStart + key.length);
    const valueStart = terminated ? skip(text, end + 1, BLANK) : keyStart;

    if (terminated && text[end] === '\n') {
      const value = lookup(key) ?? earlierFiles(key);
      if (value !== undefined) assigned.set(key, value);
      entries.push({ key, value, keyLoc, valueLoc: file.loc(keyLoc.end, keyLoc.end) });
      at = valueStart;
      continue;
    }

    const quote = text[valueStart];
    let raw: string;
    let valueLoc: Loc;
    if (quote === '"' || quote === "'") {
      // Up to the matching quote; a backslash escapes it (and is kept before any other character).
      raw = '';
      let escaped = false;
      let close = -1;
      for (let i = valueStart + 1; i < text.length && close < 0; i++) {
        const char = text[i];
        if (escaped) {
          escaped = false;
          raw += char === quote ? char : `\\${char}`;
        } else if (char === '\\') escaped = true;
        else if (char === quote) close = i;
        else raw += char;
      }
      if (close < 0) return fail(valueStart, (loc) => composeLoadDiagnostic({ messageId: 'dotenvUnterminatedQuote' }, loc));
      valueLoc = file.loc(valueStart + 1, close);
      at = close + 1;
      if (quote === "'") {
        entries.push({ key, value: raw, keyLoc, valueLoc });
        assigned.set(key, raw);
        continue;
      }
      raw = expandEscapes(raw);
    } else {
      let lineEnd = text.indexOf('\n', valueStart);
      at = lineEnd < 0 ? text.length : lineEnd + 1;
      if (lineEnd < 0) lineEnd = text.length;
      raw = text.slice(valueStart, lineEnd);
      const comment = raw.indexOf(' #');
      raw = trimEndGoSpace(comment < 0 ? raw : raw.slice(0, comment));
      valueLoc = file.loc(valueStart, valueStart + raw.length);
    }

    const result = substitute(raw, expansionLookup);
    if ('error' in result) {
      const { error } = result;
      const failure: LoaderMessage<InterpolationMessageId> =
        error.kind === 'missing-required'
          ? { messageId: 'dotenvRequiredMissing', data: { key, variable: error.variable } }
          : { messageId: 'dotenvInvalidFormat', data: { key } };
      return fail(valueStart, (loc) => interpolationDiagnostic(failure, loc));
    }
    for (const name of result.unset)
      diagnostics.push(interpolationDiagnostic({ messageId: 'unset', data: { variable: name } }, referenceSpan(text, valueLoc, name) ?? valueLoc, 'warning'));
    entries.push({ key, value: result.value, keyLoc, valueLoc });
    assigned.set(key, result.value);
  }
}

export interface ReadDotenvOptions {
  /** Leave out keys starting with a digit, as compose-go's `dotenv.Read` does (its parser keeps them). */
  dropKeysStartingWithDigit?: boolean;
}

/** The variables a file defines: later entries win; bare keys without a value are left out. */
export function readDotenvMap(entries: readonly EnvEntry[], options: ReadDotenvOptions = {}): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { key, value } of entries) {
    if (value === undefined) continue;
    if (options.dropKeysStartingWithDigit && /^[\t\n\f\r ]*[0-9]/.test(key)) continue;
    // A key `__proto__` must stay data, never become the object's prototype.
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return map;
}
