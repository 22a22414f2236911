/** What changes outside the open documents: the settings, files on disk, the workspace folders. */
import { uriToPath } from '../convert.js';
import type { ServerParts } from '../server-parts.js';

export function registerWorkspaceChanges({ connection, workspace, guard, settings, scheduler, watching }: ServerParts): void {
  connection.onDidChangeConfiguration(
    guard.notification('configuration', async () => {
      await settings.reload([...workspace.openDocuments().values()].map((document) => document.uri));
      scheduler.prune();
      scheduler.all();
    }),
  );

  connection.onDidChangeWatchedFiles(guard.notification('watchedFiles', (params) => watching.clientReported(params)));
}

/** Registered at `initialized`, when the client says it sends folder changes (the library asks for them then). */
export function followWorkspaceFolders({ connection, workspace, guard }: ServerParts): void {
  connection.workspace.onDidChangeWorkspaceFolders(
    guard.notification('workspaceFolders', (event) => {
      const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
      const added = event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
      workspace.folders = [...workspace.folders.filter((f) => !removed.has(f)), ...added];
    }),
  );
}
