/**
 * The BUILT language server's fixes over stdio: a quick fix per suggestion (did-you-mean, binding to
 * 127.0.0.1, removing an unused declaration) with its exact edits, and `source.fixAll.composure`
 * (fix-on-save) applying every fix as `composure lint --fix` does, never a suggestion.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { applyEdits, LspClient, range, serversForFile, onlyRulesConfig, uriOf } from '../../support/lsp-client.js';
import { runCli } from '../../support/run-cli.js';

const COMPOSE = [
  'version: "3.8"',
  'services:',
  '  web:',
  '    image: nginx:1.27',
  '    ports:',
  '      - "8080:80"',
  '    networks: [front]',
  '    depends_on: [apii]',
  '  api:',
  '    image: example/api:1.0',
  '    networks: [frontt]',
  'networks:',
  '  front:',
  '  spare:',
  '',
].join('\n');

const CONFIG = onlyRulesConfig('no-version-field', 'no-undefined-network', 'no-undefined-service', 'no-unused-network', 'no-unbound-port-interfaces');

const { tmp, clients } = serversForFile('composure-lsp-fixes-');

let count = 0;
/** A project on disk, the server started on it and its compose file opened (first diagnostics received). */
async function opened() {
  const dir = join(tmp(), `p${++count}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'compose.yaml'), COMPOSE);
  writeFileSync(join(dir, '.composure.yaml'), CONFIG);
  const file = join(dir, 'compose.yaml');
  const c = new LspClient({ rootPath: dir });
  clients.push(c);
  const capabilities = await c.initialize({ rootPath: dir });
  const first = c.nextDiagnostics(uriOf(file));
  c.open(file, COMPOSE);
  return { c, dir, file, uri: uriOf(file), capabilities, diagnostics: await first };
}

const actionsAt = (c: LspClient, uri: string, line: number, only?: string[]) =>
  c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: range(line, 0, line, 0),
    context: { diagnostics: [], ...(only ? { only } : {}) },
  });

describe.concurrent('language server: suggestions and fix-all', () => {
  it('declares source.fixAll.composure beside quick fixes', async () => {
    const { capabilities } = await opened();
    expect(capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.composure'] });
  });

  it('did-you-mean: a quick fix writing the closest network, then the closest service; applied, the finding goes', async () => {
    const { c, file, uri } = await opened();
    const network = (await actionsAt(c, uri, 10)).filter((a) => !a.title.startsWith('Disable'));
    expect(network.map((a) => [a.title, a.kind, a.edit])).toEqual([
      ['Change "frontt" to "front"', 'quickfix', { changes: { [uri]: [{ range: range(10, 15, 10, 21), newText: 'front' }] } }],
    ]);
    const service = (await actionsAt(c, uri, 7)).filter((a) => !a.title.startsWith('Disable'));
    expect(service.map((a) => [a.title, a.edit])).toEqual([
      ['Change "apii" to "api"', { changes: { [uri]: [{ range: range(7, 17, 7, 21), newText: 'api' }] } }],
    ]);
    const text = applyEdits(applyEdits(COMPOSE, network[0].edit!.changes![uri]), service[0].edit!.changes![uri]);
    const next = c.nextDiagnostics(uri, 2);
    c.change(file, 2, [{ text }]);
    expect((await next).map((d) => d.code)).toEqual(['no-version-field', 'no-unbound-port-interfaces', 'no-unused-network']);
  });

  it('binding to 127.0.0.1 and removing an unused network: suggestions with their exact edits, no "Fix this" (not safe unasked)', async () => {
    const { c, uri } = await opened();
    const port = await actionsAt(c, uri, 5);
    expect(port.map((a) => a.title)).toEqual([
      'Publish on 127.0.0.1 only (127.0.0.1:8080:80)',
      'Disable no-unbound-port-interfaces for this line',
      'Disable no-unbound-port-interfaces for this file',
    ]);
    expect(port[0].edit).toEqual({ changes: { [uri]: [{ range: range(5, 8, 5, 17), newText: '"127.0.0.1:8080:80"' }] } });
    const spare = await actionsAt(c, uri, 13);
    expect(spare[0].title).toBe('Remove the declaration of "spare"');
    expect(applyEdits(COMPOSE, spare[0].edit!.changes![uri]).endsWith('networks:\n  front:\n')).toBe(true);
  });

  it('source.fixAll.composure: one edit giving what `composure lint --fix` writes; only when asked for by kind', async () => {
    const { c, uri } = await opened();
    expect((await actionsAt(c, uri, 0, ['quickfix'])).some((a) => a.kind === 'source.fixAll.composure')).toBe(false);
    const [fixAll, ...rest] = await actionsAt(c, uri, 0, ['source.fixAll.composure']);
    expect(rest).toEqual([]);
    expect(fixAll).toEqual({
      title: 'Fix all composure problems',
      kind: 'source.fixAll.composure',
      edit: { changes: { [uri]: [{ range: range(0, 0, 1, 0), newText: '' }] } },
    });
    // `source` (the whole Source Action menu) asks for it too.
    expect((await actionsAt(c, uri, 0, ['source'])).map((a) => a.kind)).toEqual(['source.fixAll.composure']);
    // The same project fixed by the CLI, in a copy.
    const copy = join(tmp(), `cli-${count}`);
    mkdirSync(copy);
    writeFileSync(join(copy, 'compose.yaml'), COMPOSE);
    writeFileSync(join(copy, '.composure.yaml'), CONFIG);
    await runCli(['lint', '--fix', copy], { cwd: copy });
    expect(applyEdits(COMPOSE, fixAll.edit!.changes![uri])).toBe(readFileSync(join(copy, 'compose.yaml'), 'utf8'));
  });
});
