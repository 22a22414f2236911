/**
 * Quick fixes: every fix a rule offers, as a WorkspaceEdit; and for every finding, "disable
 * RULE for this line" (a `# composure-disable-next-line RULE` comment above it, indented as the
 * line) and "disable RULE for this file" (`# composure-disable-file RULE` at the top).
 */
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver';
import { lineEndingOf, type Finding, type SourceFile } from '@composure/core';
import { rangeOf } from '../convert.js';
import { diagnosticOf } from './diagnostics.js';

const overlaps = (finding: Finding, range: Range) => {
  const startLine = finding.line - 1;
  const endLine = finding.endLine - 1;
  return startLine <= range.end.line && endLine >= range.start.line;
};

/**
 * The code actions for a range of a file: one quick fix per fixable finding there, then the
 * two "disable" actions per rule (once per rule and line).
 */
export function codeActions(uri: string, file: SourceFile, findings: readonly Finding[], range: Range, only?: readonly string[]): CodeAction[] {
  if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === '')) return [];
  const here = findings.filter((f) => f.file === file.path && !f.suppressed && overlaps(f, range));
  const actions: CodeAction[] = [];
  for (const finding of here) {
    if (!finding.fix || finding.fix.edits.length === 0) continue;
    const edits: TextEdit[] = finding.fix.edits.map((e) => ({
      range: rangeOf(file, e.start, e.end),
      newText: lineEndingOf(file.text) === '\r\n' ? e.text.replace(/\r?\n/g, '\r\n') : e.text,
    }));
    actions.push({
      title: `Fix this ${finding.ruleId} problem`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnosticOf(finding)],
      isPreferred: true,
      edit: { changes: { [uri]: edits } },
    });
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
