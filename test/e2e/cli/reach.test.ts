import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../../support/run-cli.js';

const SHOP = join(FIXTURES, 'reach/shop');

describe('composure reach', () => {
  it('prints networks, the reach matrix, ingress, egress and policy violations', async () => {
    const result = await runCli(['reach', SHOP]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Project shop: 5 services, 2 networks',
        '',
        'Networks',
        '  front  bridge            api, proxy, sidecar',
        '  back   bridge  internal  api, db, sidecar',
        '',
        'Direct reach (row reaches column; ● yes, ◆ yes and intended, ✕ intended but not reached, · no)',
        '              1  2  3  4  5',
        '  1 api       -  ◆  ●  ●  ·',
        '  2 db        ●  -  ·  ●  ·',
        '  3 proxy     ◆  ·  -  ●  ·',
        '  4 sidecar   ●  ●  ●  -  ·',
        '  5 tool      ✕  ·  ·  ·  -',
        '',
        '  api     → db (back), proxy (front), sidecar (localhost)',
        '  db      → api (back), sidecar (back)',
        '  proxy   → api (front), sidecar (front)',
        '  sidecar → api (localhost), db (back), proxy (front)',
        '  reach no other service: tool',
        '',
        'Intended (what the configuration means to reach: target:port, where it is written)',
        '  api     → db:5432 (env compose.yaml:12)',
        '  proxy   → api:8080 (nginx nginx.conf:6)',
        '  tool    → ✕ api:8080 (env compose.yaml:25)',
        '',
        'Ingress (published ports Docker binds)',
        '  proxy  0.0.0.0:80 → 80/tcp',
        '  proxy  127.0.0.1:8443 → 443/tcp  this machine only',
        '',
        'Egress (can open connections outside the project)',
        '  api, proxy, sidecar',
        '  no egress: db, tool',
        '',
        'Policy violations',
        '  ✖ Service "proxy" reaches "db" through other services, which a policy denies (deny label:tier=public → label:tier=data, transitive): proxy → front → api → back → db.',
        '',
      ].join('\n'),
    );
  });

  it('prints the JSON contract', async () => {
    const result = await runCli(['reach', SHOP, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      project: 'shop',
      services: ['api', 'db', 'proxy', 'sidecar', 'tool'],
      networks: [
        { name: 'front', internal: false, driver: 'bridge', members: ['api', 'proxy', 'sidecar'] },
        { name: 'back', internal: true, driver: 'bridge', members: ['api', 'db', 'sidecar'] },
      ],
      reach: [
        { from: 'api', to: 'db', via: ['back'] },
        { from: 'api', to: 'proxy', via: ['front'] },
        { from: 'api', to: 'sidecar', via: ['localhost'] },
        { from: 'db', to: 'api', via: ['back'] },
        { from: 'db', to: 'sidecar', via: ['back'] },
        { from: 'proxy', to: 'api', via: ['front'] },
        { from: 'proxy', to: 'sidecar', via: ['front'] },
        { from: 'sidecar', to: 'api', via: ['localhost'] },
        { from: 'sidecar', to: 'db', via: ['back'] },
        { from: 'sidecar', to: 'proxy', via: ['front'] },
      ],
      ingress: [
        { service: 'proxy', hostIp: null, published: '80', target: 80, protocol: 'tcp', addresses: ['0.0.0.0', '::'], loopback: false },
        { service: 'proxy', hostIp: '127.0.0.1', published: '8443', target: 443, protocol: 'tcp', addresses: ['127.0.0.1'], loopback: true },
      ],
      egress: ['api', 'proxy', 'sidecar'],
      intents: [
        { from: 'proxy', to: 'api', port: 8080, source: 'nginx', file: 'nginx.conf', line: 6 },
        { from: 'api', to: 'db', port: 5432, source: 'env', file: 'compose.yaml', line: 12 },
        { from: 'tool', to: 'api', port: 8080, source: 'env', file: 'compose.yaml', line: 25 },
      ],
      engine: '29.7.2',
    });
    // The database password in api's environment is nowhere in the output.
    expect(result.stdout).not.toContain('s3cr3t-pw');
  });

  it('follows --engine-version (and COMPOSURE_ENGINE_VERSION): before 28, loopback ports are not this machine only', async () => {
    const result = await runCli(['reach', join(FIXTURES, 'reach/lan'), '--engine-version', '27.5']);
    expect(result.stderr).toBe('');
    const text = result.stdout.slice(result.stdout.indexOf('Ingress'), result.stdout.indexOf('Egress'));
    expect(text).toBe(
      [
        'Ingress (published ports Docker binds)',
        '  web  0.0.0.0:ephemeral → 80/tcp',
        '  web  127.0.0.1:8443 → 443/tcp',
        '',
        "LAN (reached at the container's own address from outside the host)",
        '  cam  lan ipv4: every port (macvlan)',
        '  web  default ipv4: every port (nat, given a route to it through the host)',
        '',
        '',
      ].join('\n'),
    );
    const json = await runCli(['reach', join(FIXTURES, 'reach/lan'), '--format', 'json'], { env: { COMPOSURE_ENGINE_VERSION: '29' } });
    expect(JSON.parse(json.stdout)).toMatchObject({
      engine: '29.0.0',
      ingress: [
        { service: 'web', hostIp: null, published: null, addresses: ['0.0.0.0', '::'], loopback: false },
        { service: 'web', hostIp: '127.0.0.1', published: '8443', loopback: true },
      ],
      lan: [{ service: 'cam', network: 'lan', family: 'ipv4', ports: 'all', reason: 'macvlan', needsRoute: false }],
    });
  });

  it('refuses an Engine version it cannot read', async () => {
    const result = await runCli(['reach', join(FIXTURES, 'reach/lan'), '--engine-version', 'newest']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"newest" is not a Docker Engine version (write it like 27, 28.1 or 29.7.2), given with --engine-version');
  });

  it('answers --from/--to with the verdict and the shortest path', async () => {
    const indirect = await runCli(['reach', SHOP, '--from', 'proxy', '--to', 'db']);
    expect(indirect.stdout).toBe('proxy → db: no direct reach, but a path through 1 other service:\n  proxy → front → api → back → db\n');
    const direct = await runCli(['reach', SHOP, '--from', 'api', '--to', 'db', '--format', 'json']);
    expect(JSON.parse(direct.stdout)).toEqual({ from: 'api', to: 'db', direct: true, via: ['back'], path: ['api', 'back', 'db'] });
    const none = await runCli(['reach', SHOP, '--from', 'tool', '--to', 'db', '--format', 'json']);
    expect(JSON.parse(none.stdout)).toEqual({ from: 'tool', to: 'db', direct: false, via: [], path: null });
    const text = await runCli(['reach', SHOP, '--from', 'tool', '--to', 'db']);
    expect(text.stdout).toBe('tool → db: cannot reach, directly or through other services.\n');
  });

  it('adds the policies of COMPOSURE_CONFIG, as of -c; -c wins over it', async () => {
    const env = { COMPOSURE_CONFIG: join(FIXTURES, 'reach/deny-api-db.yaml') };
    const direct = '  ✖ Service "api" reaches "db" directly over network "back", which a policy denies (deny api → db).\n';
    const [viaEnv, viaFlag, both] = await Promise.all([
      runCli(['reach', SHOP], { env }),
      runCli(['reach', SHOP, '-c', env.COMPOSURE_CONFIG]),
      runCli(['reach', SHOP, '-c', join(FIXTURES, 'reach/empty.yaml')], { env }),
    ]);
    expect([viaEnv.code, viaEnv.stderr]).toEqual([0, '']);
    expect(viaEnv.stdout).toContain(`\nPolicy violations\n${direct}`);
    expect(viaFlag.stdout).toBe(viaEnv.stdout);
    expect(both.stdout).not.toContain(direct);
    expect(both.stdout).toContain('\nPolicy violations\n  ✖ Service "proxy" reaches "db" through other services');
  });

  it('rejects unknown services and half a question with exit 2', async () => {
    const typo = await runCli(['reach', SHOP, '--from', 'prxy', '--to', 'db']);
    expect([typo.code, typo.stdout, typo.stderr]).toEqual([
      2,
      '',
      'composure: no service "prxy" in project shop; did you mean "proxy"?\nRun composure --help for usage.\n',
    ]);
    const half = await runCli(['reach', SHOP, '--from', 'proxy']);
    expect([half.code, half.stderr]).toEqual([2, 'composure: give --from and --to together\nRun composure --help for usage.\n']);
    const same = await runCli(['reach', SHOP, '--from', 'api', '--to', 'api']);
    expect([same.code, same.stderr]).toEqual([2, 'composure: --from and --to name the same service\nRun composure --help for usage.\n']);
    const format = await runCli(['reach', SHOP, '--format', 'yaml']);
    expect([format.code, format.stderr]).toEqual([2, 'composure: unknown format "yaml" (choose text or json)\nRun composure --help for usage.\n']);
  });

  it('prints loading errors to standard error and exits 1', async () => {
    const result = await runCli(['reach', '-f', '-', '--stdin-filename', 'compose.yaml'], { input: 'services:\n  web: [\n' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('yaml-syntax');
  });
});
