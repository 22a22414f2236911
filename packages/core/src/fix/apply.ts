/**
 * Autofix: applies the fixes of findings to the files' texts, as ESLint does —
 * per file, fixes in position order, a fix overlapping one already taken left for
 * the next pass; then the project is loaded and linted again and the fixes of the
 * new findings applied, until none applies (at most 10 passes). Nothing is written
 * here: the result says what each file becomes, and the caller writes it (or prints a diff).
 */
import { analyze, type Analysis, type AnalyzeOptions } from '../analyze.js';
import { nodeHost, type Host } from '../host.js';
import type { Finding } from '../lint/engine.js';
import { LoadError } from '../load/load-error.js';
import { ConfigError } from '../lint/config.js';
import type { Fix, TextEdit } from '../source/diagnostic.js';

/** ESLint's bound: fixes that keep producing new fixes stop here. */
export const MAX_FIX_PASSES = 10;

export interface AppliedFixes {
  text: string;
  /** Fixes applied. */
  applied: number;
  /** Fixes left out because they overlap one applied before them (a later pass may take them). */
  deferred: number;
}

/** The line ending most lines of a text end with. */
export function lineEndingOf(text: string): '\r\n' | '\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/** A fix's edits in order, or undefined when they are malformed (out of the text, overlapping each other). */
function checkedEdits(fix: Fix, length: number): TextEdit[] | undefined {
  if (!fix || !Array.isArray(fix.edits) || fix.edits.length === 0) return undefined;
  const edits = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let previousEnd = -1;
  for (const edit of edits) {
    const { start, end, text } = edit;
    if (!Number.isInteger(start) || !Number.isInteger(end) || typeof text !== 'string') return undefined;
    if (start < 0 || end < start || end > length || start < previousEnd) return undefined;
    previousEnd = end;
  }
  return edits;
}

/**
 * Applies fixes to one file's text. Fixes are taken in order of where they start; one that
 * overlaps (or touches) a fix already taken is deferred, as are malformed ones dropped.
 * A fix that changes nothing does not count. Inserted line breaks follow the text's own
 * line ending, so a CRLF file stays CRLF whatever the rule wrote.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const eol = lineEndingOf(text);
  const candidates: { start: number; end: number; edits: TextEdit[] }[] = [];
  for (const fix of fixes) {
    const edits = checkedEdits(fix, text.length);
    if (!edits) continue;
    const normalised = edits.map((e) => ({ ...e, text: eol === '\r\n' ? e.text.replace(/\r?\n/g, '\r\n') : e.text }));
    if (normalised.every((e) => text.slice(e.start, e.end) === e.text)) continue;
    candidates.push({ start: normalised[0].start, end: Math.max(...normalised.map((e) => e.end)), edits: normalised });
  }
  candidates.sort((a, b) => a.start - b.start || a.end - b.end);
  const taken: TextEdit[] = [];
  let applied = 0;
  let deferred = 0;
  let lastEnd = -1;
  for (const candidate of candidates) {
    // As ESLint: a fix starting where the previous one ended is deferred too (two insertions at one point).
    if (candidate.start <= lastEnd) {
      deferred++;
      continue;
    }
    taken.push(...candidate.edits);
    lastEnd = candidate.end;
    applied++;
  }
  let out = '';
  let at = 0;
  for (const edit of taken) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return { text: out + text.slice(at), applied, deferred };
}

/** What fixing did to one file. */
export interface FileFix {
  /** Absolute path. */
  path: string;
  /** The text as read (without a byte order mark). */
  original: string;
  /** The text after every pass. */
  fixed: string;
  /** The file starts with a UTF-8 byte order mark: write it back with one. */
  bom: boolean;
  /** Fixes applied, over all passes. */
  applied: number;
}

/** An edit to make to one file, found from a pass's analysis. */
export interface FileEdit {
  file: string;
  fix: Fix;
}

export interface FixOptions {
  /** Only the fixes of these rules (the fixture tests fix one rule at a time); default: every rule's. */
  rules?: (ruleId: string) => boolean;
  /**
   * The edits of each pass, instead of the findings' fixes: a change that is not a finding's (the
   * network split of `composure suggest`), made over passes as fixes are, until it returns none.
   */
  edits?: (analysis: Analysis) => FileEdit[];
  /** Default 10. */
  maxPasses?: number;
}

export interface FixResult extends Analysis {
  /** Files whose text changed, in the order the project read them. */
  changes: FileFix[];
  /** Passes that applied at least one fix. */
  passes: number;
}

const BOM = [0xef, 0xbb, 0xbf];
const hasBom = (bytes: Uint8Array) => bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b);

