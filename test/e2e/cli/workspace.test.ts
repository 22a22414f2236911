import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runCli } from '../../support/run-cli.js';

/** One Docker host of four projects, listed by the workspace: entries of its .composure.yaml (test/fixtures/workspace/host). */
const HOST = join(FIXTURES, 'workspace/host');
/** Real stacks of one host: five apps each extend libs/docker-socket-proxy (test/corpus/README.md). */
const RAEFFS = join(ROOT, 'test/corpus/raeffs__docker-host');

interface JsonReport {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; message: string }[];
}

const findings = (stdout: string) =>
  (JSON.parse(stdout) as JsonReport[]).flatMap((report) =>
    report.messages.map((m) => `${report.filePath.slice(HOST.length + 1)}:${m.line}:${m.column} ${m.ruleId}`),
  );

describe('composure lint --workspace', () => {
  it("lints the configuration's workspace: as one host, each cross-project finding at the key that causes it", async () => {
    const result = await runCli(['lint', '--workspace', '--format', 'json'], { cwd: HOST });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(findings(result.stdout)).toEqual([
      'proxy/compose.yaml:3:3 require-healthcheck',
      'proxy/compose.yaml:5:13 no-unbound-port-interfaces',
      // Compose creates no network that none of the project's services use: "backend" is made by no project.
      'proxy/compose.yaml:10:3 no-unused-network',
      'apps/blog/compose.yaml:3:3 no-dns-collision',
      'apps/blog/compose.yaml:3:3 no-dns-collision',
      'apps/blog/compose.yaml:3:3 require-healthcheck',
      'apps/blog/compose.yaml:5:26 reachability-policy',
      'apps/blog/compose.yaml:6:3 no-dns-collision',
      'apps/blog/compose.yaml:6:3 require-healthcheck',
      'apps/blog/compose.yaml:8:16 reachability-policy',
      'apps/blog/compose.yaml:8:16 no-shared-datastore-network',
      'apps/blog/compose.yaml:12:3 no-undefined-network',
      'apps/blog/compose.yaml:18:19 no-subnet-overlap',
      'apps/shop/compose.yaml:3:3 no-dns-collision',
      'apps/shop/compose.yaml:3:3 no-dns-collision',
      'apps/shop/compose.yaml:3:3 require-healthcheck',
      'apps/shop/compose.yaml:7:3 no-dns-collision',
      'apps/shop/compose.yaml:7:3 require-healthcheck',
      'apps/shop/compose.yaml:9:16 no-shared-datastore-network',
      'apps/shop/compose.yaml:13:3 no-undefined-network',
      // tools' debug service runs: its workspace entry enables the debug profile.
      'tools/compose.yaml:3:3 require-healthcheck',
      'tools/compose.yaml:7:3 require-healthcheck',
      'tools/compose.yaml:10:3 require-healthcheck',
      'tools/compose.yaml:12:21 no-duplicate-container-names',
      'tools/compose.yaml:15:3 no-undefined-network',
    ]);
    const messages = (JSON.parse(result.stdout) as JsonReport[]).flatMap((r) => r.messages.map((m) => m.message));
    expect(messages).toContain(
      'Service "blog/web" reaches "shop/db" directly over network "backend", which a policy denies (deny project:blog → shop/db). Reason: blog must not read the shop\'s data',
    );
    expect(messages).toContain(
      'Subnet 10.8.1.0/24 of network "own" overlaps 10.8.0.0/16, which the configuration lists under avoid: (a VPN, the office LAN): the host would route those addresses to the bridge and lose the way to them; choose a range outside it.',
    );
  });

  it('takes the projects from PATHs too, and leaves the other projects out', async () => {
    const result = await runCli(['lint', '--workspace', 'apps/shop', 'tools', '--format', 'json', '--rule', 'require-healthcheck=off'], { cwd: HOST });
    expect(result.stderr).toBe('');
    // Without the proxy, "frontend" is made by no project either; blog is not there to collide with, nor to match project:blog.
    expect(findings(result.stdout)).toEqual([
      'apps/shop/compose.yaml:11:3 no-undefined-network',
      'apps/shop/compose.yaml:13:3 no-undefined-network',
      'tools/compose.yaml:12:21 no-duplicate-container-names',
      'tools/compose.yaml:15:3 no-undefined-network',
      '.composure.yaml:11:13 reachability-policy',
    ]);
  });

  it("checks subnets and the avoid: ranges against the daemon's address pools (--daemon-config)", async () => {
    const daemon = join(FIXTURES, 'workspace/daemon/daemon.json');
    const result = await runCli(['lint', '--workspace', 'apps/blog', '--daemon-config', daemon, '--format', 'json'], { cwd: HOST });
    const reports = JSON.parse(result.stdout) as JsonReport[];
    const overlaps = reports.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'no-subnet-overlap')
        .map((m) => `${r.filePath.slice(FIXTURES.length + 1)}:${m.line}:${m.column} ${m.message.slice(0, 60)}`),
    );
    expect(overlaps).toEqual([
      'workspace/host/apps/blog/compose.yaml:18:19 Subnet 10.8.1.0/24 of network "own" overlaps 10.8.0.0/16, wh',
      'workspace/host/apps/blog/compose.yaml:18:19 Subnet 10.8.1.0/24 of network "own" overlaps 10.8.0.0/14, on',
      "workspace/daemon/daemon.json:3:15 The daemon's default address pool 10.8.0.0/14 overlaps 10.8.",
    ]);
    const missing = await runCli(['lint', 'apps/blog', '--daemon-config', 'nowhere.json'], { cwd: HOST });
    expect([missing.code, missing.stderr]).toEqual([2, `composure: cannot read the daemon configuration ${join(HOST, 'nowhere.json')}\n`]);
  });

  it('reports a project that cannot be read (exit 2) and lints the others', async () => {
    const lint = await runCli(['lint', '--workspace', 'apps/shop', 'nowhere', '--format', 'json', '--rule', 'require-healthcheck=off'], { cwd: HOST });
    expect([lint.code, lint.stderr]).toEqual([2, `composure: no such file: ${join(HOST, 'nowhere')}\n`]);
    expect(findings(lint.stdout)).toEqual([
      'apps/shop/compose.yaml:11:3 no-undefined-network',
      'apps/shop/compose.yaml:13:3 no-undefined-network',
      '.composure.yaml:11:13 reachability-policy',
    ]);
    const reach = await runCli(['reach', '--workspace', 'apps/shop', 'nowhere'], { cwd: HOST });
    expect([reach.code, reach.stdout, reach.stderr]).toEqual([
      2,
      '',
      `composure: no such file: ${join(HOST, 'nowhere')}\ncomposure: 1 project of the workspace cannot be read\n`,
    ]);
  });

  it('says what to do without PATHs or workspace:, and refuses --fix', async () => {
    // No .composure.yaml in test/fixtures/workspace or above it.
    const none = await runCli(['lint', '--workspace'], { cwd: join(FIXTURES, 'workspace') });
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([
      2,
      'composure: --workspace needs project PATHs, or a workspace: list in the configuration (.composure.yaml or -c) naming projects that exist',
    ]);
    const fix = await runCli(['lint', '--workspace', '--fix'], { cwd: HOST });
    expect([fix.code, fix.stderr.split('\n')[0]]).toEqual([2, 'composure: --fix and --fix-dry-run fix one project at a time: leave out --workspace to fix']);
  });
});

