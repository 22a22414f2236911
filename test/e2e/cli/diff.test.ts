/**
 * `composure diff BASE [HEAD]` through the BUILT command line: git revisions of repositories made
 * here (test/support/git-repo.ts) from the changes of test/fixtures/diff/, read through git with
 * the work tree left as it is; the same changes as directory pairs; every format exact (SARIF
 * valid against its schema); --fail-on and the exit codes; bad input in one line.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, expectNoStackTrace, FIXTURES, runCli } from '../../support/run-cli.js';
import { changeRepository, commitAll, git, replaceWorkTree } from '../../support/git-repo.js';
import { expectValidSarif } from '../../support/sarif.js';
import { tempDirForFile } from '../../support/temp-dir.js';

const DIFF = join(FIXTURES, 'diff');
const temp = tempDirForFile('composure-diff-', assertBuilt);
let counter = 0;
/** A repository of a change of test/fixtures/diff/ (see changeRepository), in its own directory. */
const repository = (change: string, options: Parameters<typeof changeRepository>[2] = {}) =>
  changeRepository(join(temp(), `repo-${++counter}`), join(DIFF, change), options);

const CONNECT_TEXT = [
  'composure diff base → head',
  '',
  'Direct reach',
  '  + web ↔ db (back)  datastore',
  '',
  'Egress (can open connections outside the project)',
  '  + db',
  '',
  'Policy violations',
  '  + Service "web" reaches "db" directly over network "back", which a policy denies (deny web → db).',
  '',
  'Networks',
  '  ~ back: internal: yes → no; subnet: none → 10.20.0.0/24',
  '',
  'Fails on: datastore-reach (1), violation (1).',
  '',
].join('\n');

const VIOLATION = 'Service "web" reaches "db" directly over network "back", which a policy denies (deny web → db).';

