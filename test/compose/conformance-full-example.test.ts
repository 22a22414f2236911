/**
 * End-to-end conformance: compose-go's TestFullExample (loader/full-example.yml,
 * commit 9dee8f4), see test/conformance/README.md, section full-example.
 *
 * The Go test loaded the file with SkipNormalization, SkipConsistencyCheck and
 * ResolvePaths, then compared its typed project struct field by field; the
 * vector holds that struct serialised by `project.MarshalJSON()`. We load the
 * same file in place (working dir = its folder) and compare every service,
 * network, volume, secret, config and extension field by field, after
 *
 *  - ADJUSTMENTS: how Go's *typed* model renders the same data (a file mode as
 *    "0440", a duration as "1m0s", bytes as a decimal string, omitted opt-out
 *    defaults…). Each one only changes representation, and each must apply.
 *  - DEVIATIONS: what composure does differently on purpose. Each is asserted.
 *
 * Anything else that differs is a loader bug, to be fixed in the loader.
 *
 * The second block checks normalisation through the whole loader on small
 * in-memory projects.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { memoryHost, nodeHost, toJS, type Project } from '@composure/core';
import { readEnvFiles } from '../../packages/core/src/load/environment.js';
import { loadProject } from '../../packages/core/src/load/load-project.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonMap = { [key: string]: Json };

const DIR = fileURLToPath(new URL('../conformance/full-example', import.meta.url));
const HOME = '/home/composure-tester';
/** The Go test's environment (loadYAMLWithEnv): HOME, BAR and QUX, nothing else. */
const ENV = { HOME, BAR: 'this is a secret', QUX: 'qux_from_environment' };
const PROJECT = 'full_example_project_name';

const placeholders = (text: string) => text.split('__WORKING_DIR__').join(DIR).split('__HOME_DIR__').join(HOME);
const readVector = (name: string) => placeholders(readFileSync(`${DIR}/${name}`, 'utf8'));

const asMap = (value: Json | undefined): JsonMap => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {});
const has = (holder: Json, key: string | number) => holder !== null && typeof holder === 'object' && Object.hasOwn(holder, key);

/**
 * Calls `fn(holder, key)` for every value at a dotted path (`*` = every key or
 * index); with `absent`, also where the last key is missing. Returns how often `fn` changed something.
 */
function at(root: Json, pattern: string, fn: (holder: JsonMap & Json[], key: string) => boolean | void, absent = false): number {
  const segments = pattern.split('.');
  let count = 0;
  const step = (node: Json, i: number) => {
    if (node === null || typeof node !== 'object') return;
    const segment = segments[i];
    const keys = segment === '*' ? Object.keys(node) : [segment];
    for (const key of keys) {
      if (i === segments.length - 1) {
        if ((has(node, key) || (absent && segment !== '*')) && fn(node as JsonMap & Json[], key) !== false) count++;
      } else if (has(node, key)) step((node as JsonMap)[key], i + 1);
    }
  };
  step(root, 0);
  return count;
}

// ---------------------------------------------------------------------------
// Go's value types, as compose-go/docker print them.

/** Go's time.ParseDuration, in nanoseconds. */
function parseGoDuration(text: string): number {
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  const parts = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)];
  if (parts.map((p) => p[0]).join('') !== text) throw new Error(`not a Go duration: ${text}`);
  return Math.round(parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit], 0));
}

