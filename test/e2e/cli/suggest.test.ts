import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runCli } from '../../support/run-cli.js';
import { tempDirForFile } from '../../support/temp-dir.js';

const SHOP = join(FIXTURES, 'suggest/shop');

describe('composure suggest', () => {
  const temp = tempDirForFile('composure-suggest-');

  it('prints the zero-trust policy from the intents and the network split as a diff, writing nothing', async () => {
    const before = readFileSync(join(SHOP, 'compose.yaml'), 'utf8');
    const result = await runCli(['suggest', 'test/fixtures/suggest/shop']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`# Zero-trust policy for .composure.yaml (or x-composure: in the compose file), from 5 intents:

# Zero trust from what the services mean to reach (composure suggest): every direct
# reach must be allowed; an entry allows the pair both ways, as Docker networks do.
policies:
  - default: deny
    reason: only what the configuration says a service reaches
    allow:
      - { from: storefront, to: api }  # env: compose.yaml:11
      - { from: api, to: db }  # env: compose.yaml:15
      - { from: api, to: cache }  # env: compose.yaml:16
      - { from: worker, to: cache }  # env: compose.yaml:25

# Network split: 4 services change networks, 2 networks added: "db-clients" (internal), "cache-clients" (internal). composure suggest --write applies it.
# note: The datastore "db" keeps no network with egress: it can no longer open connections outside the project.
# note: The datastore "cache" keeps no network with egress: it can no longer open connections outside the project.

--- a/test/fixtures/suggest/shop/compose.yaml
+++ b/test/fixtures/suggest/shop/compose.yaml
@@ -15,11 +15,27 @@
       DATABASE_URL: postgres://app@db:5432/app
       CACHE_HOST: cache
     depends_on: [db]
+    networks:
+      - default
+      - db-clients
+      - cache-clients
   db:
     image: postgres:17   # data: keep it away from the storefront
+    networks:
+      - db-clients
   cache:
     image: redis:7.4
+    networks:
+      - cache-clients
   worker:
     image: registry.example.com/shop/worker:1.0.0
     environment:
       REDIS_URL: redis://cache:6379/1
+    networks:
+      - default
+      - cache-clients
+networks:
+  db-clients:
+    internal: true
+  cache-clients:
+    internal: true

# After the split: 5 intents, every one reachable; no datastore reached without an intent.
`);
    expect(readFileSync(join(SHOP, 'compose.yaml'), 'utf8')).toBe(before);
  });

  it('applies the split with --write, and a second run has nothing left to change', async () => {
    const dir = join(temp(), 'shop');
    cpSync(SHOP, dir, { recursive: true });
    const written = await runCli(['suggest', dir, '--write'], { cwd: temp() });
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('# wrote shop/compose.yaml\n');
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toContain(
      '    image: postgres:17   # data: keep it away from the storefront\n    networks:\n      - db-clients\n',
    );
    const again = await runCli(['suggest', dir], { cwd: temp() });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('# Network split: none needed: every intent has a shared network and no datastore is reached without one.\n');
    expect(again.stdout).not.toContain('+++');
  });

  it('proposes a policy the configuration accepts: after the split it reports only the reach between services no intent explains', async () => {
    const dir = join(temp(), 'shop-policy');
    cpSync(SHOP, dir, { recursive: true });
    const proposed = await runCli(['suggest', dir]);
    const policy = proposed.stdout.slice(proposed.stdout.indexOf('policies:'), proposed.stdout.indexOf('\n\n# Network split'));
    writeFileSync(join(dir, '.composure.yaml'), policy + '\n');
    expect((await runCli(['suggest', dir, '--write'])).code).toBe(0);
    const lint = await runCli(['lint', dir, '--format', 'json']);
    expect(lint.stderr).toBe('');
    const messages = (JSON.parse(lint.stdout) as { messages: Finding[] }[]).flatMap((f) => f.messages).filter((m) => m.ruleId === 'reachability-policy');
    expect(messages.map((m) => m.message)).toEqual([
      'Service "storefront" reaches "worker" over network "default", and no allow entry of the zero-trust policy permits it. Reason: only what the configuration says a service reaches',
      'Service "api" reaches "worker" over network "cache-clients" and network "default", and no allow entry of the zero-trust policy permits it. Reason: only what the configuration says a service reaches',
    ]);
  });

  it('refuses to write standard input', async () => {
    const result = await runCli(['suggest', '-', '--write'], { input: 'services: {}\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('composure: --write cannot write standard input\nRun composure --help for usage.\n');
  });
});

interface Finding {
  ruleId: string;
  severity: number;
  message: string;
}

/** Every finding of a lint run (json format), as `ruleId: message`, with the no-unneeded-reach rule on. */
async function lintFindings(dir: string): Promise<{ unneeded: string[]; errors: string[] }> {
  const result = await runCli(['lint', dir, '--format', 'json', '--rule', 'no-unneeded-reach=warning']);
  const files = JSON.parse(result.stdout) as { messages: Finding[] }[];
  const messages = files.flatMap((f) => f.messages);
  return {
    unneeded: messages.filter((m) => m.ruleId === 'no-unneeded-reach').map((m) => m.message),
    errors: messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`),
  };
}

interface ReachJson {
  reach: { from: string; to: string }[];
  intents: { from: string; to: string; source: string }[];
}

async function reachJson(dir: string): Promise<ReachJson> {
  const result = await runCli(['reach', dir, '--format', 'json']);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as ReachJson;
}

/**
 * The round trip on the examples and on corpus projects with databases: after `suggest --write`,
 * `reach` finds every intent reachable (the same intents as before), `lint` no unneeded datastore
 * reach and no error the project did not have.
 */
describe('composure suggest --write, then lint and reach', () => {
  const temp = tempDirForFile('composure-suggest-round-trip-');
  const PROJECTS = [
    'examples/three-tier',
    'examples/microservices',
    'examples/ha-web-app',
    'test/corpus/composure/app-platform',
    'test/corpus/composure/mail-stack',
    'test/corpus/netbox-community__netbox-docker',
    'test/corpus/awesome-compose/nginx-golang-mysql',
    'test/corpus/awesome-compose/nginx-flask-mongo',
    'test/corpus/awesome-compose/wasmedge-kafka-mysql',
    'test/corpus/awesome-compose/nginx-aspnet-mysql',
    'test/corpus/awesome-compose/postgresql-pgadmin',
  ];

  for (const project of PROJECTS) {
    it(`${project}: every intent reachable, no datastore reached without one`, async () => {
      const dir = join(temp(), project.replace(/\//g, '_'));
      cpSync(join(ROOT, project), dir, { recursive: true });
      const before = await reachJson(dir);
      const lintBefore = await lintFindings(dir);
      expect(lintBefore.unneeded.length).toBeGreaterThan(0);

      const written = await runCli(['suggest', dir, '--write']);
      expect(written.stderr).toBe('');
      expect(written.code).toBe(0);
      expect(written.stdout).toMatch(/# After the split: \d+ intents?, every one reachable; no datastore reached without an intent\.\n$/);

      const after = await reachJson(dir);
      // The same intents (the lines below an edit move).
      const withoutLine = (r: ReachJson) => r.intents.map((i) => ({ ...i, line: undefined }));
      expect(withoutLine(after)).toEqual(withoutLine(before));
      const reached = new Set(after.reach.map((r) => `${r.from} → ${r.to}`));
      expect(after.intents.map((i) => `${i.from} → ${i.to}`).filter((pair) => !reached.has(pair))).toEqual([]);
      const lintAfter = await lintFindings(dir);
      expect(lintAfter.unneeded).toEqual([]);
      expect(lintAfter.errors.filter((e) => !lintBefore.errors.includes(e))).toEqual([]);
    });
  }
});
