/**
 * Quick fixes: every fix a rule offers and every suggestion (a did-you-mean, removing an unused
 * declaration…), as a WorkspaceEdit; and for every finding, "disable RULE for this line" (a
 * `# composure-disable-next-line RULE` comment above it, indented as the line) and "disable RULE
 * for this file" (`# composure-disable-file RULE` at the top). And `source.fixAll.composure`, for
 * fix-on-save: the document as `composure lint --fix` leaves it (fixes only, never suggestions).
 */
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver';
import { lineEndingOf, type Finding, type Fix, type SourceFile } from '@composure/core';
import { rangeOf } from '../convert.js';
import { diagnosticOf } from './diagnostics.js';
import { changedSpan } from './text-diff.js';

const overlaps = (finding: Finding, range: Range) => {
  const startLine = finding.line - 1;
  const endLine = finding.endLine - 1;
  return startLine <= range.end.line && endLine >= range.start.line;
};

/** composure's fix-all kind: `editor.codeActionsOnSave: { "source.fixAll.composure": "explicit" }`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.composure`;

/** Whether a requested `only` list asks for actions of `kind` (a kind asks for itself and the kinds under it). */
export function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((wanted) => wanted === '' || kind === wanted || kind.startsWith(`${wanted}.`));
}

/** A fix's edits in protocol terms; line breaks follow the file's. */
function editsOf(file: SourceFile, fix: Fix): TextEdit[] {
  const crlf = lineEndingOf(file.text) === '\r\n';
  return fix.edits.map((e) => ({ range: rangeOf(file, e.start, e.end), newText: crlf ? e.text.replace(/\r?\n/g, '\r\n') : e.text }));
}

/**
 * The code actions for a range of a file: one quick fix per fixable finding there, one per
 * suggestion, then the two "disable" actions per rule (once per rule and line).
 */
export function codeActions(uri: string, file: SourceFile, findings: readonly Finding[], range: Range, only?: readonly string[]): CodeAction[] {
  if (!wants(only, CodeActionKind.QuickFix)) return [];
  const here = findings.filter((f) => f.file === file.path && !f.suppressed && overlaps(f, range));
  const actions: CodeAction[] = [];
  for (const finding of here) {
    if (!finding.fix || finding.fix.edits.length === 0) continue;
    actions.push({
      title: `Fix this ${finding.ruleId} problem`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnosticOf(finding)],
      isPreferred: true,
      edit: { changes: { [uri]: editsOf(file, finding.fix) } },
    });
  }
  for (const finding of here) {
    for (const suggestion of finding.suggestions ?? []) {
      if (suggestion.fix.edits.length === 0) continue;
      actions.push({
        title: suggestion.message,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnosticOf(finding)],
        edit: { changes: { [uri]: editsOf(file, suggestion.fix) } },
      });
    }
  }
  const eol = lineEndingOf(file.text);
  const done = new Set<string>();
  for (const finding of here) {
    const lineKey = `${finding.ruleId}:${finding.line}`;
    if (done.has(lineKey)) continue;
    done.add(lineKey);
    const lineStart = file.lineStart(finding.line);
    const indentation = /^[ \t]*/.exec(file.text.slice(lineStart, lineStart + 200))![0];
    const line = finding.line - 1;
    actions.push({
      title: `Disable ${finding.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnosticOf(finding)],
      edit: {
        changes: {
          [uri]: [
            {
              range: { start: { line, character: 0 }, end: { line, character: 0 } },
              newText: `${indentation}# composure-disable-next-line ${finding.ruleId}${eol}`,
            },
          ],
        },
      },
    });
  }
  const rulesDone = new Set<string>();
  for (const finding of here) {
    if (rulesDone.has(finding.ruleId)) continue;
    rulesDone.add(finding.ruleId);
    actions.push({
      title: `Disable ${finding.ruleId} for this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnosticOf(finding)],
      edit: {
        changes: {
          [uri]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# composure-disable-file ${finding.ruleId}${eol}` }],
        },
      },
    });
  }
  return actions;
}

/**
 * `source.fixAll.composure`: one edit taking the document to `fixed`, its text after every pass of
 * the project's fixes (core's fixProject, as `--fix`). None when nothing changes.
 */
export function fixAllAction(uri: string, file: SourceFile, fixed: string | undefined): CodeAction[] {
  const edit = fixed === undefined ? undefined : changedSpan(file, fixed);
  return edit ? [{ title: 'Fix all composure problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: [edit] } } }] : [];
}
