/**
 * Property-based tests (fast-check): random compose documents and mutations of real ones
 * (test/corpus, the examples and the rule fixtures) go through load → topology → every
 * rule → every formatter → --fix. Properties: no failure but a load or configuration one,
 * every finding lies inside its file, each format's output is valid for the format, the
 * analysis is deterministic, and the fixed text parses and is a fixed point.
 *
 * `npm test` runs a bounded number of cases; `npm run fuzz` runs many more
 * (FUZZ_RUNS, FUZZ_SEED to replay a failure fast-check printed).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { createSession, type Analysis, type FixResult, type Host, type ProjectResult } from '@composure/core';
import { rules, validateConfig } from '@composure/rules';
import { formatters } from '../../packages/cli/src/formatters/index.js';
import type { FileReport } from '../../packages/cli/src/formatters/report.js';
import { ROOT } from '../support/run-cli.js';
import { expectWellFormedXml } from '../support/xml.js';
import { YAML_TOKENS } from '../support/fuzz-tokens.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
// A case takes some 7 ms on a 2-core machine, a large mutated seed up to a second: room for the long runs of `npm run fuzz`.
const TIMEOUT = Math.max(60_000, RUNS * 100);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const DIR = '/fuzz';
const FILE = `${DIR}/compose.yaml`;

/** Seeds: every YAML file of the corpus, the examples and the rule fixtures (small ones: mutations stay fast). */
function seeds(): string[] {
  const roots = [join(ROOT, 'test', 'corpus'), join(ROOT, 'examples'), join(ROOT, 'rules', 'src')];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name) && statSync(path).size < 40_000) found.push(readFileSync(path, 'latin1'));
    }
  };
  for (const root of roots) walk(root);
  return found;
}
const SEEDS = seeds();

/** Pieces that stress the loader: YAML syntax, anchors and merges, Compose tags, interpolation, odd bytes. */
const TOKENS = [
  ...YAML_TOKENS,
  '!reset ',
  '!override ',
  '${X:?boom}',
  '>-',
  '...\n',
  '%YAML 1.2\n',
  '0x1F',
  'network_mode: service:x',
  'extends: { service: a }',
  'ipv4_address: 10.0.0.300',
  'subnet: ::/0',
  'x-composure: { policies: [{ deny: { from: a, to: b } }] }',
];

type Mutation = { kind: 'delete' | 'duplicate' | 'swap' | 'indent' | 'insert' | 'truncate'; at: number; other: number; token: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'swap', 'indent', 'insert', 'truncate'),
  at: fc.nat(),
  other: fc.nat(),
  token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })),
});

function mutate(text: string, mutations: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    const i = lines.length === 0 ? 0 : m.at % lines.length;
    const j = lines.length === 0 ? 0 : m.other % lines.length;
    switch (m.kind) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i] ?? '');
        break;
      case 'swap':
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      case 'indent':
        lines[i] = (m.other % 2 === 0 ? '  ' : '') + (lines[i] ?? '').replace(m.other % 2 === 0 ? /^/ : /^ {1,2}/, '');
        break;
      case 'insert': {
        const line = lines[i] ?? '';
        const col = line.length === 0 ? 0 : m.other % (line.length + 1);
        lines[i] = line.slice(0, col) + m.token + line.slice(col);
        break;
      }
      case 'truncate':
        lines = lines.slice(0, Math.max(1, i));
        break;
    }
  }
  return lines.join('\n');
}

