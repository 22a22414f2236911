import type { Loc } from './node.js';

export type Severity = 'error' | 'warning' | 'info';

/** A text edit on one file: replace [start, end) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  /** Edits on the file named by the diagnostic's location; they must not overlap. */
  edits: TextEdit[];
}

/**
 * A change a finding proposes that is not safe to apply unasked (ESLint's suggestions: a
 * did-you-mean, removing a declaration someone may still mean to use): editors offer it as a
 * quick fix; `--fix` and fix-on-save never apply it. `message` says what it does.
 */
export interface Suggestion {
  message: string;
  messageId?: string;
  data?: Readonly<Record<string, string | number>>;
  fix: Fix;
}

/**
 * A problem found in a project, before configuration and directives decide
 * whether and how loud it is reported.
 */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  /**
   * The id of the rule's message it was rendered from, and the data that filled it: a rule's
   * report, or the loader's compose-load and interpolation findings (load/loader-messages.ts).
   */
  messageId?: string;
  data?: Readonly<Record<string, string | number>>;
  loc: Loc;
  fix?: Fix;
  /** Changes offered in editors only (see Suggestion). */
  suggestions?: Suggestion[];
  /** The service the finding is about, for per-service exclusions. */
  service?: string;
}
