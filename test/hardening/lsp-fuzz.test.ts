/**
 * Property-based tests (fast-check) of the BUILT language server over stdio (`npm run build`
 * first): random sequences of didOpen / didChange (random incremental edits, ranges past the end
 * included, YAML and interpolation tokens, tabs, CRLF, lone surrogates and other odd characters)
 * / didClose on a compose file and its override, interleaved with every request at random
 * positions (out of range included). Properties:
 * - the server stays alive and logs no failure (every handler's exception is logged, so a logged
 *   "failed" is a crash the guard swallowed);
 * - every request is answered within a timeout (no hang);
 * - every published diagnostic range, and every range a response gives in one of the documents,
 *   lies inside the text of that document (at the diagnostics' version);
 * - after a final full-text change to a known file, the diagnostics equal
 *   `composure lint --format json` of that text (rule ids, severities, messages, lines, columns).
 *
 * `npm test` runs a bounded number of sequences on one server; `npm run fuzz` runs FUZZ_RUNS / 10
 * of them (each sequence is some 25 protocol messages; FUZZ_SEED replays a failure).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { assertServerBuilt, LspClient, uriOf } from '../support/lsp-client.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { YAML_TOKENS } from '../support/fuzz-tokens.js';

const RUNS = process.env.FUZZ_RUNS === undefined ? 40 : Math.max(1, Math.ceil(Number(process.env.FUZZ_RUNS) / 10));
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const REQUEST_TIMEOUT_MS = 10_000;

const SMALL = [
  'version: "3.8"',
  'services:',
  '  web:',
  '    image: nginx',
  '    ports:',
  '      - "443:443"',
  '    networks: [front]',
  '    depends_on: [api]',
  '    environment:',
  '      URL: http://${HOST:-api}:8080',
  '  api:',
  '    image: example/api:1.0',
  '    networks:',
  '      - front',
  '      - back',
  '  db: &db',
  '    image: postgres:16',
  '    networks: [back]',
  '  replica:',
  '    <<: *db',
  'networks:',
  '  front:',
  '  back:',
  '    internal: true',
  '  spare:',
  '',
].join('\n');

/** The known files a sequence ends with: the examples, a small file, the same with CRLF and tabs in comments. */
const KNOWN = [
  ...['three-tier', 'microservices', 'ha-web-app'].map((name) => readFileSync(join(ROOT, 'examples', name, 'compose.yaml'), 'utf8')),
  SMALL,
  SMALL.replace(/\n/g, '\r\n'),
  `# composure-disable-next-line require-image-tag\t-- tabs\n${SMALL}`,
];
const SEEDS = [...KNOWN, '', 'services:\n  a:\n    image: x:1\n', 'services: [\n', '\uFEFFservices:\n  a: *a\n'];

const TOKENS = [
  ...YAML_TOKENS,
  '<<:',
  '${API_TOKEN}',
  '\r',
  '\n',
  '\u{1F600}',
  '\uD800',
  '\uDC00',
  '# composure-disable-line no-version-field',
  '  x:\n    image: y\n',
  'network_mode: service:web',
  'depends_on: [web]',
  'extends: { service: web }',
  'web',
  'front',
  '    networks: [spare]\n',
];

type Pos = { line: number; character: number; huge: boolean };
const pos: fc.Arbitrary<Pos> = fc.record({ line: fc.nat(), character: fc.nat(), huge: fc.nat({ max: 15 }).map((n) => n === 0) });
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...TOKENS), { maxLength: 4 }).map((a) => a.join('')) },
);
const METHODS = [
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/prepareRename',
  'textDocument/rename',
  'textDocument/documentSymbol',
  'textDocument/codeLens',
  'textDocument/codeAction',
  'composure/topology',
] as const;

