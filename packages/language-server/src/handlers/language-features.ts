/**
 * The LSP's language features, each answered by its pure function in src/features/ for the
 * document the request is about (src/request-target.ts). Navigation, rename and hover work on a
 * name wherever the project writes it (a compose file, `.composure.yaml`, a `.env` host, a proxy's
 * config mounted into a service); only compose files have symbols and lenses; completion works in
 * `.composure.yaml` too; quick fixes in any file composure reports on.
 */
import { DocumentDiagnosticReportKind, ErrorCodes, ResponseError } from 'vscode-languageserver';
import { pathToUri } from '../convert.js';
import { codeActions, FIX_ALL_KIND, fixAllAction, wants } from '../features/code-actions.js';
import { codeLenses } from '../features/code-lens.js';
import { completion, completionNames, type CompletionNames } from '../features/completion.js';
import { definition, references } from '../features/definition.js';
import { hover } from '../features/hover.js';
import { prepareRename, rename } from '../features/rename.js';
import { documentSymbols } from '../features/symbols.js';
import { documentHighlights } from '../features/highlights.js';
import { inlayHints } from '../features/inlay-hints.js';
import { documentLinks } from '../features/links.js';
import { changedSpan } from '../features/text-diff.js';
import { targetOf } from '../request-target.js';
import type { ServerParts } from '../server-parts.js';

const NO_NAMES: CompletionNames = { services: [], networks: [], volumes: [], configs: [], secrets: [] };

export function registerLanguageFeatures({ connection, workspace, guard, settings, diagnostics }: ServerParts): void {
  // The URI the client knows a file by: its own spelling for an open document.
  const uriOf = (path: string) => workspace.uriOf(path) ?? pathToUri(path);

  connection.languages.diagnostics.on(
    guard.request('diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, ({ textDocument }) => diagnostics.pull(textDocument.uri)),
  );

  connection.languages.diagnostics.onWorkspace(
    guard.request('workspaceDiagnostic', { items: [] }, async () => ({ items: await diagnostics.workspaceReport() })),
  );

  connection.onDocumentHighlight(
    guard.request('documentHighlight', [], async ({ textDocument, position }) => {
      const target = await targetOf(textDocument.uri, workspace, settings);
      return target?.kind === 'compose' ? documentHighlights(target.file, position, target.analysis) : [];
    }),
  );

  connection.onDocumentLinks(
    guard.request('documentLink', [], async ({ textDocument }) => {
      const target = await targetOf(textDocument.uri, workspace, settings);
      return target?.kind === 'compose' ? documentLinks(target.file, (path) => workspace.disk.isFile(path) || workspace.disk.isDirectory(path)) : [];
    }),
  );

  connection.languages.inlayHint.on(
    guard.request('inlayHint', [], async ({ textDocument, range }) => {
      const target = await targetOf(textDocument.uri, workspace, settings);
      return target?.kind === 'compose' ? inlayHints(target.file, range, target.analysis) : [];
    }),
  );

  connection.onDocumentFormatting(
    guard.request('formatting', [], async ({ textDocument }) => {
      const target = await targetOf(textDocument.uri, workspace, settings);
      const formatted = target?.kind === 'compose' ? workspace.formattedText(target.path, target.settings) : undefined;
      const edit = target && formatted !== undefined ? changedSpan(target.file, formatted) : undefined;
      return edit ? [edit] : [];
    }),
  );

  connection.onHover(
    guard.request('hover', null, async ({ textDocument, position }) => {
      const target = await targetOf(textDocument.uri, workspace, settings);
      return target ? hover(target.file, position, target.analysis) : null;
    }),
  );

  connection.onCompletion(
    guard.request('completion', [], async ({ textDocument, position }) => {
      const target = await targetOf(textDocument.uri, workspace, settings, true);
      if (!target || target.kind === 'other') return [];
      const names = target.kind === 'compose' || target.analysis ? completionNames(target.path, target.file.text, target.analysis) : NO_NAMES;
      return completion(target.file, position, names, target.kind);
    }),
  );

  connection.onDefinition(
    guard.request('definition', [], async ({ textDocument, position }) => {
      const target = await targetOf(textDocument.uri, workspace, settings);
      // From a compose file, or from a host in any file its project reads (an env file, a mounted proxy config).
      return target ? definition(target.file, position, target.analysis, uriOf) : [];
    }),
  );

  connection.onReferences(
    guard.request('references', [], async ({ textDocument, position, context }) => {
      const target = await targetOf(textDocument.uri, workspace, settings);
      return target ? references(target.file, position, target.analysis, context?.includeDeclaration ?? true, uriOf) : [];
    }),
  );

  connection.onPrepareRename(
    guard.request('prepareRename', null, async ({ textDocument, position }) => {
      const target = await targetOf(textDocument.uri, workspace, settings);
      return target ? prepareRename(target.file, position, target.analysis) : null;
    }),
  );

  connection.onRenameRequest(
    guard.request('rename', null, async ({ textDocument, position, newName }) => {
      const target = await targetOf(textDocument.uri, workspace, settings);
      if (!target) return null;
      const result = rename(target.file, position, newName, target.analysis, uriOf);
      if (result && 'error' in result) throw new ResponseError(ErrorCodes.InvalidParams, result.error);
      return result ? result.edit : null;
    }),
  );

  connection.onDocumentSymbol(
    guard.request('documentSymbol', [], async ({ textDocument }) => {
      const target = await targetOf(textDocument.uri, workspace, settings);
      return target?.kind === 'compose' ? documentSymbols(target.file) : [];
    }),
  );

  connection.onCodeLens(
    guard.request('codeLens', [], async ({ textDocument }) => {
      const target = await targetOf(textDocument.uri, workspace, settings);
      return target?.kind === 'compose' ? codeLenses(target.file, target.analysis) : [];
    }),
  );

  connection.onCodeAction(
    guard.request('codeAction', [], async ({ textDocument, range, context }) => {
      const target = await targetOf(textDocument.uri, workspace, settings);
      if (!target) return [];
      const { findings } = workspace.findingsIn(target.path, target.settings);
      const actions = codeActions(target.uri, target.file, findings, range, context?.only);
      // Fix-all only when asked for by kind (on save, or the Source Action menu), as it runs every fix pass.
      if (context?.only && wants(context.only, FIX_ALL_KIND) && target.kind === 'compose')
        actions.push(...fixAllAction(target.uri, target.file, workspace.fixedText(target.path, target.settings)));
      return actions;
    }),
  );
}
