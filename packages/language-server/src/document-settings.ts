/**
 * Each open document's `composure` settings, asked of the client with `workspace/configuration`
 * scoped to the document (the client merges user, workspace and folder settings, so two folders
 * may differ), once, and kept until the client says they changed or the document closes.
 */
import { DidChangeConfigurationNotification, type Connection } from 'vscode-languageserver';
import type { ClientSupport } from './client-support.js';
import { SETTINGS_SECTION, type Settings } from './protocol.js';
import { DEFAULT_SETTINGS, settingsOf } from './settings.js';

export class DocumentSettings {
  private readonly asked = new Map<string, Promise<Settings>>();
  /** The answers received, for what must decide without waiting (which documents to re-lint). */
  private readonly answered = new Map<string, Settings>();

  constructor(
    private readonly connection: Connection,
    private readonly client: ClientSupport,
  ) {}

  of(uri: string): Promise<Settings> {
    let settings = this.asked.get(uri);
    if (!settings) {
      settings = !this.client.configuration
        ? Promise.resolve(DEFAULT_SETTINGS)
        : this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(settingsOf, () => DEFAULT_SETTINGS);
      settings = settings.then((s) => {
        this.answered.set(uri, s);
        return s;
      });
      this.asked.set(uri, settings);
    }
    return settings;
  }

  /** The settings the client answered for a document; the defaults until it has. */
  known(uri: string): Settings {
    return this.answered.get(uri) ?? DEFAULT_SETTINGS;
  }

  forget(uri: string): void {
    this.asked.delete(uri);
    this.answered.delete(uri);
  }

  /** The client's settings changed: asks again for every one of these documents. */
  async reload(uris: Iterable<string>): Promise<void> {
    this.asked.clear();
    this.answered.clear();
    await Promise.all([...uris].map((uri) => this.of(uri)));
  }

  /** Asks the client to say when the section changes (`workspace/didChangeConfiguration`). */
  async registerWithClient(): Promise<void> {
    if (this.client.configuration)
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
  }
}
