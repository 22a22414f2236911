/**
 * The VS Code extension as it ships: `npm run package -w extension` builds the .vsix, which is
 * read as the zip it is: its manifest (activation, settings, commands), its files (the two bundles,
 * the schema and the bundles' licence notices; no node_modules, no sources), and the bundled
 * server, extracted alone into an empty folder, started both ways: over stdio, and over node IPC
 * as vscode-languageclient's TransportKind.ipc forks it (then it lints an open compose file,
 * reports `composure/status` and answers `composure/topology`, the two messages the extension
 * relies on).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { LspClient, uriOf, type ClientOptions } from '../support/lsp-client.js';
import { ROOT } from '../support/run-cli.js';

const EXTENSION = join(ROOT, 'extension');
const VERSION = (JSON.parse(readFileSync(join(EXTENSION, 'package.json'), 'utf8')) as { version: string }).version;
const VSIX = join(EXTENSION, `composure-vscode-${VERSION}.vsix`);

/** Every entry of a zip, with its bytes. */
function readZip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

interface Manifest {
  name: string;
  publisher: string;
  version: string;
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  icon: string;
  capabilities: {
    untrustedWorkspaces: { supported: boolean | 'limited'; description: string; restrictedConfigurations?: string[] };
    virtualWorkspaces: { supported: boolean };
  };
  dependencies?: Record<string, string>;
  contributes: {
    configuration: { properties: Record<string, { type: string; default: unknown; description?: string; markdownDescription?: string }> };
    commands: { command: string; title: string; category?: string }[];
    yamlValidation: { fileMatch: string[]; url: string }[];
  };
}

let entries: Map<string, Buffer>;
let manifest: Manifest;
/** An empty folder (no node_modules above it) holding the server extracted from the .vsix. */
let alone: string;
let server: string;

beforeAll(() => {
  rmSync(VSIX, { force: true });
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'package', '-w', 'extension'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`npm run package -w extension failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  expect(Date.now() - started).toBeLessThan(90_000);
}, 150_000);

beforeAll(async () => {
  entries = await readZip(VSIX);
  manifest = JSON.parse(entries.get('extension/package.json')!.toString('utf8')) as Manifest;
  alone = mkdtempSync(join(tmpdir(), 'composure-vsix-'));
  server = join(alone, 'extension/dist/server.js');
  mkdirSync(dirname(server), { recursive: true });
  writeFileSync(join(alone, 'extension/package.json'), entries.get('extension/package.json')!);
  writeFileSync(server, entries.get('extension/dist/server.js')!);
});

afterAll(() => {
  if (alone) rmSync(alone, { recursive: true, force: true });
});

describe('the .vsix', () => {
  it('holds the manifest, README, LICENSE, CHANGELOG and dist/ with its licence notices only: no node_modules, no sources, no maps', () => {
    expect([...entries.keys()].sort()).toEqual([
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/THIRD-PARTY-NOTICES.txt',
      'extension/dist/composure-config.schema.json',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/images/icon.png',
      'extension/package.json',
      'extension/readme.md',
    ]);
  });

  it('has a 128×128 PNG icon', () => {
    expect(manifest.icon).toBe('images/icon.png');
    const png = entries.get('extension/images/icon.png')!;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
  });

  it('is the composure-lint.composure-vscode extension at this version, for VS Code 1.91 and later', () => {
    expect(manifest).toMatchObject({
      name: 'composure-vscode',
      publisher: 'composure-lint',
      version: VERSION,
      main: './dist/extension.js',
      engines: { vscode: '^1.91.0' },
    });
    const vsixManifest = entries.get('extension.vsixmanifest')!.toString('utf8');
    expect(vsixManifest).toContain(`<Identity Language="en-US" Id="composure-vscode" Version="${VERSION}" Publisher="composure-lint"`);
    expect(vsixManifest).toMatch(/Id="Microsoft\.VisualStudio\.Code\.Engine" Value="\^1\.91\.0"/);
  });

  it("activates in a workspace with a compose file, and on Docker's dockercompose language: never on any YAML file", () => {
    expect(manifest.activationEvents).toEqual([
      'workspaceContains:**/{compose,docker-compose}*.{yml,yaml}',
      'workspaceContains:**/.composure.{yml,yaml}',
      'onLanguage:dockercompose',
    ]);
  });

  it('runs in untrusted workspaces without the settings that point it at files, and not in virtual ones', () => {
    expect(manifest.capabilities.untrustedWorkspaces).toMatchObject({
      supported: 'limited',
      restrictedConfigurations: ['composure.configFile', 'composure.envFiles'],
    });
    expect(manifest.capabilities.untrustedWorkspaces.description).toMatch(/\w{3,}/);
    expect(manifest.capabilities.virtualWorkspaces).toMatchObject({ supported: false });
  });

  it('contributes the six settings with their defaults and a description each', () => {
    const properties = manifest.contributes.configuration.properties;
    expect(Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, [value.type, value.default]]))).toEqual({
      'composure.enable': ['boolean', true],
      'composure.configFile': ['string', ''],
      'composure.profiles': ['array', []],
      'composure.envFiles': ['array', []],
      'composure.files': ['array', []],
      'composure.trace.server': ['string', 'off'],
    });
    expect((properties['composure.trace.server'] as { enum?: string[] }).enum).toEqual(['off', 'messages', 'verbose']);
    for (const value of Object.values(properties)) expect(value.description ?? value.markdownDescription).toMatch(/\w{3,}/);
  });

  it('contributes "Composure: Show topology" (and a restart)', () => {
    expect(manifest.contributes.commands).toEqual([
      { command: 'composure.showTopology', title: 'Show topology', category: 'Composure' },
      { command: 'composure.restartServer', title: 'Restart language server', category: 'Composure' },
    ]);
  });

  it("validates .composure.yaml with @composure/rules' schema, shipped in dist/", () => {
    expect(manifest.contributes.yamlValidation).toEqual([{ fileMatch: ['.composure.yaml', '.composure.yml'], url: './dist/composure-config.schema.json' }]);
    const shipped = entries.get('extension/dist/composure-config.schema.json')!.toString('utf8');
    expect(shipped).toBe(readFileSync(join(ROOT, 'rules/generated/composure-config.schema.json'), 'utf8'));
    expect(JSON.parse(shipped)).toHaveProperty('properties.rules');
  });

  it('declares no dependency (what the bundles inline is a devDependency), and the bundles require only Node.js and vscode', () => {
    expect(manifest.dependencies).toBeUndefined();
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    for (const [file, allowed] of [
      ['extension/dist/extension.js', new Set(['vscode'])],
      ['extension/dist/server.js', new Set<string>()],
    ] as const) {
      // (Not inside a string: Ajv's compiled validators hold `'require("ajv/dist/runtime/equal").default'` as text.)
      const required = [
        ...entries
          .get(file)!
          .toString('utf8')
          .matchAll(/(?<!['"`])\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g),
      ].map((match) => match[1]!);
      expect(
        required.filter((name) => !builtins.has(name) && !allowed.has(name)),
        file,
      ).toEqual([]);
    }
  });
});

