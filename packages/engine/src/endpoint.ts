import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { EngineSettingsError } from './errors.js';

/**
 * Where the Docker Engine listens, read from the environment as the docker CLI reads it:
 * DOCKER_HOST (`unix:///path` or `tcp://host:port`; default the socket at /var/run/docker.sock),
 * with TLS when DOCKER_TLS_VERIFY (server verified against DOCKER_CERT_PATH/ca.pem) or DOCKER_TLS
 * (not verified) is set, the client certificate from DOCKER_CERT_PATH (default ~/.docker) when
 * there is one. Docker contexts, ssh:// and npipe:// are not supported.
 */

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export interface TlsFiles {
  /** Verify the engine's certificate against `ca` (DOCKER_TLS_VERIFY). */
  verify: boolean;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

interface EndpointNames {
  /** As DOCKER_HOST writes it: `unix:///var/run/docker.sock`, `tcp://host:2376`. */
  address: string;
  /** The address and where it came from, for messages: `unix:///run/x.sock (DOCKER_HOST)`. */
  description: string;
}

export type EngineEndpoint = ({ kind: 'unix'; socketPath: string } | { kind: 'tcp'; host: string; port: number; tls?: TlsFiles }) & EndpointNames;

const isSet = (value: string | undefined) => value !== undefined && value !== '';

function readCert(dir: string, file: string, required: boolean): Buffer | undefined {
  try {
    return readFileSync(join(dir, file));
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EngineSettingsError(
      `cannot read ${join(dir, file)} for TLS to the Docker Engine (DOCKER_CERT_PATH): ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
}

function tlsOf(env: Readonly<Record<string, string | undefined>>): TlsFiles | undefined {
  const verify = isSet(env.DOCKER_TLS_VERIFY);
  if (!verify && !isSet(env.DOCKER_TLS)) return undefined;
  const dir = isSet(env.DOCKER_CERT_PATH) ? env.DOCKER_CERT_PATH! : join(homedir(), '.docker');
  return { verify, ca: readCert(dir, 'ca.pem', verify), cert: readCert(dir, 'cert.pem', false), key: readCert(dir, 'key.pem', false) };
}

/** The endpoint the environment names; throws EngineSettingsError for a DOCKER_HOST it cannot use. */
export function engineEndpoint(env: Readonly<Record<string, string | undefined>>): EngineEndpoint {
  const host = env.DOCKER_HOST;
  if (!isSet(host))
    return {
      kind: 'unix',
      socketPath: DEFAULT_SOCKET,
      address: `unix://${DEFAULT_SOCKET}`,
      description: `unix://${DEFAULT_SOCKET} (the default socket; DOCKER_HOST names another)`,
    };
  const described = `${host} (DOCKER_HOST)`;
  if (host!.startsWith('unix://')) {
    const socketPath = host!.slice('unix://'.length);
    if (socketPath === '') throw new EngineSettingsError(`DOCKER_HOST=${host} names no socket path`);
    return { kind: 'unix', socketPath, address: host!, description: described };
  }
  if (host!.startsWith('tcp://')) {
    let url: URL;
    try {
      url = new URL(`http://${host!.slice('tcp://'.length)}`);
    } catch {
      throw new EngineSettingsError(`DOCKER_HOST=${host} is not a tcp://HOST:PORT address`);
    }
    const tls = tlsOf(env);
    // The engine's conventional ports: 2375 plain, 2376 with TLS.
    const port = url.port === '' ? (tls ? 2376 : 2375) : Number(url.port);
    return { kind: 'tcp', host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port, tls, address: host!, description: described };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(host!)?.[1];
  throw new EngineSettingsError(
    scheme
      ? `DOCKER_HOST=${host}: the ${scheme}:// scheme is not supported (use unix:// or tcp://)`
      : `DOCKER_HOST=${host} is not an engine address (unix:///path or tcp://host:port)`,
  );
}
