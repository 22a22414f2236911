import { describe, expect, it } from 'vitest';
import type { DiffReport } from './compare.js';
import { formatDiffMarkdown, MAX_CHART_EDGES, MAX_LISTED } from './markdown.js';

const empty = (): DiffReport => ({
  base: 'main',
  head: 'work tree',
  reach: { added: [], removed: [] },
  paths: { added: [], removed: [] },
  ingress: { added: [], removed: [] },
  egress: { added: [], removed: [] },
  violations: { added: [], removed: [] },
  networks: { changed: [] },
});

describe('formatDiffMarkdown', () => {
  it('says when nothing changed', () => {
    expect(formatDiffMarkdown({ report: empty(), datastores: { base: new Set(), head: new Set() }, failing: [] })).toBe(
      '### composure diff: `main` → `work tree`\n\nNo change to reach, paths to datastores, ingress, egress, policy violations or networks.\n',
    );
  });

  it('cuts long lists and the chart, saying how many more there are', () => {
    const report = empty();
    // One way only, so that none folds into a two-way edge: 70 edges, 70 lines.
    report.reach.added = Array.from({ length: 70 }, (_, i) => ({ from: `s${String(i).padStart(2, '0')}`, to: 'hub', via: ['net'] }));
    const text = formatDiffMarkdown({ report, datastores: { base: new Set(), head: new Set() }, failing: [{ kind: 'reach', count: 70 }] });
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('- ➕ '))).toHaveLength(MAX_LISTED);
    expect(lines).toContain(`- … and ${70 - MAX_LISTED} more (the json format lists them all)`);
    expect(lines.filter((l) => / --> svc_hub$/.test(l) || /-->\|"net"\| svc_hub$/.test(l))).toHaveLength(MAX_CHART_EDGES);
    expect(lines).toContain(`The chart shows ${MAX_CHART_EDGES} of 70 changed edges.`);
    expect(lines).toContain('❌ **Fails on** `reach` (70): a new direct reach between two services.');
  });

  it('keeps names from breaking out of code spans and messages from making markup', () => {
    const report = empty();
    report.egress.added = ['we`b'];
    report.violations.added = [{ kind: 'direct', from: 'a', to: 'b', path: ['a', 'n', 'b'], message: 'Service "a" reaches *b* | <x>' }];
    const text = formatDiffMarkdown({ report, datastores: { base: new Set(), head: new Set() }, failing: [] });
    expect(text).toContain("- ➕ `we'b` can open connections outside the project\n");
    expect(text).toContain('- ➕ Service "a" reaches \\*b\\* \\| \\<x\\>\n');
  });
});
