/** Text document synchronisation: the open documents' buffers, and what to re-lint when one changes. */
import { uriToPath } from '../convert.js';
import type { ServerParts } from '../server-parts.js';

export function registerDocumentSync({ connection, workspace, guard, settings, diagnostics, scheduler }: ServerParts): void {
  connection.onDidOpenTextDocument(
    guard.notification('didOpen', async ({ textDocument }) => {
      const path = workspace.open(textDocument.uri, textDocument.text, textDocument.version, textDocument.languageId);
      if (!path) return;
      // Its settings decide whether it is a compose file, which decides what else to re-lint.
      await settings.of(textDocument.uri);
      scheduler.changed(path);
    }),
  );

  connection.onDidChangeTextDocument(
    guard.notification('didChange', ({ textDocument, contentChanges }) => {
      const path = workspace.change(textDocument.uri, contentChanges, textDocument.version);
      if (path) scheduler.changed(path);
    }),
  );

  connection.onDidCloseTextDocument(
    guard.notification('didClose', ({ textDocument }) => {
      const path = workspace.close(textDocument.uri);
      if (!path) return;
      settings.forget(textDocument.uri);
      diagnostics.closed(textDocument.uri, path);
      scheduler.prune();
      scheduler.changed(path);
    }),
  );

  connection.onDidSaveTextDocument(
    guard.notification('didSave', ({ textDocument }) => {
      const path = uriToPath(textDocument.uri);
      if (path) workspace.disk.invalidate(path);
    }),
  );
}
