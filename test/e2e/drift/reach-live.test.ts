/**
 * composure reach --live against a real Docker Engine (the engine suite's: vitest's `engine`
 * project starts it): the reach view of what runs, which is not what the files say once the
 * project was changed by hand (a network connected, a container of another project on one of its
 * networks). Read-only, proved through a recording proxy.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_STABLE_ENGINE, parseEngineVersion } from '@composure/core';
import * as byHand from '../../support/engine/by-hand.js';
import { downComposeFile, upComposeFile } from '../../support/engine/compose-file.js';
import { engineContext } from '../../support/engine/context.js';
import type { ProjectSpec } from '../../support/engine/model.js';
import { recordingProxy } from '../../support/engine/recording-proxy.js';
import { assertBuilt, expectNoStackTrace, FIXTURES, ROOT, runCli } from '../../support/run-cli.js';
import { READ_REQUEST } from './read-requests.js';

const LIVE = join(FIXTURES, 'drift/live/compose.yaml');
/** The container the tests make by hand (removed after, with the project). */
const INTRUDER = 'drift-live-intruder';

const ctx = engineContext('composure reach --live (test/e2e/drift/reach-live.test.ts)');
/**
 * The views are asked at the current stable engine, so that they (and docs/cli.md's sample) read
 * the same whatever engine the test runs on; that --live otherwise follows the engine's own
 * version is tested apart.
 */
const env = () => ({ DOCKER_HOST: ctx!.host, COMPOSURE_ENGINE_VERSION: CURRENT_STABLE_ENGINE });

