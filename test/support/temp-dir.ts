/**
 * A temporary directory for one test file: made before its tests (after `check`, which asserts
 * what must be built), removed after them. Returns a function that gives its path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export function tempDirForFile(prefix: string, check?: () => void): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    check?.();
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error('the temporary directory exists only while the tests run');
    return dir;
  };
}