describe('composure reach --workspace', () => {
  it('joins external networks to their creator and names services PROJECT/SERVICE', async () => {
    const result = await runCli(['reach', '--workspace', '--format', 'json'], { cwd: HOST });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      project: string;
      projects: string[];
      networks: { name: string; internal: boolean; members: string[] }[];
      reach: { from: string; to: string; via: string[] }[];
      ingress: { service: string; published: string }[];
    };
    expect([report.project, report.projects]).toEqual(['workspace', ['proxy', 'blog', 'shop', 'tools']]);
    expect(report.networks.map((n) => `${n.name}${n.internal ? ' internal' : ''}: ${n.members.join(' ')}`)).toEqual([
      'frontend: blog/web proxy/traefik shop/web',
      // Made outside the workspace (the proxy declares it but runs nothing on it): external, so not internal.
      'backend: blog/db blog/web shop/db shop/web',
      'blog_own internal: blog/db',
      'office-vpn: tools/report',
    ]);
    expect(report.reach.map((r) => `${r.from} → ${r.to} (${r.via.join(', ')})`)).toEqual([
      'blog/db → blog/web (backend)',
      'blog/db → shop/db (backend)',
      'blog/db → shop/web (backend)',
      'blog/web → blog/db (backend)',
      'blog/web → proxy/traefik (frontend)',
      'blog/web → shop/db (backend)',
      'blog/web → shop/web (backend, frontend)',
      'proxy/traefik → blog/web (frontend)',
      'proxy/traefik → shop/web (frontend)',
      'shop/db → blog/db (backend)',
      'shop/db → blog/web (backend)',
      'shop/db → shop/web (backend)',
      'shop/web → blog/db (backend)',
      'shop/web → blog/web (backend, frontend)',
      'shop/web → proxy/traefik (frontend)',
      'shop/web → shop/db (backend)',
      // Docker's default bridge is one for the whole host.
      'tools/debug → tools/legacy (bridge)',
      'tools/legacy → tools/debug (bridge)',
    ]);
    expect(report.ingress.map((p) => `${p.service} ${p.published}`)).toEqual(['proxy/traefik 443']);
  });

  it('answers --from and --to across projects, and prints the policy violations', async () => {
    const pair = await runCli(['reach', '--workspace', '--from', 'proxy/traefik', '--to', 'shop/db'], { cwd: HOST });
    expect(pair.stdout).toBe(
      'proxy/traefik → shop/db: no direct reach, but a path through 1 other service:\n  proxy/traefik → frontend → blog/web → backend → shop/db\n',
    );
    const text = await runCli(['reach', '--workspace', '--no-color'], { cwd: HOST });
    expect(text.stdout.split('\n')[0]).toBe('Workspace of 4 projects (proxy, blog, shop, tools): 8 services, 4 networks');
    expect(text.stdout).toContain(
      'Policy violations\n  ✖ Service "blog/web" reaches "shop/db" directly over network "backend", which a policy denies (deny project:blog → shop/db).',
    );
  });
});

