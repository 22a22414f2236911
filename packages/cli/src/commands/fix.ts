/**
 * `composure lint --fix` and `--fix-dry-run`: what the lint command calls to lint
 * a project after fixing it. --fix writes each project's fixed files as soon as it
 * is fixed (so a later project sharing a file, an extends target, sees the fix);
 * --fix-dry-run writes nothing, keeps the fixed texts in memory for the projects
 * after, and prints one unified diff of every change at the end.
 */
import { writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import {
  maskSecretsInText,
  type Analysis,
  type FixOptions,
  type FixResult,
  type Host,
  type ProjectRef,
  type ProjectResult,
  type Session,
} from '@composure/core';
import { emit, IOError, UsageError, write, type CliIO } from '../io.js';

export const FIX_EXIT_CODES = `With --fix-dry-run: 0 nothing to fix, 1 there are fixes (the diff is not
empty, as with ruff --diff and git diff --exit-code), 2 as above.`;

export type FixMode = 'fix' | 'dry-run';

/** The mode the options ask for, if any. */
export function fixModeOf(values: { fix?: boolean; 'fix-dry-run'?: boolean }): FixMode | undefined {
  if (values.fix && values['fix-dry-run']) throw new UsageError('give either --fix or --fix-dry-run, not both');
  return values.fix ? 'fix' : values['fix-dry-run'] ? 'dry-run' : undefined;
}

interface Change {
  original: string;
  fixed: string;
  bom: boolean;
}

const encoder = new TextEncoder();

/** One lint run's fixing: every project of the run goes through `analyze`, with a session that reads through `host`. */
export class FixSession {
  /** Each file fixed so far: its text before the run and now. */
  private readonly changes = new Map<string, Change>();
  /** Files left unfixed because their YAML is broken (the diff cannot show why: said on stderr). */
  private readonly broken = new Set<string>();

  constructor(readonly mode: FixMode | undefined) {}

  /** Lints a project; in a fix mode, fixes it first (and with --fix writes the fixed files). */
  analyze(session: Session, project: ProjectRef): ProjectResult<Analysis> {
    return this.mode ? this.fix(session, project) : session.analyze(project);
  }

  /** Fixes a project (with the rules' fixes, or `options.edits`), records the changes and with --fix writes them. */
  fix(session: Session, project: ProjectRef, options?: FixOptions): ProjectResult<FixResult> {
    const fixed = session.fix(project, options);
    if (!fixed.ok) return fixed;
    const result = fixed.value;
    for (const change of result.changes) {
      const known = this.changes.get(change.path);
      if (known) known.fixed = change.fixed;
      else this.changes.set(change.path, { original: change.original, fixed: change.fixed, bom: change.bom });
      if (this.mode === 'fix') writeFixed(change.path, change.fixed, change.bom);
    }
    for (const finding of result.findings) if (finding.ruleId === 'yaml-syntax' && finding.severity === 'error') this.broken.add(finding.file);
    return fixed;
  }

  /** The files as the run's session reads them: with --fix-dry-run, later projects read the texts fixed for earlier ones. */
  host(base: Host): Host {
    if (this.mode !== 'dry-run') return base;
    return {
      readFile: (path) => {
        const change = this.changes.get(path);
        return change ? encoder.encode((change.bom ? '\uFEFF' : '') + change.fixed) : base.readFile(path);
      },
      isFile: (path) => this.changes.has(path) || base.isFile(path),
      isDirectory: (path) => base.isDirectory(path),
      listDirectory: (path) => base.listDirectory?.(path),
    };
  }

  /**
   * The unified diff of every change, file by file in the order they were fixed; paths relative to `cwd` under a/ and b/.
   * Lines it shows are masked as `config` masks values (a credential-shaped key's value, a URL's password): the
   * diff is for reading — `--fix` writes the files — and a context line next to a fix may hold a secret.
   */
  diff(cwd: string): string {
    let out = '';
    for (const [path, { original, fixed }] of this.changes) {
      if (original === fixed) continue;
      const name = relative(cwd, path).split(sep).join('/');
      out += maskSecretsInText(
        createTwoFilesPatch(`a/${name}`, `b/${name}`, original, fixed, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY }),
      );
    }
    return out;
  }

  /** --fix-dry-run's output and exit code: the diff, 1 when it is not empty. */
  async printDiff(io: CliIO, outputFile: string | undefined): Promise<number> {
    const diff = this.diff(io.cwd);
    await emit(io, diff, outputFile);
    for (const file of this.broken)
      await write(io.stderr, `composure: ${relative(io.cwd, file)} has YAML syntax errors: not fixed (composure lint shows them)\n`);
    return diff === '' ? 0 : 1;
  }
}

function writeFixed(path: string, text: string, bom: boolean): void {
  try {
    writeFileSync(path, (bom ? '\uFEFF' : '') + text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new IOError(`cannot write the fixed file ${path} (${reason})`);
  }
}
