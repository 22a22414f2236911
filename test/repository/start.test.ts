/**
 * `npm start` (scripts/start.mjs), the README's first command after the install: it runs
 * the CLI on the three examples (their intents shown), the HA web app's NGINX variant and
 * `suggest`, and writes their diagrams; when the CLI is not built it
 * says so in one line and fails, instead of printing stack traces and exiting 0.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';
import { tempDirForFile } from '../support/temp-dir.js';

const start = (cwd: string, script = join(ROOT, 'scripts/start.mjs')) =>
  spawnSync(process.execPath, [script], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 120_000 });

describe('npm start', () => {
  const temp = tempDirForFile('composure-start-');

  it('lints, reaches and draws each example, and exits 0', () => {
    const result = start(ROOT);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const commands = result.stdout.split('\n').filter((line) => line.startsWith('$ ') || line.startsWith('Diagram: '));
    expect(commands).toEqual(
      ['three-tier', 'microservices', 'ha-web-app']
        .flatMap((example) => [
          `$ composure lint examples/${example}`,
          `$ composure reach examples/${example}`,
          `Diagram: out/${example}/topology.html (and topology.svg)`,
        ])
        .concat(['$ composure reach -f examples/ha-web-app/compose.yaml -f examples/ha-web-app/compose.nginx.yaml', '$ composure suggest examples/three-tier']),
    );
    // The intents are shown: HAProxy's and NGINX's upstreams, and the policy suggest builds from them.
    expect(result.stdout).toContain('web1:8000 (haproxy haproxy.cfg:39)');
    expect(result.stdout).toContain('web1:8000 (nginx nginx.conf:12)');
    expect(result.stdout).toContain('      - { from: api, to: db }  # env: compose.yaml:23\n');
    expect(readFileSync(join(ROOT, 'out/microservices/topology.svg'), 'utf8')).toMatch(/^<\?xml[^]*<svg[^]*<\/svg>\s*$/);
    expect(readFileSync(join(ROOT, 'out/microservices/topology.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  });

  it('fails with one line when the CLI is not built', () => {
    // The script in a tree of its own, where packages/cli/dist does not exist.
    mkdirSync(join(temp(), 'scripts'));
    copyFileSync(join(ROOT, 'scripts/start.mjs'), join(temp(), 'scripts/start.mjs'));
    const result = start(temp(), join(temp(), 'scripts/start.mjs'));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('npm start: packages/cli/dist/composure.js is missing: run `npm ci` (or `npm run build`) first.\n');
  });
});
