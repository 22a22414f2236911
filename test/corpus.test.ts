import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, fixProject, LoadError, memoryHost, nodeHost, type Analysis } from '@composure/core';
import { parseAllDocuments } from 'yaml';
import { rules, validateConfig } from '@composure/rules';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml(\.example)?$/.test(name) ? [path] : [];
  });
}

function lint(files: string[]): Analysis {
  return analyze({ rules, validateConfig, files, cwd: dirname(files[0]), env: {}, preset: 'all' });
}

/** Every finding lies inside the file it names. */
function expectValidPositions({ project, findings }: Analysis) {
  for (const f of findings) {
    const file = project.files.get(f.file);
    expect(file, f.file).toBeDefined();
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(file!.lineCount);
    expect(f.end).toBeLessThanOrEqual(file!.text.length);
    expect(f.start).toBeLessThanOrEqual(f.end);
  }
}

describe.runIf(existsSync(corpus))('corpus of real compose files', () => {
  const files = existsSync(corpus) ? yamlFiles(corpus).sort() : [];

  it('holds the 367 files the corpus README lists', () => {
    expect(files.filter((f) => !f.endsWith('.example'))).toHaveLength(367);
  });

  it.each(files.map((f) => [relative(corpus, f), f]))('%s loads and lints without an exception', (_, file) => {
    let analysis: Analysis;
    try {
      analysis = lint([file]);
    } catch (error) {
      // Only a load error with a clear message is acceptable (e.g. a file that is not a compose file).
      expect(error).toBeInstanceOf(LoadError);
      return;
    }
    expectValidPositions(analysis);
  });

  it('fixes every file with every rule on: the result parses, lints with no fix left and no new YAML or schema finding, and a second --fix changes nothing', () => {
    const CORE = ['yaml-syntax', 'compose-schema', 'interpolation', 'compose-load'];
    const problems: string[] = [];
    let fixed = 0;
    for (const file of files.filter((f) => !f.endsWith('.example'))) {
      const options = { rules, validateConfig, files: [file], cwd: dirname(file), env: {}, preset: 'all' as const, configFile: false as const };
      let result;
      try {
        result = fixProject(options);
      } catch (error) {
        if (!(error instanceof LoadError)) problems.push(`${relative(corpus, file)}: ${(error as Error).message}`);
        continue;
      }
      if (result.changes.length === 0) continue;
      fixed++;
      const host = memoryHost(Object.fromEntries(result.changes.map((c) => [c.path, c.fixed])), nodeHost);
      const name = relative(corpus, file);
      for (const change of result.changes) {
        const errors = parseAllDocuments(change.fixed).flatMap((d) => ('errors' in d ? d.errors : []));
        if (errors.length > 0) problems.push(`${name}: the fixed text does not parse: ${errors[0].message}`);
      }
      const before = lint([file]).findings.filter((f) => CORE.includes(f.ruleId)).length;
      const after = analyze({ ...options, host });
      if (after.findings.some((f) => f.fix)) problems.push(`${name}: fixes left: ${after.findings.filter((f) => f.fix).map((f) => f.ruleId).join(', ')}`);
      if (after.findings.filter((f) => CORE.includes(f.ruleId)).length > before) problems.push(`${name}: the fix added YAML, schema or load findings`);
      if (fixProject({ ...options, host }).changes.length > 0) problems.push(`${name}: a second fix changes the file`);
    }
    expect(problems).toEqual([]);
    expect(fixed).toBeGreaterThan(300);
  });

  it('loads the sentry file with its 100+ aliases, without an alias-bomb finding', () => {
    const { project, findings } = lint([join(corpus, 'getsentry__self-hosted/docker-compose.yml')]);
    expect(findings.filter((f) => f.ruleId === 'yaml-syntax')).toEqual([]);
    const services = project.root.entries.get('services')!.value;
    expect(services.kind === 'map' && services.entries.size).toBeGreaterThan(30);
  });

  describe('multi-file sets', () => {
    const mailcow = join(corpus, 'mailcow__mailcow-dockerized');
    const overrides = existsSync(mailcow) ? yamlFiles(join(mailcow, 'helper-scripts')) : [];
    it.each(overrides.map((f) => [basename(dirname(f)), f]))('mailcow + %s override', (_, override) => {
      const analysis = lint([join(mailcow, 'docker-compose.yml'), override]);
      expect(analysis.project.configFiles).toHaveLength(2);
      expectValidPositions(analysis);
    });

    it('netbox with its example override', () => {
      const netbox = join(corpus, 'netbox-community__netbox-docker');
      const analysis = lint([join(netbox, 'docker-compose.yml'), join(netbox, 'docker-compose.override.yml.example')]);
      expectValidPositions(analysis);
      expect(analysis.findings.filter((f) => f.ruleId === 'compose-load')).toEqual([]);
    });

    const raeffs = join(corpus, 'raeffs__docker-host/apps');
    const apps = existsSync(raeffs) ? readdirSync(raeffs).filter((a) => existsSync(join(raeffs, a, 'docker-compose.yml'))) : [];
    it.each(apps)('raeffs %s: base + ci + local + production layers', (app) => {
      const layers = ['docker-compose.yml', 'docker-compose.ci.yml', 'docker-compose.local.yml', 'docker-compose.production.yml']
        .map((f) => join(raeffs, app, f))
        .filter((f) => existsSync(f));
      const analysis = lint(layers);
      expectValidPositions(analysis);
      // Cross-directory extends (../../libs/…) must resolve.
      expect(analysis.findings.filter((f) => f.ruleId === 'compose-load')).toEqual([]);
    });
  });
});