type Command =
  | { kind: 'edit'; doc: number; start: Pos; end: Pos; text: string }
  | { kind: 'open'; doc: number; text: string }
  | { kind: 'close'; doc: number }
  | { kind: 'request'; doc: number; method: (typeof METHODS)[number]; at: Pos; to: Pos; name: string }
  | { kind: 'wait' };
const doc = fc.constantFrom(0, 0, 0, 1);
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('edit' as const), doc, start: pos, end: pos, text: piece }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('open' as const), doc, text: fc.constantFrom(...SEEDS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), doc }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      doc,
      method: fc.constantFrom(...METHODS),
      at: pos,
      to: pos,
      name: fc.oneof(fc.constantFrom('web2', 'api', 'a b', ''), fc.string({ maxLength: 5 })),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'wait' as const }) },
);

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Why a range does not lie inside a text, or undefined when it does. */
export function outside(text: string, range: Range): string | undefined {
  const model = TextDocument.create('file:///x', 'yaml', 0, text);
  const lineLength = (line: number) => {
    const start = model.offsetAt({ line, character: 0 });
    const end = line + 1 < model.lineCount ? model.offsetAt({ line: line + 1, character: 0 }) : text.length;
    return text.slice(start, end).replace(/\r?\n$|\r$/, '').length;
  };
  for (const p of [range.start, range.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `bad position ${JSON.stringify(p)}`;
    if (p.line >= model.lineCount) return `line ${p.line} past the last line ${model.lineCount - 1}`;
    if (p.character > lineLength(p.line)) return `character ${p.character} past the end (${lineLength(p.line)}) of line ${p.line}`;
  }
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) return 'start after end';
  return undefined;
}

/** Every { uri, range } found anywhere in a response (locations, edits, symbols, lenses, hovers). */
function rangesIn(value: unknown, uri: string | undefined, found: { uri: string; range: Range; where: string }[], where = ''): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => rangesIn(v, uri, found, `${where}[${i}]`));
    return;
  }
  if (!value || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  const own = typeof object.uri === 'string' ? object.uri : uri;
  for (const [key, v] of Object.entries(object)) {
    if ((key === 'range' || key === 'selectionRange') && own && v && typeof v === 'object' && 'start' in v)
      found.push({ uri: own, range: v as Range, where: `${where}.${key}` });
    else if (key === 'changes' && v && typeof v === 'object') for (const [u, edits] of Object.entries(v)) rangesIn(edits, u, found, `${where}.changes`);
    else rangesIn(v, own, found, `${where}.${key}`);
  }
}

const within = <T>(promise: Promise<T>, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer to ${what} within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS)),
  ]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Expected = { ruleId: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number }[];
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };
const sorted = (list: Expected): Expected =>
  [...list].sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message));
const fromLsp = (diagnostics: Diagnostic[]): Expected =>
  sorted(
    diagnostics.map((d) => ({
      ruleId: String(d.code),
      severity: d.severity ?? 0,
      message: typeof d.message === 'string' ? d.message : d.message.value,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
    })),
  );

let tmp: string;
let client: LspClient | undefined;
const expected = new Map<string, Expected>();

beforeAll(async () => {
  assertServerBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'composure-lsp-fuzz-'));
  // What the command line says of each known file, in a directory of the same name as the fuzzed ones (the project name).
  await Promise.all(
    [...new Set(KNOWN)].map(async (text, i) => {
      const dir = join(tmp, `cli-${i}`, 'fuzz');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'compose.yaml'), text);
      const result = await runCli(['lint', '--format', 'json', 'compose.yaml'], { cwd: dir });
      const [report] = JSON.parse(result.stdout) as { messages: (Expected[number] & { severity: string })[] }[];
      expected.set(
        text,
        sorted(
          report.messages.map((m) => ({
            ruleId: m.ruleId,
            severity: SEVERITY[m.severity],
            message: m.message,
            line: m.line,
            column: m.column,
            endLine: m.endLine,
            endColumn: m.endColumn,
          })),
        ),
      );
    }),
  );
}, 60_000);

