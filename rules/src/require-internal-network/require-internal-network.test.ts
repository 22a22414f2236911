import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixCase, runFixtures } from '../testing/run-fixtures.js';
import { requireInternalNetwork } from './require-internal-network.js';

runFixtures(requireInternalNetwork, import.meta.url);

const invalid = (name: string) => join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'invalid', name);

describe('require-internal-network fix', () => {
  it('edits an anchored declaration no alias copies, never one reached through an alias', () => {
    const fixed = fixCase(requireInternalNetwork, invalid('anchored.yaml'));
    expect(fixed.changed['anchored.yaml']).toContain(
      '  sessions: *private       # an alias: adding a key would edit x-private\n  ledger: &ledger\n    driver: bridge         # anchored, and no alias uses it: fixable\n    internal: true\n',
    );
    expect(fixed.changed['anchored.yaml']).toContain('x-private: &private\n  driver: bridge\nservices:');
    expect(fixed.findings.map((f) => f.message.slice(0, 18))).toEqual(['Network "sessions"']);
  });

  it.each(['internal-from-variable.yaml', 'internal-false-in-override'])('offers no fix where `internal` is set elsewhere or by a variable: %s', (name) => {
    const fixed = fixCase(requireInternalNetwork, invalid(name));
    expect(fixed.changed).toEqual({});
    expect(fixed.findings).toHaveLength(1);
  });
});
