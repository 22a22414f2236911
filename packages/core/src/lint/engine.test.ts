import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { loadProject } from '../load/load-project.js';
import { getPair, getIn, isMap } from '../source/node.js';
import { resolveConfig, type ConfigLayer } from './config.js';
import { lintProject } from './engine.js';
import { defineRule } from './rule.js';

/** A rule reporting every service at its key, for the engine's own tests. */
const everyService = defineRule({
  meta: { id: 'every-service', description: 'test', severity: 'warning', recommended: true, category: 'hygiene', messages: { service: 'service {{name}}' } },
  check(context) {
    const services = getIn(context.project.root, ['services']);
    if (!isMap(services)) return;
    for (const [name, pair] of services.entries)
      context.report({ messageId: 'service', data: { name }, at: pair, service: name, severity: name === 'db' ? 'error' : undefined });
  },
});

const crashing = defineRule({
  meta: { id: 'crashing', description: 'test', severity: 'warning', recommended: true, fixable: false, category: 'hygiene', peers: [] },
  defaultOptions: {},
  check() {
    throw new TypeError('boom');
  },
});

function lint(text: string, layers: ConfigLayer[] = [], overrides = {}) {
  const project = loadProject({ host: memoryHost({ '/p/compose.yaml': text }), cwd: '/p', env: {} });
  const rules = [everyService, crashing];
  return lintProject(project, rules, resolveConfig(rules, layers, overrides)).map(
    (f) =>
      `${f.ruleId} ${f.severity} ${f.line}:${f.column} ${f.message}${f.suppressed ? ` [suppressed ${f.suppressed.kind}${f.suppressed.justification === undefined ? '' : `: ${f.suppressed.justification}`}]` : ''}`,
  );
}

const compose = 'services:\n  web:\n    image: x:1\n  db:\n    image: y:1\n';

