/**
 * The plugin object itself: meta, one ESLint rule per composure rule with ESLint meta taken from
 * the rule's, the three preset configs, rule options given in the ESLint configuration, the
 * shared analysis cache, a configuration that cannot be read turned into one report, and the
 * settings (settings.composure) a project is loaded with.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import yml from 'eslint-plugin-yml';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '@composure/rules';
import { analysisOf, TRUSTED_MS } from './analysis.js';
import plugin, { COMPOSE_FILES } from './index.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

/** Lints a text as /project/<filename> with the given composure rules (an empty environment). */
function lint(code: string, ruleConfig: Linter.RulesRecord, filename = '/nowhere/project/compose.yaml') {
  const linter = new Linter({ configType: 'flat', cwd: '/nowhere' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.{yaml,yml}'],
      plugins: { yml: yml as never, composure: plugin as never },
      language: 'yml/yaml',
      settings: { composure: { env: {} } },
      rules: ruleConfig,
    },
  ];
  return linter.verify(code, config, { filename }).map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
}

describe('meta', () => {
  it('names the plugin, its version and its namespace', () => {
    expect(plugin.meta).toEqual({ name: '@composure/eslint-plugin', version: pkg.version, namespace: 'composure' });
  });

  it('has one ESLint rule per composure rule, with meta from the rule', () => {
    expect(Object.keys(plugin.rules)).toEqual(rules.map((r) => r.meta.id));
    for (const rule of rules) {
      const meta = plugin.rules[rule.meta.id].meta!;
      expect(meta.type, rule.meta.id).toBe(rule.meta.category === 'style' ? 'layout' : 'problem');
      expect(meta.docs).toEqual({
        description: rule.meta.description,
        url: rule.meta.docsUrl,
        recommended: rule.meta.recommended || rule.meta.category === 'core',
      });
      expect(meta.fixable).toBe(rule.meta.fixable ? 'code' : undefined);
      expect(meta.schema).toEqual(rule.meta.optionsSchema ? [rule.meta.optionsSchema] : []);
      expect(meta.messages).toEqual({ ...rule.meta.messages, composureText: '{{message}}' });
    }
  });
});

describe('configs', () => {
  const severity = (s: string) => (s === 'error' ? 'error' : 'warn');
  const expected = (on: (r: (typeof rules)[number]) => boolean) =>
    Object.fromEntries(rules.filter(on).map((r) => [`composure/${r.meta.id}`, severity(r.meta.severity)]));
  const composureRules = (config: Linter.Config[]) => Object.fromEntries(Object.entries(config[1].rules ?? {}).filter(([id]) => id.startsWith('composure/')));

  it.each(['recommended', 'strict', 'all'] as const)('%s is a flat-config array scoped to compose files, on the yml language', (name) => {
    const config = plugin.configs[name];
    expect(config).toHaveLength(2);
    expect(config[0].plugins).toEqual({ composure: plugin, yml });
    expect(config[1]).toMatchObject({ files: COMPOSE_FILES, language: 'yml/yaml' });
    expect(COMPOSE_FILES).toEqual(['**/{docker-,}compose*.{yml,yaml}']);
  });

  it("turns on each preset's rules at their severities, info as warn", () => {
    expect(composureRules(plugin.configs.recommended)).toEqual(expected((r) => r.meta.recommended || r.meta.category === 'core'));
    expect(composureRules(plugin.configs.strict)).toEqual(expected((r) => r.meta.category !== 'style'));
    expect(composureRules(plugin.configs.all)).toEqual(expected(() => true));
    expect(plugin.configs.all[1].rules!['composure/require-healthcheck']).toBe('warn');
  });

  it("switches off what eslint-plugin-yml's base config switches off for YAML", () => {
    expect(plugin.configs.recommended[1].rules).toMatchObject({ 'no-irregular-whitespace': 'off', 'no-unused-vars': 'off' });
  });
});

