import { describe, expect, it } from 'vitest';
import { draw } from './fixtures/sample.js';
import { dotToSvg, DrawingTooLargeError, MAX_SVG_NODES, renderSvg } from './svg.js';

/**
 * Well-formed XML, checked without a parser dependency: one root, every start tag
 * closed in order, attributes quoted and unique, only the five predefined
 * entities or character references, no stray `<` or `&` in text.
 */
function assertWellFormedXml(xml: string): void {
  let rest = xml.replace(/^\uFEFF?<\?xml[^?]*\?>\s*/, '');
  rest = rest.replace(/^<!DOCTYPE[^>[]*(\[[^\]]*\])?\s*>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const token =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\/([A-Za-z_][\w.:-]*)\s*>|<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  const checkText = (text: string) => {
    const bad = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(text);
    if (bad) throw new Error(`bad entity near: ${text.slice(bad.index, bad.index + 20)}`);
  };
  for (const m of rest.matchAll(token)) {
    const [whole, close, open, attrs, selfClose, text, stray] = m;
    if (stray) throw new Error(`stray "<" near: ${rest.slice(m.index!, m.index! + 40)}`);
    if (text !== undefined) {
      if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root: ${text.slice(0, 40)}`);
      checkText(text);
      continue;
    }
    if (whole.startsWith('<!--') || whole.startsWith('<![CDATA[')) continue;
    if (close) {
      const top = stack.pop();
      if (top !== close) throw new Error(`</${close}> closes <${top}>`);
      continue;
    }
    if (stack.length === 0) roots++;
    const names = [...(attrs ?? '').matchAll(/([A-Za-z_][\w.:-]*)\s*=/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) throw new Error(`duplicate attribute in <${open}>`);
    checkText(attrs ?? '');
    if (!selfClose) stack.push(open);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

const PROJECT = `
name: shop
services:
  proxy:
    image: nginx:1.27
    ports: ["443:443", "127.0.0.1:8443:443"]
    networks: [front]
  my.api:
    image: example/api:1
    networks:
      front: {}
      data:
        aliases: ["a&b<c>"]
  db:
    image: postgres:17
    networks: [data]
  agent:
    image: agent:1
    network_mode: host
networks:
  front: {}
  data:
    internal: true
`;

describe('renderSvg', () => {
  it('renders well-formed SVG in-process, with every service and network label', async () => {
    const svg = await renderSvg(draw(PROJECT));
    expect(svg).toMatch(/^<\?xml[^>]*\?>\s*<!DOCTYPE svg/);
    expect(svg).toContain('<svg ');
    assertWellFormedXml(svg);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const label of [
      'proxy',
      'my.api',
      'db',
      'agent',
      'front',
      'data',
      'internet',
      'host',
      'internal · no egress',
      ':443→443/tcp',
      '127.0.0.1:8443→443/tcp',
      'aliases: a&amp;b&lt;c&gt;',
      'network_mode: host',
    ]) {
      expect(texts).toContain(label);
    }
  });

  it('reports what Graphviz rejects as an error', async () => {
    await expect(dotToSvg('digraph { a -> }')).rejects.toThrow(/^Graphviz could not draw the graph: /);
  });

  it('checks well-formedness for real (the checker rejects broken XML)', () => {
    expect(() => assertWellFormedXml('<svg><g></svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg a="1" a="2"/>')).toThrow();
    expect(() => assertWellFormedXml('<svg>a & b</svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg/><svg/>')).toThrow();
    expect(() => assertWellFormedXml('<?xml version="1.0"?>\n<svg x="1"><g>&amp;&#160;</g><!-- c --></svg>\n')).not.toThrow();
  });
});

describe('renderSvg on a drawing too large to lay out', () => {
  it('refuses at once, saying what to use instead', async () => {
    const nodes = Array.from({ length: MAX_SVG_NODES + 1 }, (_, i) => ({ id: `service:s${i}` }));
    const drawing = { project: 'big', nodes, edges: [], violations: [] } as unknown as Parameters<typeof renderSvg>[0];
    await expect(renderSvg(drawing)).rejects.toThrow(new DrawingTooLargeError(MAX_SVG_NODES + 1));
    await expect(renderSvg(drawing)).rejects.toThrow('the diagram has 3,501 nodes, more than the 3,500 composure lays out in-process; use --format dot');
  });
});