/**
 * Loads a CommonJS bundle in a child process where `vscode` (which only the editor provides) is a
 * stub that answers anything, and prints what the bundle exports.
 */
const LOAD_WITH_VSCODE_STUB = `
const Module = require('node:module');
const stub = (name) => new Proxy(function () {}, {
  get: (target, key) => (key === 'prototype' ? target.prototype : key === 'then' ? undefined : stub(name + '.' + String(key))),
  apply: () => stub(name + '()'),
  construct: () => stub('new ' + name),
});
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? stub('vscode') : load.call(this, request, ...rest); };
const exported = require(process.argv[1]);
console.log(JSON.stringify(Object.fromEntries(Object.entries(exported).map(([key, value]) => [key, typeof value]))));
`;

describe("the .vsix's extension, alone in an empty folder", () => {
  it('loads with nothing but vscode and exports activate and deactivate', () => {
    const bundle = join(alone, 'extension/dist/extension.js');
    writeFileSync(bundle, entries.get('extension/dist/extension.js')!);
    const result = spawnSync(process.execPath, ['-e', LOAD_WITH_VSCODE_STUB, bundle], { cwd: alone, encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ activate: 'function', deactivate: 'function' });
  });
});

const MICROSERVICES = join(ROOT, 'examples/microservices');

/** The .vsix's server as the extension runs it: from its empty folder, with the extension's default settings. */
const asTheExtension = (transport: ClientOptions['transport']): ClientOptions => ({
  server,
  transport,
  cwd: alone,
  settings: { enable: true, configFile: '', profiles: [], envFiles: [], files: [] },
});

/** What the extension's client advertises. */
const initializeOptions: ClientOptions = {
  rootPath: MICROSERVICES,
  capabilities: {
    workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
    textDocument: { publishDiagnostics: {}, synchronization: { didSave: true } },
  },
};

function expectCapabilities(capabilities: Record<string, unknown>): void {
  expect(capabilities.textDocumentSync).toBeDefined();
  expect(capabilities.codeActionProvider).toBeTruthy();
  expect(capabilities.hoverProvider).toBeTruthy();
}

/** Runs `body` with a client, then shuts the server down; a failure carries the server's stderr. */
async function withServer(options: ClientOptions, body: (client: LspClient) => Promise<void>): Promise<void> {
  const client = new LspClient(options);
  try {
    await body(client);
    expect(await client.stop()).toBe(0);
  } catch (error) {
    await client.stop();
    throw new Error(`${String(error)}\nstderr: ${client.stderr}`, { cause: error });
  }
}

describe("the .vsix's server, alone in an empty folder", () => {
  it('starts with --stdio and answers initialize with its capabilities', async () => {
    await withServer(asTheExtension('stdio'), async (client) => {
      expectCapabilities(await client.initialize(initializeOptions));
    });
  });

  it('runs over node IPC as the extension forks it: diagnostics, composure/status and composure/topology', async () => {
    await withServer(asTheExtension('ipc'), async (client) => {
      const file = join(MICROSERVICES, 'compose.yaml');
      const uri = uriOf(file);
      expectCapabilities(await client.initialize(initializeOptions));
      const published = client.nextDiagnostics(uri, undefined, 20_000);
      client.open(file, readFileSync(file, 'utf8'));

      const diagnostics = await published;
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(diagnostics.every((diagnostic) => diagnostic.source === 'composure')).toBe(true);
      const counts = await client.until(() => client.statuses.find((status) => status.uri === uri), 20_000, `composure/status for ${uri}`);
      const bySeverity = (severity: number) => diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
      expect(counts).toEqual({ uri, errors: bySeverity(1), warnings: bySeverity(2), infos: bySeverity(3) });

      const topology = await client.request<{ html: string; title: string } | null>('composure/topology', { uri });
      expect(topology?.title).toMatch(/\w/);
      expect(topology?.html).toMatch(/^<!doctype html>/i);
      expect(topology?.html).toContain('<svg');
      expect(topology?.html).toContain('adminer');
    });
  });
});