describe('options from the ESLint configuration', () => {
  const code = 'services:\n  cache:\n    image: redis:stable\n';

  it("are the rule's composure options", () => {
    expect(lint(code, { 'composure/require-image-tag': 'warn' })).toEqual([
      '3:12 composure/require-image-tag Image "redis:stable" uses the floating tag "stable", which moves with every release: pin a version tag (redis:<version>) or a digest.',
    ]);
    expect(lint(code, { 'composure/require-image-tag': ['warn', { allowedTags: ['stable'] }] })).toEqual([]);
  });

  it("go on top of the project's own (x-composure)", () => {
    const withOwn = `x-composure:\n  rules:\n    require-image-tag: [warning, { allowedTags: [stable] }]\n${code}`;
    expect(lint(withOwn, { 'composure/require-image-tag': 'warn' })).toEqual([]);
    expect(lint(withOwn, { 'composure/require-image-tag': ['warn', { allowedTags: ['edge'] }] })).toHaveLength(1);
  });

  it("are checked against the rule's schema by ESLint", () => {
    expect(() => lint(code, { 'composure/require-image-tag': ['warn', { allowedTags: 'stable' }] })).toThrow(
      /Key "composure\/require-image-tag":\s+Value "stable" should be array/,
    );
    expect(() => lint(code, { 'composure/no-privileged': ['error', { any: true }] })).toThrow(
      /Key "composure\/no-privileged":\s+Value \[\{"any":true\}\] should NOT have more than 0 items/,
    );
  });
});

describe("the project's own configuration", () => {
  const service = 'services:\n  a:\n    image: a:1\n    user: root\n';

  it('does not choose the rules (ESLint does): its preset does not turn off a rule ESLint turns on', () => {
    expect(lint(`x-composure:\n  extends: recommended\n${service}`, { 'composure/no-root-user': 'warn' })).toEqual([
      '6:11 composure/no-root-user Service "a" runs as root (user: "root"): whoever compromises it is root in the container, a step from the host through any mount, capability or kernel flaw; run it as an unprivileged user (user: "1000:1000") or remove user: to keep the image\'s own.',
    ]);
  });

  it('keeps a rule it turns off explicitly off', () => {
    expect(lint(`x-composure:\n  rules:\n    no-root-user: off\n${service}`, { 'composure/no-root-user': 'warn' })).toEqual([]);
  });
});

describe('the shared analysis', () => {
  it('is made once per file name, text, cwd and environment', () => {
    const request = { filename: '/nowhere/p/compose.yaml', text: 'services:\n  a:\n    image: a:1\n', cwd: '/nowhere', env: {} };
    const first = analysisOf(request);
    expect(analysisOf({ ...request })).toBe(first);
    expect(analysisOf({ ...request, text: request.text + '\n' })).not.toBe(first);
    expect(analysisOf({ ...request, env: { A: '1' } })).not.toBe(first);
  });

  it("serves ESLint's text, not the disk's (the file need not exist)", () => {
    expect(lint('services:\n  a:\n    image: a:1\n    privileged: true\n', { 'composure/no-privileged': 'error' }, '/nowhere/x/docker-compose.yml')).toEqual([
      '4:17 composure/no-privileged Service "a" runs privileged (privileged: true): it gets every capability, every host device and no seccomp or AppArmor confinement, so whoever compromises it controls the host; remove it and grant only the capabilities (cap_add) or devices (devices) the service needs.',
    ]);
  });

  it('turns a configuration that cannot be read into one compose-load report on line 1, never a crash', () => {
    const code = 'x-composure:\n  rules:\n    no-such-rule: error\nservices:\n  a:\n    image: a:1\n    privileged: true\n';
    expect(lint(code, { 'composure/compose-load': 'error', 'composure/no-privileged': 'error' })).toEqual([
      '1:1 composure/compose-load invalid configuration in /nowhere/project/compose.yaml: unknown key "no-such-rule" in rules',
    ]);
  });
});