describe('composure diff of git revisions', () => {
  it('reports a service joining the datastore network, its policy violation, egress and the network change; exit 1 by default', async () => {
    const cwd = repository('connect');
    const result = await runCli(['diff', 'base', 'head'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(CONNECT_TEXT);
    expect(result.code).toBe(1);
  });

  it('prints the JSON contract', async () => {
    const cwd = repository('connect');
    const result = await runCli(['diff', 'base', 'head', '--format', 'json'], { cwd });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      base: 'base',
      head: 'head',
      reach: {
        added: [
          { from: 'db', to: 'web', via: ['back'] },
          { from: 'web', to: 'db', via: ['back'] },
        ],
        removed: [],
      },
      paths: { added: [], removed: [] },
      ingress: { added: [], removed: [] },
      egress: { added: ['db'], removed: [] },
      violations: { added: [{ kind: 'direct', from: 'web', to: 'db', path: ['web', 'back', 'db'], message: VIOLATION }], removed: [] },
      networks: {
        changed: [
          {
            name: 'back',
            base: { driver: 'bridge', internal: true, subnets: [] },
            head: { driver: 'bridge', internal: false, subnets: ['10.20.0.0/24'] },
          },
        ],
      },
    });
  });

  it('prints Markdown for a pull request, with a Mermaid chart of the changed edges', async () => {
    const cwd = repository('connect');
    const result = await runCli(['diff', 'base', 'head', '--format', 'markdown'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        '### composure diff: `base` → `head`',
        '',
        '| change | added | removed |',
        '|---|---|---|',
        '| direct reach | 2 | 0 |',
        '| paths to datastores | 0 | 0 |',
        '| ingress | 0 | 0 |',
        '| egress | 1 | 0 |',
        '| policy violations | 1 | 0 |',
        '| networks changed | 1 | |',
        '',
        '❌ **Fails on** `datastore-reach` (1): a new reach to a datastore, direct or through other services; `violation` (1): a new policy violation.',
        '',
        '```mermaid',
        'flowchart LR',
        '  svc_web["web"]',
        '  svc_db[("db")]',
        '  svc_web <-->|"back"| svc_db',
        '  linkStyle 0 stroke:#16a34a,stroke-width:2px,color:#15803d',
        '  classDef datastore fill:#fef3c7,stroke:#b45309,color:#78350f',
        '  class svc_db datastore',
        '```',
        '',
        '#### Direct reach',
        '',
        '- ➕ `web` ↔ `db` over `back` **(datastore)**',
        '',
        '#### Egress',
        '',
        '- ➕ `db` can open connections outside the project',
        '',
        '#### Policy violations',
        '',
        `- ➕ ${VIOLATION}`,
        '',
        '#### Networks',
        '',
        '- `back`: internal: yes → no; subnet: none → 10.20.0.0/24',
        '',
      ].join('\n'),
    );
  });

  it('prints workflow annotations where HEAD writes each change: errors for what --fail-on counts, notices for the rest', async () => {
    const cwd = repository('connect');
    const result = await runCli(['diff', 'base', 'head', '--format', 'github'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        '::error file=compose.yaml,line=6,col=23,endLine=6,endColumn=27,title=composure diff/datastore-reach::"web" and "db" now reach each other directly over back: "db" is a datastore.',
        `::error file=compose.yaml,line=6,col=23,endLine=6,endColumn=27,title=composure diff/violation::${VIOLATION}`,
        '::notice file=compose.yaml,line=10,col=3,endLine=10,endColumn=5,title=composure diff/egress::"db" can now open connections outside the project.',
        '::notice file=compose.yaml,line=15,col=3,endLine=15,endColumn=7,title=composure diff/network::Network "back": internal: yes → no; subnet: none → 10.20.0.0/24.',
        '',
      ].join('\n'),
    );
    const all = await runCli(['diff', 'base', 'head', '--format', 'github', '--fail-on', 'egress,network'], { cwd });
    expect(all.code).toBe(1);
    expect(all.stdout.split('\n').map((line) => line.slice(0, line.indexOf(' ')))).toEqual(['::notice', '::notice', '::error', '::error', '']);
  });

  it('prints SARIF valid against the schema, each change at its place in HEAD', async () => {
    const cwd = repository('connect');
    const result = await runCli(['diff', 'base', 'head', '--format', 'sarif'], { cwd });
    expect(result.code).toBe(1);
    const log = expectValidSarif(result.stdout);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string; defaultConfiguration: { level: string } }) => r.id)).toEqual([
      'diff/datastore-reach',
      'diff/egress',
      'diff/network',
      'diff/violation',
    ]);
    expect(run.tool.driver.rules[0].helpUri).toBe('https://github.com/composure-lint/composure/blob/main/docs/cli.md#composure-diff');
    expect(
      run.results.map(
        (r: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => [
          r.ruleId,
          r.level,
          r.locations[0].physicalLocation.artifactLocation.uri,
          r.locations[0].physicalLocation.region.startLine,
        ],
      ),
    ).toEqual([
      ['diff/datastore-reach', 'error', 'compose.yaml', 6],
      ['diff/violation', 'error', 'compose.yaml', 6],
      ['diff/egress', 'note', 'compose.yaml', 10],
      ['diff/network', 'note', 'compose.yaml', 15],
    ]);
  });

  it('reads .env, extends and override files from each revision: a port rebound from 127.0.0.1 to 0.0.0.0 is new ingress, one on loopback is not counted', async () => {
    const cwd = repository('publish');
    const result = await runCli(['diff', 'base', 'head'], { cwd });
    expect(result.stdout).toBe(
      [
        'composure diff base → head',
        '',
        'Ingress (published ports Docker binds)',
        '  + api  127.0.0.1:8080 → 8080/tcp  this machine only',
        '  ~ db  127.0.0.1:5432 → 5432/tcp  now  0.0.0.0:5432 → 5432/tcp',
        '',
        'Fails on: ingress (1).',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
    // The other way round, the port is bound to loopback only and the override's port goes: nothing --fail-on counts.
    const back = await runCli(['diff', 'head', 'base', '--format', 'json'], { cwd });
    expect(back.code).toBe(0);
    const report = JSON.parse(back.stdout);
    expect(report.ingress).toEqual({
      added: [{ service: 'db', hostIp: '127.0.0.1', published: '5432', target: 5432, protocol: 'tcp', addresses: ['127.0.0.1'], loopback: true }],
      removed: [
        { service: 'api', hostIp: '127.0.0.1', published: '8080', target: 8080, protocol: 'tcp', addresses: ['127.0.0.1'], loopback: true },
        { service: 'db', hostIp: '0.0.0.0', published: '5432', target: 5432, protocol: 'tcp', addresses: ['0.0.0.0'], loopback: false },
      ],
    });
  });

  it('reads include targets from each revision', async () => {
    const cwd = repository('include');
    const result = await runCli(['diff', 'base', 'head'], { cwd });
    expect(result.stdout).toBe(
      [
        'composure diff base → head',
        '',
        'Direct reach',
        '  + web ↔ db (back)  datastore',
        '',
        'Networks',
        '  ~ default: removed (was driver bridge, not internal, no subnet)',
        '',
        'Fails on: datastore-reach (1).',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
  });

  it('finds a new path to a datastore through a service that joined its network, and reaches removed', async () => {
    const cwd = repository('pivot');
    const result = await runCli(['diff', 'base', 'head'], { cwd });
    expect(result.stdout).toBe(
      [
        'composure diff base → head',
        '',
        'Direct reach',
        '  + api ↔ cache (front)  datastore',
        '  + api ↔ db (back)  datastore',
        '  + web ↔ cache (front)  datastore',
        '  - cache ↔ db (back)  datastore',
        '',
        'Paths to datastores (through other services)',
        '  + web → db: web → front → api → back → db',
        '',
        'Fails on: datastore-reach (4).',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
    const json = JSON.parse((await runCli(['diff', 'base', 'head', '--format', 'json'], { cwd })).stdout);
    expect(json.paths).toEqual({ added: [{ from: 'web', to: 'db', path: ['web', 'front', 'api', 'back', 'db'] }], removed: [] });
    expect(json.reach.removed).toEqual([
      { from: 'cache', to: 'db', via: ['back'] },
      { from: 'db', to: 'cache', via: ['back'] },
    ]);
    // Reversed, everything is a removal: nothing the default --fail-on counts.
    const reversed = await runCli(['diff', 'head', 'base'], { cwd });
    expect(reversed.stdout).toContain('  - web → db: web → front → api → back → db\n');
    expect(reversed.stdout).toContain('  + cache ↔ db (back)  datastore\n');
    expect(reversed.code).toBe(1);
    expect((await runCli(['diff', 'head', 'base', '--fail-on', 'reach,ingress'], { cwd })).code).toBe(1);
    expect((await runCli(['diff', 'head', 'base', '--fail-on', 'ingress,violation,egress,network'], { cwd })).code).toBe(0);
    expect((await runCli(['diff', 'base', 'head', '--fail-on', 'none'], { cwd })).code).toBe(0);
  });

  it('compares a revision with the work tree without touching it, from a subdirectory of the repository too', async () => {
    const cwd = repository('connect', { commitHead: false, subdirectory: 'deploy/shop' });
    const before = git(cwd, 'status', '--porcelain');
    expect(before).toBe(' M deploy/shop/compose.yaml\n');
    const result = await runCli(['diff', 'base'], { cwd });
    expect(result.stdout).toBe(CONNECT_TEXT.replace('base → head', 'base → work tree'));
    expect(result.code).toBe(1);
    expect(git(cwd, 'status', '--porcelain')).toBe(before);
    expect(readFileSync(join(cwd, 'compose.yaml'), 'utf8')).toBe(readFileSync(join(DIFF, 'connect/head/compose.yaml'), 'utf8'));
    // The same revision on both sides: no change, exit 0.
    const same = await runCli(['diff', 'base', 'base'], { cwd });
    expect(same.stdout).toBe('composure diff base → base\n\nNo change to reach, paths to datastores, ingress, egress, policy violations or networks.\n');
    expect(same.code).toBe(0);
  });

  it('takes -f files and -o at each revision', async () => {
    const cwd = repository('publish');
    git(cwd, 'mv', 'compose.yaml', 'stack.yaml');
    commitAll(cwd, 'renamed');
    const result = await runCli(['diff', 'head', 'renamed', '-f', 'stack.yaml', '--format', 'json', '-o', 'diff.json'], { cwd });
    // `head` has no stack.yaml: Compose's own words, under the side's name.
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`composure: head: no such file: ${join(cwd, 'stack.yaml')}\n`);
    git(cwd, 'tag', 'renamed-base', 'renamed');
    const same = await runCli(['diff', 'renamed-base', 'renamed', '-f', 'stack.yaml', '--format', 'json', '-o', 'diff.json'], { cwd });
    expect(same.stdout).toBe('');
    expect(same.code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'diff.json'), 'utf8')).base).toBe('renamed-base');
  });
});

