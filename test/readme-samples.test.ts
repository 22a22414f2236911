/**
 * The README shows real output: each console sample of `composure lint`, `reach` and `graph`
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
    // `npm start` prints a blank line after each command's output.
    const started = block[1].startsWith('$ npm start');
    const parts = block[1].split(/^\$ /m).slice(1);
    for (const part of parts) {
      const newline = part.indexOf('\n');
      const output = part.slice(newline + 1);
      samples.push({ command: part.slice(0, newline), output: started ? output.replace(/\n\n$/, '\n') : output });
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

/** An output ending in `…` is abridged on purpose (the quick start), and so is the SARIF sample (its URIs are absolute). */
const samples = consoleSamples().filter((s) => /^composure (lint|reach|graph) /.test(s.command) && !s.output.endsWith('…\n') && !s.command.includes('sarif'));

describe('README samples', () => {
  it('has lint and reach samples to check', () => {
    expect(samples.map((s) => s.command)).toEqual([
      'composure lint examples/three-tier',
      'composure lint examples/three-tier --quiet',
      'composure lint examples/three-tier --format github --quiet',
      'composure lint examples/three-tier --format junit --quiet',
      'composure lint examples/three-tier --format checkstyle --quiet',
      'composure lint examples/three-tier --format codeclimate --quiet',
      'composure lint examples/three-tier --format compact --quiet',
      'composure lint examples/three-tier --fix-dry-run',
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