/**
 * Loads, lints and fixes a project, over as many passes as fixes keep applying (at most
 * `maxPasses`). Returns the analysis of the fixed texts (what remains to report) and
 * each changed file's text before and after; nothing is written.
 *
 * Only YAML files the project read as compose files (given, discovered, extends and
 * include targets) are fixed — never env files or the configuration — and only when
 * the file on disk is the text that was linted (not standard input) and it has no YAML
 * syntax error. A pass whose fixes would break a file's YAML is undone for that file,
 * which is then left alone.
 */
export function fixProject(options: AnalyzeOptions, fixOptions: FixOptions = {}): FixResult {
  const host = options.host ?? nodeHost;
  const maxPasses = fixOptions.maxPasses ?? MAX_FIX_PASSES;
  const wanted = fixOptions.rules ?? (() => true);
  const encoder = new TextEncoder();
  /** Current texts of the files fixed so far. */
  const texts = new Map<string, string>();
  const overlay: Host = {
    readFile: (path) => (texts.has(path) ? encoder.encode(texts.get(path)) : host.readFile(path)),
    isFile: (path) => texts.has(path) || host.isFile(path),
    isDirectory: (path) => host.isDirectory(path),
    listDirectory: (path) => host.listDirectory?.(path),
  };
  const run = () => analyze({ ...options, host: overlay });

  const changes = new Map<string, FileFix>();
  /** Whether a file may be fixed: decided once, from the first load, and revoked when a fix breaks it. */
  const fixable = new Map<string, boolean>();
  let analysis = run();

  const mayFix = (file: string): boolean => {
    let ok = fixable.get(file);
    if (ok === undefined) {
      ok = false;
      const source = analysis.project.sources.get(file);
      const bytes = source ? host.readFile(file) : undefined;
      if (source && bytes) {
        const onDisk = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
        // Standard input (or a file changed since it was read) is not what is on disk: never written.
        ok = onDisk === source.file.text && !hasSyntaxError(analysis, file);
        if (ok) changes.set(file, { path: file, original: source.file.text, fixed: source.file.text, bom: hasBom(bytes), applied: 0 });
      }
      fixable.set(file, ok);
    }
    return ok;
  };

  let passes = 0;
  while (passes < maxPasses) {
    const byFile = new Map<string, Fix[]>();
    const edits = fixOptions.edits
      ? fixOptions.edits(analysis)
      : analysis.findings.filter((f) => isFixCandidate(f) && wanted(f.ruleId)).map((f) => ({ file: f.file, fix: f.fix! }));
    for (const { file, fix } of edits) {
      if (!mayFix(file)) continue;
      let list = byFile.get(file);
      if (!list) byFile.set(file, (list = []));
      list.push(fix);
    }
    /** Each file's text before this pass, and the fixes the pass applied to it. */
    const before = new Map<string, { text: string; applied: number }>();
    for (const [file, fixes] of byFile) {
      const current = texts.get(file) ?? changes.get(file)!.original;
      const result = applyFixes(current, fixes);
      if (result.applied === 0 || result.text === current) continue;
      before.set(file, { text: current, applied: result.applied });
      texts.set(file, result.text);
      changes.get(file)!.applied += result.applied;
    }
    if (before.size === 0) break;
    passes++;
    let next: Analysis | undefined;
    try {
      next = run();
    } catch (error) {
      if (!(error instanceof LoadError || error instanceof ConfigError)) throw error;
    }
    // A fix that breaks the YAML (or the project) is undone, and its file left alone from then on.
    const broken = [...before.keys()].filter((file) => !next || hasSyntaxError(next, file));
    for (const file of broken) {
      const { text, applied } = before.get(file)!;
      texts.set(file, text);
      changes.get(file)!.applied -= applied;
      fixable.set(file, false);
    }
    analysis = broken.length > 0 ? run() : next!;
  }
  for (const [file, text] of texts) changes.get(file)!.fixed = text;
  const order = [...analysis.project.sources.keys()];
  const changed = [...changes.values()].filter((c) => c.fixed !== c.original);
  changed.sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path));
  return { ...analysis, changes: changed, passes };
}

/**
 * A finding whose fix may be applied. lintProject leaves out what directives and exclusions
 * suppress; should suppressed findings ever be kept (for SARIF), leave them out here.
 */
/** A finding a directive or an exclusion suppresses is left alone, as ESLint leaves a disabled line. */
function isFixCandidate(finding: Finding): boolean {
  return finding.fix !== undefined && !finding.suppressed;
}

function hasSyntaxError(analysis: Analysis, file: string): boolean {
  return analysis.project.diagnostics.some((d) => d.ruleId === 'yaml-syntax' && d.severity === 'error' && d.loc.file === file);
}
