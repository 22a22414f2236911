/**
 * docs/engine-versions.md's table is ENGINE_DIFFERENCES (packages/core's engine-behaviour.ts),
 * row for row: a behaviour added to the code is documented, with its links.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_DIFFERENCES } from '@composure/core';
import { ROOT } from '../support/run-cli.js';

const PAGE = readFileSync(join(ROOT, 'docs/engine-versions.md'), 'utf8');
const tableRows = PAGE.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| behaviour |'));

describe('docs/engine-versions.md', () => {
  it('has one row per ENGINE_DIFFERENCES entry, in its order', () => {
    const rows = ENGINE_DIFFERENCES.map(
      (d) => `| ${d.behaviour} | ${d.before} | ${d.since} | ${d.after} | ${d.docs.map((link) => `[${link.title}](${link.url})`).join(', ')} |`,
    );
    expect(tableRows).toEqual(rows);
  });
});