describe.skipIf(!ctx)('composure reach --live', () => {
  let project: ProjectSpec | undefined;
  let empty: string;

  beforeAll(async () => {
    assertBuilt();
    project = await upComposeFile(ctx!, LIVE);
    await byHand.connect(ctx!.api, 'drift-live_back', 'drift-live-proxy-1');
    await byHand.run(ctx!, INTRUDER, 'drift-live_back', { 'com.docker.compose.project': 'drift-live-other', 'com.docker.compose.service': 'intruder' });
    empty = mkdtempSync(join(tmpdir(), 'drift-live-'));
  }, 120_000);

  afterAll(async () => {
    await byHand.removeAll(ctx!.api, [INTRUDER]);
    if (project) await downComposeFile(ctx!, project);
    if (empty) rmSync(empty, { recursive: true, force: true });
  }, 120_000);

  it('--format json: the networks and attachments the engine has, other projects’ containers included', async () => {
    const result = await runCli(['reach', '--live', LIVE, '--format', 'json'], { env: env() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      project: 'drift-live',
      services: ['api', 'db', 'drift-live-intruder', 'proxy'],
      networks: [
        { name: 'back', internal: true, driver: 'bridge', members: ['api', 'db', 'drift-live-intruder', 'proxy'] },
        { name: 'front', internal: false, driver: 'bridge', members: ['api', 'proxy'] },
      ],
      reach: [
        { from: 'api', to: 'db', via: ['back'] },
        { from: 'api', to: 'drift-live-intruder', via: ['back'] },
        { from: 'api', to: 'proxy', via: ['back', 'front'] },
        { from: 'db', to: 'api', via: ['back'] },
        { from: 'db', to: 'drift-live-intruder', via: ['back'] },
        { from: 'db', to: 'proxy', via: ['back'] },
        { from: 'drift-live-intruder', to: 'api', via: ['back'] },
        { from: 'drift-live-intruder', to: 'db', via: ['back'] },
        { from: 'drift-live-intruder', to: 'proxy', via: ['back'] },
        { from: 'proxy', to: 'api', via: ['back', 'front'] },
        { from: 'proxy', to: 'db', via: ['back'] },
        { from: 'proxy', to: 'drift-live-intruder', via: ['back'] },
      ],
      ingress: [{ service: 'proxy', hostIp: '127.0.0.1', published: '39180', target: 80, protocol: 'tcp', addresses: ['127.0.0.1'], loopback: true }],
      egress: ['api', 'proxy'],
      engine: CURRENT_STABLE_ENGINE,
      // What services mean to reach is read from compose files and mounted configs, not from what runs.
      intents: [],
    });
  });

  it('differs from the files’ view where the project was changed by hand', async () => {
    const files = await runCli(['reach', LIVE, '--from', 'proxy', '--to', 'db', '--format', 'json'], { env: env() });
    expect(JSON.parse(files.stdout)).toEqual({ from: 'proxy', to: 'db', direct: false, via: [], path: ['proxy', 'front', 'api', 'back', 'db'] });
    const live = await runCli(['reach', '--live', LIVE, '--from', 'proxy', '--to', 'db', '--format', 'json'], { env: env() });
    expect(JSON.parse(live.stdout)).toEqual({ from: 'proxy', to: 'db', direct: true, via: ['back'], path: ['proxy', 'back', 'db'] });
  });

  it('the text view, as reach prints it', async () => {
    const result = await runCli(['reach', '--live', LIVE], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Project drift-live: 4 services, 2 networks',
        '',
        'Networks',
        '  back   bridge  internal  api, db, drift-live-intruder, proxy',
        '  front  bridge            api, proxy',
        '',
        'Direct reach (row reaches column; ● yes, · no)',
        '                          1  2  3  4',
        '  1 api                   -  ●  ●  ●',
        '  2 db                    ●  -  ●  ●',
        '  3 drift-live-intruder   ●  ●  -  ●',
        '  4 proxy                 ●  ●  ●  -',
        '',
        '  api                 → db (back), drift-live-intruder (back), proxy (back, front)',
        '  db                  → api (back), drift-live-intruder (back), proxy (back)',
        '  drift-live-intruder → api (back), db (back), proxy (back)',
        '  proxy               → api (back, front), db (back), drift-live-intruder (back)',
        '',
        'Ingress (published ports Docker binds)',
        '  proxy  127.0.0.1:39180 → 80/tcp  this machine only',
        '',
        'Egress (can open connections outside the project)',
        '  api, proxy',
        '  no egress: db, drift-live-intruder',
        '',
      ].join('\n'),
    );
  });

  it('docs/cli.md shows that view', async () => {
    const result = await runCli(['reach', '--live', '-p', 'drift-live'], { env: env(), cwd: empty });
    expect(readFileSync(join(ROOT, 'docs/cli.md'), 'utf8')).toContain(`\n$ composure reach --live -p drift-live\n${result.stdout}\`\`\`\n`);
  });

  it('-p alone names the project: no compose file needed', async () => {
    const byName = await runCli(['reach', '--live', '-p', 'drift-live', '--format', 'json'], { env: env(), cwd: empty });
    const byFiles = await runCli(['reach', '--live', LIVE, '--format', 'json'], { env: env() });
    expect(byName.stderr).toBe('');
    expect(byName.code).toBe(0);
    expect(byName.stdout).toBe(byFiles.stdout);
  });

  it('a project with nothing running: no services, no networks', async () => {
    const result = await runCli(['reach', '--live', '-p', 'drift-live-nothing', '--format', 'json'], { env: env(), cwd: empty });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      project: 'drift-live-nothing',
      services: [],
      networks: [],
      reach: [],
      ingress: [],
      egress: [],
      engine: CURRENT_STABLE_ENGINE,
      intents: [],
    });
  });

  it("judges what runs at the engine's own version, unless --engine-version names another", async () => {
    const judged = async (...args: string[]) => {
      const result = await runCli(['reach', '--live', LIVE, '--format', 'json', ...args], { env: { DOCKER_HOST: ctx!.host } });
      expect(result.stderr).toBe('');
      const { engine, ingress } = JSON.parse(result.stdout) as { engine: string; ingress: { loopback: boolean }[] };
      return { engine, loopback: ingress.map((p) => p.loopback) };
    };
    expect((await judged()).engine).toBe(parseEngineVersion(ctx!.version)!.text);
    // Before Engine 28, hosts on the same L2 segment reach a port published to 127.0.0.1.
    expect(await judged('--engine-version', '27.5')).toEqual({ engine: '27.5.0', loopback: [false] });
  });

  it('sends only GET requests to read endpoints (a recording proxy on the socket)', async () => {
    const dir = join(empty, 'proxy');
    mkdirSync(dir);
    const proxy = await recordingProxy(ctx!.host, dir);
    try {
      const result = await runCli(['reach', '--live', LIVE], { env: { DOCKER_HOST: proxy.host } });
      expectNoStackTrace(result);
      expect(result.code).toBe(0);
      expect(proxy.requests.filter((r) => !READ_REQUEST.test(r))).toEqual([]);
      expect(proxy.requests.filter((r) => /\/containers\/[0-9a-f]{64}\/json$/.test(r))).toHaveLength(4);
    } finally {
      await proxy.close();
    }
  });
});