describe('composure diff of two directories', () => {
  it('compares the directories as it compares revisions', async () => {
    const result = await runCli(['diff', 'connect/base', 'connect/head'], { cwd: DIFF });
    expect(result.stdout).toBe(CONNECT_TEXT.replace('base → head', 'connect/base → connect/head'));
    expect(result.code).toBe(1);
    const publish = await runCli(['diff', 'publish/base', 'publish/head', '--format', 'json'], { cwd: DIFF });
    expect(JSON.parse(publish.stdout).ingress.added).toEqual([
      { service: 'api', hostIp: '127.0.0.1', published: '8080', target: 8080, protocol: 'tcp', addresses: ['127.0.0.1'], loopback: true },
      { service: 'db', hostIp: '0.0.0.0', published: '5432', target: 5432, protocol: 'tcp', addresses: ['0.0.0.0'], loopback: false },
    ]);
  });

  it('compares BASE with the current directory when HEAD is not given', async () => {
    const result = await runCli(['diff', '../base'], { cwd: join(DIFF, 'pivot/head') });
    expect(result.stdout.split('\n')[0]).toBe('composure diff ../base → .');
    expect(result.stdout).toContain('  + web → db: web → front → api → back → db\n');
  });
});

const WORKSPACE_TEXT = [
  'Direct reach',
  '  + billing/api ↔ blog/ghost (frontend)',
  '  + blog/ghost ↔ billing/db (frontend)  datastore',
  '  + proxy/traefik ↔ billing/db (frontend)  datastore',
  '  + shop/web ↔ billing/db (frontend)  datastore',
  '  + blog/ghost ↔ proxy/traefik (frontend)',
  '  + blog/ghost ↔ shop/web (frontend)',
  '',
  'Paths to datastores (through other services)',
  '  + blog/ghost → shop/db: blog/ghost → frontend → shop/web → shop_default → shop/db',
  '',
  'Egress (can open connections outside the project)',
  '  + blog/ghost',
  '',
  'Policy violations',
  '  + Service "blog/ghost" reaches "billing/db" directly over network "frontend", which a policy denies (deny project:blog → billing/db).',
  '',
  'Fails on: datastore-reach (4), violation (1).',
  '',
].join('\n');

