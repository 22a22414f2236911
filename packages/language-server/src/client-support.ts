/**
 * What the client can do, read from `initialize`: whether the server asks for settings, who
 * watches files, whether diagnostics are pushed or pulled. And the capabilities the server
 * answers with, which depend on it.
 */
import { CodeActionKind, TextDocumentSyncKind, type ClientCapabilities, type InitializeParams, type ServerCapabilities } from 'vscode-languageserver';
import { uriToPath } from './convert.js';
import { FIX_ALL_KIND } from './features/code-actions.js';

export interface ClientSupport {
  /** `workspace/configuration`. */
  configuration: boolean;
  /** Registering `workspace/didChangeWatchedFiles`; false again when the registration fails. */
  watchedFiles: boolean;
  /** `textDocument/diagnostic`: the client pulls diagnostics, nothing is pushed. */
  pullDiagnostics: boolean;
  /** `workspace/diagnostic/refresh`. */
  diagnosticsRefresh: boolean;
  workspaceFolders: boolean;
}

/** Nothing, until `initialize` says otherwise. */
export function noClientSupport(): ClientSupport {
  return { configuration: false, watchedFiles: false, pullDiagnostics: false, diagnosticsRefresh: false, workspaceFolders: false };
}

export function clientSupportOf(capabilities: ClientCapabilities | undefined): ClientSupport {
  return {
    configuration: capabilities?.workspace?.configuration === true,
    watchedFiles: capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    pullDiagnostics: capabilities?.textDocument?.diagnostic !== undefined,
    diagnosticsRefresh: capabilities?.workspace?.diagnostics?.refreshSupport === true,
    workspaceFolders: capabilities?.workspace?.workspaceFolders === true,
  };
}

export function serverCapabilities(client: ClientSupport): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    hoverProvider: true,
    completionProvider: { triggerCharacters: [' ', ':', '-', ',', '['] },
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    documentSymbolProvider: true,
    codeLensProvider: { resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
    documentHighlightProvider: true,
    documentLinkProvider: { resolveProvider: false },
    inlayHintProvider: true,
    documentFormattingProvider: true,
    ...(client.pullDiagnostics ? { diagnosticProvider: { identifier: 'composure', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
    ...(client.workspaceFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
  };
}

/** The paths of the workspace folders; the root's when the client names no folder. */
export function workspaceFoldersOf(params: InitializeParams): string[] {
  const folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
  if (folders.length === 0 && params.rootUri) {
    const root = uriToPath(params.rootUri);
    if (root) folders.push(root);
  }
  return folders;
}
