/**
 * The start and the end: `initialize` (what the client supports, the workspace folders, the
 * server's capabilities), `initialized` (what the server registers with the client), `shutdown`.
 */
import type { InitializeResult } from 'vscode-languageserver';
import { COMPOSURE_VERSION } from '@composure/core';
import { clientSupportOf, serverCapabilities, workspaceFoldersOf } from '../client-support.js';
import type { ServerParts } from '../server-parts.js';
import { followWorkspaceFolders } from './workspace-changes.js';

export function registerLifecycle(parts: ServerParts): void {
  const { connection, workspace, client, guard, settings, watching, scheduler } = parts;

  connection.onInitialize((params): InitializeResult => {
    Object.assign(client, clientSupportOf(params.capabilities));
    workspace.folders = workspaceFoldersOf(params);
    return { capabilities: serverCapabilities(client), serverInfo: { name: 'composure-language-server', version: COMPOSURE_VERSION } };
  });

  connection.onInitialized(
    guard.notification('initialized', async () => {
      await settings.registerWithClient();
      await watching.registerWithClient();
      if (client.workspaceFolders) followWorkspaceFolders(parts);
    }),
  );

  connection.onShutdown(() => {
    watching.dispose();
    scheduler.dispose();
  });
}
