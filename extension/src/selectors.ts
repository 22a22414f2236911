/**
 * Which documents the language client hands to the composure server, built from the settings.
 * Pure (no `vscode` import) so that it is unit-tested without an editor.
 */

/** A document filter as vscode-languageclient takes it (a subset of `vscode.DocumentFilter`). */
export interface DocumentFilterLike {
  readonly scheme: string;
  readonly pattern: string;
}

/** Compose files by name: compose.yaml, compose.override.yml, docker-compose.prod.yaml… */
export const COMPOSE_FILE_PATTERN = '**/{compose,docker-compose}*.{yml,yaml}';
/** composure's own configuration file. */
export const CONFIG_FILE_PATTERN = '**/.composure.{yml,yaml}';
/**
 * Proxy and scraper configs by their usual names: the server answers definition and references
 * from an upstream host in them (and shows what it reports there) when a project mounts them.
 */
export const PROXY_CONFIG_PATTERNS = ['**/nginx*.conf', '**/haproxy*.cfg', '**/Caddyfile', '**/prometheus*.{yml,yaml}'];
/** A project's `.env` (interpolation): watched, never opened as a compose document. */
export const ENV_FILE_PATTERN = '**/.env';

/**
 * The `composure.files` setting as a clean list: strings only, trimmed, without empties or
 * duplicates. A relative pattern (`deploy/*.yml`) matches at any depth (`**\/deploy/*.yml`),
 * since a document filter's pattern is matched against the whole path.
 */
export function filePatterns(...settings: readonly unknown[]): string[] {
  const patterns = new Set<string>();
  for (const setting of settings) {
    if (!Array.isArray(setting)) continue;
    for (const value of setting) {
      if (typeof value !== 'string') continue;
      const pattern = value.trim().replaceAll('\\', '/');
      if (pattern === '') continue;
      patterns.add(isAnchored(pattern) ? pattern : `**/${pattern.replace(/^\.\//, '')}`);
    }
  }
  return [...patterns];
}

/** An absolute path (`/…`, `C:/…`) or a pattern that already starts with `**`. */
function isAnchored(pattern: string): boolean {
  return pattern.startsWith('/') || pattern.startsWith('**') || /^[A-Za-z]:\//.test(pattern);
}

/**
 * The client's document selector: compose files by name, one filter per `composure.files`
 * pattern, `.composure.yaml`, and proxy configs by name. Files on disk only (`scheme: file`); no language id, so that
 * a compose file is served whether VS Code calls it `yaml` or (with Docker's extension) `dockercompose`.
 */
export function documentSelector(extraPatterns: readonly string[] = []): DocumentFilterLike[] {
  const patterns = [COMPOSE_FILE_PATTERN, ...extraPatterns, CONFIG_FILE_PATTERN, ...PROXY_CONFIG_PATTERNS];
  return [...new Set(patterns)].map((pattern) => ({ scheme: 'file', pattern }));
}

/** The files whose changes on disk the server is told about (workspace/didChangeWatchedFiles). */
export function watchedFilePatterns(extraPatterns: readonly string[] = []): string[] {
  return [...new Set([COMPOSE_FILE_PATTERN, ENV_FILE_PATTERN, CONFIG_FILE_PATTERN, ...extraPatterns])];
}

/** Whether two pattern lists select the same documents (order does not matter). */
export function samePatterns(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((pattern) => right.has(pattern));
}
