import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '@composure/core';
import { workspaceProjects } from './workspace-targets.js';

const HOST = fileURLToPath(new URL('../../../../test/fixtures/workspace/host', import.meta.url));
const configWith = (entries: NonNullable<ResolvedConfig['workspace']>['entries']) => ({ workspace: { base: HOST, entries } }) as ResolvedConfig;

describe('workspace: entries as projects', () => {
  it('expands globs to the directories they match, sorted, each entry with its own files, env files and profiles', () => {
    const projects = workspaceProjects(
      configWith(['apps/*', 'nowhere/*', { path: 'tools', files: ['compose.yaml', 'compose.prod.yaml'], env_file: ['prod.env'], profiles: ['debug'] }]),
    );
    expect(projects).toEqual([
      { kind: 'directory', directory: join(HOST, 'apps/blog'), settings: {} },
      { kind: 'directory', directory: join(HOST, 'apps/shop'), settings: {} },
      {
        kind: 'files',
        files: [join(HOST, 'tools/compose.yaml'), join(HOST, 'tools/compose.prod.yaml')],
        settings: { profiles: ['debug'], envFiles: [join(HOST, 'tools/prod.env')] },
      },
    ]);
  });

  it('is empty without workspace:', () => {
    expect(workspaceProjects({} as ResolvedConfig)).toEqual([]);
  });
});