/** Random Compose-shaped documents: the keys composure reads, with values of every type. */
const name = fc.constantFrom('web', 'api', 'db', 'cache', 'proxy', 'front', 'back', 'default', 'data', 'x');
const scalar = fc.oneof(
  name,
  fc.integer({ min: -1, max: 70000 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '80:80',
    '127.0.0.1:5432:5432',
    '10.0.0.0/8',
    'host',
    'service:db',
    'postgres:17',
    '${PORT:-80}',
    'root',
    '/var/run/docker.sock:/var/run/docker.sock',
  ),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(name, tie('value'), { maxKeys: 3 }),
  ),
}));
const SERVICE_KEYS = [
  'image',
  'build',
  'ports',
  'networks',
  'network_mode',
  'depends_on',
  'environment',
  'volumes',
  'user',
  'privileged',
  'cap_add',
  'security_opt',
  'links',
  'extends',
  'profiles',
  'healthcheck',
  'container_name',
  'pid',
  'devices',
  'tmpfs',
  'read_only',
  'logging',
];
const service = fc.dictionary(fc.constantFrom(...SERVICE_KEYS), value, { maxKeys: 6 });
const network = fc.oneof(
  fc.constant(null),
  fc.dictionary(fc.constantFrom('internal', 'driver', 'ipam', 'external', 'name', 'enable_ipv6'), value, { maxKeys: 3 }),
);
const composeDocument = fc
  .record(
    {
      services: fc.dictionary(name, service, { maxKeys: 4 }),
      networks: fc.dictionary(name, network, { maxKeys: 3 }),
      volumes: fc.dictionary(name, fc.constant(null), { maxKeys: 2 }),
    },
    { requiredKeys: ['services'] },
  )
  .map((doc) => stringify(doc));

const documents = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...(SEEDS.length > 0 ? SEEDS : ['services: {}\n'])), fc.array(mutation, { minLength: 1, maxLength: 6 }))
      .map(([seed, m]) => mutate(seed, m)),
  },
  { weight: 2, arbitrary: composeDocument },
  { weight: 1, arbitrary: fc.tuple(composeDocument, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([doc, m]) => mutate(doc, m)) },
);

/** A host holding one compose file as bytes (the strings above are Latin-1 read: invalid UTF-8 included). */
function hostOf(text: string): Host {
  const bytes = Uint8Array.from(Buffer.from(text, 'latin1'));
  return {
    readFile: (path) => (path === FILE ? bytes : undefined),
    isFile: (path) => path === FILE,
    isDirectory: (path) => path === DIR || path === '/',
  };
}

const PROJECT = { kind: 'files', files: [FILE] } as const;
const sessionOf = (text: string) => createSession({ rules, validateConfig, cwd: DIR, env: {}, preset: 'all', configFile: false, host: hostOf(text) });
/** A session over an editor's buffers (a host with none of its own), incremental as the language server's or not. */
const bufferSession = (documents: Map<string, string>, incremental: boolean) =>
  createSession({ rules, validateConfig, cwd: DIR, env: {}, preset: 'all', configFile: false, host: hostOf(''), documents, incremental });

/** A project that cannot be loaded or configured is an answer (undefined); a bug is thrown. */
function valueOrNothing<T>(result: ProjectResult<T>): T | undefined {
  if (result.ok) return result.value;
  if (result.failure.kind === 'internal') throw result.failure.cause;
  return undefined;
}

const analyzed = (text: string): Analysis | undefined => valueOrNothing(sessionOf(text).analyze(PROJECT));
const fixedProject = (text: string): FixResult | undefined => valueOrNothing(sessionOf(text).fix(PROJECT));

const summary = (analysis: Analysis) => analysis.findings.map((f) => `${f.ruleId} ${f.file}:${f.start}-${f.end} ${f.severity} ${f.message}`);

