/**
 * The status-bar item's text and tooltip, and the counts per document that the server reports
 * with `composure/status`. Pure (no `vscode` import) so that it is unit-tested without an editor.
 */
import type { StatusParams } from '@composure/language-server/protocol';

export type StatusCounts = Omit<StatusParams, 'uri'>;

/** `composure: ✖ 2 ⚠ 3` */
export function statusText({ errors, warnings }: StatusCounts): string {
  return `composure: ✖ ${errors} ⚠ ${warnings}`;
}

/** `2 errors, 3 warnings, 1 info — click to open the Problems view` */
export function statusTooltip({ errors, warnings, infos }: StatusCounts): string {
  const parts = [plural(errors, 'error'), plural(warnings, 'warning'), plural(infos, 'info', 'infos')];
  return `composure: ${parts.join(', ')}. Click to open the Problems view.`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A count as the server should send it: a non-negative integer; anything else is 0. */
function count(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

/**
 * The latest counts per document URI. URIs are compared after `normalize` (the extension passes
 * `uri => vscode.Uri.parse(uri).toString()`, so that the server's spelling of a URI and the
 * editor's agree).
 */
export class StatusStore {
  readonly #counts = new Map<string, StatusCounts>();

  constructor(private readonly normalize: (uri: string) => string = (uri) => uri) {}

  /** Records a notification; false (and nothing recorded) when its params are not a status. */
  set(params: unknown): boolean {
    if (typeof params !== 'object' || params === null) return false;
    const { uri, errors, warnings, infos } = params as Partial<Record<keyof StatusParams, unknown>>;
    if (typeof uri !== 'string' || uri === '') return false;
    this.#counts.set(this.normalize(uri), { errors: count(errors), warnings: count(warnings), infos: count(infos) });
    return true;
  }

  get(uri: string): StatusCounts | undefined {
    return this.#counts.get(this.normalize(uri));
  }

  delete(uri: string): void {
    this.#counts.delete(this.normalize(uri));
  }

  clear(): void {
    this.#counts.clear();
  }
}
