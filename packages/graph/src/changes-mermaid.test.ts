import { describe, expect, it } from 'vitest';
import { INTERNET, renderChangesMermaid } from './changes-mermaid.js';

describe('renderChangesMermaid', () => {
  it('draws added edges solid and green, removed ones dotted and red, both ways with two heads, datastores as cylinders', () => {
    const chart = renderChangesMermaid(
      [
        { from: 'web', to: 'db', change: 'added', both: true, label: ['back'] },
        { from: INTERNET, to: 'db', change: 'added', both: false, label: ['0.0.0.0:5432 → 5432/tcp'] },
        { from: 'cache', to: 'db', change: 'removed', both: true, label: ['back', 'data'] },
        { from: 'host-agent', to: 'web', change: 'removed', both: false, label: [] },
      ],
      new Set(['db', 'cache']),
    );
    expect(chart).toBe(
      [
        'flowchart LR',
        '  svc_web["web"]',
        '  svc_db[("db")]',
        '  internet(("internet"))',
        '  svc_cache[("cache")]',
        '  svc_host_2dagent["host-agent"]',
        '  svc_web <-->|"back"| svc_db',
        '  internet -->|"0.0.0.0:5432 → 5432/tcp"| svc_db',
        '  svc_cache <-.->|"back<br>data"| svc_db',
        '  svc_host_2dagent -.-> svc_web',
        '  linkStyle 0,1 stroke:#16a34a,stroke-width:2px,color:#15803d',
        '  linkStyle 2,3 stroke:#dc2626,stroke-width:2px,stroke-dasharray:5 5,color:#b91c1c',
        '  classDef datastore fill:#fef3c7,stroke:#b45309,color:#78350f',
        '  class svc_db,svc_cache datastore',
        '',
      ].join('\n'),
    );
  });

  it('keeps a service named internet apart from the outside world, and escapes what Mermaid would read', () => {
    const chart = renderChangesMermaid([{ from: 'internet', to: 'end', change: 'added', both: false, label: ['"x" <y>'] }], new Set());
    expect(chart).toBe(
      [
        'flowchart LR',
        '  svc_internet["internet"]',
        '  svc_end["end"]',
        '  svc_internet -->|"#34;x#34; #60;y#62;"| svc_end',
        '  linkStyle 0 stroke:#16a34a,stroke-width:2px,color:#15803d',
        '',
      ].join('\n'),
    );
  });
});