/** Go's time.Duration.String(). */
function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const fraction = (value: number, digits: number) => value.toFixed(digits).replace(/\.?0+$/, '');
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${fraction(ns / 1e3, 3)}µs`;
  if (ns < 1e9) return `${fraction(ns / 1e6, 6)}ms`;
  const hours = Math.floor(ns / 3600e9);
  const minutes = Math.floor((ns % 3600e9) / 60e9);
  const seconds = fraction((ns % 60e9) / 1e9, 9);
  return `${hours > 0 ? `${hours}h` : ''}${hours > 0 || minutes > 0 ? `${minutes}m` : ''}${seconds}s`;
}

/** docker/go-units RAMInBytes (binary multiples), as compose-go's UnitBytes decodes a size. */
function ramInBytes(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(value);
  if (!match) throw new Error(`not a size: ${value}`);
  const exponent = match[2] ? 'kmgtp'.indexOf(match[2].toLowerCase()) + 1 : 0;
  return Math.trunc(Number(match[1]) * 1024 ** exponent);
}

/** mattn/go-shellwords, as compose-go's ShellCommand splits a string command (quotes and backslashes). */
function shellwords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) word = (word ?? '') + text[++i];
    else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

const DURATIONS = [
  'services.*.healthcheck.interval',
  'services.*.healthcheck.timeout',
  'services.*.healthcheck.start_period',
  'services.*.healthcheck.start_interval',
  'services.*.stop_grace_period',
  'services.*.deploy.update_config.delay',
  'services.*.deploy.update_config.monitor',
  'services.*.deploy.rollback_config.delay',
  'services.*.deploy.rollback_config.monitor',
  'services.*.deploy.restart_policy.delay',
  'services.*.deploy.restart_policy.window',
];

// ---------------------------------------------------------------------------
// The adjustments: Go's typed rendering of the same data.

interface Adjustment {
  /** What it changes, and on which side. */
  at: string;
  /** Why this is representation only. */
  reason: string;
  /** Applies it; returns how many values it changed (each adjustment must apply at least once). */
  apply(ours: Json, expected: Json): number;
}

const ADJUSTMENTS: Adjustment[] = [
  {
    at: 'ours: services.*.{secrets,configs,build.secrets}.*.mode: 288 → "0440"',
    reason: 'Go FileMode marshals as an octal string; `mode: 0440` is octal in YAML 1.1 (go-yaml) and composure reads it the same way (288)',
    apply: (ours) =>
      ['services.*.secrets.*.mode', 'services.*.configs.*.mode', 'services.*.build.secrets.*.mode']
        .map((p) => at(ours, p, (h, k) => void (h[k] = `0${(h[k] as number).toString(8)}`)))
        .reduce((a, b) => a + b, 0),
  },
  {
    at: 'ours: services.*.{command,entrypoint}: a string → its shell words; absent → null',
    reason:
      'compose-go decodes into ShellCommand ([]string, split with go-shellwords: the same argv Docker runs); a nil ShellCommand is printed as null (no omitempty)',
    apply: (ours) => {
      let count = 0;
      for (const service of Object.values(asMap(asMap(ours).services))) {
        const s = asMap(service);
        for (const key of ['command', 'entrypoint']) {
          if (!has(s, key)) s[key] = null;
          else if (typeof s[key] === 'string') s[key] = shellwords(s[key] as string);
          else continue;
          count++;
        }
      }
      return count;
    },
  },
  {
    at: `ours: durations (${DURATIONS.length} paths: healthcheck, stop_grace_period, deploy update/rollback/restart) → Duration.String()`,
    reason: 'Go time.Duration prints in its own units: 60s → "1m0s", 120s → "2m0s"',
    apply: (ours) =>
      DURATIONS.map((p) =>
        at(ours, p, (h, k) => {
          const go = formatGoDuration(parseGoDuration(String(h[k])));
          if (go === h[k]) return false;
          h[k] = go;
        }),
      ).reduce((a, b) => a + b, 0),
  },
  {
    at: 'ours: services.*.deploy.resources.*.cpus: "0.001" → 0.001',
    reason: 'compose-go decodes cpus into NanoCPUs (float32), printed as a JSON number',
    apply: (ours) => at(ours, 'services.*.deploy.resources.*.cpus', (h, k) => void (h[k] = Number(h[k]))),
  },
  {
    at: 'ours: services.*.deploy.resources.*.memory and services.*.volumes.*.tmpfs.size → bytes, as a decimal string ("50M" → "52428800")',
    reason: 'compose-go decodes sizes into UnitBytes (int64, docker/go-units RAMInBytes), which marshals as a decimal string',
    apply: (ours) =>
      at(ours, 'services.*.deploy.resources.*.memory', (h, k) => void (h[k] = String(ramInBytes(h[k] as string)))) +
      at(ours, 'services.*.volumes.*.tmpfs.size', (h, k) => void (h[k] = String(ramInBytes(h[k] as string)))),
  },
  {
    at: 'ours: values of services.*.{labels,sysctls}, {networks,volumes}.*.driver_opts: 42 → "42"',
    reason: 'Go Labels, Mapping and Options are map[string]string: scalars are printed as strings (fmt.Sprint)',
    apply: (ours) =>
      ['services.*.labels.*', 'services.*.sysctls.*', 'networks.*.driver_opts.*', 'volumes.*.driver_opts.*']
        .map((p) =>
          at(ours, p, (h, k) => {
            if (typeof h[k] === 'string' || h[k] === null) return false;
            h[k] = String(h[k]);
          }),
        )
        .reduce((a, b) => a + b, 0),
  },
  {
    at: 'ours: services.*.expose.*: 8000 → "8000"',
    reason: 'Go StringOrNumberList is []string',
    apply: (ours) =>
      at(ours, 'services.*.expose.*', (h, k) => {
        if (typeof h[k] === 'string') return false;
        h[k] = String(h[k]);
      }),
  },
  {
    at: 'ours: services.*.extra_hosts: {host: ip} → ["host=ip"]',
    reason: 'Go HostsList (map[string][]string) marshals as a list of host=ip',
    apply: (ours) =>
      at(ours, 'services.*.extra_hosts', (h, k) => {
        h[k] = Object.entries(asMap(h[k])).flatMap(([host, ips]) => (Array.isArray(ips) ? ips : [ips]).map((ip) => `${host}=${String(ip)}`));
      }),
  },
  {
    at: 'ours: services.*.build.ssh: {default: null, id: path} → ["default", "id=path"]',
    reason: 'Go SSHConfig ([]SSHKey) marshals as a list of id[=path]',
    apply: (ours) =>
      at(ours, 'services.*.build.ssh', (h, k) => {
        h[k] = Object.entries(asMap(h[k])).map(([id, path]) => (path === null || path === '' ? id : `${id}=${String(path)}`));
      }),
  },
  {
    at: 'ours: services.*.env_file.*.required: true and services.*.volumes.*.bind.create_host_path: true are dropped',
    reason: 'Go OptOut booleans: true is their zero value, left out of the JSON (omitzero)',
    apply: (ours) =>
      ['services.*.env_file.*.required', 'services.*.volumes.*.bind.create_host_path']
        .map((p) =>
          at(ours, p, (h, k) => {
            if (h[k] !== true) return false;
            delete h[k];
          }),
        )
        .reduce((a, b) => a + b, 0),
  },
  {
    at: 'ours: networks.*.ipam absent → {}',
    reason: 'Go NetworkConfig.Ipam is a struct value without omitempty: always printed',
    apply: (ours) =>
      at(
        ours,
        'networks.*.ipam',
        (h, k) => {
          if (has(h, k)) return false;
          h[k] = {};
        },
        true,
      ),
  },
  {
    at: 'expected: x-* extensions of services, networks, volumes, secrets and configs, from expected.yaml',
    reason: 'Go tags these Extensions `json:"-"`: MarshalJSON drops them, MarshalYAML of the same struct (expected.yaml) keeps them',
    apply: (_ours, expected) => {
      const yaml = parse(readVector('expected.yaml')) as JsonMap;
      let count = 0;
      for (const section of ['services', 'networks', 'volumes', 'secrets', 'configs']) {
        for (const [name, entry] of Object.entries(asMap(yaml[section]))) {
          for (const [key, value] of Object.entries(asMap(entry))) {
            if (!key.startsWith('x-')) continue;
            asMap(asMap(asMap(expected)[section])[name])[key] = value;
            count++;
          }
        }
      }
      return count;
    },
  },
];

// ---------------------------------------------------------------------------
// The deviations: what composure does differently on purpose.

interface Deviation {
  at: string;
  reason: string;
  /** Asserts the deviation holds, then brings both sides to the same data. */
  apply(ours: JsonMap, expected: JsonMap): void;
}

/** Exactly what normalisation adds to this file (compose-go's Normalize: default network, `{project}_{key}` names). */
const NORMALIZED: [string, Json][] = [
  ['services.bar.networks', { default: null }],
  ['networks.default', { name: `${PROJECT}_default`, ipam: {} }],
  ['networks.some-network.name', `${PROJECT}_some-network`],
  ['networks.other-network.name', `${PROJECT}_other-network`],
  ['networks.external-network.name', 'external-network'],
  ['volumes.some-volume.name', `${PROJECT}_some-volume`],
  ['volumes.other-volume.name', `${PROJECT}_other-volume`],
  ['volumes.external-volume.name', 'external-volume'],
  ['configs.config1.name', `${PROJECT}_config1`],
  ['configs.config3.name', 'config3'],
  ['secrets.secret1.name', `${PROJECT}_secret1`],
  ['secrets.secret3.name', 'secret3'],
  ['secrets.secret5.name', `${PROJECT}_secret5`],
];

const DEVIATIONS: Deviation[] = [
  {
    at: 'services.foo.environment holds only what the service declares (BAZ, QUX), not the env_file entries',
    reason: 'env_file contents are never inlined, so secrets from env files never reach outputs; env_file references are compared as they are',
    apply(ours, expected) {
      const foo = asMap(asMap(ours.services).foo);
      expect(foo.environment).toEqual({ BAZ: 'baz_from_service_def', QUX: 'qux_from_environment' });
      // What compose-go's WithServicesEnvironmentResolved computes from the same references: the files, under the service's own.
      const paths = (foo.env_file as JsonMap[]).map((e) => e.path as string);
      const fromFiles = readEnvFiles(paths, ENV, nodeHost);
      expect(fromFiles.diagnostics).toEqual([]);
      foo.environment = { ...fromFiles.values, ...asMap(foo.environment) };
      expect(Object.keys(asMap(asMap(asMap(expected.services).foo).environment)).sort()).toEqual(Object.keys(foo.environment).sort());
    },
  },
  {
    at: `the model is normalised: ${NORMALIZED.map(([path]) => path).join(', ')}`,
    reason: 'composure always normalises, as `docker compose` does; the Go test loaded with SkipNormalization',
    apply(_ours, expected) {
      for (const [path, value] of NORMALIZED) {
        const keys = path.split('.');
        const holder = keys.slice(0, -1).reduce<Json>((node, key) => asMap(node)[key], expected);
        expect(has(holder, keys.at(-1)!), `${path} is not in expected.json`).toBe(false);
        asMap(holder)[keys.at(-1)!] = value;
      }
    },
  },
];

// ---------------------------------------------------------------------------

function loadFullExample() {
  const project = loadProject({ files: ['input.yml'], cwd: DIR, env: { ...ENV } });
  const ours = toJS(project.root) as JsonMap;
  const expected = JSON.parse(readVector('expected.json')) as JsonMap;
  // Failures are kept for the tests below, so that one names the adjustment or deviation that broke.
  const attempt = (fn: () => number | void) => {
    try {
      return { count: fn() ?? 0 };
    } catch (error) {
      return { count: 0, error };
    }
  };
  const applied = ADJUSTMENTS.map((a) => attempt(() => a.apply(ours, expected)));
  const deviations = DEVIATIONS.map((d) => attempt(() => d.apply(ours, expected)));
  return { project, ours, expected, applied, deviations };
}

const SECTIONS = ['services', 'networks', 'volumes', 'secrets', 'configs'] as const;

describe('conformance: compose-go full example (loader/full-example.yml @ 9dee8f4)', () => {
  const { project, ours, expected, applied, deviations } = loadFullExample();

  it('loads without diagnostics', () => {
    expect(project.diagnostics.map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
  });

  it("takes the project name from the file and the working directory from the file's folder", () => {
    expect(project.name).toBe(PROJECT);
    expect(project.workingDir).toBe(DIR);
    expect(ours.name).toBe(expected.name);
  });

  it('has the same top-level keys (sections and extensions)', () => {
    expect(Object.keys(ours).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected).filter((k) => k.startsWith('x-')))('top-level extension %s', (key) => {
    expect(ours[key]).toEqual(expected[key]);
  });

  it.each(ADJUSTMENTS.map((a, i) => [a.at, applied[i]] as const))('adjustment applies: %s', (_at, { count, error }) => {
    if (error) throw error;
    expect(count).toBeGreaterThan(0);
  });

  it.each(DEVIATIONS.map((d, i) => [d.at, deviations[i]] as const))('deviation holds: %s', (_at, { error }) => {
    if (error) throw error;
  });

  it('the model never holds a secret from the environment (secret4 reads BAR by name only)', () => {
    const model = JSON.stringify(toJS(project.root));
    expect(model).not.toContain(ENV.BAR);
    expect(model).not.toContain('bar_from_env_file');
  });

  it('the env_file and label_file references themselves match', () => {
    const foo = asMap(asMap(ours.services).foo);
    const expectedFoo = asMap(asMap(expected.services).foo);
    expect(foo.env_file).toEqual(expectedFoo.env_file);
    expect(foo.label_file).toEqual(expectedFoo.label_file);
  });

  for (const section of SECTIONS) {
    describe(section, () => {
      it('has the same entries', () => {
        expect(Object.keys(asMap(ours[section])).sort()).toEqual(Object.keys(asMap(expected[section])).sort());
      });
      for (const name of Object.keys(asMap(expected[section]))) {
        const mine = asMap(asMap(ours[section])[name]);
        const theirs = asMap(asMap(expected[section])[name]);
        const fields = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].sort();
        it.each(fields)(`${section}.${name}.%s`, (field) => {
          expect(has(mine, field), `${section}.${name}.${field} present in ours`).toBe(has(theirs, field));
          expect(mine[field]).toEqual(theirs[field]);
        });
      }
    });
  }

  it('the whole model, once more, in one comparison', () => {
    expect(ours).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------

describe('normalisation through the whole loader (compose-go Normalize)', () => {
  function load(text: string, options: { dir?: string; env?: Record<string, string> } = {}): { project: Project; model: JsonMap } {
    const dir = options.dir ?? '/work/My Project';
    const project = loadProject({ host: memoryHost({ [`${dir}/compose.yaml`]: text }), cwd: dir, env: options.env ?? {} });
    return { project, model: toJS(project.root) as JsonMap };
  }
  const service = (model: JsonMap, name: string) => asMap(asMap(model.services)[name]);

  it('attaches services with neither networks nor network_mode to an implicit default network', () => {
    const { project, model } = load(
      [
        'services:',
        '  web: {image: nginx}',
        '  empty: {image: nginx, networks: {}}',
        '  host: {image: nginx, network_mode: host}',
        '  none: {image: nginx, network_mode: none}',
        '  shared: {image: nginx, network_mode: "service:web"}',
        '  front: {image: nginx, networks: [front]}',
        'networks:',
        '  front: {}',
      ].join('\n'),
    );
    expect(project.diagnostics).toEqual([]);
    expect(service(model, 'web').networks).toEqual({ default: null });
    expect(service(model, 'empty').networks).toEqual({ default: null });
    for (const name of ['host', 'none', 'shared']) expect(service(model, name).networks, name).toBeUndefined();
    expect(service(model, 'front').networks).toEqual({ front: null });
    expect(model.networks).toEqual({ front: { name: 'myproject_front' }, default: { name: 'myproject_default' } });
  });

  it('creates no default network when no service uses it, and keeps a declared one', () => {
    expect(load('services:\n  a: {image: x, networks: [n]}\nnetworks:\n  n: {}\n').model.networks).toEqual({ n: { name: 'myproject_n' } });
    const { model } = load('services:\n  a: {image: x}\nnetworks:\n  default: {driver_opts: {x: "1"}}\n');
    expect(model.networks).toEqual({ default: { driver_opts: { x: '1' }, name: 'myproject_default' } });
  });

  it('names networks {project}_{key}, keeps name:, and external networks keep their own name', () => {
    const { project, model } = load(
      [
        'name: shop',
        'services:',
        '  a: {image: x, networks: [plain, named, ext, extNamed, legacy]}',
        'networks:',
        '  plain:',
        '  named: {name: custom-net}',
        '  ext: {external: true}',
        '  extNamed: {external: true, name: corp-net}',
        '  legacy: {external: {name: old-net}}',
        'volumes:',
        '  data:',
        '  kept: {name: kept-volume}',
        '  outside: {external: true}',
      ].join('\n'),
    );
    expect(project.name).toBe('shop');
    expect(project.diagnostics.map((d) => d.message)).toEqual([]);
    expect(model.networks).toEqual({
      plain: { name: 'shop_plain' },
      named: { name: 'custom-net' },
      ext: { external: true, name: 'ext' },
      extNamed: { external: true, name: 'corp-net' },
      legacy: { external: true, name: 'old-net' },
    });
    expect(model.volumes).toEqual({ data: { name: 'shop_data' }, kept: { name: 'kept-volume' }, outside: { external: true, name: 'outside' } });
  });

  it('uses the project name (COMPOSE_PROJECT_NAME over name:, else the normalised directory name) in resource names', () => {
    expect(asMap(load('services:\n  a: {image: x}\n', { dir: '/work/My.Project' }).model.networks).default).toEqual({ name: 'myproject_default' });
    expect(asMap(load('name: fromfile\nservices:\n  a: {image: x}\n', { env: { COMPOSE_PROJECT_NAME: 'fromenv' } }).model.networks).default).toEqual({
      name: 'fromenv_default',
    });
  });

  it('removes version from the model', () => {
    const { project, model } = load('version: "3.8"\nservices:\n  a: {image: x}\n');
    expect(model).not.toHaveProperty('version');
    expect(Object.keys(model)).toEqual(['services', 'networks']);
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
