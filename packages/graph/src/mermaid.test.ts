import { describe, expect, it } from 'vitest';
import { draw, MINI } from './fixtures/sample.js';
import { mermaidId, mermaidText, renderMermaid } from './mermaid.js';

describe('renderMermaid', () => {
  it('draws a small project as a flowchart GitHub renders', () => {
    expect(renderMermaid(draw(MINI))).toBe(
      [
        'flowchart LR',
        '  internet(("internet"))',
        '  host[["host"]]',
        '  svc_proxy["proxy"]',
        '  svc_api["api"]',
        '  svc_db[("db<br>ports not published: internal networks only")]',
        '  net_front{{"front"}}',
        '  net_back{{"back<br>internal · no egress"}}',
        '  internet_egress(("internet<br>egress"))',
        '  internet ==>|":443→443/tcp"| svc_proxy',
        '  host ==>|"127.0.0.1:8080→80/tcp"| svc_proxy',
        '  svc_proxy --- net_front',
        '  net_front --- svc_api',
        '  svc_api -.-|"aliases: api.internal"| net_back',
        '  net_back -.- svc_db',
        '  net_front -.-> internet_egress',
        '  classDef outside fill:#dbeafe,stroke:#1d4ed8,color:#1e3a8a',
        '  classDef host fill:#e5e7eb,stroke:#374151,color:#111827',
        '  classDef service fill:#ffffff,stroke:#334155,color:#0f172a',
        '  classDef datastore fill:#fef3c7,stroke:#b45309,color:#78350f',
        '  classDef network fill:#e0f2fe,stroke:#0369a1,color:#0c4a6e',
        '  classDef internal fill:#f3f4f6,stroke:#6b7280,stroke-dasharray:5 5,color:#374151',
        '  class internet,internet_egress outside',
        '  class host host',
        '  class svc_proxy,svc_api service',
        '  class svc_db datastore',
        '  class net_front network',
        '  class net_back internal',
        '  linkStyle 0,1 stroke:#2563eb,color:#1d4ed8',
        '  linkStyle 6 stroke:#16a34a,color:#15803d',
        '',
      ].join('\n'),
    );
  });

  it('gives every name a safe id: prefixed, [A-Za-z0-9_] only, distinct for names that differ', () => {
    const names = ['my.svc', 'a-b', 'a_b', 'a.b', 'end', 'class', 'graph', 'subgraph', 'style', 'o', 'x', 'default', 'A1'];
    const ids = names.map((n) => mermaidId(`service:${n}`));
    expect(ids).toEqual([
      'svc_my_2esvc',
      'svc_a_2db',
      'svc_a_5fb',
      'svc_a_2eb',
      'svc_end',
      'svc_class',
      'svc_graph',
      'svc_subgraph',
      'svc_style',
      'svc_o',
      'svc_x',
      'svc_default',
      'svc_A1',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(mermaidId('network:end')).toBe('net_end');
    expect(mermaidId('network:my.net')).toBe('net_my_2enet');
    expect(mermaidId('internet')).toBe('internet');
    expect(mermaidId('host')).toBe('host');
  });

  it('keeps odd service and network names out of the syntax: ids are safe, names only appear in quoted labels', () => {
    const text = renderMermaid(
      draw(`
services:
  my.svc:
    image: nginx
    ports: ["8080:80"]
    networks: [end]
  a-b:
    image: alpine
    networks: [end, class]
  end:
    image: alpine
    networks: [class]
  class:
    image: alpine
    networks:
      class:
        aliases: ['a<b>"#1&']
networks:
  end: {}
  class: {internal: true}
`),
    );
    const body = text.split('\n').slice(1, -1);
    // Every statement starts with an id of the safe alphabet (or a keyword of ours).
    for (const line of body) expect(line).toMatch(/^ {2}(?:[a-z]+_[A-Za-z0-9_]+|internet|host|classDef|class|linkStyle|subgraph|end\b|style|direction)/);
    // Outside quoted labels, no name appears raw.
    const unquoted = body.map((l) => l.replace(/"[^"]*"/g, '""').replace(/==>|-\.->|-\.-|---|~~~/g, ' '));
    for (const line of unquoted) {
      if (/^ {2}(classDef|class|linkStyle) /.test(line)) continue;
      expect(line).not.toMatch(/my\.svc|a-b|[<>&#]/);
    }
    expect(text).toContain('  svc_my_2esvc["my.svc"]');
    expect(text).toContain('  svc_a_2db["a-b"]');
    expect(text).toContain('  svc_end["end"]');
    expect(text).toContain('  net_end{{"end"}}');
    expect(text).toContain('  net_class{{"class<br>internal · no egress"}}');
    expect(text).toContain('  internet ==>|":8080→80/tcp"| svc_my_2esvc');
    expect(text).toContain('|"aliases: a#60;b#62;#34;#35;1#38;"|');
  });

  it('draws the internet only on the way out when no port lets it in', () => {
    const text = renderMermaid(draw('services:\n  worker:\n    image: worker:1\n'));
    expect(text).not.toMatch(/^ {2}internet\(/m);
    expect(text).toContain('  internet_egress(("internet<br>egress"))\n');
    expect(text).toContain('  net_default -.-> internet_egress\n');
    expect(text).toContain('  class internet_egress outside\n');
  });

  it('escapes what Mermaid or HTML would read in a label', () => {
    expect(mermaidText('a<b>"c"#1&`')).toBe('a#60;b#62;#34;c#34;#35;1#38;#96;');
  });

  it('draws violations in red: the ends with a class, the edges with linkStyle at their index', () => {
    const text = renderMermaid(draw(MINI, { violations: [{ from: 'proxy', to: 'db', path: ['proxy', 'front', 'api', 'back', 'db'] }] }));
    const links = text.split('\n').filter((l) => /^ {2}\S+ (==>|---|-\.-|-\.->|~~~)/.test(l));
    const red = /linkStyle ([\d,]+) stroke:#dc2626/.exec(text)![1].split(',').map(Number);
    expect(red.map((i) => links[i].trim())).toEqual([
      'svc_proxy --- net_front',
      'net_front --- svc_api',
      'svc_api -.-|"aliases: api.internal"| net_back',
      'net_back -.- svc_db',
    ]);
    expect(text).toContain('  class svc_proxy,svc_db violation\n');
    // The violation class comes last, so its red wins over the node's own class.
    expect(text.indexOf('class svc_proxy,svc_db violation')).toBeGreaterThan(text.indexOf('class svc_db datastore'));
  });

  it('gathers a big flat network into a grid box, and counts its invisible links in linkStyle indexes', () => {
    const workers = Array.from({ length: 10 }, (_, i) => `  w${i}:\n    image: worker:1\n`).join('');
    const text = renderMermaid(draw(`services:\n  gate:\n    image: nginx\n    ports: ["80:80"]\n${workers}`));
    expect(text).toContain('  subgraph group_0["only on default (10)"]\n    direction TB\n    svc_w0["w0"]\n');
    expect(text).toContain('  net_default --- group_0\n');
    expect(text).not.toContain('net_default --- svc_w1');
    const links = text.split('\n').filter((l) => /^\s+\S+ (==>|---|-\.-|-\.->|~~~)/.test(l));
    expect(links.filter((l) => l.includes('~~~'))).toHaveLength(7); // 10 in rows of 3
    const blue = /linkStyle ([\d,]+) stroke:#2563eb/.exec(text)![1].split(',').map(Number);
    expect(blue.map((i) => links[i].trim())).toEqual(['internet ==>|":80→80/tcp"| svc_gate']);
    const green = /linkStyle ([\d,]+) stroke:#16a34a/.exec(text)![1].split(',').map(Number);
    expect(green.map((i) => links[i].trim())).toEqual(['net_default -.-> internet_egress']);
  });
});
