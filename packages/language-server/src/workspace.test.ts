import { describe, expect, it } from 'vitest';
import { memoryHost, type Host } from '@composure/core';
import { rules } from '@composure/rules';
import { settingsOf } from './settings.js';
import { DiskCache, documentKind, Workspace } from './workspace.js';

const uri = (path: string) => `file://${path}`;

/** A disk over memory files that counts reads per path. */
function countingDisk(files: Record<string, string>): Host & { reads: Map<string, number>; files: Record<string, string> } {
  const reads = new Map<string, number>();
  const inner = () => memoryHost(files);
  return {
    reads,
    files,
    readFile(path) {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      return inner().readFile(path);
    },
    isFile: (path) => inner().isFile(path),
    isDirectory: (path) => inner().isDirectory(path),
  };
}

const BASE = 'services:\n  web:\n    image: nginx:1.27\n    networks: [front]\nnetworks:\n  front:\n  spare:\n';
const ONLY_UNUSED = `rules:\n${rules
  .filter((r) => r.meta.category !== 'core' && r.meta.id !== 'no-unused-network')
  .map((r) => `  ${r.meta.id}: off\n`)
  .join('')}  no-unused-network: warning\n`;

describe('settingsOf', () => {
  it('fills what the client left out or got wrong with the defaults', () => {
    expect(settingsOf(null)).toEqual({ enable: true, configFile: '', profiles: [], envFiles: [], files: [] });
    expect(settingsOf({ enable: false, configFile: 'x.yaml', profiles: ['dev', 3, ''], envFiles: 'no', files: ['**/stack.yml'] })).toEqual({
      enable: false,
      configFile: 'x.yaml',
      profiles: ['dev'],
      envFiles: [],
      files: ['**/stack.yml'],
    });
  });
});

describe('documentKind', () => {
  it('compose files by name, composure.files globs, the configuration file, anything else', () => {
    expect(documentKind('/p/compose.yaml')).toBe('compose');
    expect(documentKind('/p/docker-compose.prod.yml')).toBe('compose');
    expect(documentKind('/p/compose.override.yaml')).toBe('compose');
    expect(documentKind('/p/.composure.yaml')).toBe('config');
    expect(documentKind('/p/stack.yml')).toBe('other');
    expect(documentKind('/p/deploy/stack.yml', { files: ['stack.yml'] })).toBe('compose');
    expect(documentKind('/p/deploy/stack.yml', { files: ['deploy/*.yml'] })).toBe('compose');
    expect(documentKind('/p/other/stack.yml', { files: ['deploy/*.yml'] })).toBe('other');
  });
});

describe('DiskCache', () => {
  it('reads a file once until it is invalidated', () => {
    const disk = countingDisk({ '/p/a': 'x' });
    const cache = new DiskCache(disk);
    cache.readFile('/p/a');
    cache.readFile('/p/a');
    expect(disk.reads.get('/p/a')).toBe(1);
    cache.invalidate('/p/a');
    cache.readFile('/p/a');
    expect(disk.reads.get('/p/a')).toBe(2);
  });
});

