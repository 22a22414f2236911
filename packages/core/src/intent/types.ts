import type { Loc } from '../source/node.js';
import type { HostResolution } from '../topology/host-references.js';

/** Where an intent is written: an environment value or `links` entry, `depends_on`, a label, or a config mounted into the service. */
export type IntentSource = 'env' | 'depends_on' | 'link' | 'traefik' | 'caddy' | 'nginx' | 'haproxy' | 'caddyfile' | 'prometheus';

/** A service means to reach another: what the reach view, diagrams, the language server and `suggest` read. */
export interface Intent {
  /** The service that means to reach. */
  from: string;
  /** The service it means to reach. */
  to: string;
  /** The port it means to reach, when one is written or known (a label's loadbalancer port, the single exposed port). */
  port?: number;
  /** The host as written. */
  host: string;
  source: IntentSource;
  /** Absolute path of the file the intent is written in: a compose file, an env file or a mounted config. */
  file: string;
  /** 1-based position of the host in that file. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * Every host a service names, resolved or not: what rules judge. A reference whose host names a
 * service of the project has a `target`; one that names nothing (`unknown`), only services
 * disabled by profiles (`disabled`), or something outside the project (`extra_hosts`, an external
 * link, an opaque namespace) has none, and `resolution` says which.
 */
export interface IntentReference extends Omit<Intent, 'to'> {
  /** The service the host names, when one does. */
  target?: string;
  /** How Docker resolves the host for `from` (hostResolver). */
  resolution: HostResolution;
  /** Where the host is written, to report at. */
  loc: Loc;
  /**
   * What writes it: the environment variable (`DATABASE_URL`), the label key, the config
   * directive (`proxy_pass`, `server`, `reverse_proxy`, `targets`).
   */
  via?: string;
}
