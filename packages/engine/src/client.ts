import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { EngineEndpoint } from './endpoint.js';
import { EngineResponseError, EngineUnreachableError } from './errors.js';
import { isReadEndpoint } from './read-endpoints.js';

/**
 * A small read-only client of the Docker Engine API over its socket (or TCP, with TLS): JSON
 * answers to GET requests on the read endpoints (read-endpoints.ts), and nothing else. It speaks
 * the engine's own API version, capped at the newest whose answers it was written against.
 */

/** The newest API version whose answers this client reads (Engine 27); an older engine is spoken to in its own. */
export const MAX_API_VERSION = '1.47';
/** Per request: an engine that does not answer within this is as good as absent. */
const TIMEOUT_MS = 15_000;
/** An answer larger than this is not a list of containers or networks. */
const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

export interface EngineClient {
  readonly endpoint: EngineEndpoint;
  /**
   * GET `path` (a read endpoint, e.g. `/containers/json`) with `query`, answered as JSON.
   * Throws EngineUnreachableError when no engine answers, EngineResponseError for an error status.
   */
  get<T>(path: string, query?: Record<string, string>): Promise<T>;
  /** The API version the requests use (after the first request). */
  apiVersion(): Promise<string>;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no socket there',
  ECONNREFUSED: 'connection refused',
  EACCES: 'permission denied',
  ENOTFOUND: 'no such host',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'the connection was reset',
  ENOTSOCK: 'not a socket',
};

function unreachable(endpoint: EngineEndpoint, error: NodeJS.ErrnoException): EngineUnreachableError {
  const reason = error.code && REASONS[error.code] ? `${REASONS[error.code]} (${error.code})` : error.message;
  return new EngineUnreachableError(`cannot reach the Docker Engine at ${endpoint.description}: ${reason}`);
}

/** The lower of two `1.xx` versions. */
function lowerVersion(a: string, b: string): string {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am < bm || (am === bm && an <= bn) ? a : b;
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) response.destroy(new Error(`an answer larger than ${MAX_ANSWER_BYTES} bytes`));
      else chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}

/** The engine's `{"message": …}`, else the text itself. */
function messageOf(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON: the text is the message.
  }
  return text.trim();
}

export function engineClient(endpoint: EngineEndpoint): EngineClient {
  const target: RequestOptions =
    endpoint.kind === 'unix'
      ? { socketPath: endpoint.socketPath }
      : {
          host: endpoint.host,
          port: endpoint.port,
          ...(endpoint.tls ? { ca: endpoint.tls.ca, cert: endpoint.tls.cert, key: endpoint.tls.key, rejectUnauthorized: endpoint.tls.verify } : {}),
        };
  const send = endpoint.kind === 'tcp' && endpoint.tls ? httpsRequest : httpRequest;
  // Over a socket there is no host name to send: the docker CLI sends `docker`.
  const headers = { accept: 'application/json', ...(endpoint.kind === 'unix' ? { host: 'docker' } : {}) };

  /** One GET, resolved with the status, headers and body; connection failures as EngineUnreachableError. */
  const exchange = (path: string) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: string }>((resolve, reject) => {
      const req = send({ ...target, method: 'GET', path, headers, timeout: TIMEOUT_MS }, (response) =>
        readBody(response).then(
          (body) => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
          (error: Error) =>
            reject(new EngineResponseError(`the Docker Engine at ${endpoint.description} answered GET ${path} unreadably: ${error.message}`, 0)),
        ),
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => reject(error instanceof EngineResponseError ? error : unreachable(endpoint, error)));
      req.end();
    });

  let version: Promise<string> | undefined;
  /** The API version to speak: the engine's (from /_ping), capped at MAX_API_VERSION. */
  const negotiate = () =>
    (version ??= exchange('/_ping').then(({ status, headers, body }) => {
      if (status !== 200)
        throw new EngineResponseError(`the Docker Engine at ${endpoint.description} answered /_ping with ${status}: ${messageOf(body)}`, status);
      const engine = headers['api-version'];
      if (typeof engine !== 'string' || !/^1\.\d+$/.test(engine))
        throw new EngineUnreachableError(`cannot reach the Docker Engine at ${endpoint.description}: what answered is not a Docker Engine (no API version)`);
      return lowerVersion(engine, MAX_API_VERSION);
    }));

  return {
    endpoint,
    apiVersion: negotiate,
    async get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
      if (!isReadEndpoint(path)) throw new Error(`@composure/engine reads only: GET ${path} is not one of its read endpoints`);
      const search = new URLSearchParams(query).toString();
      const full = `/v${await negotiate()}${path}${search ? `?${search}` : ''}`;
      const { status, body } = await exchange(full);
      if (status < 200 || status > 299) throw new EngineResponseError(`the Docker Engine answered GET ${path} with ${status}: ${messageOf(body)}`, status);
      try {
        return JSON.parse(body) as T;
      } catch {
        throw new EngineResponseError(`the Docker Engine answered GET ${path} with something that is not JSON`, status);
      }
    },
  };
}