describe('Workspace', () => {
  it('a project is the files Docker Compose picks in the directory (with the override) when the file is one of them, else the file alone', () => {
    const ws = new Workspace({
      disk: memoryHost({ '/p/compose.yaml': BASE, '/p/compose.override.yaml': 'services: {}\n', '/p/compose.prod.yaml': BASE }),
      env: {},
    });
    expect(ws.projectFor('/p/compose.yaml').files).toEqual(['/p/compose.yaml', '/p/compose.override.yaml']);
    expect(ws.projectFor('/p/compose.override.yaml')).toBe(ws.projectFor('/p/compose.yaml'));
    expect(ws.projectFor('/p/compose.prod.yaml').files).toEqual(['/p/compose.prod.yaml']);
  });

  it('an open buffer wins over the disk; closing it goes back to the disk', () => {
    const ws = new Workspace({ disk: memoryHost({ '/p/compose.yaml': BASE, '/p/.composure.yaml': ONLY_UNUSED }), env: {} });
    const codes = () => ws.findingsIn('/p/compose.yaml').findings.map((f) => f.ruleId);
    expect(codes()).toEqual(['no-unused-network']);
    ws.open(uri('/p/compose.yaml'), BASE.replace('  spare:\n', ''));
    expect(codes()).toEqual([]);
    ws.close(uri('/p/compose.yaml'));
    expect(codes()).toEqual(['no-unused-network']);
  });

  it('an open buffer is analysed even where the disk has no such directory (a folder deleted under the editor)', () => {
    const ws = new Workspace({ disk: memoryHost({}), env: {} });
    ws.open(uri('/gone/compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    networks: [front]\nnetworks:\n  front:\n  spare:\n');
    const { findings, failures } = ws.findingsIn('/gone/compose.yaml');
    expect(failures).toEqual([]);
    expect(findings.map((f) => `${f.file} ${f.ruleId}`)).toContain('/gone/compose.yaml no-unused-network');
  });

  it('incremental changes are applied to the buffer', () => {
    const ws = new Workspace({ disk: memoryHost({}), env: {} });
    ws.open(uri('/p/compose.yaml'), 'services:\n  web:\n    image: nginx\n', 1);
    ws.change(uri('/p/compose.yaml'), [{ range: { start: { line: 2, character: 16 }, end: { line: 2, character: 16 } }, text: ':1.27' }], 2);
    expect(ws.document('/p/compose.yaml')!.getText()).toBe('services:\n  web:\n    image: nginx:1.27\n');
    expect(ws.document('/p/compose.yaml')!.version).toBe(2);
    // A change to a document that is not open is ignored.
    expect(ws.change(uri('/p/other.yaml'), [{ text: 'x' }], 1)).toBeUndefined();
  });

  it('a keystroke amid the services gives the findings, at the positions, of a workspace that never saw the earlier text', () => {
    const text = [
      'services:',
      '  web:',
      '    image: nginx',
      '    ports: ["80:80"]',
      '  api:',
      '    image: api:1',
      '    privileged: true',
      '  db:',
      '    image: postgres:17',
      '',
    ].join('\n');
    const ws = new Workspace({ disk: memoryHost({}), env: {} });
    ws.open(uri('/p/compose.yaml'), text, 1);
    ws.analysisFor('/p/compose.yaml');
    // Typed into web's image (the entry re-parsed alone), then a line added to api (what follows moves).
    ws.change(uri('/p/compose.yaml'), [{ range: { start: { line: 2, character: 16 }, end: { line: 2, character: 16 } }, text: ':1.2' }], 2);
    ws.change(uri('/p/compose.yaml'), [{ range: { start: { line: 6, character: 20 }, end: { line: 6, character: 20 } }, text: '\n    user: root' }], 3);
    const fresh = new Workspace({ disk: memoryHost({}), env: {} });
    fresh.open(uri('/p/compose.yaml'), ws.document('/p/compose.yaml')!.getText(), 1);
    const findings = ws.findingsIn('/p/compose.yaml').findings;
    expect(findings).toEqual(fresh.findingsIn('/p/compose.yaml').findings);
    expect(findings.map((f) => [f.ruleId, f.service, f.line, f.column])).toEqual([
      ['no-exposed-datastore-access', 'web', 2, 3],
      ['require-healthcheck', 'web', 2, 3],
      ['no-unbound-port-interfaces', 'web', 4, 13],
      ['require-healthcheck', 'api', 5, 3],
      ['no-privileged', 'api', 7, 17],
      ['require-healthcheck', 'db', 9, 3],
    ]);
  });

  it('records every file a load read or looked for; a change to one of them (an override, a .env that did not exist) marks the project for re-analysis', () => {
    const ws = new Workspace({ disk: memoryHost({ '/p/compose.yaml': BASE }), env: {} });
    const project = ws.analysisFor('/p/compose.yaml');
    expect(project.dependencies).toContain('/p/compose.yaml');
    expect(project.dependencies).toContain('/p/.env');
    expect(project.dependencies).toContain('/p/.composure.yaml');
    expect(project.dirty).toBe(false);
    expect(ws.dependants('/p/.env')).toEqual([project]);
    ws.fileChanged('/p/.env');
    expect(project.dirty).toBe(true);
    expect(ws.analysisFor('/p/compose.yaml').generation).toBe(2);
  });

  it('unchanged files are never read from disk again, whatever is re-analysed', () => {
    const disk = countingDisk({ '/p/compose.yaml': BASE, '/p/compose.override.yaml': 'services:\n  web:\n    environment: { A: "1" }\n', '/p/.env': 'X=1\n' });
    const ws = new Workspace({ disk, env: {} });
    ws.open(uri('/p/compose.yaml'), BASE);
    ws.analysisFor('/p/compose.yaml');
    for (let i = 0; i < 5; i++) {
      ws.change(uri('/p/compose.yaml'), [{ text: `${BASE}# edit ${i}\n` }], i + 2);
      ws.analysisFor('/p/compose.yaml');
    }
    expect(disk.reads.get('/p/compose.yaml')).toBeUndefined();
    expect(disk.reads.get('/p/compose.override.yaml')).toBe(1);
    expect(disk.reads.get('/p/.env')).toBe(1);
  });

  it('settings: profiles and env files (relative to the workspace folder) are the CLI options', () => {
    const compose = 'services:\n  web:\n    image: "nginx:${TAG}"\n  debug:\n    image: busybox:1\n    profiles: [dev]\n';
    const ws = new Workspace({ disk: memoryHost({ '/w/p/compose.yaml': compose, '/w/envs/prod.env': 'TAG=1.27\n' }), env: {}, folders: ['/w'] });
    const plain = ws.analysisFor('/w/p/compose.yaml');
    expect([...plain.analysis!.project.disabledServices.keys()]).toEqual(['debug']);
    expect(plain.analysis!.findings.some((f) => f.ruleId === 'interpolation')).toBe(true);
    const configured = ws.analysisFor('/w/p/compose.yaml', settingsOf({ profiles: ['dev'], envFiles: ['envs/prod.env'] }));
    expect(configured).not.toBe(plain);
    expect([...configured.analysis!.project.disabledServices.keys()]).toEqual([]);
    expect(configured.analysis!.findings.some((f) => f.ruleId === 'interpolation')).toBe(false);
    expect(configured.dependencies).toContain('/w/envs/prod.env');
  });

  it('a load failure is kept on the project, not thrown', () => {
    const ws = new Workspace({ disk: memoryHost({ '/p/compose.yaml': BASE, '/p/.composure.yaml': 'rules: [oops\n' }), env: {} });
    const { findings, failures } = ws.findingsIn('/p/compose.yaml');
    expect(findings).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.message).toMatch(/^invalid YAML in \/p\/\.composure\.yaml/);
  });
});
