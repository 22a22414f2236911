import type { Connection } from 'vscode-languageserver';
import type { ClientSupport } from './client-support.js';
import type { DiagnosticsPublisher } from './diagnostics-publisher.js';
import type { DocumentSettings } from './document-settings.js';
import type { FileWatching } from './file-watching.js';
import type { Guard } from './guard.js';
import type { LintScheduler } from './scheduling.js';
import type { Workspace } from './workspace.js';

/** The parts of a running server, built by startServer (src/server.ts) and handed to the handlers. */
export interface ServerParts {
  connection: Connection;
  workspace: Workspace;
  /** Filled in at `initialize`. */
  client: ClientSupport;
  guard: Guard;
  settings: DocumentSettings;
  diagnostics: DiagnosticsPublisher;
  scheduler: LintScheduler;
  watching: FileWatching;
}