let validateSarif: ReturnType<Ajv['compile']> | undefined;
function sarifValidator() {
  if (!validateSarif) {
    const { id, $schema: _draft, ...schema } = JSON.parse(readFileSync(join(ROOT, 'test', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
    validateSarif = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile({ ...schema, $id: id });
  }
  return validateSarif;
}

async function expectValidFormats(analysis: Analysis) {
  const reports: FileReport[] = [{ filePath: FILE, findings: analysis.findings.filter((f) => !f.suppressed) }];
  const context = { cwd: DIR, color: false, source: (file: string) => analysis.project.files.get(file)?.text };
  for (const [format, load] of Object.entries(formatters)) {
    const output = await (await load())(reports, context);
    expect(typeof output, format).toBe('string');
    if (format === 'json' || format === 'codeclimate') JSON.parse(output);
    if (format === 'sarif') expect(sarifValidator()(JSON.parse(output)), JSON.stringify(validateSarif!.errors?.slice(0, 2))).toBe(true);
    if (format === 'junit' || format === 'checkstyle') expectWellFormedXml(output);
    if (format === 'github' || format === 'compact') expect(output.split('\n').filter(Boolean)).toHaveLength(reports[0].findings.length);
  }
}

describe('fuzz: random and mutated compose documents', () => {
  it(`has seeds (${SEEDS.length})`, () => {
    expect(SEEDS.length).toBeGreaterThan(100);
  });

  it(
    'never throws, keeps every finding inside its file, and is deterministic',
    () => {
      let linted = 0;
      fc.assert(
        fc.property(documents, (text) => {
          const first = analyzed(text);
          if (!first) return;
          if (first.findings.some((f) => f.ruleId !== 'yaml-syntax')) linted++;
          for (const f of first.findings) {
            const file = first.project.files.get(f.file);
            expect(file, `${f.ruleId} names ${f.file}`).toBeDefined();
            expect(f.start >= 0 && f.start <= f.end && f.end <= file!.text.length, `${f.ruleId} ${f.start}-${f.end}`).toBe(true);
            expect(f.line >= 1 && f.line <= f.endLine && f.endLine <= file!.lineCount, `${f.ruleId} ${f.line}-${f.endLine}`).toBe(true);
          }
          expect(summary(analyzed(text)!)).toEqual(summary(first));
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // Not vacuous: most cases get past the YAML parse to the rules.
      expect(linted).toBeGreaterThan(RUNS / 3);
    },
    TIMEOUT,
  );

  it(
    "analyses each keystroke of a document in an incremental session (the language server's) as a fresh session does",
    () => {
      let reused = 0;
      fc.assert(
        fc.property(
          documents,
          fc.array(
            fc.record({ at: fc.nat(), cut: fc.nat({ max: 3 }), typed: fc.oneof(fc.constantFrom('a', '1', ' ', '.', ':', '\n', '#', '-'), fc.constant('')) }),
            {
              minLength: 1,
              maxLength: 6,
            },
          ),
          (start, keystrokes) => {
            const documents = new Map([[FILE, start]]);
            const incremental = bufferSession(documents, true);
            let previous = valueOrNothing(incremental.analyze(PROJECT));
            let text = start;
            for (const { at, cut, typed } of keystrokes) {
              const offset = at % (text.length + 1);
              text = text.slice(0, offset) + typed + text.slice(offset + cut);
              documents.set(FILE, text);
              const analysis = valueOrNothing(incremental.analyze(PROJECT));
              const fresh = valueOrNothing(bufferSession(new Map([[FILE, text]]), false).analyze(PROJECT));
              expect(analysis && summary(analysis)).toEqual(fresh && summary(fresh));
              const doc = (analysis: Analysis | undefined) => analysis?.project.sources.get(FILE)?.yamlDocuments[0];
              if (doc(analysis) !== undefined && doc(analysis) === doc(previous)) reused++;
              previous = analysis;
            }
          },
        ),
        { numRuns: Math.ceil(RUNS / 2), seed: SEED },
      );
      // Not vacuous: the part parse served some of the keystrokes.
      expect(reused).toBeGreaterThan(RUNS / 10);
    },
    TIMEOUT,
  );

  it(
    'gives every formatter output that is valid for its format',
    async () => {
      await fc.assert(
        fc.asyncProperty(documents, async (text) => {
          const analysis = analyzed(text);
          if (analysis) await expectValidFormats(analysis);
        }),
        { numRuns: Math.ceil(RUNS / 2), seed: SEED },
      );
    },
    TIMEOUT,
  );

  it(
    'fixes to text that parses as the original did, and to a fixed point',
    () => {
      let fixed = 0;
      fc.assert(
        fc.property(documents, (text) => {
          const change = fixedProject(text)?.changes[0];
          if (!change) return;
          fixed++;
          const errors = parseAllDocuments(change.fixed).flatMap((d) => ('errors' in d ? d.errors : []));
          expect(errors.map((e) => e.message)).toEqual([]);
          const fixedText = Buffer.from((change.bom ? '\uFEFF' : '') + change.fixed, 'utf8').toString('latin1');
          expect(fixedProject(fixedText)?.changes.map((c) => c.fixed)).toEqual([]);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      expect(fixed).toBeGreaterThan(RUNS / 4);
    },
    TIMEOUT,
  );
});
