/**
 * A small client for the Docker Engine API over its socket (`unix:///path` or `tcp://host:port`):
 * the few calls the engine suite makes, JSON in and out. The suite talks to the engine itself
 * rather than through the `docker` CLI so that it sets exactly what Compose sets (several
 * endpoint settings, IPAM, labels) and spends no process per call.
 */
import { request, type IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/** The API version of Engine 20.10, the oldest this suite drives; newer engines accept it. */
const API = '/v1.41';

export class EngineError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface DockerApi {
  /** The engine's address, as DOCKER_HOST writes it. */
  readonly host: string;
  /** One call; JSON bodies both ways. Throws EngineError with the engine's message on a status ≥ 400. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** A call whose request body is a stream (an image's tarball). */
  upload(method: string, path: string, body: Readable, contentType: string): Promise<string>;
  /** Runs a command in a running container and returns what it printed (stdout and stderr, one stream). */
  exec(container: string, cmd: string[]): Promise<string>;
}

function target(host: string): { socketPath: string } | { host: string; port: number } {
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  const url = new URL(host.replace(/^tcp:/, 'http:'));
  return { host: url.hostname, port: Number(url.port || 2375) };
}

function readAll(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}

/** The engine's `{"message": …}`, or the raw text. */
function messageOf(text: string): string {
  try {
    return (JSON.parse(text) as { message?: string }).message ?? text;
  } catch {
    return text;
  }
}

export function dockerApi(host: string): DockerApi {
  const where = target(host);
  const send = (method: string, path: string, headers: Record<string, string>, write: (req: ReturnType<typeof request>) => void) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request({ ...where, method, path: API + path, headers }, (response) =>
        readAll(response).then((text) => resolve({ status: response.statusCode ?? 0, text }), reject),
      );
      req.on('error', reject);
      write(req);
    });
  const checked = (method: string, path: string, { status, text }: { status: number; text: string }) => {
    if (status >= 400) throw new EngineError(status, `${method} ${path}: ${messageOf(text).trim()}`);
    return text;
  };

  const api: DockerApi = {
    host,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = payload === undefined ? {} : { 'content-type': 'application/json' };
      const text = checked(method, path, await send(method, path, headers, (req) => req.end(payload)));
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
    async upload(method, path, body, contentType) {
      return checked(method, path, await send(method, path, { 'content-type': contentType }, (req) => body.pipe(req)));
    },
    async exec(container, cmd) {
      const { Id } = await api.call<{ Id: string }>('POST', `/containers/${container}/exec`, { Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: true });
      // With a TTY the output comes back as one raw stream, without the multiplexing headers.
      const path = `/exec/${Id}/start`;
      const body = JSON.stringify({ Detach: false, Tty: true });
      return checked('POST', path, await send('POST', path, { 'content-type': 'application/json' }, (req) => req.end(body)));
    },
  };
  return api;
}
