import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { get, getIn, isMap, isSecretName, services, str, urlPasswords } from '@composure/core/rule-kit';
import { fixtureCases, runFixtures } from '../testing/run-fixtures.js';
import { caseProject, ruleSession, valueOf } from '../testing/session.js';
import { noSecretsInEnvironment } from './no-secrets-in-environment.js';

runFixtures(noSecretsInEnvironment, import.meta.url);

const invalid = fixtureCases(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'invalid'));

describe('no-secrets-in-environment messages', () => {
  it.each(invalid.map((path) => [path.split('/fixtures/')[1], path]))('never print a planted secret (%s)', (_, path) => {
    const { project: ref, cwd } = caseProject(path);
    const { project, findings } = valueOf(ruleSession([noSecretsInEnvironment], { cwd }).analyze(ref));
    // Every credential the case holds: values of credential-shaped names, and passwords inside URLs.
    const planted: string[] = [];
    for (const service of services(project)) {
      for (const mapping of [get(service.node, 'environment'), getIn(service.node, ['build', 'args'])]) {
        if (!isMap(mapping)) continue;
        for (const [name, pair] of mapping.entries) {
          const value = str(pair.value);
          if (value === undefined || value === '') continue;
          if (isSecretName(name)) planted.push(value);
          planted.push(...urlPasswords(value));
        }
      }
    }
    const messages = findings.filter((f) => f.ruleId === noSecretsInEnvironment.meta.id).map((f) => f.message);
    expect(messages.length).toBeGreaterThan(0);
    expect(planted.length).toBeGreaterThan(0);
    for (const secret of planted) expect(messages.filter((m) => m.includes(secret))).toEqual([]);
    // Every planted secret of the fixtures contains "planted" (or is a bare placeholder): no part of one shows.
    expect(messages.filter((m) => /planted|changeme|4711/.test(m))).toEqual([]);
  });
});
