/**
 * A fixture's expected findings (`<case>.errors.json`): each by message id and data, with its
 * exact range, never the whole sentence: the runner renders the message from the rule's template,
 * so rewording a message touches no fixture.
 */
import { readFileSync } from 'node:fs';
import type { AnyRule } from '@composure/core';
import { renderMessage } from '../../../packages/core/src/lint/messages.js';

/** A suggestion as a fixture lists it: its message, and its edits by 1-based line and column (end exclusive). */
export interface ExpectedSuggestion {
  messageId?: string;
  /** The whole text, for the loader's suggestions, which have no message id (compose-schema's). */
  message?: string;
  data?: Record<string, string | number>;
  edits: { line: number; column: number; endLine: number; endColumn: number; text: string }[];
}

/** What a fixture's `<case>.errors.json` lists, in order. `file` defaults to the case's main file, `severity` to the rule's. */
export interface ExpectedError {
  /** The rule's message id; yaml-syntax's and compose-schema's findings, which have none, give `message` instead. */
  messageId?: string;
  /** The message's data; left out, only the id is compared. */
  data?: Record<string, string | number>;
  message?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity?: string;
  file?: string;
  /** The finding's suggestions (offered in editors, never applied by --fix); left out when it has none. */
  suggestions?: ExpectedSuggestion[];
}

/** A finding of the rule in a case, as the runner compares it. */
export interface CaseFinding {
  messageId?: string;
  data?: Record<string, string | number>;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  /** Relative to the case's directory. */
  file: string;
  suggestions?: ExpectedSuggestion[];
}

/** Where an invalid case lists its expected findings: `<case>.errors.json` beside the case file or directory. */
export function errorsFileOf(casePath: string): string {
  return casePath.replace(/\.ya?ml$/, '') + '.errors.json';
}

export function readExpected(casePath: string): ExpectedError[] {
  return JSON.parse(readFileSync(errorsFileOf(casePath), 'utf8')) as ExpectedError[];
}

/** The message an expected finding stands for: its template filled with its data (undefined without data). */
export function expectedMessage(rule: AnyRule, expected: ExpectedError): string | undefined {
  if (expected.message !== undefined) return expected.message;
  const template = expected.messageId === undefined ? undefined : rule.meta.messages[expected.messageId];
  return template === undefined || expected.data === undefined ? undefined : renderMessage(template, expected.data);
}

/** An expected finding with its defaults filled in, as `comparable` makes an actual one. */
export function expectedView(rule: AnyRule, expected: ExpectedError, mainFile: string | undefined): Record<string, unknown> {
  const { messageId, data, line, column, endLine, endColumn } = expected;
  const message = expectedMessage(rule, expected);
  return {
    ...(messageId !== undefined ? { messageId } : {}),
    ...(data !== undefined ? { data } : {}),
    ...(message !== undefined ? { message } : {}),
    line,
    column,
    endLine,
    endColumn,
    severity: expected.severity ?? rule.meta.severity,
    file: expected.file ?? mainFile,
    ...(expected.suggestions ? { suggestions: expected.suggestions } : {}),
  };
}

/**
 * An actual finding, showing what its expected counterpart asserts: the id, and data and message
 * when the fixture gives them (a fixture giving the whole message asserts no id).
 */
export function actualView(finding: CaseFinding, expected: ExpectedError | undefined): Record<string, unknown> {
  const withText = expected === undefined || expected.data !== undefined || expected.message !== undefined;
  const withId = expected === undefined || expected.message === undefined;
  return {
    ...(withId && finding.messageId !== undefined ? { messageId: finding.messageId } : {}),
    ...((expected === undefined || expected.data !== undefined) && finding.data !== undefined ? { data: finding.data } : {}),
    ...(withText ? { message: finding.message } : {}),
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    severity: finding.severity,
    file: finding.file,
    ...(finding.suggestions ? { suggestions: finding.suggestions } : {}),
  };
}

/**
 * A case's findings as its `.errors.json` holds them: one finding a line, by message id and data
 * (the whole message only for yaml-syntax's and compose-schema's, which have no id), severity and file only
 * where they differ from the rule's and the case's.
 */
export function formatExpected(rule: AnyRule, findings: readonly CaseFinding[], mainFile: string | undefined): string {
  const lines = findings.map((f) => {
    const entry: ExpectedError =
      f.messageId !== undefined ? { messageId: f.messageId, ...(f.data !== undefined ? { data: f.data } : {}) } : { message: f.message };
    Object.assign(entry, { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn });
    if (f.severity !== rule.meta.severity) entry.severity = f.severity;
    if (f.file !== mainFile) entry.file = f.file;
    if (f.suggestions) entry.suggestions = f.suggestions;
    return `  ${JSON.stringify(entry)}`;
  });
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}