describe('lintProject', () => {
  it('reports at pair keys, with per-finding severity tiers, sorted by position, and survives a crashing rule', () => {
    expect(lint(compose)).toEqual([
      'crashing error 1:1 Internal error: rule crashing failed on this project (TypeError: boom). Please report it.',
      'every-service warning 2:3 service web',
      'every-service error 4:3 service db',
    ]);
  });

  it('lets an explicit severity override the tiers, and off switch a rule off', () => {
    const layers = [{ config: { rules: { 'every-service': 'info' as const, crashing: 'off' as const } }, source: '/p/.composure.yaml' }];
    expect(lint(compose, layers)).toEqual(['every-service info 2:3 service web', 'every-service info 4:3 service db']);
  });

  it('keeps findings excluded for a service, suppressed externally with the reason as justification', () => {
    const layers = [
      { config: { rules: { crashing: 'off' as const }, exclude: [{ rule: 'every-service', service: 'db', reason: 'legacy' }] }, source: '/p/.composure.yaml' },
    ];
    expect(lint(compose, layers)).toEqual(['every-service warning 2:3 service web', 'every-service error 4:3 service db [suppressed external: legacy]']);
  });

  it('suppresses an excluded finding for its own rule and service only', () => {
    const layers = [
      {
        config: {
          rules: { crashing: 'off' as const },
          exclude: [
            { rule: 'crashing', service: 'web', reason: 'x' },
            { rule: 'every-service', service: 'cache', reason: 'y' },
          ],
        },
        source: '/p/.composure.yaml',
      },
    ];
    expect(lint(compose, layers)).toEqual(['every-service warning 2:3 service web', 'every-service error 4:3 service db']);
  });

  it('drops findings in ignored files', () => {
    const layers = [{ config: { ignore: ['compose.yaml'] }, source: '/p/.composure.yaml' }];
    expect(lint(compose, layers)).toEqual([]);
  });

  it('applies inline directives, also to loader findings: kept as suppressed in source, the text after -- as justification', () => {
    const text =
      'services:\n  # composure-disable-next-line every-service -- reviewed: fine\n  web:\n    image: "x:${TAG}" # composure-disable-line interpolation\n  db:\n    image: y:1\n';
    expect(lint(text, [], { crashing: 'off' })).toEqual([
      'every-service warning 3:3 service web [suppressed inSource: reviewed: fine]',
      'interpolation warning 4:15 The "TAG" variable is not set. Defaulting to a blank string. [suppressed inSource]',
      'every-service error 5:3 service db',
    ]);
  });

  it('names the directive that suppresses a finding in a disabled region, and drops the fix of a suppressed finding', () => {
    const fixing = defineRule({
      meta: { id: 'fixing', description: 'test', severity: 'warning', recommended: true, fixable: true, category: 'style', messages: { fix: 'fix {{name}}' } },
      check(context) {
        const services = getIn(context.project.root, ['services']);
        if (!isMap(services)) return;
        for (const [name, pair] of services.entries)
          context.report({ messageId: 'fix', data: { name }, at: pair, service: name, fix: { edits: [{ start: 0, end: 0, text: '' }] } });
      },
    });
    const text = 'services:\n  web:\n    image: x:1\n  # composure-disable fixing -- legacy block\n  db:\n    image: y:1\n';
    const project = loadProject({ host: memoryHost({ '/p/compose.yaml': text }), cwd: '/p', env: {} });
    const findings = lintProject(project, [fixing], resolveConfig([fixing], []));
    expect(findings.map((f) => [f.message, f.suppressed, f.fix !== undefined])).toEqual([
      ['fix web', undefined, true],
      ['fix db', { kind: 'inSource', justification: 'legacy block' }, false],
    ]);
  });

  it('warns about an unknown rule named in a directive, with a did-you-mean', () => {
    const text = 'services:\n  # composure-disable-next-line every-servise\n  web:\n    image: x:1\n';
    expect(lint(text, [], { crashing: 'off' })).toEqual([
      'every-servise warning 2:3 Unknown rule "every-servise" in a composure-disable-next-line comment; did you mean "every-service"?',
      'every-service warning 3:3 service web',
    ]);
  });

  it('masks a password inside a URL quoted by any message, in the message and in its data', () => {
    const quoting = defineRule({
      meta: {
        id: 'quoting',
        description: 'test',
        severity: 'warning',
        recommended: true,
        category: 'hygiene',
        messages: { unreachable: 'cannot reach {{url}}' },
      },
      check(context) {
        context.report({
          messageId: 'unreachable',
          data: { url: 'postgres://app:s3cr3t@db:5432/app' },
          at: getPair(getIn(context.project.root, ['services']), 'web')!,
        });
      },
    });
    const project = loadProject({ host: memoryHost({ '/p/compose.yaml': compose }), cwd: '/p', env: {} });
    const findings = lintProject(project, [quoting], resolveConfig([quoting], []));
    expect(findings.map((f) => [f.message, f.messageId, f.data])).toEqual([
      ['cannot reach postgres://app:********@db:5432/app', 'unreachable', { url: 'postgres://app:********@db:5432/app' }],
    ]);
  });

  it('renders each report from its message id and data, and keeps one of identical reports at one place', () => {
    const twice = defineRule({
      meta: {
        id: 'twice',
        description: 'test',
        severity: 'warning',
        recommended: true,
        category: 'hygiene',
        messages: { named: 'service {{name}} ({{count}})' },
      },
      check(context) {
        const web = getPair(getIn(context.project.root, ['services']), 'web')!;
        // The same value reached twice (an anchor, extends) gives the same report twice; another text at the place stays.
        for (const count of [1, 1, 2]) context.report({ messageId: 'named', data: { name: 'web', count }, at: web });
      },
    });
    const project = loadProject({ host: memoryHost({ '/p/compose.yaml': compose }), cwd: '/p', env: {} });
    const findings = lintProject(project, [twice], resolveConfig([twice], []));
    expect(findings.map((f) => [f.line, f.message, f.messageId, f.data])).toEqual([
      [2, 'service web (1)', 'named', { name: 'web', count: 1 }],
      [2, 'service web (2)', 'named', { name: 'web', count: 2 }],
    ]);
  });

  it('keeps only the first report at a place of a rule that reports once per place', () => {
    const perService = (oncePerPlace: boolean) =>
      defineRule({
        meta: {
          id: 'per-service',
          description: 'test',
          severity: 'warning',
          recommended: true,
          category: 'hygiene',
          oncePerPlace,
          messages: { image: 'service {{name}} names an image' },
        },
        check(context) {
          const services = getIn(context.project.root, ['services']);
          if (!isMap(services)) return;
          for (const [name, pair] of services.entries) context.report({ messageId: 'image', data: { name }, at: getIn(pair.value, ['image'])! });
        },
      });
    // Two services share one written image through an anchor: one place, two reports.
    const text = 'services:\n  web:\n    image: &image x:1\n  api:\n    image: *image\n  db:\n    image: y:1\n';
    const project = loadProject({ host: memoryHost({ '/p/compose.yaml': text }), cwd: '/p', env: {} });
    const lintWith = (rule: ReturnType<typeof perService>) =>
      lintProject(project, [rule], resolveConfig([rule], [])).map((f) => `${f.line}:${f.column} ${f.message}`);
    expect(lintWith(perService(true))).toEqual(['3:19 service web names an image', '7:12 service db names an image']);
    expect(lintWith(perService(false))).toEqual(['3:19 service web names an image', '3:19 service api names an image', '7:12 service db names an image']);
  });

  it('renders suggestions from their message ids, masks them, drops them when suppressed, and refuses them without meta.hasSuggestions', () => {
    const suggesting = (hasSuggestions: boolean) =>
      defineRule({
        meta: {
          id: 'suggesting',
          description: 'test',
          severity: 'warning',
          recommended: true,
          category: 'hygiene',
          hasSuggestions,
          messages: { found: 'found {{name}}', use: 'Use {{url}}' },
        },
        check(context) {
          const services = getIn(context.project.root, ['services']);
          if (!isMap(services)) return;
          for (const [name, pair] of services.entries)
            context.report({
              messageId: 'found',
              data: { name },
              at: pair,
              suggest: [{ messageId: 'use', data: { url: 'http://u:secret@h' }, fix: { edits: [{ start: 0, end: 0, text: '#' }] } }],
            });
        },
      });
    const text = 'services:\n  web:\n    image: x:1\n  # composure-disable-next-line suggesting\n  db:\n    image: y:1\n';
    const project = loadProject({ host: memoryHost({ '/p/compose.yaml': text }), cwd: '/p', env: {} });
    const rule = suggesting(true);
    expect(lintProject(project, [rule], resolveConfig([rule], [])).map((f) => [f.message, f.suggestions])).toEqual([
      [
        'found web',
        [{ message: 'Use http://u:********@h', messageId: 'use', data: { url: 'http://u:********@h' }, fix: { edits: [{ start: 0, end: 0, text: '#' }] } }],
      ],
      ['found db', undefined],
    ]);
    const undeclared = suggesting(false);
    expect(lintProject(project, [undeclared], resolveConfig([undeclared], [])).map((f) => f.message)).toEqual([
      'Internal error: rule suggesting failed on this project (Error: reported suggestions without meta.hasSuggestions). Please report it.',
    ]);
  });

  it('reports a rule that reports an undeclared message id as an internal error', () => {
    const undeclared = defineRule({
      meta: { id: 'undeclared', description: 'test', severity: 'warning', recommended: true, category: 'hygiene', messages: { known: 'known' } },
      check(context) {
        context.report({ messageId: 'unknown' as 'known', at: getPair(getIn(context.project.root, ['services']), 'web')! });
      },
    });
    const project = loadProject({ host: memoryHost({ '/p/compose.yaml': compose }), cwd: '/p', env: {} });
    expect(lintProject(project, [undeclared], resolveConfig([undeclared], [])).map((f) => f.message)).toEqual([
      'Internal error: rule undeclared failed on this project (Error: reported the undeclared message id "unknown"). Please report it.',
    ]);
  });

  it('keeps the pair location helper honest', () => {
    const project = loadProject({ host: memoryHost({ '/p/compose.yaml': compose }), cwd: '/p', env: {} });
    expect(getPair(getIn(project.root, ['services']), 'web')!.key.loc).toEqual({ file: '/p/compose.yaml', start: 12, end: 15 });
  });
});
