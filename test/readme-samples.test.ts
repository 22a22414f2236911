/**
 * The README shows real output: each console sample of `composure reach` and `composure graph`
 * in README.md is what the built CLI prints for that command on the examples today.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './support/run-cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Every ```console block's commands (`$ composure …`) with the output printed under each. */
function consoleSamples(): { command: string; output: string }[] {
  const samples: { command: string; output: string }[] = [];
  for (const block of README.matchAll(/```console\n([\s\S]*?)```/g)) {
    const parts = block[1].split(/^\$ /m).slice(1);
    for (const part of parts) {
      const newline = part.indexOf('\n');
      samples.push({ command: part.slice(0, newline), output: part.slice(newline + 1) });
    }
  }
  return samples;
}

/** The block after a line in the README (e.g. "prints:"), up to its closing fence. */
function blockAfter(marker: string): string {
  const start = README.indexOf(marker);
  expect(start, `README.md has no "${marker}"`).toBeGreaterThan(-1);
  const open = README.indexOf('```\n', start) + 4;
  return README.slice(open, README.indexOf('```', open));
}

/** An output ending in `…` is abridged on purpose (the quick start). */
const samples = consoleSamples().filter((s) => /^composure (reach|graph) /.test(s.command) && !s.output.endsWith('…\n'));

describe('README samples', () => {
  it('has reach samples to check', () => {
    expect(samples.map((s) => s.command)).toEqual([
      'composure reach examples/microservices',
      'composure reach examples/microservices --from proxy --to postgres',
      'composure reach examples/microservices --from web --to users --format json',
    ]);
  });

  for (const { command, output } of samples) {
    it(command, async () => {
      const result = await runCli(command.split(' ').slice(1), { cwd: ROOT });
      expect(result.stdout).toBe(output);
    });
  }

  it('composure graph examples/three-tier (the mermaid sample, printed and rendered)', async () => {
    const result = await runCli(['graph', 'examples/three-tier'], { cwd: ROOT });
    expect(result.stdout).toBe(blockAfter('`composure graph examples/three-tier` prints:'));
    const rendered = README.indexOf('```mermaid\n', README.indexOf('which GitHub renders as:'));
    expect(README.slice(rendered + '```mermaid\n'.length, README.indexOf('```', rendered + 4))).toBe(result.stdout);
  });
});
