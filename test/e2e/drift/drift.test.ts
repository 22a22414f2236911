/**
 * composure drift against a real Docker Engine (the engine suite's: vitest's `engine` project
 * starts it, test/README.md): a project brought up with Compose's labels
 * (test/fixtures/drift/up), then changed by hand and compared with its files as they are now
 * (test/fixtures/drift/now). Every kind of finding, exactly, in every output; and every request
 * composure sent, through a recording proxy, a GET to a read endpoint.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as byHand from '../../support/engine/by-hand.js';
import { downComposeFile, upComposeFile } from '../../support/engine/compose-file.js';
import { engineContext } from '../../support/engine/context.js';
import type { ProjectSpec } from '../../support/engine/model.js';
import { recordingProxy } from '../../support/engine/recording-proxy.js';
import { assertBuilt, expectNoStackTrace, FIXTURES, ROOT, runCli } from '../../support/run-cli.js';
import { READ_REQUEST } from './read-requests.js';

const UP = join(FIXTURES, 'drift/up/compose.yaml');
const NOW = join(FIXTURES, 'drift/now/compose.yaml');
const NOW_RELATIVE = 'test/fixtures/drift/now/compose.yaml';
/** The containers the tests make by hand (removed after, with the project). */
const BY_HAND = ['drift-kinds-intruder', 'drift-kinds-stray'];

const ctx = engineContext('composure drift (test/e2e/drift/drift.test.ts)');
const env = () => ({ DOCKER_HOST: ctx!.host });

/** The JSON report after the changes below: every kind, in the order every output gives. */
const FINDINGS = [
  {
    kind: 'missing-container',
    service: 'cron',
    message: 'service cron has no running container (drift-kinds-cron-1 exited with code 137)',
  },
  { kind: 'missing-container', service: 'worker', message: 'service worker has no container' },
  {
    kind: 'extra-container',
    service: 'old',
    message: 'container drift-kinds-old-1 belongs to service old, which the files do not declare',
  },
  {
    kind: 'extra-attachment',
    service: 'web',
    network: 'back',
    message: 'container drift-kinds-web-1 is connected to network back (drift-kinds_back), which the files do not attach service web to',
  },
  {
    kind: 'missing-attachment',
    service: 'api',
    network: 'front',
    message: 'container drift-kinds-api-1 is not connected to network front (drift-kinds_front), which the files attach service api to',
  },
  {
    kind: 'network-mismatch',
    network: 'back',
    message: 'network back (drift-kinds_back) has subnet 172.28.201.0/24 on the engine, 172.28.202.0/24 in the files',
  },
  { kind: 'network-mismatch', network: 'back', message: 'network back (drift-kinds_back) is internal in the files, not on the engine' },
  {
    kind: 'network-mismatch',
    network: 'front',
    message: 'network front (drift-kinds_front) has inter-container traffic (ICC) enabled on the engine, disabled in the files',
  },
  {
    kind: 'network-mismatch',
    network: 'legacy',
    message: 'network legacy (drift-kinds_legacy) belongs to the project, but the files do not declare it',
  },
  {
    kind: 'address-mismatch',
    service: 'api',
    network: 'back',
    message: 'container drift-kinds-api-1 answers to the alias backend on network back (drift-kinds_back), which the files do not give service api',
  },
  {
    kind: 'address-mismatch',
    service: 'api',
    network: 'back',
    message: 'container drift-kinds-api-1 lacks the alias api-backend on network back (drift-kinds_back), which the files give service api',
  },
  {
    kind: 'address-mismatch',
    service: 'db',
    network: 'back',
    message: 'container drift-kinds-db-1 has IPv4 address 172.28.201.10 on network back (drift-kinds_back); the files give service db 172.28.202.10',
  },
  {
    kind: 'port-mismatch',
    service: 'cache',
    message: 'container drift-kinds-cache-1 publishes 6379, which the files do not publish for service cache',
  },
  {
    kind: 'port-mismatch',
    service: 'web',
    message: 'container drift-kinds-web-1 publishes 39080:80; the files publish 39081:80 for service web',
  },
  {
    kind: 'foreign-container',
    network: 'back',
    message: 'container drift-kinds-stray, of no Compose project, is connected to network back (drift-kinds_back)',
  },
  {
    kind: 'foreign-container',
    network: 'front',
    message: 'container drift-kinds-intruder, of project drift-other (service intruder), is connected to network front (drift-kinds_front)',
  },
];

