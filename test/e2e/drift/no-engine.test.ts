/**
 * drift and reach --live where no Docker Engine answers: exit 2 and one line naming where
 * composure looked (DOCKER_HOST or the default socket), never a stack trace. Needs no engine.
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, expectNoStackTrace, FIXTURES, runCli } from '../../support/run-cli.js';
import { tempDirForFile } from '../../support/temp-dir.js';

const PROJECT = join(FIXTURES, 'drift/now/compose.yaml');
const temp = tempDirForFile('drift-no-engine-', assertBuilt);

async function expectOneLine(args: string[], env: Record<string, string>, line: string): Promise<void> {
  const result = await runCli(args, { env });
  expectNoStackTrace(result);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`composure: ${line}\n`);
  expect(result.code).toBe(2);
}

describe('no Docker Engine reachable', () => {
  it.each([
    ['drift', PROJECT],
    ['reach', '--live', PROJECT],
  ])('composure %s …: no socket at DOCKER_HOST', async (...args) => {
    const socket = join(temp(), 'absent.sock');
    await expectOneLine(
      args,
      { DOCKER_HOST: `unix://${socket}` },
      `cannot reach the Docker Engine at unix://${socket} (DOCKER_HOST): no socket there (ENOENT)`,
    );
  });

  it('nothing listening on a tcp:// DOCKER_HOST', async () => {
    await expectOneLine(
      ['drift', PROJECT],
      { DOCKER_HOST: 'tcp://127.0.0.1:1' },
      'cannot reach the Docker Engine at tcp://127.0.0.1:1 (DOCKER_HOST): connection refused (ECONNREFUSED)',
    );
  });

  it('a DOCKER_HOST scheme it does not speak, and TLS without its certificates', async () => {
    await expectOneLine(
      ['drift', PROJECT],
      { DOCKER_HOST: 'ssh://me@host' },
      'DOCKER_HOST=ssh://me@host: the ssh:// scheme is not supported (use unix:// or tcp://)',
    );
    const certs = join(temp(), 'no-certs');
    await expectOneLine(
      ['drift', PROJECT],
      { DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs },
      `cannot read ${join(certs, 'ca.pem')} for TLS to the Docker Engine (DOCKER_CERT_PATH): ENOENT`,
    );
  });

  describe('something that is not a Docker Engine answers on the socket', () => {
    let server: Server;
    let socket: string;
    beforeAll(async () => {
      socket = join(temp(), 'web.sock');
      server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('hello'));
      await new Promise<void>((resolve) => server.listen(socket, resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('says so', async () => {
      await expectOneLine(
        ['drift', PROJECT],
        { DOCKER_HOST: `unix://${socket}` },
        `cannot reach the Docker Engine at unix://${socket} (DOCKER_HOST): what answered is not a Docker Engine (no API version)`,
      );
    });
  });

  it('a project that does not load is exit 2 before any engine is asked', async () => {
    const result = await runCli(['drift', join(temp(), 'missing.yaml')], { env: { DOCKER_HOST: 'unix:///nonexistent.sock' } });
    expectNoStackTrace(result);
    expect(result.stderr).not.toContain('Docker Engine');
    expect(result.code).toBe(2);
  });

  it('an unknown format is a usage error', async () => {
    const result = await runCli(['drift', PROJECT, '--format', 'stylish']);
    expect(result.stderr).toBe(
      'composure: unknown format "stylish" (choose from text, json, sarif, github, junit, checkstyle, codeclimate, compact)\nRun composure --help for usage.\n',
    );
    expect(result.code).toBe(2);
  });
});
