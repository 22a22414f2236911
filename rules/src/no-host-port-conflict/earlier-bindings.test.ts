import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clash, EarlierBindings, type Binding } from './no-host-port-conflict.js';

const at: Binding['at'] = { kind: 'scalar', value: '8080:80' };
const hosts = [{ kind: 'all' }, { kind: 'v4-any' }, { kind: 'v6-any' }, { kind: 'v4', address: '127.0.0.1', written: '127.0.0.1' }] as const;

/** A binding of a few services, ports and ranges close together, so that clashes are common. */
const binding = fc
  .record({
    service: fc.constantFrom('a', 'b', 'c', 'd'),
    host: fc.constantFrom(...hosts),
    protocol: fc.constantFrom('tcp', 'udp'),
    low: fc.integer({ min: 8000, max: 8012 }),
    width: fc.constantFrom(0, 0, 0, 1, 3, 40),
  })
  .map(({ width, ...b }): Binding => ({ ...b, host: { ...b.host }, high: b.low + width, range: width > 0, at }));

describe('EarlierBindings', () => {
  it('gives every earlier binding a later one clashes with, in the order added (as a scan of all of them would)', () => {
    fc.assert(
      fc.property(fc.array(binding, { maxLength: 30 }), binding, (earlier, later) => {
        const index = new EarlierBindings();
        for (const b of earlier) index.add(b);
        const clashing = (list: Binding[]) => list.filter((other) => clash(later, other) !== undefined);
        expect(clashing(index.candidates(later))).toEqual(clashing(earlier));
      }),
      { numRuns: 2000 },
    );
  });
});
