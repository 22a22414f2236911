import { languages, Uri, ViewColumn, window, workspace, type Disposable, type DocumentSelector, type TextDocument, type WebviewPanel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TOPOLOGY_REQUEST, type TopologyParams, type TopologyResult } from '@composure/language-server/protocol';
import { messageHtml, withContentSecurityPolicy } from './webview-html.js';

const DEFAULT_TITLE = 'composure: topology';
const NO_COMPOSE_DOCUMENT = 'composure: open a compose file (compose.yaml, docker-compose.yml…) to show the network topology of its project.';
/** Saves come in bursts ("Save All"): one request after the last. */
const REFRESH_DELAY_MS = 200;

/**
 * "Composure: Show topology": a webview beside the editor showing the server's HTML diagram of
 * the project of the active compose document. It follows the active compose document and is
 * redrawn when any document of the project is saved.
 */
export class TopologyView implements Disposable {
  #panel: WebviewPanel | undefined;
  /** The document whose project is shown. */
  #uri: Uri | undefined;
  #html: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Answers to older requests are dropped. */
  #generation = 0;
  readonly #disposables: Disposable[] = [];

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly selector: () => DocumentSelector,
  ) {
    this.#disposables.push(
      workspace.onDidSaveTextDocument((document) => this.#onSave(document)),
      window.onDidChangeActiveTextEditor((editor) => {
        const document = editor?.document;
        if (this.#panel && document && this.#isCompose(document) && document.uri.toString() !== this.#uri?.toString()) {
          this.#uri = document.uri;
          this.#schedule();
        }
      }),
    );
  }

  /** The command. */
  async show(): Promise<void> {
    const document = this.#composeDocument();
    if (!document) {
      if (this.#panel) this.#panel.reveal(undefined, true);
      else void window.showInformationMessage(NO_COMPOSE_DOCUMENT);
      return;
    }
    this.#uri = document.uri;
    if (this.#panel) this.#panel.reveal(undefined, true);
    else this.#createPanel();
    await this.refresh();
  }

  /** Asks the server for the diagram again (after a save, or once the server was restarted). */
  async refresh(): Promise<void> {
    const panel = this.#panel;
    const uri = this.#uri;
    if (!panel || !uri) return;
    const generation = ++this.#generation;
    const client = this.client();
    if (!client) {
      this.#render(DEFAULT_TITLE, messageHtml(DEFAULT_TITLE, 'The composure language server is not running.', panel.webview.cspSource));
      return;
    }
    let result: TopologyResult | null;
    try {
      const params: TopologyParams = { uri: client.code2ProtocolConverter.asUri(uri) };
      result = await client.sendRequest<TopologyResult | null>(TOPOLOGY_REQUEST, params);
    } catch (error) {
      if (generation !== this.#generation || this.#panel !== panel) return;
      const reason = error instanceof Error ? error.message : String(error);
      this.#render(DEFAULT_TITLE, messageHtml(DEFAULT_TITLE, `The language server could not draw the topology: ${reason}`, panel.webview.cspSource));
      return;
    }
    if (generation !== this.#generation || this.#panel !== panel) return;
    if (!result || typeof result.html !== 'string') {
      const name = workspace.asRelativePath(uri, false);
      this.#render(DEFAULT_TITLE, messageHtml(DEFAULT_TITLE, `${name} is not part of a compose project composure can read.`, panel.webview.cspSource));
      return;
    }
    this.#render(result.title || DEFAULT_TITLE, withContentSecurityPolicy(result.html, panel.webview.cspSource));
  }

  #createPanel(): void {
    const panel = window.createWebviewPanel(
      'composure.topology',
      DEFAULT_TITLE,
      { viewColumn: ViewColumn.Beside, preserveFocus: true },
      // The diagram is inline SVG and CSS: no script, no local resource.
      { enableScripts: false, enableFindWidget: true, localResourceRoots: [] },
    );
    panel.onDidDispose(() => {
      if (this.#panel !== panel) return;
      this.#panel = undefined;
      this.#uri = undefined;
      this.#html = undefined;
      clearTimeout(this.#timer);
    });
    this.#panel = panel;
    this.#html = undefined;
  }

  /** Sets the panel's content, unless it is unchanged (a redraw would flicker and lose the scroll position). */
  #render(title: string, html: string): void {
    if (!this.#panel) return;
    this.#panel.title = title;
    if (html === this.#html) return;
    this.#html = html;
    this.#panel.webview.html = html;
  }

  #onSave(document: TextDocument): void {
    if (!this.#panel || !this.#uri || document.uri.scheme !== 'file') return;
    // A document of the project: the server decides what the project holds (override files,
    // .env, extends and include targets, .composure.yaml); anything saved in the same workspace
    // folder may be one of them.
    const shown = workspace.getWorkspaceFolder(this.#uri);
    const saved = workspace.getWorkspaceFolder(document.uri);
    if (shown?.uri.toString() !== saved?.uri.toString()) return;
    this.#schedule();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  #isCompose(document: TextDocument): boolean {
    return languages.match(this.selector(), document) > 0 && !/\.composure\.ya?ml$/i.test(document.uri.path);
  }

  /** The active compose document, else a visible one. */
  #composeDocument(): TextDocument | undefined {
    const active = window.activeTextEditor?.document;
    if (active && this.#isCompose(active)) return active;
    return window.visibleTextEditors.map((editor) => editor.document).find((document) => this.#isCompose(document));
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#panel?.dispose();
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }
}
