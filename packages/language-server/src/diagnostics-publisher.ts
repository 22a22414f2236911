/**
 * Diagnostics to the client, each time with the document's counts (`composure/status`). Pushed
 * (`textDocument/publishDiagnostics`) for the documents the scheduler hands over; a client that
 * pulls them (`textDocument/diagnostic`) is asked to pull again instead.
 */
import {
  DocumentDiagnosticReportKind,
  type Connection,
  type FullDocumentDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { pathToUri, uriToPath } from './convert.js';
import type { ClientSupport } from './client-support.js';
import type { DocumentSettings } from './document-settings.js';
import { fileDiagnostics, type FileDiagnostics } from './features/diagnostics.js';
import type { Guard } from './guard.js';
import { STATUS_NOTIFICATION, type StatusParams } from './protocol.js';
import { documentKind, type Workspace } from './workspace.js';

export interface DiagnosticsPublisherParts {
  connection: Connection;
  workspace: Workspace;
  settings: DocumentSettings;
  client: ClientSupport;
  guard: Guard;
  /** After each lint: the projects' dependencies may have changed (file watching follows them). */
  afterLint: () => void;
}

export class DiagnosticsPublisher {
  /** The project each open compose document was last linted in. */
  private readonly lintedIn = new Map<string, string>();

  constructor(private readonly parts: DiagnosticsPublisherParts) {}

  /** The key of the project an open compose document was last linted in. */
  projectLintedIn(path: string): string | undefined {
    return this.lintedIn.get(path);
  }

  /** Pushes the diagnostics of these open documents, or asks a pulling client to pull again. */
  async publish(paths: readonly string[]): Promise<void> {
    const { connection, client, guard, afterLint } = this.parts;
    if (client.pullDiagnostics) {
      if (client.diagnosticsRefresh) void connection.languages.diagnostics.refresh();
      return;
    }
    await Promise.all(paths.map((path) => this.publishOne(path).catch((error) => guard.failed('diagnostics', error))));
    try {
      await this.publishClosed();
    } catch (error) {
      guard.failed('diagnostics', error);
    }
    afterLint();
  }

  /**
   * Pushes the diagnostics of the projects' files that are not open (see Workspace.closedProjectFiles),
   * and clears those of files no project reads any more or that became clean.
   */
  private async publishClosed(): Promise<void> {
    const { workspace, connection } = this.parts;
    const files = workspace.closedProjectFiles();
    const shown = new Set<string>();
    for (const [path, findings] of files) {
      if (findings.length === 0 && !this.closedShown.has(path)) continue;
      shown.add(path);
      if (findings.length > 0) await connection.sendDiagnostics({ uri: pathToUri(path), diagnostics: fileDiagnostics(findings).diagnostics });
      else await connection.sendDiagnostics({ uri: pathToUri(path), diagnostics: [] });
    }
    for (const path of this.closedShown)
      if (!files.has(path) && !workspace.document(path)) await connection.sendDiagnostics({ uri: pathToUri(path), diagnostics: [] });
    this.closedShown = new Set([...shown].filter((path) => (files.get(path) ?? []).length > 0));
  }

  /** Closed files whose diagnostics were pushed, and not cleared since. */
  private closedShown = new Set<string>();

  /** `workspace/diagnostic`: the closed project files' diagnostics, for a client that pulls them. */
  async workspaceReport(): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const { workspace, settings: documentSettings } = this.parts;
    // The projects of the open compose documents, with each document's settings, even before their own diagnostics were pulled.
    for (const [path, document] of workspace.openDocuments()) {
      const settings = await documentSettings.of(document.uri);
      if (settings.enable && documentKind(path, settings) === 'compose') workspace.analysisFor(path, settings);
    }
    return [...workspace.closedProjectFiles()].map(([path, findings]) => ({
      kind: DocumentDiagnosticReportKind.Full,
      uri: pathToUri(path),
      version: null,
      items: fileDiagnostics(findings).diagnostics,
    }));
  }

  /** `textDocument/diagnostic`. */
  async pull(uri: string): Promise<FullDocumentDiagnosticReport> {
    const result = await this.diagnosticsOf(uri);
    if (!result) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    this.sendStatus(uri, result);
    this.parts.afterLint();
    return { kind: DocumentDiagnosticReportKind.Full, items: result.diagnostics };
  }

  /** A document was closed: a pushing server clears what it showed of it. */
  closed(uri: string, path: string): void {
    this.lintedIn.delete(path);
    if (!this.parts.client.pullDiagnostics) void this.parts.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async publishOne(path: string): Promise<void> {
    const { workspace, connection } = this.parts;
    const document = workspace.document(path);
    if (!document) return;
    const result = await this.diagnosticsOf(document.uri);
    // The document may have been closed or changed while settings were asked for.
    if (!result || workspace.document(path) !== document) return;
    await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: result.diagnostics });
    this.sendStatus(document.uri, result);
  }

  private async diagnosticsOf(uri: string): Promise<FileDiagnostics | undefined> {
    const { workspace, settings: documentSettings, guard } = this.parts;
    const path = uriToPath(uri);
    if (!path || !workspace.document(path)) return undefined;
    const settings = await documentSettings.of(uri);
    if (!settings.enable) return fileDiagnostics([]);
    const kind = documentKind(path, settings);
    if (kind === 'other' && workspace.dependants(path).length === 0) return fileDiagnostics([]);
    const { findings, failures, projects } = workspace.findingsIn(path, settings);
    if (kind === 'compose' && projects[0]) this.lintedIn.set(path, projects[0].key);
    for (const p of projects) if (p.failure?.internal) guard.log(`composure: analysis failed: ${p.failure.message}`);
    return fileDiagnostics(findings, failures);
  }

  private sendStatus(uri: string, { errors, warnings, infos }: FileDiagnostics): void {
    const status: StatusParams = { uri, errors, warnings, infos };
    void this.parts.connection.sendNotification(STATUS_NOTIFICATION, status);
  }
}
