import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { createSession } from '../session/session.js';
import type { ProjectResult } from '../session/session.js';
import type { Policy } from '../lint/policy.js';
import { policiesFor } from '../topology/policies.js';

/** Three projects on one host: a proxy that creates `edge`, an app joining it, a tool on the default bridge in each. */
const host = memoryHost({
  '/h/proxy/compose.yaml': `
name: proxy
services:
  traefik:
    image: traefik:3
    ports: ["80:80"]
    networks: [edge]
  legacy:
    image: busybox:1
    network_mode: bridge
networks:
  edge:
    name: edge
`,
  '/h/app/compose.yaml': `
name: app
services:
  web:
    image: nginx:1
    networks: [edge, back]
  db:
    image: postgres:17
    networks: [back]
  legacy:
    image: busybox:1
    network_mode: bridge
networks:
  edge:
    external: true
  back:
    internal: true
`,
  '/h/other/compose.yaml': `
name: other
services:
  job:
    image: busybox:1
    networks: [vpn]
networks:
  vpn:
    external: true
    name: office-vpn
`,
});

function valueOf<T>(result: ProjectResult<T>): T {
  if (!result.ok) throw new Error(`expected a value, got the failure ${JSON.stringify(result.failure)}`);
  return result.value;
}

const session = () => createSession({ rules: [], cwd: '/h', env: {}, host, configFile: false });
const refs = (...dirs: string[]) => dirs.map((directory) => ({ kind: 'directory' as const, directory }));

describe('workspace', () => {
  it('joins external networks by Docker name to the project that creates them', () => {
    const { workspace, projects } = session().configureWorkspace(refs('/h/proxy', '/h/app', '/h/other'));
    expect(projects.map((p) => p.ok)).toEqual([true, true, true]);
    const { topology, networks, members } = valueOf(workspace).workspace;
    expect(members.map((m) => m.label)).toEqual(['proxy', 'app', 'other']);
    expect([...topology.networks.values()].map((n) => [n.key, n.external, n.internal, n.members])).toEqual([
      ['edge', false, false, ['proxy/traefik', 'app/web']],
      ['app_back', false, true, ['app/web', 'app/db']],
      ['office-vpn', true, false, ['other/job']],
    ]);
    const edge = networks.get('edge')!;
    expect([edge.creators.map((c) => `${c.project}:${c.key}`), edge.joiners.map((c) => `${c.project}:${c.key}`), edge.projects]).toEqual([
      ['proxy:edge'],
      ['app:edge'],
      ['proxy', 'app'],
    ]);
    // Created by no project of the workspace: outside all of them.
    expect(networks.get('office-vpn')!.creators).toEqual([]);
  });

  it('computes reach across projects, PROJECT/SERVICE, and the default bridge of the whole host', () => {
    const { topology } = valueOf(session().configureWorkspace(refs('/h/proxy', '/h/app', '/h/other')).workspace).workspace;
    expect(topology.reaches('proxy/traefik', 'app/web')?.via).toEqual(['edge']);
    expect(topology.reaches('proxy/traefik', 'app/db')).toBeUndefined();
    expect(topology.path('proxy/traefik', 'app/db')).toEqual(['proxy/traefik', 'edge', 'app/web', 'app_back', 'app/db']);
    expect(topology.reaches('proxy/legacy', 'app/legacy')?.via).toEqual(['bridge']);
    expect(topology.egress).toEqual(['app/legacy', 'app/web', 'other/job', 'proxy/legacy', 'proxy/traefik']);
    expect(topology.ingress.map((p) => `${p.service} ${p.published}:${p.target}`)).toEqual(['proxy/traefik 80:80']);
  });

  it('keeps a project that fails to load apart, and labels projects of one name apart', () => {
    const { projects, workspace } = session().configureWorkspace(refs('/h/app', '/h/missing', '/h/app'));
    expect(projects.map((p) => p.ok)).toEqual([true, false, true]);
    expect(valueOf(workspace).workspace.members.map((m) => m.label)).toEqual(['app', 'app.2']);
  });
});

describe('policiesFor', () => {
  const located = (policy: Policy) => ({ policy, source: '/h/.composure.yaml' });
  const policies = [
    located({ deny: { from: 'web', to: 'db' } }),
    located({ deny: { from: 'project:blog', to: 'network:backend' } }),
    located({ default: 'deny', allow: [{ from: 'label:tier=web', to: ['shop/db'] }] }),
    located({ deny: { from: 'image:postgres*', to: 'network:shop_back' } }),
  ];

  it("splits one configuration's policies into each project's and the workspace's", () => {
    expect(policiesFor(policies, 'project')).toEqual([policies[0], policies[3]]);
    expect(policiesFor(policies, 'workspace')).toEqual([policies[1], policies[2]]);
  });
});
