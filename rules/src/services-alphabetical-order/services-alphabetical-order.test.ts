import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryHost, nodeHost, type AnyRule } from '@composure/core';
import { noQuotesInVolumes } from '../no-quotes-in-volumes/no-quotes-in-volumes.js';
import { requireQuotesInPorts } from '../require-quotes-in-ports/require-quotes-in-ports.js';
import { serviceDependenciesAlphabeticalOrder } from '../service-dependencies-alphabetical-order/service-dependencies-alphabetical-order.js';
import { serviceKeysOrder } from '../service-keys-order/service-keys-order.js';
import { servicePortsAlphabeticalOrder } from '../service-ports-alphabetical-order/service-ports-alphabetical-order.js';
import { runFixtures } from '../testing/run-fixtures.js';
import { ruleSession, valueOf } from '../testing/session.js';
import { topLevelPropertiesOrder } from '../top-level-properties-order/top-level-properties-order.js';
import { servicesAlphabeticalOrder } from './services-alphabetical-order.js';

runFixtures(servicesAlphabeticalOrder, import.meta.url);

describe('the style rules fixed together', () => {
  const style: AnyRule[] = [
    servicesAlphabeticalOrder,
    serviceKeysOrder,
    serviceDependenciesAlphabeticalOrder,
    servicePortsAlphabeticalOrder,
    topLevelPropertiesOrder,
    requireQuotesInPorts,
    noQuotesInVolumes,
  ];
  const ids = new Set(style.map((r) => r.meta.id));
  const dir = fileURLToPath(new URL('./fixtures/all-style/', import.meta.url));
  const file = `${dir}compose.yaml`;
  const fix = (texts: Record<string, string> = {}) =>
    valueOf(ruleSession(style, { cwd: dir, host: memoryHost(texts, nodeHost) }).fix({ kind: 'files', files: [file] }, { rules: (id) => ids.has(id) }));

  it('turn a file full of comments, anchors, flow and block styles into the expected file, which lints clean', () => {
    const result = fix();
    expect(result.changes.map((c) => c.fixed)).toEqual([readFileSync(`${dir}expected.yaml`, 'utf8')]);
    expect(result.findings.filter((f) => ids.has(f.ruleId) || f.ruleId === 'yaml-syntax' || f.ruleId === 'compose-schema')).toEqual([]);
  });

  it('change nothing in the fixed file', () => {
    const fixed = fix().changes[0].fixed;
    expect(fix({ [file]: fixed }).changes).toEqual([]);
  });
});
