/**
 * End-to-end tests of `composure graph` through the BUILT command line (`npm run build`
 * first): every format on examples/three-tier, -o, policies and datastores from the
 * configuration, errors and exit codes, and that the SVG renderer (Graphviz in
 * WebAssembly, a chunk of its own) is loaded by `graph --format svg|html` only.
 *
 * Assertions about the example derive its services and networks from
 * `composure config --format json`, so the example can grow without breaking them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, expectNoStackTrace, ROOT, runCli, type RunResult } from '../../support/run-cli.js';

const EXAMPLE = join(ROOT, 'examples/three-tier');
let tmp: string;
let services: string[];
let networks: string[];
let projectName: string;

beforeAll(async () => {
  assertBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'composure-graph-'));
  const config = await runCli(['config', EXAMPLE, '--format', 'json']);
  expect(config.code).toBe(0);
  const model = JSON.parse(config.stdout) as { name: string; services: Record<string, unknown>; networks?: Record<string, unknown> };
  projectName = model.name;
  services = Object.keys(model.services);
  networks = Object.keys(model.networks ?? {});
  expect(services.length).toBeGreaterThan(2);
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function expectSuccess(result: RunResult) {
  expectNoStackTrace(result);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

function expectUsageError(result: RunResult, firstLine: string | RegExp) {
  expectNoStackTrace(result);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const [first] = result.stderr.split('\n');
  if (typeof firstLine === 'string') expect(first).toBe(firstLine);
  else expect(first).toMatch(firstLine);
}

/** Mermaid's id for a name, as the renderer makes it. */
const mermaidName = (name: string) => name.replace(/[^A-Za-z0-9]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);

