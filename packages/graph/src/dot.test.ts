import { describe, expect, it } from 'vitest';
import { draw, MINI } from './fixtures/sample.js';
import { dotString, renderDot, shortImage } from './dot.js';

describe('renderDot', () => {
  it('draws a small project left to right from the outside world', () => {
    expect(renderDot(draw(MINI))).toBe(
      [
        'digraph "mini" {',
        '  graph [rankdir="LR", fontname="Helvetica", fontsize=14, label="mini: network topology", labelloc="t", labeljust="l", nodesep=0.25, ranksep=0.7];',
        '  node [fontname="Helvetica", fontsize=11, margin="0.15,0.06"];',
        '  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];',
        '  "internet" [label=<<b>internet</b>>, shape="oval", style="filled", fillcolor="#dbeafe", color="#1d4ed8"];',
        '  "host" [label=<<b>host</b>>, shape="box3d", style="filled", fillcolor="#e5e7eb", color="#374151"];',
        '  "service:proxy" [label=<<b>proxy</b><br/><font point-size="9" color="#64748b">nginx:1.27</font>>, shape="box", style="rounded,filled", fillcolor="#ffffff", color="#334155"];',
        '  "service:api" [label=<<b>api</b><br/><font point-size="9" color="#64748b">example/api:1</font>>, shape="box", style="rounded,filled", fillcolor="#ffffff", color="#334155"];',
        '  "service:db" [label=<<b>db</b><br/><font point-size="9" color="#64748b">postgres:17</font><br/><font point-size="9" color="#475569">ports not published: internal networks only</font>>, shape="cylinder", style="filled", fillcolor="#fef3c7", color="#b45309"];',
        '  "network:front" [label=<<b>front</b>>, shape="hexagon", style="filled", fillcolor="#e0f2fe", color="#0369a1"];',
        '  "network:back" [label=<<b>back</b><br/><font point-size="9" color="#475569">internal · no egress</font>>, shape="hexagon", style="dashed,filled", fillcolor="#f3f4f6", color="#6b7280", fontcolor="#374151"];',
        '  "internet:egress" [label=<<b>internet</b><br/><font point-size="9" color="#475569">egress</font>>, shape="oval", style="filled", fillcolor="#dbeafe", color="#1d4ed8"];',
        '  "internet" -> "service:proxy" [label=":443→443/tcp", color="#2563eb", fontcolor="#1d4ed8", penwidth=1.5];',
        '  "host" -> "service:proxy" [label="127.0.0.1:8080→80/tcp", color="#2563eb", fontcolor="#1d4ed8", penwidth=1.5];',
        '  "service:proxy" -> "network:front" [dir="none", color="#475569", fontcolor="#475569"];',
        '  "network:front" -> "service:api" [dir="none", color="#475569", fontcolor="#475569"];',
        '  "service:api" -> "network:back" [label="aliases: api.internal", dir="none", color="#9ca3af", style="dashed", fontcolor="#475569"];',
        '  "network:back" -> "service:db" [dir="none", color="#9ca3af", style="dashed", fontcolor="#475569"];',
        '  "network:front" -> "internet:egress" [color="#16a34a", fontcolor="#15803d", style="dashed"];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('quotes every id, and escapes quotes and backslashes', () => {
    expect(dotString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
    const text = renderDot(
      draw('name: odd\nservices:\n  node:\n    image: x\n    networks: [graph]\n  edge:\n    image: y\n    networks: [graph]\nnetworks:\n  graph: {}\n'),
    );
    const statements = text.split('\n').slice(4, -2);
    for (const line of statements) expect(line).toMatch(/^ {2}"[^"]+"( -> "[^"]+")? \[/);
    expect(text).toContain('  "service:node" [label=<<b>node</b>');
    expect(text).toContain('  "network:graph" -> "service:node" [dir="none"');
    // No port comes in: the internet is drawn on the way out only.
    expect(text).not.toContain('  "internet" [');
  });

  it('escapes names and images in HTML labels', () => {
    const text = renderDot(draw('services:\n  a:\n    image: "x/<b>&y"\n'));
    expect(text).toContain('<font point-size="9" color="#64748b">x/&lt;b&gt;&amp;y</font>');
  });

  it('omits the title on request (the HTML page has its own heading)', () => {
    expect(renderDot(draw(MINI), { title: false })).not.toContain('label="mini: network topology"');
  });

  it('draws violations in red', () => {
    const text = renderDot(draw(MINI, { violations: [{ from: 'proxy', to: 'db', path: ['proxy', 'front', 'api', 'back', 'db'] }] }));
    const red = text.split('\n').filter((l) => l.includes('color="#dc2626", penwidth=3'));
    expect(red.map((l) => l.slice(0, l.indexOf(' ['))).sort()).toEqual(
      [
        '  "network:back" -> "service:db"',
        '  "network:front" -> "service:api"',
        '  "service:api" -> "network:back"',
        '  "service:db"',
        '  "service:proxy"',
        '  "service:proxy" -> "network:front"',
      ].sort(),
    );
  });

  it('gathers a big flat network into a cluster laid out as a grid, with one edge to it', () => {
    const workers = Array.from({ length: 12 }, (_, i) => `  w${i}:\n    image: worker:1\n`).join('');
    const text = renderDot(draw(`services:\n  gate:\n    image: nginx\n    ports: ["80:80"]\n${workers}`));
    expect(text).toContain('compound="true"');
    expect(text).toContain('  subgraph "cluster_network:default" {\n    graph [label="only on default (12)"');
    expect(text.match(/\[style=invis\]/g)).toHaveLength(6); // 12 in 2 columns of 6
    expect(text).toContain('    "service:w0" -> "service:w6" [style=invis];');
    const toCluster = text.split('\n').filter((l) => l.startsWith('  "network:default" -> "service:w'));
    expect(toCluster).toEqual(['  "network:default" -> "service:w3" [dir="none", color="#475569", fontcolor="#475569", lhead="cluster_network:default"];']);
  });

  it('shortens images for labels: no digest, at most 40 characters', () => {
    expect(shortImage('postgres:17@sha256:0123456789abcdef')).toBe('postgres:17');
    expect(shortImage('registry.example.com/some/very/long/path/image:1.2.3')).toBe('registry.example.com/some/very/long/pat…');
  });
});
