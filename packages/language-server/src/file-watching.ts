/**
 * Who says that a file changed on disk: the client, when it can watch files for the server
 * (registered at `initialized`); otherwise the server itself, with fs watchers on the directories
 * of every file a project read or looked for (so that a file created later is seen too).
 */
import { watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { DidChangeWatchedFilesNotification, type Connection, type DidChangeWatchedFilesParams } from 'vscode-languageserver';
import type { ClientSupport } from './client-support.js';
import { uriToPath } from './convert.js';
import type { Workspace } from './workspace.js';

/** At most this many directories watched with fs.watch. */
const MAX_WATCHED_DIRECTORIES = 500;

/** What the client watches: compose and other YAML files, `.env` files, configuration files. */
const CLIENT_WATCHERS = [
  { globPattern: '**/*.{yml,yaml}' },
  { globPattern: '**/.env' },
  { globPattern: '**/*.env' },
  { globPattern: '**/.env.*' },
  { globPattern: '**/.composure.{yaml,yml}' },
];

export interface FileWatchingParts {
  connection: Connection;
  workspace: Workspace;
  client: ClientSupport;
  /** A file changed, was created or was deleted. */
  onChange: (path: string) => void;
}

export class FileWatching {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(private readonly parts: FileWatchingParts) {}

  /** Asks the client to watch; when it cannot after all, the server watches. */
  async registerWithClient(): Promise<void> {
    const { connection, client } = this.parts;
    if (!client.watchedFiles) return;
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: CLIENT_WATCHERS }).catch(() => {
      client.watchedFiles = false;
    });
  }

  /** `workspace/didChangeWatchedFiles`. */
  clientReported({ changes }: DidChangeWatchedFilesParams): void {
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (path) this.parts.onChange(path);
    }
  }

  /** Without the client's watching: watches the directories the projects depend on now, and no others. */
  update(): void {
    if (this.parts.client.watchedFiles) return;
    const wanted = new Set<string>();
    for (const project of this.parts.workspace.allProjects()) for (const path of project.dependencies) wanted.add(dirname(path));
    for (const [dir, watcher] of this.watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (this.watchers.has(dir) || this.watchers.size >= MAX_WATCHED_DIRECTORIES) continue;
      this.watch(dir);
    }
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private watch(dir: string): void {
    try {
      const watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (name) this.parts.onChange(join(dir, name.toString()));
      });
      watcher.on('error', () => {
        watcher.close();
        this.watchers.delete(dir);
      });
      this.watchers.set(dir, watcher);
    } catch {
      // A directory that does not exist (yet) or cannot be watched.
    }
  }
}