describe('settings.composure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'composure-eslint-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'app'));
  mkdirSync(join(dir, 'envs'));
  writeFileSync(join(dir, 'app/.env'), 'TAG=latest\n');
  writeFileSync(join(dir, 'envs/prod.env'), 'TAG=1.27\n');
  const code = 'services:\n  web:\n    image: "nginx:${TAG}"\n  debug:\n    image: busybox:1\n    privileged: true\n    profiles: [dev]\n';

  /** Lints app/compose.yaml of the temporary directory (ESLint's working directory) with the given settings. */
  function lintApp(composure: Record<string, unknown>) {
    const linter = new Linter({ configType: 'flat', cwd: dir });
    const rulesOn = { 'composure/require-image-tag': 'warn', 'composure/no-privileged': 'error' } as const;
    const config: Linter.Config[] = [
      {
        files: ['**/*.yaml'],
        plugins: { yml: yml as never, composure: plugin as never },
        language: 'yml/yaml',
        settings: { composure: { env: {}, ...composure } },
        rules: rulesOn,
      },
    ];
    return linter.verify(code, config, { filename: join(dir, 'app/compose.yaml') }).map((m) => `${m.line}:${m.column} ${m.ruleId}`);
  }

  it('profiles: the services of those profiles are linted too, as with --profile', () => {
    expect(lintApp({})).toEqual(['3:12 composure/require-image-tag']);
    expect(lintApp({ profiles: ['dev'] })).toEqual(['3:12 composure/require-image-tag', '6:17 composure/no-privileged']);
  });

  it("envFiles: read instead of the project's .env, relative to ESLint's working directory, as with --env-file", () => {
    expect(lintApp({ envFiles: ['envs/prod.env'] })).toEqual([]);
    expect(lintApp({ envFiles: ['envs/missing.env'] })).toEqual([]);
    const linter = new Linter({ configType: 'flat', cwd: dir });
    const config: Linter.Config[] = [
      {
        files: ['**/*.yaml'],
        plugins: { yml: yml as never, composure: plugin as never },
        language: 'yml/yaml',
        settings: { composure: { env: {}, envFiles: ['envs/missing.env'] } },
        rules: { 'composure/compose-load': 'error' },
      },
    ];
    expect(linter.verify(code, config, { filename: join(dir, 'app/compose.yaml') }).map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([
      `1:1 no such env file: ${join(dir, 'envs/missing.env')}`,
    ]);
  });

  it('what is not a list of names is no setting', () => {
    expect(lintApp({ profiles: 'dev', envFiles: [3] })).toEqual(['3:12 composure/require-image-tag']);
  });

  it('an analysis is made again when a file it read changes or appears on disk (looked at once a TRUSTED_MS at most)', () => {
    mkdirSync(join(dir, 'watched'));
    writeFileSync(join(dir, 'watched/.env'), 'TAG=latest\n');
    const request = { filename: join(dir, 'watched/compose.yaml'), text: code, cwd: dir, env: {} };
    const images = (analysis: ReturnType<typeof analysisOf>) =>
      analysis.ok ? analysis.findings.filter((f) => f.ruleId === 'require-image-tag').map((f) => f.message.slice(0, 28)) : [analysis.message];
    const first = analysisOf(request, 0);
    expect(images(first)).toEqual(['Image "nginx:latest" uses th']);
    writeFileSync(join(dir, 'watched/.env'), 'TAG=1.27.3\n');
    expect(analysisOf(request, TRUSTED_MS - 1)).toBe(first);
    const second = analysisOf(request, TRUSTED_MS);
    expect(images(second)).toEqual([]);
    expect(analysisOf(request, 3 * TRUSTED_MS)).toBe(second);
    // A file that did not exist when the project was read: an override.
    writeFileSync(join(dir, 'watched/compose.override.yaml'), 'services:\n  web:\n    image: nginx:stable\n');
    expect(images(analysisOf(request, 5 * TRUSTED_MS))).toEqual(['Image "nginx:stable" uses th']);
  });

  it('are part of what an analysis is cached by', () => {
    const request = { filename: join(dir, 'app/compose.yaml'), text: code, cwd: dir, env: {} };
    const first = analysisOf(request);
    expect(analysisOf({ ...request })).toBe(first);
    expect(analysisOf({ ...request, profiles: ['dev'] })).not.toBe(first);
    expect(analysisOf({ ...request, envFiles: ['envs/prod.env'] })).not.toBe(first);
  });
});
