import { describe, expect, it } from 'vitest';
import { draw } from './fixtures/sample.js';
import { renderJson } from './json.js';

const json = (text: string) => renderJson(draw(text, { violations: [{ from: 'web', to: 'db', path: ['web', 'back', 'db'], message: 'no' }] }));

const PROJECT = `
name: tiny
services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
    networks: [back]
  db:
    image: postgres:17
    networks: [back]
networks:
  back: {}
`;

describe('renderJson', () => {
  it('prints the drawing: project, nodes, edges and violations, in a stable order', () => {
    expect(JSON.parse(json(PROJECT))).toEqual({
      project: 'tiny',
      nodes: [
        { id: 'internet', kind: 'internet', label: 'internet', notes: [], rank: 0, violation: false },
        { id: 'service:web', kind: 'service', label: 'web', notes: [], rank: 1, violation: true, image: 'nginx:1.27', datastore: false, mode: 'networks' },
        { id: 'service:db', kind: 'service', label: 'db', notes: [], rank: 3, violation: true, image: 'postgres:17', datastore: true, mode: 'networks' },
        {
          id: 'network:back',
          kind: 'network',
          label: 'back',
          notes: [],
          rank: 2,
          violation: false,
          name: 'tiny_back',
          driver: 'bridge',
          internal: false,
          external: false,
          icc: true,
        },
      ],
      edges: [
        { from: 'internet', to: 'service:web', kind: 'ingress', label: [':8080→80/tcp'], violation: false },
        { from: 'service:web', to: 'network:back', kind: 'attachment', label: [], violation: true },
        { from: 'service:db', to: 'network:back', kind: 'attachment', label: [], violation: true },
        { from: 'network:back', to: 'internet', kind: 'egress', label: [], violation: false },
      ],
      violations: [{ from: 'web', to: 'db', path: ['web', 'back', 'db'], message: 'no' }],
    });
  });

  it('gives the same text for the same project, keys in the same order', () => {
    const text = json(PROJECT);
    expect(json(PROJECT)).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual(['project', 'nodes', 'edges', 'violations']);
    expect(Object.keys(JSON.parse(text).nodes[1])).toEqual(['id', 'kind', 'label', 'notes', 'rank', 'violation', 'image', 'datastore', 'mode']);
  });

  it('prints null for a service without an image', () => {
    const nodes = JSON.parse(json('services:\n  a:\n    build: .\n')).nodes as { id: string; image: unknown }[];
    expect(nodes.find((n) => n.id === 'service:a')?.image).toBeNull();
  });
});
