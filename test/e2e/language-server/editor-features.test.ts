/**
 * The BUILT language server over stdio: document links (images to their registry's page, env
 * files, build context and Dockerfile, bind mounts, config files), highlights of a name's other
 * uses, inlay hints (a value the override file changes and where; whether a `${VAR}` is set,
 * never its value), formatting by the ordering rules' fixes (what `composure lint --fix` with
 * them on writes), and the diagnostics of the project's files that are not open (the override
 * file, `.env`), pushed and pulled. Exact positions throughout.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentHighlight, DocumentLink, InlayHint, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, LspClient, range, serversForFile, onlyRulesConfig, uriOf, type ClientOptions } from '../../support/lsp-client.js';
import { runCli } from '../../support/run-cli.js';

const COMPOSE = [
  'services:',
  '  web:',
  '    image: nginx:${TAG:-1.27}',
  '    env_file: web.env',
  '    build:',
  '      context: ./app',
  '      dockerfile: Dockerfile',
  '    volumes:',
  '      - ./static:/usr/share/nginx/html:ro',
  '      - data:/data',
  '    depends_on: [api]',
  '    restart: always',
  '    environment:',
  '      TOKEN: ${TOKEN}',
  '  api:',
  '    image: ghcr.io/acme/api:1.0',
  '    networks: [back]',
  'networks:',
  '  back:',
  'volumes:',
  '  data:',
  'configs:',
  '  app:',
  '    file: ./app.conf',
  '',
].join('\n');

const OVERRIDE = ['services:', '  web:', '    restart: unless-stopped', '    pull_policy: sometimes', ''].join('\n');
const SECRET = 's3cret-value';
const DOTENV = `TOKEN=${SECRET}\nBAD KEY=1\n`;

const { tmp, clients } = serversForFile('composure-lsp-features-');

let count = 0;
function project(config = onlyRulesConfig()): string {
  const dir = join(tmp(), `p${++count}`);
  mkdirSync(join(dir, 'app'), { recursive: true });
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'compose.yaml'), COMPOSE);
  writeFileSync(join(dir, 'compose.override.yaml'), OVERRIDE);
  writeFileSync(join(dir, '.env'), DOTENV);
  writeFileSync(join(dir, 'web.env'), 'LOG=1\n');
  writeFileSync(join(dir, 'app/Dockerfile'), 'FROM nginx\n');
  writeFileSync(join(dir, 'app.conf'), 'x\n');
  writeFileSync(join(dir, '.composure.yaml'), config);
  return dir;
}

async function opened(options: ClientOptions = {}, config?: string) {
  const dir = project(config);
  const file = join(dir, 'compose.yaml');
  const c = new LspClient({ rootPath: dir, ...options });
  clients.push(c);
  const capabilities = await c.initialize({ rootPath: dir, ...options });
  const first = options.capabilities?.textDocument?.diagnostic ? undefined : c.nextDiagnostics(uriOf(file));
  c.open(file, COMPOSE);
  if (first) await first;
  return { c, dir, file, uri: uriOf(file), capabilities };
}

describe.concurrent('language server: links, highlights, inlay hints, formatting, workspace diagnostics', () => {
  it('declares the features', async () => {
    const { capabilities } = await opened();
    expect(capabilities).toMatchObject({
      documentHighlightProvider: true,
      documentLinkProvider: { resolveProvider: false },
      inlayHintProvider: true,
      documentFormattingProvider: true,
    });
  });

  it('document links: images to Docker Hub and GitHub, env_file, build context and Dockerfile, a bind mount, a config file', async () => {
    const { c, dir, uri } = await opened();
    const links = await c.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    expect(links.map((l) => [l.range, l.target])).toEqual([
      [range(3, 14, 3, 21), uriOf(join(dir, 'web.env'))],
      [range(5, 15, 5, 20), uriOf(join(dir, 'app'))],
      [range(6, 18, 6, 28), uriOf(join(dir, 'app/Dockerfile'))],
      [range(8, 8, 8, 16), uriOf(join(dir, 'static'))],
      [range(15, 11, 15, 31), 'https://ghcr.io/acme/api'],
      [range(23, 10, 23, 20), uriOf(join(dir, 'app.conf'))],
    ]);
    // An image written with a variable has no link: its final name is unknown.
    const nginx = await c.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    expect(nginx.some((l) => l.target?.includes('hub.docker.com'))).toBe(false);
  });

  it('highlights: the declaration of "back" as a write and its use as a read, in this file', async () => {
    const { c, uri } = await opened();
    const highlights = await c.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri }, position: { line: 16, character: 17 } });
    expect(highlights).toEqual([
      { range: range(16, 15, 16, 19), kind: 2 },
      { range: range(18, 2, 18, 6), kind: 3 },
    ]);
  });

  it("inlay hints: the override's restart and where it is written; ${TAG} not set, ${TOKEN} set, its value never shown", async () => {
    const { c, uri } = await opened();
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: range(0, 0, 25, 0) });
    expect(hints.map((h) => [h.position, h.label])).toEqual([
      [{ line: 2, character: 29 }, 'not set'],
      [{ line: 11, character: 19 }, '→ unless-stopped · compose.override.yaml:3'],
      [{ line: 13, character: 21 }, 'set'],
    ]);
    expect(JSON.stringify(hints)).not.toContain(SECRET);
    const some = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: range(11, 0, 11, 20) });
    expect(some.map((h) => h.label)).toEqual(['→ unless-stopped · compose.override.yaml:3']);
  });

  it("formatting: the ordering rules' fixes, as `composure lint --fix` with them on writes them", async () => {
    const { c, dir, uri } = await opened();
    const edits = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits.length).toBe(1);
    const copy = join(tmp(), `cli-${count}`);
    mkdirSync(copy);
    for (const name of ['compose.yaml', 'compose.override.yaml', '.env', '.composure.yaml']) writeFileSync(join(copy, name), readFileSync(join(dir, name)));
    const ordering = [
      'top-level-properties-order',
      'service-keys-order',
      'services-alphabetical-order',
      'service-dependencies-alphabetical-order',
      'service-ports-alphabetical-order',
    ];
    await runCli(['lint', '--fix', ...ordering.flatMap((id) => ['--rule', `${id}=warning`]), copy], { cwd: copy });
    const expected = readFileSync(join(copy, 'compose.yaml'), 'utf8');
    expect(expected).not.toBe(COMPOSE);
    expect(applyEdits(COMPOSE, edits)).toBe(expected);
  });

  it('workspace diagnostics: the closed override file and .env are published, and cleared when fixed on disk', async () => {
    const { c, dir } = await opened();
    const override = uriOf(join(dir, 'compose.override.yaml'));
    const dotenv = uriOf(join(dir, '.env'));
    const published = (uri: string) => c.until(() => [...c.published].reverse().find((p) => p.uri === uri)?.diagnostics, 10_000, uri);
    expect((await published(override)).map((d) => [d.code, d.range])).toEqual([['compose-schema', range(3, 17, 3, 26)]]);
    expect((await published(dotenv)).map((d) => [d.code, d.message, d.range.start.line])).toEqual([['compose-load', 'key cannot contain a space', 1]]);
    writeFileSync(join(dir, '.env'), `TOKEN=${SECRET}\n`);
    const seen = c.published.length;
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: dotenv, type: 2 }] });
    await c.until(() => c.published.slice(seen).some((p) => p.uri === dotenv && p.diagnostics.length === 0), 10_000, 'a cleared .env');
  });

  it('extends: a link to the base file and a hint of the keys inherited; a closed .composure.yaml gets its diagnostics', async () => {
    const dir = join(tmp(), `extends-${++count}`);
    mkdirSync(dir);
    const compose = ['services:', '  worker:', '    extends: { file: base.yaml, service: base }', '    command: work', ''].join('\n');
    writeFileSync(join(dir, 'compose.yaml'), compose);
    writeFileSync(join(dir, 'base.yaml'), ['services:', '  base:', '    image: example/app:1.0', '    restart: always', ''].join('\n'));
    // A policy naming a service that does not exist: a finding in .composure.yaml, which is not open.
    const configText = `${onlyRulesConfig('reachability-policy')}policies:\n  - deny: { from: wroker, to: base }\n`;
    writeFileSync(join(dir, '.composure.yaml'), configText);
    const policyLine = configText.split('\n').findIndex((l) => l.includes('wroker'));
    const c = new LspClient({ rootPath: dir });
    clients.push(c);
    await c.initialize({ rootPath: dir });
    const file = join(dir, 'compose.yaml');
    const uri = uriOf(file);
    const first = c.nextDiagnostics(uri);
    c.open(file, compose);
    await first;
    const links = await c.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    expect(links.map((l) => [l.range, l.target])).toEqual([[range(2, 21, 2, 30), uriOf(join(dir, 'base.yaml'))]]);
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: range(0, 0, 4, 0) });
    expect(hints.map((h) => [h.position, h.label])).toEqual([[{ line: 2, character: 47 }, 'inherits image, restart from "base" (base.yaml)']]);
    const config = uriOf(join(dir, '.composure.yaml'));
    const published = await c.until(() => [...c.published].reverse().find((p) => p.uri === config)?.diagnostics, 10_000, config);
    // Both selectors name no service of the project (base is base.yaml's own), "wroker" with a did-you-mean.
    expect(published.map((d) => [d.code, d.range.start.line, d.message.includes('Did you mean "worker"')])).toEqual([
      ['reachability-policy', policyLine, true],
      ['reachability-policy', policyLine, false],
    ]);
  });

  it('workspace diagnostics pulled: workspace/diagnostic reports the closed files', async () => {
    // Before any document pull: the open compose file's project is loaded for the workspace report.
    const { c, dir } = await opened({ capabilities: { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } } });
    const report = await c.request<{ items: { uri: string; items: { code: string }[] }[] }>('workspace/diagnostic', { previousResultIds: [] });
    const byUri = Object.fromEntries(report.items.map((i) => [i.uri, i.items.map((d) => d.code)]));
    expect(byUri[uriOf(join(dir, 'compose.override.yaml'))]).toEqual(['compose-schema']);
    expect(byUri[uriOf(join(dir, '.env'))]).toEqual(['compose-load']);
  });
});
