/**
 * The one LSP client of the tests: starts a BUILT language server (by default
 * packages/language-server/dist/composure-language-server.js; an installed bin or the .vsix's
 * server.js when a test says so) and drives it with vscode-languageserver-protocol, as an editor
 * would: over stdio (`--stdio`, as Neovim and most editors start it) or over node IPC (forked
 * with `--node-ipc`, as the VS Code extension's TransportKind.ipc starts it).
 */
import { fork, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type Message,
  type MessageReader,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { rules } from '@composure/rules';
import { afterAll } from 'vitest';
import { ROOT } from './run-cli.js';
import { tempDirForFile } from './temp-dir.js';

export const SERVER = join(ROOT, 'packages/language-server/dist/composure-language-server.js');

export function assertServerBuilt(): void {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
}

export const uriOf = (path: string) => pathToFileURL(path).href;

/** A .composure.yaml turning off every rule but these (the loader's own checks always run). */
export function onlyRulesConfig(...keep: string[]): string {
  const lines = ['rules:'];
  for (const rule of rules) if (rule.meta.category !== 'core' && !keep.includes(rule.meta.id)) lines.push(`  ${rule.meta.id}: off`);
  for (const id of keep) lines.push(`  ${id}: ${rules.find((r) => r.meta.id === id)!.meta.severity}`);
  return `${lines.join('\n')}\n`;
}

export interface Status {
  uri: string;
  errors: number;
  warnings: number;
  infos: number;
}

export interface ClientOptions {
  capabilities?: ClientCapabilities;
  /** The answer to each item of workspace/configuration (the server asks for the `composure` section); default null. */
  settings?: Record<string, unknown>;
  rootPath?: string;
  env?: Record<string, string>;
  /** Arguments for node itself, before the server script (e.g. --expose-gc, --require a probe). */
  nodeArgs?: string[];
  /** The server script to run (an installed package's bin); default the built SERVER. */
  server?: string;
  /** How the client talks to the server: `--stdio` pipes (default), or node IPC as the VS Code extension forks it. */
  transport?: 'stdio' | 'ipc';
  /** The server's working directory; default rootPath, else the repository root. */
  cwd?: string;
  /** Keep every message the server sends, responses included, in `messages` (for tests that scan all it says). */
  recordMessages?: boolean;
}

// unref: a pending bound must not keep the test process alive.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** A reader that hands each message to `keep` before the connection sees it. */
function recording(reader: MessageReader, keep: (message: Message) => void): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback) =>
      reader.listen((message) => {
        keep(message);
        callback(message);
      }),
    dispose: () => reader.dispose(),
  };
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcessWithoutNullStreams;
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: Status[] = [];
  readonly logs: string[] = [];
  /** Every message the server sent, in order (only with `recordMessages`). */
  readonly messages: Message[] = [];
  stderr = '';
  /** The server's exit code once it has exited (null when a signal ended it); undefined while it runs. */
  exited: number | null | undefined;
  private readonly ended: Promise<void>;
  private waiters: (() => void)[] = [];

  constructor(options: ClientOptions = {}) {
    const server = options.server ?? SERVER;
    const spawnOptions = { cwd: options.cwd ?? options.rootPath ?? ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env } };
    // IPC as vscode-languageclient does it, by fork; execArgv given so that vitest's own node flags do not reach the server.
    this.child =
      options.transport === 'ipc'
        ? (fork(server, ['--node-ipc', `--clientProcessId=${process.pid}`], {
            ...spawnOptions,
            execArgv: options.nodeArgs ?? [],
            stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
          }) as ChildProcessWithoutNullStreams)
        : spawn(process.execPath, [...(options.nodeArgs ?? []), server, '--stdio'], { ...spawnOptions, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.ended = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        this.exited = code;
        resolve();
      }),
    );
    this.child.stdin.on('error', () => {});
    const [reader, writer] =
      options.transport === 'ipc'
        ? [new IPCMessageReader(this.child), new IPCMessageWriter(this.child)]
        : [new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin)];
    this.connection = createProtocolConnection(options.recordMessages ? recording(reader, (message) => this.messages.push(message)) : reader, writer);
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.wake();
    });
    this.connection.onNotification('composure/status', (params: Status) => {
      this.statuses.push(params);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => options.settings ?? null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.wake();
      return null;
    });
    this.connection.listen();
  }

  refreshes = 0;

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  async initialize(options: ClientOptions = {}): Promise<Record<string, unknown>> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootPath ? uriOf(options.rootPath) : null,
      workspaceFolders: options.rootPath ? [{ uri: uriOf(options.rootPath), name: 'root' }] : null,
      capabilities: options.capabilities ?? {},
    })) as { capabilities: Record<string, unknown> };
    await this.connection.sendNotification('initialized', {});
    return result.capabilities;
  }

  /** Resolves when `check` holds (checked after every notification), or rejects after `ms`. */
  until<T>(check: () => T | undefined | false, ms = 10_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr}; logs: ${this.logs.join('\n')}`)), ms);
      const test = () => {
        const value = check();
        if (value !== undefined && value !== false) {
          clearTimeout(timer);
          resolve(value);
        } else this.waiters.push(test);
      };
      test();
    });
  }

  /** The next diagnostics published for a URI (after those already received), optionally for a version at least. */
  nextDiagnostics(uri: string, minVersion?: number, ms?: number): Promise<Diagnostic[]> {
    const seen = this.published.length;
    return this.until(
      () => {
        for (let i = this.published.length - 1; i >= seen; i--) {
          const p = this.published[i];
          if (p.uri === uri && (minVersion === undefined || (p.version ?? 0) >= minVersion)) return p.diagnostics;
        }
        return undefined;
      },
      ms,
      `diagnostics for ${uri}`,
    );
  }

  open(path: string, text: string, version = 1): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(path), languageId: 'yaml', version, text } });
  }

  change(path: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(path), version }, contentChanges: changes });
  }

  close(path: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(path) } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /**
   * Shuts the server down as an editor does (shutdown, then exit) and waits for it to end; kills it
   * if it is still running 5 s later. Resolves to its exit code (null when it had to be killed).
   */
  async stop(): Promise<number | null> {
    if (this.exited === undefined) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), sleep(2000)]);
        await this.connection.sendNotification('exit');
      } catch {
        // Gone meanwhile.
      }
      await Promise.race([this.ended, sleep(5000)]);
    }
    this.connection.dispose();
    if (this.exited !== undefined) return this.exited;
    this.child.kill('SIGKILL');
    return null;
  }
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(
  text: string,
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[],
): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : starts[p.line] + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** An LSP range from zero-based positions, as tests write expected ranges. */
export const range = (line: number, character: number, endLine: number, endCharacter: number) => ({
  start: { line, character },
  end: { line: endLine, character: endCharacter },
});

/**
 * For one test file: a temporary directory (after checking the server is built) and a list of the
 * clients its tests start, all stopped before the directory is removed.
 */
export function serversForFile(prefix: string): { tmp: () => string; clients: LspClient[] } {
  const tmp = tempDirForFile(prefix, assertServerBuilt);
  const clients: LspClient[] = [];
  // Registered after the directory's: vitest runs afterAll hooks last-registered first.
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.stop()));
  });
  return { tmp, clients };
}
