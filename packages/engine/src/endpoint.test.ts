import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineEndpoint } from './endpoint.js';

describe('engineEndpoint: DOCKER_HOST as the docker CLI reads it', () => {
  it('no DOCKER_HOST (or an empty one): the default socket, said to be the default', () => {
    for (const env of [{}, { DOCKER_HOST: '' }]) {
      expect(engineEndpoint(env)).toEqual({
        kind: 'unix',
        socketPath: '/var/run/docker.sock',
        address: 'unix:///var/run/docker.sock',
        description: 'unix:///var/run/docker.sock (the default socket; DOCKER_HOST names another)',
      });
    }
  });

  it('unix:// and tcp:// (2375 plain, 2376 with TLS by default; IPv6 in brackets)', () => {
    expect(engineEndpoint({ DOCKER_HOST: 'unix:///tmp/d/docker.sock' })).toEqual({
      kind: 'unix',
      socketPath: '/tmp/d/docker.sock',
      address: 'unix:///tmp/d/docker.sock',
      description: 'unix:///tmp/d/docker.sock (DOCKER_HOST)',
    });
    expect(engineEndpoint({ DOCKER_HOST: 'tcp://10.0.0.5' })).toMatchObject({ kind: 'tcp', host: '10.0.0.5', port: 2375, tls: undefined });
    expect(engineEndpoint({ DOCKER_HOST: 'tcp://[::1]:2380' })).toMatchObject({ kind: 'tcp', host: '::1', port: 2380 });
  });

  it('TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH: the CA required, the client certificate when there is one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'composure-certs-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), 'CA');
      expect(engineEndpoint({ DOCKER_HOST: 'tcp://engine', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir })).toMatchObject({
        port: 2376,
        tls: { verify: true, ca: Buffer.from('CA'), cert: undefined, key: undefined },
      });
      writeFileSync(join(dir, 'cert.pem'), 'CERT');
      writeFileSync(join(dir, 'key.pem'), 'KEY');
      expect(engineEndpoint({ DOCKER_HOST: 'tcp://engine:3000', DOCKER_TLS: '1', DOCKER_CERT_PATH: dir })).toMatchObject({
        port: 3000,
        tls: { verify: false, cert: Buffer.from('CERT'), key: Buffer.from('KEY') },
      });
      expect(() => engineEndpoint({ DOCKER_HOST: 'tcp://engine', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(dir, 'none') })).toThrow(
        `cannot read ${join(dir, 'none', 'ca.pem')} for TLS to the Docker Engine (DOCKER_CERT_PATH): ENOENT`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses what it cannot use, saying what it takes', () => {
    expect(() => engineEndpoint({ DOCKER_HOST: 'npipe:////./pipe/docker_engine' })).toThrow(
      'DOCKER_HOST=npipe:////./pipe/docker_engine: the npipe:// scheme is not supported (use unix:// or tcp://)',
    );
    expect(() => engineEndpoint({ DOCKER_HOST: 'unix://' })).toThrow('DOCKER_HOST=unix:// names no socket path');
    expect(() => engineEndpoint({ DOCKER_HOST: '/var/run/docker.sock' })).toThrow(
      'DOCKER_HOST=/var/run/docker.sock is not an engine address (unix:///path or tcp://host:port)',
    );
  });
});
