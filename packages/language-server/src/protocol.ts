/**
 * What composure adds to the Language Server Protocol: its request, its notification and its
 * settings section, with their message shapes. The server and the VS Code extension both import
 * this module (`@composure/language-server/protocol`); any other client sends the same JSON.
 * It imports nothing, so that the extension's bundle takes it as it is.
 */

/** The `workspace/configuration` section the server reads, per document, and watches for changes. */
export const SETTINGS_SECTION = 'composure';

/** The settings of that section. The server takes the default of any that is missing or of the wrong type. */
export interface Settings {
  enable: boolean;
  configFile: string;
  profiles: string[];
  envFiles: string[];
  /** Extra glob patterns of files treated as compose files. */
  files: string[];
}

/** Request, client to server: the network topology of the project an open document belongs to. */
export const TOPOLOGY_REQUEST = 'composure/topology';

export interface TopologyParams {
  readonly uri: string;
}

/**
 * The self-contained HTML page `composure graph --format html` writes, unsaved buffers included.
 * The request answers null when there is nothing to draw: the document is not open, composure is
 * disabled for it, or it is not part of a project composure can read.
 */
export interface TopologyResult {
  readonly html: string;
  readonly title: string;
}

/** Notification, server to client: a document's counts, after each publication of its diagnostics. */
export const STATUS_NOTIFICATION = 'composure/status';

export interface StatusParams {
  readonly uri: string;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}
