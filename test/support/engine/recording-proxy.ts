/**
 * An HTTP proxy on a unix socket of its own in front of the engine's socket, recording every
 * request it forwards (method and path) and every attempt to upgrade the connection (attach,
 * exec streams): what the read-only tests hold composure's requests to.
 */
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';

export interface RecordingProxy {
  /** DOCKER_HOST for the proxy. */
  host: string;
  /** `METHOD PATH` of every request, in order; an upgrade attempt as `UPGRADE METHOD PATH`. */
  requests: string[];
  close(): Promise<void>;
}

export async function recordingProxy(engineHost: string, dir: string): Promise<RecordingProxy> {
  if (!engineHost.startsWith('unix://')) throw new Error(`the recording proxy forwards to a unix socket, not ${engineHost}`);
  const engineSocket = engineHost.slice('unix://'.length);
  const socket = join(dir, 'recording-proxy.sock');
  const requests: string[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    requests.push(`${incoming.method} ${incoming.url}`);
    const forwarded = request({ socketPath: engineSocket, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  // Never forwarded: a stream into a container is exactly what must not happen.
  server.on('upgrade', (incoming, connection) => {
    requests.push(`UPGRADE ${incoming.method} ${incoming.url}`);
    connection.destroy();
  });
  await new Promise<void>((resolve, reject) => server.listen(socket, resolve).once('error', reject));
  return {
    host: `unix://${socket}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
