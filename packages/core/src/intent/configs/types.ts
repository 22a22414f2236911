/** What a config parser finds: hosts and problems, at offsets of the config's own text. */
export interface ConfigHost {
  host: string;
  port?: number;
  start: number;
  end: number;
  /** The directive or key that names it (`proxy_pass`, `server`, `reverse_proxy`, `url`, `targets`). */
  via: string;
}

/**
 * What keeps a config from working in Compose, found while reading it:
 * - `unreadable`: the file cannot be parsed (detail: the parser's words);
 * - `variableWithoutResolver`: NGINX proxies to a variable, resolved per request, and no
 *   `resolver 127.0.0.11` says how (detail: the directive);
 * - `resolvedOnceAtStart`: an HAProxy server whose name must resolve at start, or HAProxy does not
 *   start (detail: the server's name).
 */
export interface ConfigProblem {
  kind: 'unreadable' | 'variableWithoutResolver' | 'resolvedOnceAtStart';
  start: number;
  end: number;
  detail: string;
  host?: string;
}

export interface ParsedConfig {
  hosts: ConfigHost[];
  problems: ConfigProblem[];
}

/** The port a URL scheme implies (`http` 80, `https` 443), for hosts written without one. */
export function schemePort(scheme: string | undefined): number | undefined {
  switch (scheme?.toLowerCase()) {
    case 'http':
    case 'ws':
    case 'h2c':
    case 'grpc':
      return 80;
    case 'https':
    case 'wss':
    case 'grpcs':
      return 443;
    default:
      return undefined;
  }
}

/**
 * `scheme://host:port/path`, `host:port`, `[v6]:port` or `host` at `start` of a text: the host, its
 * port (written, or the scheme's) and where the host is; undefined for a Unix socket or no host.
 */
export function endpointAt(text: string, start: number, via: string, defaultPort?: number): ConfigHost | undefined {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?(\[[^\]]*\]|[^:/?#\s;'"[\]]+)(?::(\d+))?/.exec(text);
  // A Unix socket: `unix:/run/app.sock` (NGINX, also after `http://`), `unix//run/app.sock` (Caddy).
  const rest = m ? text.slice(m[1] ? m[1].length + 3 : 0) : '';
  if (!m || /^unix$/i.test(m[1] ?? '') || /^unix[:/]/i.test(rest)) return undefined;
  const hostStart = start + (m[1] ? m[1].length + 3 : 0);
  const host = m[2].replace(/^\[|\]$/g, '');
  const port = m[3] ? Number(m[3]) : (schemePort(m[1]) ?? defaultPort);
  return { host, ...(port !== undefined && { port }), start: hostStart, end: hostStart + m[2].length, via };
}
