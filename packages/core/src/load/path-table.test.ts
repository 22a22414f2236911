import { describe, expect, it } from 'vitest';
import { PathTable } from './path-table.js';

const walk = <T>(table: PathTable<T>, path: string[]) =>
  path.reduce((at, key) => at?.child(key), table.start() as ReturnType<PathTable<T>['start']> | undefined);

describe('PathTable', () => {
  const table = new PathTable([
    ['services.*.ports', 'ports'],
    ['services.web.ports', 'web ports'],
    ['services.*.ports.*', 'port'],
    ['networks.*', 'network'],
  ]);

  it('finds what the first listed pattern matching a path says, `*` matching any key or index', () => {
    expect(walk(table, ['services', 'api', 'ports'])?.value).toBe('ports');
    expect(walk(table, ['services', 'web', 'ports'])?.value).toBe('ports');
    expect(walk(table, ['services', 'web', 'ports', '0'])?.value).toBe('port');
    expect(walk(table, ['networks', 'edge'])?.value).toBe('network');
  });

  it('has nothing where only a longer pattern goes on, and no cursor where none does', () => {
    expect(walk(table, ['services', 'api'])?.value).toBeUndefined();
    expect(walk(table, ['services', 'api'])?.goesOn).toBe(true);
    expect(walk(table, ['networks', 'edge'])?.goesOn).toBe(false);
    expect(walk(table, ['services', 'api', 'image'])).toBeUndefined();
    expect(walk(table, ['volumes'])).toBeUndefined();
  });

  it('keeps the first of two identical patterns', () => {
    const twice = new PathTable([
      ['a.b', 1],
      ['a.b', 2],
    ]);
    expect(walk(twice, ['a', 'b'])?.value).toBe(1);
  });
});