afterAll(async () => {
  await client?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function server(): Promise<LspClient> {
  if (client && client.exited === undefined) return client;
  client = new LspClient({ rootPath: tmp });
  await client.initialize();
  return client;
}

let runs = 0;
/** What the sequences covered, printed at the end (so that a vacuous run shows). */
const stats = { compared: 0, requests: 0, responseRanges: 0, publications: 0, diagnosticRanges: 0 };
/** Runs one sequence on a fresh directory; returns the problems found (empty when the properties hold). */
async function run(initial: string, commands: Command[], final: string): Promise<string[]> {
  const c = await server();
  const dir = join(tmp, `run-${++runs}`, 'fuzz');
  mkdirSync(dir, { recursive: true });
  const paths = [join(dir, 'compose.yaml'), join(dir, 'compose.override.yaml')];
  const uris = paths.map(uriOf);
  const models: (TextDocument | undefined)[] = [undefined, undefined];
  /** Every text a document had, by `uri#version`: published diagnostics are checked against theirs. */
  const texts = new Map<string, string>();
  let version = 0;
  const problems: string[] = [];
  const logsBefore = c.logs.length;
  const publishedBefore = c.published.length;

  const open = (d: number, text: string) => {
    models[d] = TextDocument.create(uris[d], 'yaml', ++version, text);
    texts.set(`${uris[d]}#${version}`, text);
    c.open(paths[d], text, version);
  };
  const at = (d: number, p: Pos) => {
    if (p.huge) return { line: 2_147_483_647, character: 2_147_483_647 };
    const model = models[d];
    const lines = model ? model.getText().split(/\r\n|\r|\n/) : [''];
    const line = p.line % (lines.length + 2);
    return { line, character: p.character % ((lines[line]?.length ?? 0) + 3) };
  };

  open(0, initial);
  for (const cmd of commands) {
    if (cmd.kind === 'wait') {
      await sleep(200);
    } else if (cmd.kind === 'open') {
      if (!models[cmd.doc]) open(cmd.doc, cmd.text);
    } else if (cmd.kind === 'close') {
      if (models[cmd.doc]) {
        models[cmd.doc] = undefined;
        c.close(paths[cmd.doc]);
      }
    } else if (cmd.kind === 'edit') {
      const model = models[cmd.doc];
      if (!model) continue;
      const change = { range: { start: at(cmd.doc, cmd.start), end: at(cmd.doc, cmd.end) }, text: cmd.text };
      if (
        change.range.start.line > change.range.end.line ||
        (change.range.start.line === change.range.end.line && change.range.start.character > change.range.end.character)
      ) {
        [change.range.start, change.range.end] = [change.range.end, change.range.start];
      }
      models[cmd.doc] = TextDocument.update(model, [change], ++version);
      texts.set(`${uris[cmd.doc]}#${version}`, models[cmd.doc]!.getText());
      c.change(paths[cmd.doc], version, [change]);
    } else {
      const textDocument = { uri: uris[cmd.doc] };
      const position = at(cmd.doc, cmd.at);
      const params =
        cmd.method === 'composure/topology'
          ? { uri: uris[cmd.doc] }
          : cmd.method === 'textDocument/documentSymbol' || cmd.method === 'textDocument/codeLens'
            ? { textDocument }
            : cmd.method === 'textDocument/codeAction'
              ? { textDocument, range: { start: position, end: at(cmd.doc, cmd.to) }, context: { diagnostics: [] } }
              : cmd.method === 'textDocument/references'
                ? { textDocument, position, context: { includeDeclaration: true } }
                : cmd.method === 'textDocument/rename'
                  ? { textDocument, position, newName: cmd.name }
                  : { textDocument, position };
      let result: unknown;
      try {
        result = await within(c.request(cmd.method, params), `${cmd.method} ${JSON.stringify(params)}`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // Rename refuses a name it cannot apply with an error response: that is an answer.
        if (cmd.method === 'textDocument/rename' && !/no answer/.test(message)) continue;
        problems.push(`${cmd.method}: ${message}`);
        break;
      }
      const found: { uri: string; range: Range; where: string }[] = [];
      rangesIn(result, uris[cmd.doc], found);
      stats.requests++;
      stats.responseRanges += found.length;
      for (const { uri, range, where } of found) {
        const d = uris.indexOf(uri);
        const model = d < 0 ? undefined : models[d];
        const why = model ? outside(model.getText(), range) : undefined;
        if (why) problems.push(`${cmd.method} at ${JSON.stringify(position)}: ${where} ${JSON.stringify(range)}: ${why}`);
      }
    }
    if (c.exited !== undefined) break;
  }

  // The diagnostics of the fuzzed text itself (the edits above mostly come faster than the debounce).
  // They must equal what the command line says of the same texts (the open buffers written to disk
  // in a directory of the same name), unless the project cannot be loaded at all (the command line
  // then exits with 2 and the server shows one compose-load error).
  // An empty edit first: the diagnostics of its version are computed after every message before
  // it (a later edit of the override re-publishes the compose file under its unchanged version).
  if (models[0]) {
    const noop = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' };
    models[0] = TextDocument.update(models[0], [noop], ++version);
    texts.set(`${uris[0]}#${version}`, models[0].getText());
    c.change(paths[0], version, [noop]);
  }
  const current = models[0]?.version;
  let compared: Promise<void> | undefined;
  if (current !== undefined && c.exited === undefined) {
    try {
      const fuzzed = await c.until(
        () => c.published.slice(publishedBefore).find((p) => p.uri === uris[0] && p.version === current)?.diagnostics,
        20_000,
        `diagnostics of version ${current}`,
      );
      const copy = join(tmp, `cmp-${runs}`, 'fuzz');
      mkdirSync(copy, { recursive: true });
      models.forEach((m, d) => m && writeFileSync(join(copy, d === 0 ? 'compose.yaml' : 'compose.override.yaml'), m.getText()));
      const text = models[0]!.getText();
      compared = runCli(['lint', '--format', 'json'], { cwd: copy }).then((result) => {
        stats.compared++;
        // The server's "cannot load" diagnostic: compose-load at 0:0–0:0 (compose-load findings of a
        // project that does load, such as a missing include, have their own place).
        const unloadable = fuzzed.some((d) => d.code === 'compose-load' && d.range.end.line === 0 && d.range.end.character === 0);
        if (result.code === 2 || unloadable) {
          if (result.code !== 2 || !unloadable)
            problems.push(
              `the command line exits with ${result.code}, the server shows ${JSON.stringify(fuzzed)}\ntext: ${JSON.stringify(text)}\nstderr: ${result.stderr}`,
            );
          return;
        }
        const reports = JSON.parse(result.stdout) as { filePath: string; messages: (Expected[number] & { severity: string })[] }[];
        const messages = reports.find((r) => r.filePath === join(copy, 'compose.yaml'))?.messages ?? [];
        const strip = (list: Expected) => list.map(({ message: _, ...rest }) => rest);
        const want = strip(
          sorted(messages.map((m) => ({ ...m, severity: SEVERITY[m.severity] }))).map(({ ruleId, severity, message, line, column, endLine, endColumn }) => ({
            ruleId,
            severity,
            message,
            line,
            column,
            endLine,
            endColumn,
          })),
        );
        const got = strip(fromLsp(fuzzed));
        if (JSON.stringify(got) !== JSON.stringify(want))
          problems.push(
            `diagnostics of the fuzzed text differ from the command line's:\ntext: ${JSON.stringify(text)}\nserver: ${JSON.stringify(got)}\ncli:    ${JSON.stringify(want)}`,
          );
      });
    } catch (error) {
      problems.push(String(error));
    }
  }

  // The final state: the override closed, the compose file's whole text replaced by a known file.
  if (models[1]) {
    c.close(paths[1]);
    models[1] = undefined;
  }
  const last = c.nextDiagnostics(uris[0], version + 1, 20_000);
  if (models[0]) {
    version++;
    c.change(paths[0], version, [{ text: final }]);
    texts.set(`${uris[0]}#${version}`, final);
  } else open(0, final);
  try {
    const got = fromLsp(await last);
    const want = expected.get(final)!;
    if (JSON.stringify(got) !== JSON.stringify(want))
      problems.push(`final diagnostics differ from the command line's:\n${JSON.stringify(got)}\n${JSON.stringify(want)}`);
  } catch (error) {
    problems.push(String(error));
  }
  c.close(paths[0]);
  await compared;

  for (const p of c.published.slice(publishedBefore)) {
    if (!uris.includes(p.uri) || p.version === undefined) continue;
    const text = texts.get(`${p.uri}#${p.version}`);
    if (text === undefined) {
      problems.push(`diagnostics for an unknown version ${p.version} of ${p.uri}`);
      continue;
    }
    stats.publications++;
    for (const d of p.diagnostics) {
      stats.diagnosticRanges++;
      const why = outside(text, d.range);
      if (why) problems.push(`diagnostic ${String(d.code)} ${JSON.stringify(d.range)} of version ${p.version}: ${why}\ntext: ${JSON.stringify(text)}`);
    }
  }
  if (c.exited !== undefined) problems.push(`the server exited (${c.exited}); stderr: ${c.stderr}`);
  const logged = c.logs.slice(logsBefore).filter((l) => /failed|error/i.test(l));
  if (logged.length > 0) problems.push(`logged: ${logged.join('\n')}`);
  return problems;
}

describe('language server under fuzzing (the built server over stdio)', () => {
  // Found by this fuzzer: a NUL in a service or network name ended a quoted string in the DOT text
  // Graphviz drew the topology from (core's dotString), so composure/topology logged "failed" and
  // answered null. Fixed in packages/graph/src/dot.ts: a NUL is drawn as U+FFFD.
  it('composure/topology draws a project whose names hold a NUL', async () => {
    const c = await server();
    const dir = join(tmp, 'nul', 'fuzz');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'compose.yaml');
    const logs = c.logs.length;
    c.open(path, 'services:\n  "a\\0b":\n    image: x:1\n    networks: ["n\\0"]\nnetworks:\n  "n\\0": {}\n');
    const page = await within(c.request<{ html: string } | null>('composure/topology', { uri: uriOf(path) }), 'composure/topology');
    c.close(path);
    expect(c.logs.slice(logs)).toEqual([]);
    expect(page?.html).toContain('<svg');
    expect(page?.html).toContain('a\uFFFDb');
  });

  it(
    `stays alive, answers every request, keeps every range inside its text, ends with the command line's diagnostics (${RUNS} sequences)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...SEEDS),
          fc.array(command, { minLength: 5, maxLength: 30 }),
          fc.constantFrom(...KNOWN),
          async (initial, commands, final) => {
            const problems = await run(initial, commands, final);
            // Shown at once: shrinking a failing sequence on a live server takes a while.
            if (problems.length > 0 && process.env.FUZZ_RUNS !== undefined) console.error(`lsp-fuzz problem:\n${problems.join('\n')}`);
            expect(problems).toEqual([]);
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
      console.log(
        `lsp-fuzz: ${RUNS} sequences, ${stats.compared} fuzzed texts compared with the command line, ${stats.requests} requests answered, ${stats.responseRanges} ranges in responses and ${stats.diagnosticRanges} in ${stats.publications} publications checked`,
      );
      expect(stats.diagnosticRanges).toBeGreaterThan(RUNS);
      expect(client?.stderr).toBe('');
    },
    Math.max(120_000, RUNS * 5_000),
  );
});
