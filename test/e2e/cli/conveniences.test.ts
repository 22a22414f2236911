/**
 * The hadolint/ESLint-style conveniences, through the built CLI: `explain`, `init`
 * (a baseline that makes today's project lint clean), quoted glob PATHs.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../support/run-cli.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'composure-conveniences-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('composure explain', () => {
  it("prints a rule's doc page, as written", async () => {
    const result = await runCli(['explain', 'reachability-policy']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'rules/src/reachability-policy/reachability-policy.md'), 'utf8'));
  });

  it('suggests the closest rule id for a typo (exit 2)', async () => {
    const result = await runCli(['explain', 'no-link']);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      2,
      '',
      'composure: no rule "no-link"; did you mean "no-links"? (composure rules lists them)\nRun composure --help for usage.\n',
    ]);
  });
});

describe('composure init', () => {
  it('writes a baseline that makes the project lint clean, and refuses to overwrite it', async () => {
    const project = join(tmp, 'three-tier');
    cpSync(join(ROOT, 'examples/three-tier'), project, { recursive: true });
    const before = await runCli(['lint', '--format', 'json'], { cwd: project });
    expect(before.code).toBe(1);

    const init = await runCli(['init'], { cwd: project });
    expect([init.code, init.stdout]).toEqual([0, 'Wrote .composure.yaml: 14 findings accepted as a baseline (3 rules off, 10 exclusions).\n']);
    const config = readFileSync(join(project, '.composure.yaml'), 'utf8');
    const date = new Date().toISOString().slice(0, 10);
    expect(config).toContain(
      `rules:\n  no-unused-network: off   # 1 finding\n  no-version-field: off   # 1 finding\n  require-internal-network: off   # 1 finding\nexclude:\n`,
    );
    expect(config).toContain(`  - { rule: require-image-tag, service: "api", reason: "baseline of ${date}" }   # 1 finding\n`);
    expect(config).toContain(`  - { rule: no-unbound-port-interfaces, service: "proxy", reason: "baseline of ${date}" }   # 2 findings\n`);

    const after = await runCli(['lint'], { cwd: project });
    expect([after.code, after.stdout, after.stderr]).toEqual([0, '', '']);
    // A new problem is reported again.
    writeFileSync(join(project, 'compose.override.yaml'), 'services:\n  extra:\n    image: busybox:latest\n');
    const regression = await runCli(['lint', '--format', 'json'], { cwd: project });
    expect(regression.code).toBe(0);
    const messages = (JSON.parse(regression.stdout) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages.map((m) => m.ruleId));
    expect(messages).toContain('require-image-tag');

    const again = await runCli(['init'], { cwd: project });
    expect([again.code, again.stderr]).toEqual([
      2,
      'composure: .composure.yaml already exists (use --force to overwrite it)\nRun composure --help for usage.\n',
    ]);
  });

  it('never baselines a broken file', async () => {
    const project = join(tmp, 'broken');
    cpSync(join(ROOT, 'examples/three-tier'), project, { recursive: true });
    writeFileSync(join(project, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    ports: 80\n');
    const init = await runCli(['init'], { cwd: project });
    expect(init.code).toBe(0);
    expect(init.stdout).toBe(
      'Wrote .composure.yaml: 1 finding accepted as a baseline (0 rules off, 1 exclusion).\n1 YAML, schema or interpolation finding is not baselined: run composure lint and fix it.\n',
    );
  });
});

describe('quoted glob PATHs', () => {
  it('lints every match as its own project, and says when nothing matches', async () => {
    const result = await runCli(['lint', 'examples/*/compose.yaml', '--format', 'json'], { cwd: ROOT });
    const files = (JSON.parse(result.stdout) as { filePath: string }[]).map((f) => f.filePath.slice(ROOT.length + 1));
    expect(files).toEqual(['examples/ha-web-app/compose.yaml', 'examples/microservices/compose.yaml', 'examples/three-tier/compose.yaml']);
    const none = await runCli(['lint', 'examples/*/nothing.yaml'], { cwd: ROOT });
    expect([none.code, none.stderr]).toEqual([2, 'composure: no file or directory matches "examples/*/nothing.yaml"\nRun composure --help for usage.\n']);
  });
});
