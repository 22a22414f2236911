import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { loadProject } from '../load/load-project.js';
import type { Project } from '../model/project.js';
import { SourceFile } from '../source/source-file.js';
import { intentReferences, intentsOf } from './index.js';
import { hostLoc } from './locate.js';

const load = (files: Record<string, string>, profiles?: string[]) =>
  loadProject({ host: memoryHost(files), cwd: '/p', env: {}, ...(profiles && { profiles }) });

describe('intentsOf: environment, links and depends_on', () => {
  const compose = `services:
  web:
    image: web:1
    environment:
      - DATABASE_URL=postgres://app:db@db:5432/app
      - CACHE_HOST=cache
      - SMTP_HOST=smtp.example.org
      - MISSING_HOST=nowhere
    env_file: [web.env]
    links: ["cache:redis"]
    depends_on: [db, tool]
  db:
    image: postgres:17
  cache:
    image: redis:7
  tool:
    image: tool:1
    profiles: [tools]
`;
  const project = load({ '/p/compose.yaml': compose, '/p/web.env': 'QUEUE_URL=amqp://queue:5672\n' });

  it('lists what each service means to reach, where the host is written', () => {
    expect(intentsOf(project)).toEqual([
      { from: 'web', to: 'db', port: 5432, host: 'db', source: 'env', file: '/p/compose.yaml', line: 5, column: 40, endLine: 5, endColumn: 42 },
      { from: 'web', to: 'cache', host: 'cache', source: 'env', file: '/p/compose.yaml', line: 6, column: 20, endLine: 6, endColumn: 25 },
      { from: 'web', to: 'cache', host: 'cache', source: 'link', file: '/p/compose.yaml', line: 10, column: 14, endLine: 10, endColumn: 19 },
      { from: 'web', to: 'db', host: 'db', source: 'depends_on', file: '/p/compose.yaml', line: 11, column: 18, endLine: 11, endColumn: 20 },
    ]);
  });

  it('keeps the hosts that name no enabled service, with how they resolve', () => {
    const unresolved = intentReferences(project)
      .filter((r) => r.target === undefined)
      .map((r) => [r.source, r.host, r.resolution.kind, r.via, `${r.file}:${r.line}:${r.column}`]);
    expect(unresolved).toEqual([
      ['env', 'nowhere', 'unknown', 'MISSING_HOST', '/p/compose.yaml:8:22'],
      ['env', 'queue', 'unknown', 'QUEUE_URL', '/p/web.env:1:18'],
      ['depends_on', 'tool', 'disabled', 'depends_on', '/p/compose.yaml:11:22'],
    ]);
  });

  it('gives every service of a profile its intents when the profile is active', () => {
    const withTools = load({ '/p/compose.yaml': compose, '/p/web.env': '' }, ['tools']);
    expect(
      intentsOf(withTools)
        .filter((i) => i.source === 'depends_on')
        .map((i) => i.to),
    ).toEqual(['db', 'tool']);
  });

  it('follows a links alias to the linked service', () => {
    const aliased = load({
      '/p/compose.yaml':
        'services:\n  web:\n    image: w\n    links: ["cache:redis"]\n    environment: [REDIS_URL=redis://redis:6379]\n  cache:\n    image: redis\n',
    });
    expect(intentsOf(aliased).map((i) => [i.source, i.host, i.to, i.port, i.column])).toEqual([
      ['env', 'redis', 'cache', 6379, 37],
      ['link', 'cache', 'cache', undefined, 14],
    ]);
  });
});

describe('hostLoc', () => {
  const text = 'X=redis://Redis:6379,redis-2:1 Y=db';
  const project = { files: new Map([['/p/f', new SourceFile('/p/f', text)]]) } as unknown as Project;
  const whole = { file: '/p/f', start: 0, end: text.length };
  const at = (host: string) => {
    const loc = hostLoc(project, whole, host);
    return text.slice(loc.start, loc.end);
  };
  const offset = (host: string) => hostLoc(project, whole, host).start;

  it('finds the first place the host stands as a host, in any case, past a scheme of the same name', () => {
    expect([at('redis'), offset('redis')]).toEqual(['Redis', 10]);
    expect(offset('REDIS-2')).toBe(21);
    expect(offset('db')).toBe(33);
  });

  it('gives the whole value when the host is not written as a host in it', () => {
    expect(hostLoc(project, whole, 'red')).toEqual(whole);
    expect(hostLoc(project, whole, 'X')).toEqual(whole);
  });
});
