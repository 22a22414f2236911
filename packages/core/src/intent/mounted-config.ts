import type { SourceFile } from '../source/source-file.js';

/** The config dialects composure reads in files mounted into a service. */
export type Dialect = 'nginx' | 'nginx-template' | 'haproxy' | 'caddyfile' | 'traefik-static' | 'traefik-file' | 'prometheus';

/** A config file a service sees, read through the host when the project is loaded. */
export interface MountedConfig {
  service: string;
  /** Where the service sees it. */
  path: string;
  dialect: Dialect;
  /** The file its text is written in: the mounted host file, or the compose file for a `configs:` entry with `content:`. */
  file: SourceFile;
  /** The config's text. */
  text: string;
  /** The offset in `file` of an offset in `text`. */
  offsetIn(offset: number): number;
}
