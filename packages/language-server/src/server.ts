/**
 * The language server: startServer builds its parts and registers the handlers that adapt them to
 * the protocol. The parts: the workspace (src/workspace.ts: documents, the disk cache, projects),
 * each document's settings, the lint scheduler, file watching, diagnostics publication. The
 * handlers (src/handlers/) answer with the pure features of src/features/; every one is guarded:
 * an exception is logged to the client and the feature answers empty, the server never goes down
 * with a feature. composure's own messages are in src/protocol.ts.
 */
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { noClientSupport } from './client-support.js';
import { DiagnosticsPublisher } from './diagnostics-publisher.js';
import { DocumentSettings } from './document-settings.js';
import { FileWatching } from './file-watching.js';
import { Guard } from './guard.js';
import { registerDocumentSync } from './handlers/documents.js';
import { registerLanguageFeatures } from './handlers/language-features.js';
import { registerLifecycle } from './handlers/lifecycle.js';
import { registerTopology } from './handlers/topology.js';
import { registerWorkspaceChanges } from './handlers/workspace-changes.js';
import { LintScheduler } from './scheduling.js';
import { Workspace } from './workspace.js';

export interface ServerOptions {
  connection?: Connection;
  env?: Record<string, string>;
}

export function startServer(options: ServerOptions = {}): Connection {
  const connection = options.connection ?? createConnection(ProposedFeatures.all);
  const workspace = new Workspace({ env: options.env });
  // One object, filled in at `initialize`: every part that depends on the client reads it.
  const client = noClientSupport();
  const guard = new Guard(connection);
  const settings = new DocumentSettings(connection, client);
  const watching = new FileWatching({ connection, workspace, client, onChange: (path) => scheduler.diskChanged(path) });
  const diagnostics = new DiagnosticsPublisher({ connection, workspace, settings, client, guard, afterLint: () => watching.update() });
  const scheduler = new LintScheduler(workspace, settings, diagnostics);

  const parts = { connection, workspace, client, guard, settings, diagnostics, scheduler, watching };
  registerLifecycle(parts);
  registerWorkspaceChanges(parts);
  registerDocumentSync(parts);
  registerLanguageFeatures(parts);
  registerTopology(parts);

  connection.listen();
  return connection;
}