describe.concurrent('composure graph on examples/three-tier', () => {
  it('prints a Mermaid flowchart by default, with every service and network', async () => {
    const result = await runCli(['graph', EXAMPLE]);
    expectSuccess(result);
    expect(result.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(result.stdout.endsWith('\n')).toBe(true);
    for (const name of services)
      expect(result.stdout).toMatch(new RegExp(`^  svc_${mermaidName(name)}\\[\\(?"${name.replace(/\./g, '\\.')}(<br>[^"]*)?"\\)?\\]$`, 'm'));
    for (const name of networks) expect(result.stdout).toMatch(new RegExp(`^  net_${mermaidName(name)}\\{\\{"${name}(<br>[^"]*)?"\\}\\}$`, 'm'));
    // The same as asking for it by name.
    const named = await runCli(['graph', EXAMPLE, '--format', 'mermaid']);
    expect(named.stdout).toBe(result.stdout);
  });

  it('--format dot: Graphviz source, every id quoted', async () => {
    const result = await runCli(['graph', EXAMPLE, '--format', 'dot']);
    expectSuccess(result);
    expect(result.stdout.startsWith(`digraph "${projectName}" {\n`)).toBe(true);
    expect(result.stdout.endsWith('}\n')).toBe(true);
    for (const name of services) expect(result.stdout).toContain(`  "service:${name}" [label=<<b>${name}</b>`);
    for (const name of networks) expect(result.stdout).toContain(`  "network:${name}" [label=<<b>${name}</b>`);
    for (const line of result.stdout.split('\n').slice(4, -2)) expect(line).toMatch(/^ *("[^"]+"( -> "[^"]+")? \[|subgraph "|graph \[|\}$)/);
  });

  it('--format svg: an SVG document drawn in-process, with every label', async () => {
    const result = await runCli(['graph', EXAMPLE, '--format', 'svg']);
    expectSuccess(result);
    expect(result.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8" standalone="no"\?>\n<!DOCTYPE svg/);
    expect(result.stdout.trimEnd().endsWith('</svg>')).toBe(true);
    const texts = [...result.stdout.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const name of [...services, ...networks, 'internet']) expect(texts).toContain(name);
  });

  it('--format html: one self-contained page with the diagram, the matrix, ingress and egress', async () => {
    const result = await runCli(['graph', EXAMPLE, '--format', 'html']);
    expectSuccess(result);
    const html = result.stdout;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<svg[^>]*>[\s\S]*<\/svg>/);
    expect(html).not.toMatch(/\b(src|href)\s*=|url\(|@import|<link\b|<script\b/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
    const columns = [...html.matchAll(/<th class="col" scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(columns).toEqual(services);
    expect(html).toContain('<h2>Reachability</h2>');
    expect(html).toContain('<h2>Ingress</h2>');
    expect(html).toContain('<h2>Egress</h2>');
    expect(html).toMatch(/<h2>Policy violations( \(\d+\))?<\/h2>/);
  });

  it('--format json: the drawing, nodes for every service and network, the same twice', async () => {
    const result = await runCli(['graph', EXAMPLE, '--format', 'json']);
    expectSuccess(result);
    const drawing = JSON.parse(result.stdout) as {
      project: string;
      nodes: { id: string; kind: string }[];
      edges: { from: string; to: string; kind: string }[];
    };
    expect(drawing.project).toBe(projectName);
    expect(drawing.nodes.filter((n) => n.kind === 'service').map((n) => n.id)).toEqual(services.map((s) => `service:${s}`));
    expect(drawing.nodes.filter((n) => n.kind === 'network').map((n) => n.id)).toEqual(networks.map((n) => `network:${n}`));
    const ids = new Set(drawing.nodes.map((n) => n.id));
    for (const edge of drawing.edges) expect(ids.has(edge.from) && ids.has(edge.to)).toBe(true);
    const again = await runCli(['graph', EXAMPLE, '--format', 'json']);
    expect(again.stdout).toBe(result.stdout);
  });

  it('-o FILE writes the diagram to the file and nothing to stdout', async () => {
    const out = join(tmp, 'three-tier.html');
    const result = await runCli(['graph', 'examples/three-tier', '--format', 'html', '-o', out]);
    expectSuccess(result);
    expect(result.stdout).toBe('');
    const direct = await runCli(['graph', 'examples/three-tier', '--format', 'html']);
    expect(readFileSync(out, 'utf8')).toBe(direct.stdout);

    const relative = await runCli(['graph', EXAMPLE, '--output', 'diagram.mmd'], { cwd: tmp });
    expectSuccess(relative);
    expect(readFileSync(join(tmp, 'diagram.mmd'), 'utf8').startsWith('flowchart LR\n')).toBe(true);
  });

  it('--help prints the usage and the formats', async () => {
    const result = await runCli(['graph', '--help']);
    expectSuccess(result);
    expect(result.stdout.startsWith('Usage: composure graph [PATH] [options]\n')).toBe(true);
    expect(result.stdout).toContain('--format FORMAT         mermaid, dot, svg, html, json (default: mermaid)');
    const topic = await runCli(['help', 'graph']);
    expect(topic.stdout).toBe(result.stdout);
  });
});

describe.concurrent('composure graph: policies, datastores and standard input', () => {
  const SHOP = `name: shop
x-composure:
  policies:
    - deny: { from: web, to: db, transitive: true }
services:
  web:
    image: nginx:1.27
    ports: ["443:443"]
    networks: [front]
  api:
    image: example/api:1
    networks: [front, data]
  db:
    image: postgres:17
    networks: [data]
  ledger:
    image: mycorp/ledger:2
    networks: [data]
networks:
  front: {}
  data:
    internal: true
`;

  it('highlights policy violations from x-composure', async () => {
    const result = await runCli(['graph', '-f', '-', '--format', 'json'], { input: SHOP, cwd: tmp });
    expectSuccess(result);
    const drawing = JSON.parse(result.stdout) as {
      violations: { from: string; to: string; path: string[] }[];
      edges: { from: string; to: string; violation: boolean }[];
      nodes: { id: string; violation: boolean }[];
    };
    expect(drawing.violations.map((v) => ({ from: v.from, to: v.to, path: v.path }))).toEqual([
      { from: 'web', to: 'db', path: ['web', 'front', 'api', 'data', 'db'] },
    ]);
    expect(drawing.edges.filter((e) => e.violation).map((e) => `${e.from}-${e.to}`)).toEqual([
      'service:web-network:front',
      'service:api-network:front',
      'service:api-network:data',
      'service:db-network:data',
    ]);
    expect(drawing.nodes.filter((n) => n.violation).map((n) => n.id)).toEqual(['service:web', 'service:db']);

    const mermaid = await runCli(['graph', '-f', '-'], { input: SHOP, cwd: tmp });
    expect(mermaid.stdout).toContain('  class svc_web,svc_db violation\n');
    expect(mermaid.stdout).toMatch(/^ {2}linkStyle [\d,]+ stroke:#dc2626,stroke-width:3px/m);
  });

  it('reads datastores globs and policies from -c CONFIG', async () => {
    const config = join(tmp, 'graph-config.yaml');
    writeFileSync(config, 'datastores: ["mycorp/ledger*"]\npolicies:\n  - deny: { from: web, to: ledger, transitive: true }\n');
    const result = await runCli(['graph', '-f', '-', '--format', 'json', '-c', config], { input: SHOP, cwd: tmp });
    expectSuccess(result);
    const drawing = JSON.parse(result.stdout) as { violations: { to: string }[]; nodes: { id: string; datastore?: boolean }[] };
    expect(drawing.nodes.find((n) => n.id === 'service:ledger')?.datastore).toBe(true);
    expect(drawing.violations.map((v) => v.to).sort()).toEqual(['db', 'ledger']);
  });

  it('reads the configuration from COMPOSURE_CONFIG when -c is not given; -c wins over it', async () => {
    const config = join(tmp, 'graph-env-config.yaml');
    writeFileSync(config, 'datastores: ["mycorp/ledger*"]\n');
    const empty = join(tmp, 'graph-empty-config.yaml');
    writeFileSync(empty, 'datastores: []\n');
    const env = { COMPOSURE_CONFIG: config };
    const [viaEnv, both] = await Promise.all([
      runCli(['graph', '-f', '-', '--format', 'json'], { input: SHOP, cwd: tmp, env }),
      runCli(['graph', '-f', '-', '--format', 'json', '-c', empty], { input: SHOP, cwd: tmp, env }),
    ]);
    expectSuccess(viaEnv);
    const ledger = (result: RunResult) =>
      (JSON.parse(result.stdout) as { nodes: { id: string; datastore?: boolean }[] }).nodes.find((n) => n.id === 'service:ledger');
    expect(ledger(viaEnv)?.datastore).toBe(true);
    expect(ledger(both)?.datastore).toBe(false);
  });
});

describe.concurrent('composure graph: errors', () => {
  it('an unknown format is a usage error (exit 2)', async () => {
    expectUsageError(await runCli(['graph', EXAMPLE, '--format', 'png']), 'composure: unknown format "png" (choose from mermaid, dot, svg, html, json)');
  });

  it('an unknown option or a second project is a usage error (exit 2)', async () => {
    expectUsageError(await runCli(['graph', EXAMPLE, '--colour']), /^composure: Unknown option '--colour'/);
    expectUsageError(await runCli(['graph', EXAMPLE, EXAMPLE]), 'composure: graph takes one project');
  });

  it('a project that cannot be found is exit 2 with one line', async () => {
    const result = await runCli(['graph', join(tmp, 'nowhere')]);
    expectNoStackTrace(result);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^composure: .*nowhere/);
  });

  it('a file that cannot be written is exit 2 with one line', async () => {
    const result = await runCli(['graph', EXAMPLE, '-o', join(tmp, 'missing-dir', 'x.mmd')]);
    expectNoStackTrace(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`composure: cannot write the report to ${join(tmp, 'missing-dir', 'x.mmd')} (ENOENT)\n`);
  });

  it('YAML errors are printed to stderr as config prints them (exit 1), nothing drawn', async () => {
    const result = await runCli(['graph', '-f', '-', '--stdin-filename', 'broken.yaml'], { input: 'services:\n  web:\n    image: [nginx\n', cwd: tmp });
    expectNoStackTrace(result);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^broken\.yaml\n/);
    expect(result.stderr).toMatch(/^ +4:1 +error +Flow sequence in block collection .*yaml-syntax$/m);
    const config = await runCli(['config', '-f', '-', '--stdin-filename', 'broken.yaml'], { input: 'services:\n  web:\n    image: [nginx\n', cwd: tmp });
    expect(result.stderr).toBe(config.stderr);
  });
});

describe('the SVG renderer is loaded only to draw', () => {
  /** Logs every module Node loads from a file, to stderr: ES modules as they load, CommonJS ones (the bundle's chunks) at exit. */
  const HOOK =
    'data:text/javascript,' +
    encodeURIComponent(
      `import Module, { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent('export async function load(url, context, next) { if (url.startsWith("file:")) process._rawDebug("loaded " + url); return next(url, context); }'));` +
        ` process.on('exit', () => { for (const file of Object.keys(Module._cache)) process._rawDebug('loaded ' + file); });`,
    );
  const loaded = (result: RunResult) =>
    result.stderr
      .split('\n')
      .filter((l) => l.startsWith('loaded '))
      .map((l) => l.slice(l.lastIndexOf('/') + 1));

  it('lint and graph --format mermaid never load it; graph --format svg does', async () => {
    expect(existsSync(join(ROOT, 'packages/cli/dist/chunks'))).toBe(true);
    const lint = await runCli(['lint', EXAMPLE], { nodeArgs: ['--import', HOOK] });
    expect(loaded(lint).length).toBeGreaterThan(0);
    expect(loaded(lint).filter((f) => /viz/i.test(f))).toEqual([]);
    const mermaid = await runCli(['graph', EXAMPLE], { nodeArgs: ['--import', HOOK] });
    expect(mermaid.code).toBe(0);
    expect(loaded(mermaid).filter((f) => /viz/i.test(f))).toEqual([]);
    const svg = await runCli(['graph', EXAMPLE, '--format', 'svg'], { nodeArgs: ['--import', HOOK] });
    expect(svg.code).toBe(0);
    expect(loaded(svg).filter((f) => /^viz\.cjs$/.test(f))).toHaveLength(1);
  });
});