describe('composure diff --workspace', () => {
  it("compares the revisions' workspaces (their own workspace: globs, a project added in HEAD): cross-project reach over a shared external network, a policy naming a project", async () => {
    const cwd = repository('workspace');
    const result = await runCli(['diff', 'base', 'head', '--workspace'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`composure diff base → head\n\n${WORKSPACE_TEXT}`);
    expect(result.code).toBe(1);
    const annotations = await runCli(['diff', 'base', 'head', '--workspace', '--format', 'github'], { cwd });
    expect(annotations.stdout.split('\n').slice(0, 2)).toEqual([
      '::error file=apps/billing/compose.yaml,line=8,col=16,endLine=8,endColumn=24,title=composure diff/datastore-reach::"proxy/traefik" and "billing/db" now reach each other directly over frontend: "billing/db" is a datastore.',
      '::error file=apps/billing/compose.yaml,line=8,col=16,endLine=8,endColumn=24,title=composure diff/datastore-reach::"shop/web" and "billing/db" now reach each other directly over frontend: "billing/db" is a datastore.',
    ]);
    expectValidSarif((await runCli(['diff', 'base', 'head', '--workspace', '--format', 'sarif'], { cwd })).stdout);
  });

  it('takes the projects after --; without --workspace one project, which alone sees nothing change', async () => {
    const cwd = repository('workspace');
    const some = await runCli(['diff', 'base', 'head', '--workspace', '--format', 'json', '--', 'proxy', 'apps/billing'], { cwd });
    expect(JSON.parse(some.stdout).reach.added).toEqual([
      { from: 'billing/db', to: 'proxy/traefik', via: ['frontend'] },
      { from: 'proxy/traefik', to: 'billing/db', via: ['frontend'] },
    ]);
    const alone = await runCli(['diff', 'base', 'head', '--', 'apps/billing'], { cwd });
    expect(alone.stdout).toBe('composure diff base → head\n\nNo change to reach, paths to datastores, ingress, egress, policy violations or networks.\n');
    expect(alone.code).toBe(0);
    const usage = await runCli(['diff', 'base', 'head', '--', 'apps/billing', 'apps/shop'], { cwd });
    expect(usage.stderr).toBe('composure: diff compares one project: give one PATH after --, or --workspace\nRun composure --help for usage.\n');
    expect(usage.code).toBe(2);
    // A project PATH named explicitly must exist on both sides.
    const missing = await runCli(['diff', 'base', 'head', '--workspace', '--', 'proxy', 'apps/blog'], { cwd });
    expect(missing.stderr).toBe(
      `composure: base:\ncomposure: no such file: ${join(cwd, 'apps/blog')}\ncomposure: base: 1 project of the workspace cannot be read\n`,
    );
    expect(missing.code).toBe(2);
  });

  it('compares two workspace directories', async () => {
    const result = await runCli(['diff', 'workspace/base', 'workspace/head', '--workspace'], { cwd: DIFF });
    expect(result.stdout).toBe(`composure diff workspace/base → workspace/head\n\n${WORKSPACE_TEXT}`);
    expect(result.code).toBe(1);
  });
});

describe('composure diff on bad input', () => {
  const expectOneLine = (result: Awaited<ReturnType<typeof runCli>>, code: number, line: string) => {
    expectNoStackTrace(result);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(line);
    expect(result.code).toBe(code);
  };

  it('an unknown revision, a directory that is not a repository, no compose file at a revision: exit 2 in one line', async () => {
    const cwd = repository('connect');
    expectOneLine(
      await runCli(['diff', 'nope'], { cwd }),
      2,
      'composure: unknown revision "nope" (not a commit, branch or tag of the repository, nor a directory)\n',
    );
    const outside = join(temp(), 'not-a-repository');
    mkdirSync(outside);
    const notRepository = await runCli(['diff', 'main'], { cwd: outside });
    expectNoStackTrace(notRepository);
    expect(notRepository.stderr).toMatch(
      /^composure: .*not-a-repository is not in a git repository, so "main" names no revision \(fatal: not a git repository/,
    );
    expect(notRepository.stderr.split('\n')).toHaveLength(2);
    expect(notRepository.code).toBe(2);

    const empty = join(temp(), 'empty-base');
    mkdirSync(empty);
    git(empty, 'init', '--quiet', '--initial-branch=main');
    writeFileSync(join(empty, 'README.md'), 'nothing here\n');
    commitAll(empty, 'nothing');
    cpSync(join(DIFF, 'connect/head'), empty, { recursive: true });
    expectOneLine(
      await runCli(['diff', 'nothing'], { cwd: empty }),
      2,
      `composure: nothing: no compose file found in ${empty} (looked for compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml)\n`,
    );
  });

  it('usage errors: no BASE, three sides, a directory against a revision, a bad --fail-on or format, -f -', async () => {
    const cwd = repository('connect');
    const usage = (message: string) => `composure: ${message}\nRun composure --help for usage.\n`;
    expectOneLine(await runCli(['diff'], { cwd }), 2, usage('diff takes BASE and an optional HEAD (git revisions or directories)'));
    expectOneLine(await runCli(['diff', 'a', 'b', 'c'], { cwd }), 2, usage('diff takes BASE and an optional HEAD (git revisions or directories)'));
    mkdirSync(join(cwd, 'old'));
    expectOneLine(await runCli(['diff', 'old', 'base'], { cwd }), 2, usage('BASE old is a directory, so HEAD must be one too (no directory "base")'));
    expectOneLine(await runCli(['diff', 'base', 'old'], { cwd }), 2, usage('HEAD old is a directory, so BASE must be one too (no directory "base")'));
    expectOneLine(
      await runCli(['diff', 'base', '--fail-on', 'reach,everything'], { cwd }),
      2,
      usage('--fail-on expects a list of datastore-reach, reach, ingress, egress, violation, network or none (got "everything")'),
    );
    expectOneLine(
      await runCli(['diff', 'base', '--format', 'stylish'], { cwd }),
      2,
      usage('unknown format "stylish" (choose from text, json, markdown, sarif, github)'),
    );
    expectOneLine(
      await runCli(['diff', 'base', '-f', '-'], { cwd }),
      2,
      usage('diff reads its files from each side: -f - (standard input) has no place in it'),
    );
  });

  it('a side whose files have errors: its problems on standard error under its name, exit 1', async () => {
    const cwd = repository('connect');
    replaceWorkTree(cwd, join(DIFF, 'connect/head'));
    writeFileSync(join(cwd, 'compose.yaml'), 'services:\n  web: [\n');
    const result = await runCli(['diff', 'base'], { cwd });
    expectNoStackTrace(result);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe('composure: work tree:');
    expect(result.stderr).toContain('compose.yaml');
    expect(result.code).toBe(1);
  });
});
