/**
 * The connection: wires the protocol to the workspace (src/workspace.ts) and the pure features
 * (src/features/). Every handler is guarded: an exception is logged to the client and the
 * feature answers empty; the server never goes down with a feature.
 */
import { watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  ResponseError,
  ErrorCodes,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { COMPOSURE_VERSION, SourceFile, topologyOf, type Analysis } from '@composure/core';
import { pathToUri, uriToPath } from './convert.js';
import { declared, projectIndex, textIndex } from './model-index.js';
import { codeActions } from './features/code-actions.js';
import { codeLenses } from './features/code-lens.js';
import { completion } from './features/completion.js';
import { definition, references } from './features/definition.js';
import { fileDiagnostics } from './features/diagnostics.js';
import { hover } from './features/hover.js';
import { prepareRename, rename } from './features/rename.js';
import { documentSymbols } from './features/symbols.js';
import { topologyPage } from './features/topology.js';
import { SETTINGS_SECTION, STATUS_NOTIFICATION, TOPOLOGY_REQUEST, type Settings, type StatusParams, type TopologyParams } from './protocol.js';
import { DEFAULT_SETTINGS, documentKind, settingsOf, Workspace, type ProjectState } from './workspace.js';

/** Diagnostics wait this long after the last edit (ms). */
export const DEBOUNCE_MS = 150;
/** At most this many directories watched with fs.watch when the client does not watch for us. */
const MAX_WATCHED_DIRECTORIES = 500;

export interface ServerOptions {
  connection?: Connection;
  env?: Record<string, string>;
}

export function startServer(options: ServerOptions = {}): Connection {
  const connection = options.connection ?? createConnection(ProposedFeatures.all);
  const workspace = new Workspace({ env: options.env });

  let configurationSupport = false;
  let watchedFilesSupport = false;
  let pullDiagnostics = false;
  let refreshSupport = false;
  let foldersSupport = false;

  const log = (message: string) => connection.console.error(message);
  function failed(name: string, error: unknown) {
    log(`composure: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  /** A request handler that logs an exception and answers `empty`. */
  function guard<P, R>(name: string, empty: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
    return async (params: P) => {
      try {
        return await handler(params);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        failed(name, error);
        return empty;
      }
    };
  }
  function guardNotification<P>(name: string, handler: (params: P) => void | Promise<void>): (params: P) => Promise<void> {
    return async (params: P) => {
      try {
        await handler(params);
      } catch (error) {
        failed(name, error);
      }
    };
  }

  // ---- settings ----------------------------------------------------------------------------
  const settingsCache = new Map<string, Promise<Settings>>();
  const resolvedSettings = new Map<string, Settings>();
  function settingsFor(uri: string): Promise<Settings> {
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = !configurationSupport
        ? Promise.resolve(DEFAULT_SETTINGS)
        : connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(settingsOf, () => DEFAULT_SETTINGS);
      settings = settings.then((s) => {
        resolvedSettings.set(uri, s);
        return s;
      });
      settingsCache.set(uri, settings);
    }
    return settings;
  }
  const knownSettings = (uri: string) => resolvedSettings.get(uri) ?? DEFAULT_SETTINGS;

  // ---- what a request works on -------------------------------------------------------------
  interface Target {
    path: string;
    uri: string;
    file: SourceFile;
    kind: 'compose' | 'config' | 'other';
    settings: Settings;
    project?: ProjectState;
    analysis?: Analysis;
  }
  async function targetOf(uri: string): Promise<Target | undefined> {
    const path = uriToPath(uri);
    const document = path === undefined ? undefined : workspace.document(path);
    if (!path || !document) return undefined;
    const settings = await settingsFor(uri);
    if (!settings.enable) return undefined;
    const kind = documentKind(path, settings);
    const project = kind === 'compose' ? workspace.analysisFor(path, settings) : workspace.dependants(path).map((p) => workspace.analyzed(p))[0];
    return { path, uri, file: new SourceFile(path, document.getText()), kind, settings, project, analysis: project?.analysis };
  }
  const uriOf = (path: string) => workspace.uriOf(path) ?? pathToUri(path);

  // ---- diagnostics -------------------------------------------------------------------------
  const lastProject = new Map<string, string>();
  async function diagnosticsOf(uri: string) {
    const path = uriToPath(uri);
    if (!path || !workspace.document(path)) return undefined;
    const settings = await settingsFor(uri);
    if (!settings.enable) return fileDiagnostics([]);
    const kind = documentKind(path, settings);
    if (kind === 'other' && workspace.dependants(path).length === 0) return fileDiagnostics([]);
    const { findings, failures, projects } = workspace.findingsIn(path, settings);
    if (kind === 'compose' && projects[0]) lastProject.set(path, projects[0].key);
    for (const p of projects) if (p.failure?.internal) log(`composure: analysis failed: ${p.failure.message}`);
    return fileDiagnostics(findings, failures);
  }
  function sendStatus(uri: string, counts: { errors: number; warnings: number; infos: number }) {
    const status: StatusParams = { uri, errors: counts.errors, warnings: counts.warnings, infos: counts.infos };
    void connection.sendNotification(STATUS_NOTIFICATION, status);
  }
  async function publish(path: string) {
    const document = workspace.document(path);
    if (!document) return;
    const result = await diagnosticsOf(document.uri);
    // The document may have been closed or changed while settings were asked for.
    if (!result || workspace.document(path) !== document) return;
    await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: result.diagnostics });
    sendStatus(document.uri, result);
  }

  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  function flush() {
    timer = undefined;
    const paths = [...pending];
    pending.clear();
    if (pullDiagnostics) {
      if (refreshSupport) void connection.languages.diagnostics.refresh();
      return;
    }
    void Promise.all(paths.map((path) => publish(path).catch((error) => failed('diagnostics', error)))).then(updateWatchers);
  }
  function schedule(paths: Iterable<string>) {
    for (const path of paths) pending.add(path);
    if (pending.size === 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  }
  /** The open documents whose diagnostics may have changed after a change to `changed`. */
  function affected(changed: string): string[] {
    const out: string[] = [];
    for (const [path, document] of workspace.openDocuments()) {
      const settings = knownSettings(document.uri);
      if (path === changed) {
        out.push(path);
        continue;
      }
      if (documentKind(path, settings) === 'compose') {
        const project = workspace.projectFor(path, settings);
        if (project.dirty || project.key !== lastProject.get(path)) out.push(path);
      } else if (workspace.dependants(path).some((p) => p.dirty)) {
        out.push(path);
      }
    }
    return out;
  }

  /** Forgets the projects no open document belongs to any more (closed, or loaded with settings since changed). */
  function prune() {
    const keep: ProjectState[] = [];
    for (const [open, document] of workspace.openDocuments()) {
      const settings = knownSettings(document.uri);
      if (documentKind(open, settings) === 'compose') keep.push(workspace.projectFor(open, settings));
    }
    workspace.prune(keep);
  }

  // ---- watching files ----------------------------------------------------------------------
  const watchers = new Map<string, FSWatcher>();
  function onDiskChange(path: string) {
    if (workspace.document(path)) {
      workspace.disk.invalidate(path);
      return;
    }
    workspace.fileChanged(path);
    schedule(affected(path));
  }
  /** Without client-side watching, the directories of every file a project read or looked for are watched. */
  function updateWatchers() {
    if (watchedFilesSupport) return;
    const wanted = new Set<string>();
    for (const project of workspace.allProjects()) for (const path of project.dependencies) wanted.add(dirname(path));
    for (const [dir, watcher] of watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (watchers.has(dir) || watchers.size >= MAX_WATCHED_DIRECTORIES) continue;
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => {
          if (name) onDiskChange(join(dir, name.toString()));
        });
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        // A directory that does not exist (yet) or cannot be watched.
      }
    }
  }

  // ---- lifecycle ---------------------------------------------------------------------------
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities ?? {};
    configurationSupport = capabilities.workspace?.configuration === true;
    watchedFilesSupport = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    refreshSupport = capabilities.workspace?.diagnostics?.refreshSupport === true;
    foldersSupport = capabilities.workspace?.workspaceFolders === true;
    const folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    if (folders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) folders.push(root);
    }
    workspace.folders = folders;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', ':', '-', ',', '['] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'composure', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        ...(foldersSupport ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'composure-language-server', version: COMPOSURE_VERSION },
    };
  });

  connection.onInitialized(
    guardNotification('initialized', async () => {
      if (configurationSupport) await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
      if (watchedFilesSupport) {
        await connection.client
          .register(DidChangeWatchedFilesNotification.type, {
            watchers: [
              { globPattern: '**/*.{yml,yaml}' },
              { globPattern: '**/.env' },
              { globPattern: '**/*.env' },
              { globPattern: '**/.env.*' },
              { globPattern: '**/.composure.{yaml,yml}' },
            ],
          })
          .catch(() => {
            watchedFilesSupport = false;
          });
      }
      if (foldersSupport) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guardNotification('workspaceFolders', (event) => {
            const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
            workspace.folders = [...workspace.folders.filter((f) => !removed.has(f)), ...event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined)];
          }),
        );
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guardNotification('configuration', async () => {
      settingsCache.clear();
      resolvedSettings.clear();
      await Promise.all([...workspace.openDocuments().values()].map((d) => settingsFor(d.uri)));
      prune();
      schedule(workspace.openDocuments().keys());
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardNotification('watchedFiles', (params) => {
      for (const change of params.changes) {
        const path = uriToPath(change.uri);
        if (path) onDiskChange(path);
      }
    }),
  );

  // ---- documents ---------------------------------------------------------------------------
  connection.onDidOpenTextDocument(
    guardNotification('didOpen', async ({ textDocument }) => {
      const path = workspace.open(textDocument.uri, textDocument.text, textDocument.version, textDocument.languageId);
      if (!path) return;
      await settingsFor(textDocument.uri);
      schedule(affected(path));
    }),
  );
  connection.onDidChangeTextDocument(
    guardNotification('didChange', ({ textDocument, contentChanges }) => {
      const path = workspace.change(textDocument.uri, contentChanges, textDocument.version);
      if (path) schedule(affected(path));
    }),
  );
  connection.onDidCloseTextDocument(
    guardNotification('didClose', ({ textDocument }) => {
      const path = workspace.close(textDocument.uri);
      if (!path) return;
      settingsCache.delete(textDocument.uri);
      resolvedSettings.delete(textDocument.uri);
      lastProject.delete(path);
      if (!pullDiagnostics) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
      prune();
      schedule(affected(path));
    }),
  );
  connection.onDidSaveTextDocument(
    guardNotification('didSave', ({ textDocument }) => {
      const path = uriToPath(textDocument.uri);
      if (path) workspace.disk.invalidate(path);
    }),
  );

  // ---- features ----------------------------------------------------------------------------
  connection.languages.diagnostics.on(
    guard('diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async ({ textDocument }) => {
      const result = await diagnosticsOf(textDocument.uri);
      if (!result) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      sendStatus(textDocument.uri, result);
      updateWatchers();
      return { kind: DocumentDiagnosticReportKind.Full, items: result.diagnostics };
    }),
  );

  connection.onHover(
    guard('hover', null, async ({ textDocument, position }) => {
      const target = await targetOf(textDocument.uri);
      return target ? hover(target.file, position, target.kind === 'compose' ? target.analysis : undefined) : null;
    }),
  );

  connection.onCompletion(
    guard('completion', [], async ({ textDocument, position }) => {
      const target = await targetOf(textDocument.uri);
      if (!target || target.kind === 'other') return [];
      let names = { services: [] as string[], networks: [] as string[] };
      if (target.kind === 'compose') {
        const index = target.analysis ? projectIndex(target.analysis) : textIndex(target.path, target.file.text);
        const networks = new Set(declared(index, 'network'));
        if (target.analysis) for (const key of topologyOf(target.analysis.project).networks.keys()) networks.add(key);
        else networks.add('default');
        names = { services: declared(index, 'service'), networks: [...networks].sort() };
      }
      return completion(target.file, position, names, target.kind);
    }),
  );

  connection.onDefinition(
    guard('definition', [], async ({ textDocument, position }) => {
      const target = await targetOf(textDocument.uri);
      return target?.kind === 'compose' ? definition(target.file, position, target.analysis, uriOf) : [];
    }),
  );

  connection.onReferences(
    guard('references', [], async ({ textDocument, position, context }) => {
      const target = await targetOf(textDocument.uri);
      return target?.kind === 'compose' ? references(target.file, position, target.analysis, context?.includeDeclaration ?? true, uriOf) : [];
    }),
  );

  connection.onPrepareRename(
    guard('prepareRename', null, async ({ textDocument, position }) => {
      const target = await targetOf(textDocument.uri);
      return target?.kind === 'compose' ? prepareRename(target.file, position, target.analysis) : null;
    }),
  );

  connection.onRenameRequest(
    guard('rename', null, async ({ textDocument, position, newName }) => {
      const target = await targetOf(textDocument.uri);
      if (target?.kind !== 'compose') return null;
      const result = rename(target.file, position, newName, target.analysis, uriOf);
      if (result && 'error' in result) throw new ResponseError(ErrorCodes.InvalidParams, result.error);
      return result ? result.edit : null;
    }),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', [], async ({ textDocument }) => {
      const target = await targetOf(textDocument.uri);
      return target?.kind === 'compose' ? documentSymbols(target.file) : [];
    }),
  );

  connection.onCodeLens(
    guard('codeLens', [], async ({ textDocument }) => {
      const target = await targetOf(textDocument.uri);
      return target?.kind === 'compose' ? codeLenses(target.file, target.analysis) : [];
    }),
  );

  connection.onCodeAction(
    guard('codeAction', [], async ({ textDocument, range, context }) => {
      const target = await targetOf(textDocument.uri);
      if (!target) return [];
      const { findings } = workspace.findingsIn(target.path, target.settings);
      return codeActions(target.uri, target.file, findings, range, context?.only);
    }),
  );

  connection.onRequest(
    TOPOLOGY_REQUEST,
    // Any client may send anything: the params are checked, not trusted.
    guard('topology', null, async (params: Partial<Record<keyof TopologyParams, unknown>> | undefined) => {
      if (!params || typeof params.uri !== 'string') return null;
      const target = await targetOf(params.uri);
      return topologyPage(target?.analysis);
    }),
  );

  connection.onShutdown(() => {
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
    if (timer) clearTimeout(timer);
  });

  connection.listen();
  return connection;
}
