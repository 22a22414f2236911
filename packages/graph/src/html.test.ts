import { describe, expect, it } from 'vitest';
import { topologyOf } from '@composure/core';
import { drawTopology, type GraphViolation } from './drawing.js';
import { loadSample } from './fixtures/sample.js';
import { escapeHtml, inlineSvg, renderHtml } from './html.js';
import { renderSvg } from './svg.js';

const PROJECT = `
name: shop
services:
  proxy:
    image: nginx:1.27
    ports: ["443:443", "127.0.0.1:8443:443"]
    networks: [front]
  web:
    image: example/web:1
    networks: [front]
  api:
    image: example/api:1
    networks: [front, data]
  db:
    image: postgres:17
    networks: [data]
networks:
  front: {}
  data:
    internal: true
`;

async function page(violations: GraphViolation[] = []) {
  const project = loadSample(PROJECT);
  const drawing = drawTopology(project, { violations });
  return renderHtml({ drawing, svg: await renderSvg(drawing, { title: false }), topology: topologyOf(project) });
}

/** The cells of the matrix row for a service, in column order. */
function row(html: string, from: string): string[] {
  const tr = new RegExp(`<tr><th class="row" scope="row">${from}</th>(.*?)</tr>`).exec(html);
  if (!tr) throw new Error(`no row for ${from}`);
  return [...tr[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
}

describe('renderHtml', () => {
  it('is one self-contained page: inline SVG and CSS, no script, nothing fetched', async () => {
    const html = await page();
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).toMatch(/<svg[^>]* role="img" aria-label="network topology diagram">/);
    // No resource from anywhere: no src, no href, no url(), no @import, no <link>, no script.
    expect(html).not.toMatch(/\b(src|href|xlink:href)\s*=/i);
    expect(html).not.toMatch(/url\(|@import|<link\b|<script\b|<iframe\b|<object\b|<embed\b/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
    // The SVG is inlined bare: no XML declaration, doctype or comment inside the page.
    expect(html).not.toMatch(/<\?xml|<!DOCTYPE svg|<!--/);
  });

  it('summarises the project and shows the legend', async () => {
    const html = await page();
    expect(html).toContain('<title>shop: network topology</title>');
    expect(html).toContain('<p class="summary">4 services, 2 networks (1 internal), 2 published ports, 0 policy violations.</p>');
    expect(html).toContain('internal network (no egress)');
    expect(html).toContain('<h2>Policy violations</h2>\n<p class="note">None.</p>');
  });

  it('has the reachability matrix: rows from, columns to, cells the networks', async () => {
    const html = await page();
    const columns = [...html.matchAll(/<th class="col" scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(columns).toEqual(['proxy', 'web', 'api', 'db']);
    expect(row(html, 'proxy')).toEqual(['', 'front', 'front', '']);
    expect(row(html, 'api')).toEqual(['front', 'front', '', 'data']);
    expect(row(html, 'db')).toEqual(['', '', 'data', '']);
  });

  it('lists ingress (loopback marked) and egress', async () => {
    const html = await page();
    expect(html).toContain('<tr><td>proxy</td><td><code>:443→443/tcp</code></td><td><span class="tag open">the network</span></td></tr>');
    expect(html).toContain('<tr><td>proxy</td><td><code>127.0.0.1:8443→443/tcp</code></td><td><span class="tag">this host only</span></td></tr>');
    expect(html).toContain('or in host mode): <code>api</code>, <code>proxy</code>, <code>web</code>.</p>');
    expect(html).toContain('(internal networks only, or no network): <code>db</code>.</p>');
  });

  it('lists violations and marks their cells, with the path for a transitive one', async () => {
    const html = await page([
      { from: 'proxy', to: 'db', path: ['proxy', 'front', 'api', 'data', 'db'], message: 'Service "proxy" reaches "db" <transitively>.' },
    ]);
    expect(html).toContain('<h2>Policy violations (1)</h2>');
    expect(html).toContain(
      '<li class="bad"><code>proxy → front → api → data → db</code><br><span class="why">Service &quot;proxy&quot; reaches &quot;db&quot; &lt;transitively&gt;.</span></li>',
    );
    expect(html).toMatch(/<td class="bad" title="proxy → front → api → data → db">via api<\/td>/);
    expect(row(html, 'proxy')).toEqual(['', 'front', 'front', 'via api']);
    // The diagram draws the path in red.
    expect(html).toContain('stroke="#dc2626"');
  });

  it('escapes names', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('inlines only the svg element', () => {
    expect(inlineSvg('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- made -->\n<svg width="1"><!-- x --><g/></svg>\n')).toBe(
      '<svg width="1" role="img" aria-label="network topology diagram"><g/></svg>',
    );
  });
});
