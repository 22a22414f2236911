import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import {
  COMPOSE_FILE_PATTERN,
  CONFIG_FILE_PATTERN,
  PROXY_CONFIG_PATTERNS,
  documentSelector,
  filePatterns,
  samePatterns,
  watchedFilePatterns,
} from './selectors.js';

/** Whether a document filter pattern selects a path (VS Code matches it against the whole path, with braces). */
const selects = (pattern: string, path: string) => picomatch(pattern, { dot: true })(path);

describe('documentSelector', () => {
  it('selects compose files by name, .composure.yaml and proxy configs by name, on disk only', () => {
    expect(documentSelector()).toEqual([
      { scheme: 'file', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
      { scheme: 'file', pattern: '**/.composure.{yml,yaml}' },
      { scheme: 'file', pattern: '**/nginx*.conf' },
      { scheme: 'file', pattern: '**/haproxy*.cfg' },
      { scheme: 'file', pattern: '**/Caddyfile' },
      { scheme: 'file', pattern: '**/prometheus*.{yml,yaml}' },
    ]);
  });

  it('adds one filter per composure.files pattern, between the two', () => {
    expect(documentSelector(['**/deploy/*.yml', '/srv/stack.yaml'])).toEqual([
      { scheme: 'file', pattern: COMPOSE_FILE_PATTERN },
      { scheme: 'file', pattern: '**/deploy/*.yml' },
      { scheme: 'file', pattern: '/srv/stack.yaml' },
      { scheme: 'file', pattern: CONFIG_FILE_PATTERN },
      ...PROXY_CONFIG_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    ]);
  });

  it('lists a pattern once', () => {
    expect(documentSelector([COMPOSE_FILE_PATTERN])).toHaveLength(2 + PROXY_CONFIG_PATTERNS.length);
  });

  it.each([
    ['/p/compose.yaml', true],
    ['/p/compose.yml', true],
    ['/p/compose.override.yaml', true],
    ['/p/sub/docker-compose.yml', true],
    ['/p/docker-compose.prod.yaml', true],
    ['/p/.composure.yaml', true],
    ['/p/.composure.yml', true],
    ['/p/proxy/nginx.conf', true],
    ['/p/haproxy.cfg', true],
    ['/p/Caddyfile', true],
    ['/p/prometheus/prometheus.yml', true],
    ['/p/stack.yml', false],
    ['/p/compose.json', false],
    ['/p/.github/workflows/ci.yml', false],
  ])('%s is selected: %s', (path, expected) => {
    expect(documentSelector().some((filter) => selects(filter.pattern, path))).toBe(expected);
  });
});

describe('filePatterns (the composure.files setting)', () => {
  it('keeps strings, trimmed, once, and makes a relative pattern match in any folder', () => {
    expect(filePatterns(['deploy/*.yml', ' ./stack.yaml ', '', 42, null, 'deploy/*.yml'])).toEqual(['**/deploy/*.yml', '**/stack.yaml']);
  });

  it('leaves absolute and ** patterns as they are, with forward slashes', () => {
    expect(filePatterns(['/srv/app/stack.yml', '**/*.compose.yml', 'C:\\app\\stack.yml'])).toEqual([
      '/srv/app/stack.yml',
      '**/*.compose.yml',
      'C:/app/stack.yml',
    ]);
  });

  it('merges the workspace and the folders, and ignores settings that are not lists', () => {
    expect(filePatterns(undefined, 'stack.yml', ['a.yml'], ['b.yml', 'a.yml'])).toEqual(['**/a.yml', '**/b.yml']);
  });

  it('a relative pattern selects the file in any folder', () => {
    const [pattern] = filePatterns(['deploy/*.yml']);
    expect(selects(pattern!, '/home/me/project/deploy/app.yml')).toBe(true);
    expect(selects(pattern!, '/home/me/project/app.yml')).toBe(false);
  });
});

describe('watchedFilePatterns', () => {
  it('watches compose files, .env, .composure.yaml and the composure.files patterns', () => {
    expect(watchedFilePatterns(['**/deploy/*.yml'])).toEqual([
      '**/{compose,docker-compose}*.{yml,yaml}',
      '**/.env',
      '**/.composure.{yml,yaml}',
      '**/deploy/*.yml',
    ]);
    expect(selects(watchedFilePatterns()[1]!, '/p/.env')).toBe(true);
  });
});

describe('samePatterns', () => {
  it('ignores order', () => {
    expect(samePatterns(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(samePatterns([], [])).toBe(true);
    expect(samePatterns(['a'], ['a', 'b'])).toBe(false);
    expect(samePatterns(['a'], ['b'])).toBe(false);
  });
});
