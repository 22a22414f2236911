/**
 * When to lint, and what. Edits are debounced: one lint after a burst of keystrokes. A change to
 * a file re-lints only the open documents whose diagnostics it may change: the file itself, the
 * documents whose project read it, and the compose documents that now belong to another project.
 */
import type { DiagnosticsPublisher } from './diagnostics-publisher.js';
import type { DocumentSettings } from './document-settings.js';
import { documentKind, type ProjectState, type Workspace } from './workspace.js';

/** Diagnostics wait this long after the last edit (ms). */
export const DEBOUNCE_MS = 150;

export class LintScheduler {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly settings: DocumentSettings,
    private readonly diagnostics: DiagnosticsPublisher,
  ) {}

  /** A document was opened, edited or closed: re-lints what that may change. */
  changed(path: string): void {
    this.schedule(this.affected(path));
  }

  /** Re-lints every open document (the settings changed). */
  all(): void {
    this.schedule(this.workspace.openDocuments().keys());
  }

  /** A file changed on disk. An open document's buffer wins over the disk: only the cache forgets the file. */
  diskChanged(path: string): void {
    if (this.workspace.document(path)) {
      this.workspace.disk.invalidate(path);
      return;
    }
    this.workspace.fileChanged(path);
    this.changed(path);
  }

  /** Forgets the projects no open document belongs to any more (closed, or loaded with settings since changed). */
  prune(): void {
    const keep: ProjectState[] = [];
    for (const [open, document] of this.workspace.openDocuments()) {
      const settings = this.settings.known(document.uri);
      if (documentKind(open, settings) === 'compose') keep.push(this.workspace.projectFor(open, settings));
    }
    this.workspace.prune(keep);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(paths: Iterable<string>): void {
    for (const path of paths) this.pending.add(path);
    if (this.pending.size === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), DEBOUNCE_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const paths = [...this.pending];
    this.pending.clear();
    void this.diagnostics.publish(paths);
  }

  /** The open documents whose diagnostics may have changed after a change to `changed`. */
  private affected(changed: string): string[] {
    const out: string[] = [];
    for (const [path, document] of this.workspace.openDocuments()) {
      const settings = this.settings.known(document.uri);
      if (path === changed) {
        out.push(path);
        continue;
      }
      if (documentKind(path, settings) === 'compose') {
        const project = this.workspace.projectFor(path, settings);
        if (project.dirty || project.key !== this.diagnostics.projectLintedIn(path)) out.push(path);
      } else if (this.workspace.dependants(path).some((p) => p.dirty)) {
        out.push(path);
      }
    }
    return out;
  }
}
