/**
 * The raeffs/docker-host stacks (test/corpus/raeffs__docker-host) as the one host they run on: ~50
 * projects joined by the external networks default-frontend and default-backend, which none of
 * them creates (the host's setup does).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSession, type AnalyzedWorkspace, type ProjectResult } from '@composure/core';
import { rules, validateConfig } from '@composure/rules';

const HOST = fileURLToPath(new URL('../corpus/raeffs__docker-host/', import.meta.url));
const stacks = (folder: string) =>
  readdirSync(join(HOST, folder))
    .sort()
    .map((name) => ({ kind: 'directory' as const, directory: join(HOST, folder, name) }));

function valueOf<T>(result: ProjectResult<T>): T {
  if (!result.ok) throw new Error(`${result.failure.kind}: ${result.failure.message}`);
  return result.value;
}

function analyzeHost(folder: string): AnalyzedWorkspace {
  const session = createSession({ rules, validateConfig, cwd: HOST, env: {}, configFile: false });
  const result = session.analyzeWorkspace(stacks(folder));
  for (const project of result.projects) valueOf(project);
  return valueOf(result.workspace);
}

describe('the raeffs/docker-host stacks as one workspace', () => {
  it('joins the archived stacks on default-backend, which no stack creates, and finds its nine databases', () => {
    const { workspace, findings } = analyzeHost('archive');
    expect(workspace.members).toHaveLength(24);
    const backend = workspace.networks.get('default-backend')!;
    expect(backend.creators).toEqual([]);
    expect(backend.joiners.map((j) => j.project)).toEqual([
      'authelia',
      'commento',
      'etesync',
      'gitea',
      'home-assistant',
      'iperf',
      'leantime',
      'mastodon',
      'matomo',
      'openproject',
    ]);
    // iperf declares it but runs nothing on it.
    expect(backend.projects).toEqual(['authelia', 'commento', 'etesync', 'gitea', 'home-assistant', 'leantime', 'mastodon', 'matomo', 'openproject']);
    expect(workspace.topology.networks.get('default-backend')!.members).toHaveLength(27);
    expect(workspace.topology.networks.get('default-frontend')!.members).toHaveLength(30);
    // One project's database reaches another's directly.
    expect(workspace.topology.reaches('gitea/gitea', 'matomo/matomo-db')?.via).toEqual(['default-backend']);

    const shared = findings.filter((f) => f.ruleId === 'no-shared-datastore-network').map((f) => `${f.data!.project}/${f.data!.service}`);
    expect(shared).toEqual([
      'authelia/authelia-db',
      'authelia/authelia-cache',
      'commento/commento-db',
      'etesync/etesync-db',
      'gitea/gitea-db',
      'home-assistant/home-assistant-db',
      'leantime/leantime-db',
      'mastodon/mastodon-db',
      'mastodon/mastodon-redis',
      'mastodon/mastodon-es',
      'matomo/matomo-db',
      'openproject/openproject-db',
      'openproject/openproject-cache',
      // qdrant is a vector database, on the proxy's default-frontend.
      'qdrant/qdrant',
    ]);
    expect(shared.filter((s) => s.endsWith('-db'))).toHaveLength(9);
    // Each stack joining a network no stack creates says so, at its declaration.
    const outside = findings.filter((f) => f.messageId === 'externalOutsideWorkspace').map((f) => f.data!.name);
    expect(outside.filter((n) => n === 'default-backend')).toHaveLength(10);
  });

  it('resolves the apps on default-frontend, with the reverse proxy in front of every app', () => {
    const { workspace } = analyzeHost('apps');
    expect(workspace.members).toHaveLength(26);
    const frontend = workspace.topology.networks.get('default-frontend')!;
    expect(frontend.members).toHaveLength(22);
    expect(workspace.topology.reaches('traefik/traefik', 'linkding/linkding')?.via).toEqual(['default-frontend']);
    // Each socket proxy sits on its app's internal network: reachable from the app, not from the proxy.
    expect(workspace.topology.reaches('traefik/traefik', 'dozzle/dozzle-dockerproxy')).toBeUndefined();
    expect(workspace.topology.path('traefik/traefik', 'dozzle/dozzle-dockerproxy')).toEqual([
      'traefik/traefik',
      'default-frontend',
      'dozzle/dozzle',
      'dozzle-dockerproxynet',
      'dozzle/dozzle-dockerproxy',
    ]);
  });
});