describe('composure graph --workspace', () => {
  it('draws the host: every project, the shared networks once', async () => {
    const result = await runCli(['graph', '--workspace', '--format', 'json'], { cwd: HOST });
    expect(result.stderr).toBe('');
    const drawing = JSON.parse(result.stdout) as { nodes: { id: string; kind: string; label: string }[] };
    expect(drawing.nodes.filter((n) => n.kind === 'service' || n.kind === 'network').map((n) => n.label)).toEqual([
      'proxy/traefik',
      'blog/web',
      'blog/db',
      'shop/web',
      'shop/db',
      'tools/debug',
      'tools/legacy',
      'tools/report',
      'frontend',
      'backend',
      'blog_own',
      'office-vpn',
    ]);
  });
});

describe('a file several projects share', () => {
  const apps = ['traefik', 'dozzle', 'watchtower', 'ofelia', 'homepage'].map((app) => `apps/${app}`);
  const base = join(RAEFFS, 'libs/docker-socket-proxy/docker-compose.yml');

  for (const mode of [[], ['--workspace']]) {
    it(`is reported once when ${apps.length} apps extend it in one call (lint ${mode.join(' ')})`, async () => {
      const result = await runCli(['lint', ...mode, ...apps, '--format', 'json'], { cwd: RAEFFS });
      const reports = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; message: string }[] }[];
      const shared = reports.filter((r) => r.filePath === base);
      expect(shared).toHaveLength(1);
      // Once, with the service of the first project that reached it (each app's socket proxy extends the base).
      expect(shared[0].messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${/Service "([^"]+)"/.exec(m.message)?.[1]}`)).toEqual([
        '13:10 no-docker-socket-mount traefik-dockerproxy',
      ]);
    });
  }
});
