import { describe, expect, it } from 'vitest';
import { engineClient } from './client.js';
import { isReadEndpoint } from './read-endpoints.js';

describe('the client reads only', () => {
  it('knows the read endpoints it uses, and nothing that writes, streams or execs', () => {
    for (const path of ['/_ping', '/version', '/networks', '/networks/abc', '/containers/json', '/containers/abc/json'])
      expect(isReadEndpoint(path), path).toBe(true);
    for (const path of [
      '/containers/create',
      '/containers/abc/start',
      '/containers/abc/attach/ws',
      '/containers/abc/exec',
      '/containers/abc/json/../kill',
      '/containers/../json',
      '/networks/..',
      '/networks/abc/connect',
      '/images/create',
      '/build',
      '/v1.41/containers/json',
    ])
      expect(isReadEndpoint(path), path).toBe(false);
  });

  it('refuses any other path before it connects to anything', async () => {
    // The socket does not exist: a connection attempt would fail as unreachable, not as a refusal.
    const client = engineClient({ kind: 'unix', socketPath: '/nonexistent/docker.sock', address: 'unix:///nonexistent/docker.sock', description: 'test' });
    await expect(client.get('/containers/abc/kill')).rejects.toThrow('@composure/engine reads only: GET /containers/abc/kill is not one of its read endpoints');
  });
});
