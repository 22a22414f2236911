import { describe, expect, it } from 'vitest';
import { topologyOf } from '@composure/core';
import { renderDot } from './dot.js';
import { drawTopology } from './drawing.js';
import { draw, loadSample } from './fixtures/sample.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMermaid } from './mermaid.js';

/** A proxy whose upstream is the API (a URL with a port), and an admin tool that names the API but cannot reach it. */
const ROUTES = `
name: routes
services:
  proxy:
    image: nginx:1.27
    environment:
      UPSTREAM_URL: http://api:8080
    depends_on: [api]
    networks: [front]
  api:
    image: example/api:1
    networks: [front]
  admin:
    image: example/admin:1
    environment:
      API_URL: http://api:8080
    networks: [other]
networks:
  front: {}
  other: {}
`;

describe('intended routes', () => {
  it('are one edge per pair of services, with each source and port once, and say when no network lets them through', () => {
    const intents = draw(ROUTES).edges.filter((e) => e.kind === 'intent');
    expect(intents).toEqual([
      { from: 'service:proxy', to: 'service:api', kind: 'intent', label: ['env :8080', 'depends_on'], violation: false },
      { from: 'service:admin', to: 'service:api', kind: 'intent', label: ['env :8080', 'not reachable'], violation: false },
    ]);
  });

  it('do not move what the layout ranks: a service only an intent reaches keeps its rank', () => {
    const ranks = (drawing: ReturnType<typeof draw>) => Object.fromEntries(drawing.nodes.map((n) => [n.id, n.rank]));
    expect(ranks(draw(ROUTES))).toEqual(ranks(draw(ROUTES, { intents: [] })));
  });

  it('are drawn in orange, apart from attachments: DOT leaves the layout to the attachments, Mermaid styles the links', () => {
    const dot = renderDot(draw(ROUTES));
    expect(dot).toContain(
      '  "service:proxy" -> "service:api" [label="env :8080\\ndepends_on", color="#ea580c", fontcolor="#c2410c", style="bold", penwidth=2, arrowhead="vee", constraint="false"];',
    );
    const mermaid = renderMermaid(draw(ROUTES));
    expect(mermaid).toContain('  svc_proxy -->|"env :8080<br>depends_on"| svc_api\n');
    expect(mermaid).toContain('  svc_admin -->|"env :8080<br>not reachable"| svc_api\n');
    const lines = mermaid.split('\n');
    const links = lines.filter((l) => /^ {2}\S+ (---|-\.-|-->|==>|-\.->)/.test(l));
    const intentIndexes = links.flatMap((l, i) => (l.includes('-->|') ? [i] : []));
    expect(lines).toContain(`  linkStyle ${intentIndexes.join(',')} stroke:#ea580c,stroke-width:2px,color:#c2410c`);
    expect(JSON.parse(renderJson(draw(ROUTES))).edges.filter((e: { kind: string }) => e.kind === 'intent')).toHaveLength(2);
  });

  it('have a legend entry in the HTML page, and their matrix cells are marked', () => {
    const project = loadSample(ROUTES);
    const html = renderHtml({ drawing: drawTopology(project), svg: '', topology: topologyOf(project) });
    expect(html).toContain('intended route (proxy → upstream, with port)</span>');
    expect(html).toContain('<td class="intended" title="proxy → api over front (intended)">front</td>');
    expect(html).toContain('<td class="intended" title="admin means to reach api, and cannot">✕</td>');
  });
});
