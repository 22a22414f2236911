import { commands, window, workspace, type Disposable, type ExtensionContext, type FileSystemWatcher, type LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SETTINGS_SECTION, STATUS_NOTIFICATION } from '@composure/language-server/protocol';
import { documentSelector, filePatterns, samePatterns, watchedFilePatterns } from './selectors.js';
import { StatusBar } from './status-bar.js';
import { TopologyView } from './topology-view.js';

/**
 * The composure VS Code extension: starts the bundled composure language server
 * (`dist/server.js`, node IPC) for compose files, and adds the topology view and the
 * status-bar item. Everything about Compose is the server's; this is wiring only.
 */

let client: LanguageClient | undefined;
/** The `composure.files` patterns the running client was started with. */
let patterns: string[] = [];
let watchers: FileSystemWatcher[] = [];
/** Starts and restarts, one at a time. */
let queue: Promise<void> = Promise.resolve();

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // One output channel for every client (a restart would otherwise open a second one).
  const output = window.createOutputChannel('composure', { log: true });
  const statusBar = new StatusBar();
  const topology = new TopologyView(
    () => client,
    () => documentSelector(patterns),
  );

  const start = async (): Promise<void> => {
    patterns = configuredPatterns();
    watchers = watchedFilePatterns(patterns).map((pattern) => workspace.createFileSystemWatcher(pattern));
    const next = createClient(serverModule, output, patterns, watchers);
    next.onNotification(STATUS_NOTIFICATION, (params: unknown) => statusBar.onStatus(params));
    client = next;
    await next.start();
  };
  const stop = async (): Promise<void> => {
    const previous = client;
    client = undefined;
    for (const watcher of watchers.splice(0)) watcher.dispose();
    statusBar.reset();
    if (previous) await previous.dispose();
  };
  /** The client reports a server that does not start (output channel and a message); the commands stay. */
  const failed = (error: unknown): void => {
    output.error(`the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  };
  const restart = (): Promise<void> => {
    queue = queue
      .then(stop)
      .then(start)
      .then(() => topology.refresh())
      .catch(failed);
    return queue;
  };
  // The document selector is fixed when a client starts: a new `composure.files` needs a new client.
  const restartIfFilesChanged = (): void => {
    if (!samePatterns(patterns, configuredPatterns())) void restart();
  };

  context.subscriptions.push(
    // Disposed in this order: the client stops before its output channel goes.
    { dispose: () => void stop() } satisfies Disposable,
    output,
    statusBar,
    topology,
    commands.registerCommand('composure.showTopology', () => topology.show()),
    commands.registerCommand('composure.restartServer', restart),
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('composure.files')) restartIfFilesChanged();
    }),
    workspace.onDidChangeWorkspaceFolders(restartIfFilesChanged),
  );

  queue = queue.then(start).catch(failed);
  await queue;
}

export async function deactivate(): Promise<void> {
  const previous = client;
  client = undefined;
  for (const watcher of watchers.splice(0)) watcher.dispose();
  if (previous) await previous.stop();
}

/** `composure.files` of the workspace and of every workspace folder. */
function configuredPatterns(): string[] {
  const folders = workspace.workspaceFolders ?? [];
  return filePatterns(
    workspace.getConfiguration('composure').get<unknown>('files'),
    ...folders.map((folder) => workspace.getConfiguration('composure', folder.uri).get<unknown>('files')),
  );
}

function createClient(serverModule: string, outputChannel: LogOutputChannel, patterns: string[], fileEvents: FileSystemWatcher[]): LanguageClient {
  // TransportKind.ipc: the client forks `node dist/server.js --node-ipc` (VS Code's own Node.js).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(patterns),
    synchronize: {
      // The server reads `composure.*` with workspace/configuration; a change tells it to read again.
      configurationSection: SETTINGS_SECTION,
      // Override files, `.env` and `.composure.yaml` change what an open compose file means.
      fileEvents,
    },
    outputChannel,
  };
  return new LanguageClient('composure', 'composure', serverOptions, clientOptions);
}