/** Where each finding stands in the files as they are now (line:column of the service, network or entry it is about), in file order. */
const PLACES = [
  ['1:1', 'extra-container', 'drift-kinds-old-1'],
  ['1:1', 'network-mismatch', 'legacy'],
  ['4:3', 'extra-attachment', 'web'],
  ['7:13', 'port-mismatch', 'web'],
  ['11:7', 'missing-attachment', 'api'],
  ['12:7', 'address-mismatch', 'alias backend'],
  ['12:7', 'address-mismatch', 'alias api-backend'],
  ['17:7', 'address-mismatch', 'db'],
  ['19:3', 'port-mismatch', 'cache'],
  ['22:3', 'missing-container', 'worker'],
  ['25:3', 'missing-container', 'cron'],
  ['29:3', 'foreign-container', 'intruder'],
  ['29:3', 'network-mismatch', 'ICC'],
  ['32:3', 'foreign-container', 'stray'],
  ['32:3', 'network-mismatch', 'subnet'],
  ['32:3', 'network-mismatch', 'internal'],
];

describe.skipIf(!ctx)('composure drift on a running project', () => {
  let project: ProjectSpec | undefined;

  beforeAll(async () => {
    assertBuilt();
    project = await upComposeFile(ctx!, UP);
  }, 120_000);

  afterAll(async () => {
    await byHand.removeAll(ctx!.api, BY_HAND);
    if (project) await downComposeFile(ctx!, project);
  }, 120_000);

  it('finds none right after the project is brought up from its files, and exits 0', async () => {
    const result = await runCli(['drift', UP], { env: env() });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`Project drift-kinds on ${ctx!.host}: no drift, it runs as its files say.\n`);
    expect(result.code).toBe(0);
    const json = await runCli(['drift', UP, '--format', 'json'], { env: env() });
    expect(JSON.parse(json.stdout)).toEqual({ project: 'drift-kinds', findings: [] });
    expect(json.code).toBe(0);
    // A clean JUnit report: one passing test case, named after the command that made it.
    const junit = await runCli(['drift', UP, '--format', 'junit'], { env: env() });
    expect(junit.stdout).toContain(
      '<testsuites name="composure" tests="1" failures="0" errors="0">\n  <testsuite name="test/fixtures/drift/up/compose.yaml" tests="1" failures="0" errors="0" skipped="0">\n    <testcase name="composure drift" classname="test/fixtures/drift/up/compose.yaml" file="test/fixtures/drift/up/compose.yaml"/>',
    );
  });

  describe('after the files changed and the project was changed by hand', () => {
    beforeAll(async () => {
      const { api } = ctx!;
      await byHand.connect(api, 'drift-kinds_back', 'drift-kinds-web-1');
      await byHand.disconnect(api, 'drift-kinds_front', 'drift-kinds-api-1');
      await byHand.removeForcibly(api, 'drift-kinds-worker-1');
      await byHand.kill(api, 'drift-kinds-cron-1');
      await byHand.run(ctx!, 'drift-kinds-intruder', 'drift-kinds_front', {
        'com.docker.compose.project': 'drift-other',
        'com.docker.compose.service': 'intruder',
      });
      await byHand.run(ctx!, 'drift-kinds-stray', 'drift-kinds_back');
    }, 60_000);

    it('--format json: every difference, with its kind, service and network, and exit 1', async () => {
      const result = await runCli(['drift', NOW, '--format', 'json'], { env: env() });
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({ project: 'drift-kinds', findings: FINDINGS });
      expect(result.code).toBe(1);
    });

    it('the text: a header naming the project and the engine, one line per difference, kinds aligned', async () => {
      const result = await runCli(['drift', NOW], { env: env() });
      expect(result.code).toBe(1);
      const width = Math.max(...FINDINGS.map((f) => f.kind.length));
      expect(result.stdout).toBe(
        [`Project drift-kinds on ${ctx!.host}: 16 differences from its files.`, '', ...FINDINGS.map((f) => `  ${f.kind.padEnd(width)}  ${f.message}`), ''].join(
          '\n',
        ),
      );
      // docs/cli.md shows it, on the default socket.
      expect(readFileSync(join(ROOT, 'docs/cli.md'), 'utf8')).toContain(`\n${result.stdout.replace(ctx!.host, 'unix:///var/run/docker.sock')}\`\`\`\n`);
    });

    it('--format compact: each finding at the place the files write what it is about, as drift/<kind>', async () => {
      const result = await runCli(['drift', NOW, '--format', 'compact'], { env: env() });
      expect(result.code).toBe(1);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(PLACES.length);
      lines.forEach((line, i) => {
        const [place, kind, about] = PLACES[i];
        expect(line.startsWith(`${NOW_RELATIVE}:${place}: error [drift/${kind}] `), line).toBe(true);
        expect(line).toContain(about);
      });
      expect(lines.map((line) => line.slice(line.indexOf('] ') + 2)).sort()).toEqual(FINDINGS.map((f) => f.message).sort());
    });

    it('--format sarif: drift/<kind> rules described, one error result per finding, located', async () => {
      const result = await runCli(['drift', NOW, '--format', 'sarif'], { env: env() });
      expect(result.code).toBe(1);
      const run = (JSON.parse(result.stdout) as { runs: SarifRun[] }).runs[0];
      const kinds = [...new Set(FINDINGS.map((f) => f.kind))].sort();
      expect(run.tool.driver.rules.map((r) => r.id)).toEqual(kinds.map((k) => `drift/${k}`));
      expect(run.tool.driver.rules.find((r) => r.id === 'drift/foreign-container')).toEqual({
        id: 'drift/foreign-container',
        name: 'drift/foreign-container',
        shortDescription: { text: "A container of another Compose project, or of none, is connected to one of the project's networks." },
        fullDescription: { text: "A container of another Compose project, or of none, is connected to one of the project's networks." },
        helpUri: 'https://github.com/composure-lint/composure/blob/main/docs/cli.md#composure-drift',
        help: {
          text: "A container of another Compose project, or of none, is connected to one of the project's networks.\n\nDocumentation: https://github.com/composure-lint/composure/blob/main/docs/cli.md#composure-drift",
        },
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['drift'] },
      });
      expect(
        run.results.map((r) => `${r.locations[0].physicalLocation.region.startLine}:${r.locations[0].physicalLocation.region.startColumn} ${r.ruleId}`),
      ).toEqual(PLACES.map(([place, kind]) => `${place} drift/${kind}`));
      expect(new Set(run.results.map((r) => r.level))).toEqual(new Set(['error']));
      expect(new Set(run.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))).toEqual(new Set([NOW_RELATIVE]));
    });

    it('--format github, junit, checkstyle, codeclimate: the same findings in each', async () => {
      const github = await runCli(['drift', NOW, '--format', 'github'], { env: env() });
      expect(github.stdout.trimEnd().split('\n')[0]).toBe(
        `::error file=${NOW_RELATIVE},line=1,col=1,endLine=1,endColumn=1,title=composure drift/extra-container::container drift-kinds-old-1 belongs to service old, which the files do not declare`,
      );
      expect(github.stdout.trimEnd().split('\n')).toHaveLength(16);
      const junit = await runCli(['drift', NOW, '--format', 'junit'], { env: env() });
      expect(junit.stdout).toContain('<testsuites name="composure" tests="16" failures="16" errors="0">');
      const checkstyle = await runCli(['drift', NOW, '--format', 'checkstyle'], { env: env() });
      expect(checkstyle.stdout.match(/source="composure\.drift\/[a-z-]+"/g)).toHaveLength(16);
      const codeclimate = await runCli(['drift', NOW, '--format', 'codeclimate'], { env: env() });
      expect((JSON.parse(codeclimate.stdout) as { check_name: string }[]).map((i) => i.check_name)).toEqual(PLACES.map(([, kind]) => `drift/${kind}`));
      for (const result of [github, junit, checkstyle, codeclimate]) expect(result.code).toBe(1);
    });

    it('sends only GET requests to read endpoints (a recording proxy on the socket)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'drift-proxy-'));
      const proxy = await recordingProxy(ctx!.host, dir);
      try {
        for (const format of ['text', 'json', 'sarif']) {
          const result = await runCli(['drift', NOW, '--format', format], { env: { DOCKER_HOST: proxy.host } });
          expectNoStackTrace(result);
          expect(result.code).toBe(1);
        }
        expect(proxy.requests.length).toBeGreaterThan(3 * 4);
        expect(proxy.requests.filter((r) => !READ_REQUEST.test(r))).toEqual([]);
        // It did read what drift compares: the list of containers, the networks, each container of the project and the foreign ones.
        for (const path of ['/containers/json?all=1', '/networks']) expect(proxy.requests.filter((r) => r.endsWith(path))).toHaveLength(3);
        expect(proxy.requests.filter((r) => /\/containers\/[0-9a-f]{64}\/json$/.test(r))).toHaveLength(3 * 8);
      } finally {
        await proxy.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

interface SarifRun {
  tool: { driver: { rules: { id: string }[] } };
  results: {
    ruleId: string;
    level: string;
    locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
  }[];
}
