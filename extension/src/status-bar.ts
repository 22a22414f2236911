import { StatusBarAlignment, Uri, window, workspace, type Disposable, type StatusBarItem } from 'vscode';
import { StatusStore, statusText, statusTooltip } from './status-text.js';

/**
 * The status-bar item: "composure: ✖ 2 ⚠ 3" for the active document, from the server's
 * `composure/status` notifications; a click opens the Problems view. Hidden while the active
 * editor shows a document the server has not reported on (any document that is not a compose file).
 */
export class StatusBar implements Disposable {
  readonly #item: StatusBarItem;
  readonly #store = new StatusStore((uri) => Uri.parse(uri).toString());
  readonly #disposables: Disposable[] = [];

  constructor() {
    this.#item = window.createStatusBarItem('composure.status', StatusBarAlignment.Right, 100);
    this.#item.name = 'composure';
    this.#item.command = 'workbench.actions.view.problems';
    this.#disposables.push(
      this.#item,
      window.onDidChangeActiveTextEditor(() => this.#update()),
      workspace.onDidCloseTextDocument((document) => {
        this.#store.delete(document.uri.toString());
        this.#update();
      }),
    );
  }

  /** The handler of `composure/status`. */
  onStatus(params: unknown): void {
    if (this.#store.set(params)) this.#update();
  }

  /** Forgets every count (the server was restarted: it reports again). */
  reset(): void {
    this.#store.clear();
    this.#update();
  }

  #update(): void {
    const document = window.activeTextEditor?.document;
    const counts = document && this.#store.get(document.uri.toString());
    if (!counts) {
      this.#item.hide();
      return;
    }
    this.#item.text = statusText(counts);
    this.#item.tooltip = statusTooltip(counts);
    this.#item.show();
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }
}
