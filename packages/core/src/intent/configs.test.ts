import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { loadProject } from '../load/load-project.js';
import { createSession } from '../session/session.js';
import { intentReferences, intentsOf, mountedConfigHosts, traefikProxies } from './index.js';

const load = (files: Record<string, string>) => loadProject({ host: memoryHost(files), cwd: '/p', env: {} });
/** Each intent as `from -> to:port (source via) file:line:column`. */
const show = (files: Record<string, string>) =>
  intentReferences(load(files)).map(
    (r) => `${r.from} -> ${r.target ?? `?${r.host}`}${r.port ? `:${r.port}` : ''} (${r.source} ${r.via}) ${r.file}:${r.line}:${r.column}`,
  );
const problems = (files: Record<string, string>) =>
  mountedConfigHosts(load(files)).problems.map((p) => {
    const project = load(files);
    const span = project.files.get(p.loc.file)!.span(p.loc.start, p.loc.end);
    return `${p.service} ${p.kind} ${p.detail} ${p.loc.file}:${span.line}:${span.column}`;
  });

const backends = `
  api:
    image: api:1
    expose: ["8080"]
  web:
    image: nginx:1.27
`;

describe('mounted NGINX configs', () => {
  const nginxConf = `upstream backend {
    server api:8080;
    server web;
}
server {
    listen 80;
    location / { proxy_pass http://backend; }
    location /direct { proxy_pass http://api:8080/; }
    location /php { fastcgi_pass php:9000; }
    location /ext { proxy_pass https://example.org; }
}
`;
  it('reads a file bind-mounted (short syntax, relative to the project directory)', () => {
    const files = {
      '/p/compose.yaml': `services:\n  proxy:\n    image: nginx:1.27\n    volumes: ["./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro"]\n${backends}`,
      '/p/nginx/default.conf': nginxConf,
    };
    expect(show(files)).toEqual([
      'proxy -> api:8080 (nginx server) /p/nginx/default.conf:2:12',
      'proxy -> web:80 (nginx server) /p/nginx/default.conf:3:12',
      'proxy -> api:8080 (nginx proxy_pass) /p/nginx/default.conf:8:42',
      'proxy -> ?php:9000 (nginx fastcgi_pass) /p/nginx/default.conf:9:34',
    ]);
    expect(intentReferences(load(files)).find((r) => r.host === 'php')?.resolution.kind).toBe('unknown');
  });

  it('reads every *.conf of a mounted directory (long syntax), and a configs: file', () => {
    const files = {
      '/p/compose.yaml': `services:
  proxy:
    image: nginx:1.27
    volumes:
      - type: bind
        source: ./conf.d
        target: /etc/nginx/conf.d
    configs:
      - source: main
        target: /etc/nginx/nginx.conf
${backends}
configs:
  main:
    file: ./main.conf
`,
      '/p/conf.d/a.conf': 'server { location / { proxy_pass http://api:8080; } }\n',
      '/p/conf.d/b.txt': 'server { location / { proxy_pass http://web; } }\n',
      '/p/main.conf': 'events {}\nhttp { include /etc/nginx/conf.d/*.conf; server { location / { grpc_pass grpc://api:8080; } } }\n',
    };
    expect(show(files)).toEqual(['proxy -> api:8080 (nginx proxy_pass) /p/conf.d/a.conf:1:41', 'proxy -> api:8080 (nginx grpc_pass) /p/main.conf:2:81']);
  });

  it('locates a configs: content in the compose file', () => {
    const files = {
      '/p/compose.yaml': `services:
  proxy:
    image: nginx:1.27
    configs: [{ source: site, target: /etc/nginx/conf.d/site.conf }]
${backends}
configs:
  site:
    content: |
      server {
        location / { proxy_pass http://api:8080; }
      }
`,
    };
    expect(show(files)).toEqual(['proxy -> api:8080 (nginx proxy_pass) /p/compose.yaml:16:40']);
  });

  it('substitutes templates from the service environment, as the image does', () => {
    const files = {
      '/p/compose.yaml': `services:
  proxy:
    image: nginx:1.27
    environment: { BACKEND: api, PORT: "8080" }
    volumes: ["./templates:/etc/nginx/templates"]
${backends}`,
      '/p/templates/default.conf.template': 'server {\n  location / { proxy_pass http://${BACKEND}:${PORT}$request_uri; }\n}\n',
    };
    expect(show(files)).toEqual(['proxy -> api:8080 (nginx proxy_pass) /p/templates/default.conf.template:2:34']);
  });

  it('reads the host of a variable from its set, and says a variable needs resolver 127.0.0.11', () => {
    const files = {
      '/p/compose.yaml': `services:\n  proxy:\n    image: nginx:1.27\n    volumes: ["./n.conf:/etc/nginx/conf.d/default.conf"]\n${backends}`,
      '/p/n.conf':
        'server {\n  set $up http://api:8080;\n  location / { proxy_pass $up; }\n}\nserver {\n  resolver 127.0.0.11 valid=10s;\n  set $w http://web;\n  location / { proxy_pass $w; }\n}\n',
    };
    expect(show(files)).toEqual(['proxy -> api:8080 (nginx proxy_pass) /p/n.conf:2:18', 'proxy -> web:80 (nginx proxy_pass) /p/n.conf:7:17']);
    expect(problems(files)).toEqual(['proxy variableWithoutResolver proxy_pass /p/n.conf:3:27']);
  });

  it("shares upstream names and the http block's resolver between nginx.conf and the files it includes", () => {
    const files = {
      '/p/compose.yaml': `services:\n  proxy:\n    image: nginx:1.27\n    volumes: ["./nginx.conf:/etc/nginx/nginx.conf", "./sites:/etc/nginx/sites-enabled"]\n${backends}`,
      '/p/nginx.conf': 'events {}\nhttp {\n  resolver 127.0.0.11;\n  upstream app { server api:8080; }\n  include /etc/nginx/sites-enabled/*;\n}\n',
      '/p/sites/default': 'server {\n  location / { proxy_pass http://app; }\n  location /w { set $w web; proxy_pass http://$w; }\n}\n',
    };
    expect(show(files)).toEqual(['proxy -> api:8080 (nginx server) /p/nginx.conf:4:25', 'proxy -> web:80 (nginx proxy_pass) /p/sites/default:3:24']);
    expect(problems(files)).toEqual([]);
  });

  it('reports a broken config, and keeps what it could read', () => {
    const files = {
      '/p/compose.yaml': `services:\n  proxy:\n    image: nginx:1.27\n    volumes: ["./n.conf:/etc/nginx/conf.d/default.conf"]\n${backends}`,
      '/p/n.conf': 'server {\n  location / { proxy_pass http://api:8080; }\n',
    };
    expect(show(files)).toEqual(['proxy -> api:8080 (nginx proxy_pass) /p/n.conf:2:34']);
    expect(problems(files)).toEqual(['proxy unreadable unexpected end of file, expecting "}" for "server" /p/n.conf:1:1']);
  });
});

describe('mounted HAProxy, Caddyfile, Traefik file provider and Prometheus configs', () => {
  it('reads HAProxy servers, and which must resolve at start', () => {
    const files = {
      '/p/compose.yaml': `services:\n  lb:\n    image: haproxy:3.0\n    volumes: ["./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro"]\n${backends}`,
      '/p/haproxy.cfg': `global
  maxconn 100
defaults
  mode http
frontend fe
  bind :80
  default_backend be
backend be
  server web1 api:8080 check
  server web2 web:80 check init-addr last,libc,none resolvers docker
  server ip 10.0.0.1:80
backend other
  default-server init-addr none
  server w web:80
`,
    };
    expect(show(files)).toEqual([
      'lb -> api:8080 (haproxy server) /p/haproxy.cfg:9:15',
      'lb -> web:80 (haproxy server) /p/haproxy.cfg:10:15',
      'lb -> web:80 (haproxy server) /p/haproxy.cfg:14:12',
    ]);
    expect(problems(files)).toEqual(['lb resolvedOnceAtStart web1 /p/haproxy.cfg:9:15']);
  });

  it('reads a Caddyfile reverse_proxy, with a block of upstreams', () => {
    const files = {
      '/p/compose.yaml': `services:\n  caddy:\n    image: caddy:2\n    volumes: ["./Caddyfile:/etc/caddy/Caddyfile"]\n${backends}`,
      '/p/Caddyfile': 'example.com {\n  reverse_proxy /api/* api:8080\n  reverse_proxy {\n    to http://web\n  }\n  # reverse_proxy ghost:1\n}\n',
    };
    expect(show(files)).toEqual([
      'caddy -> api:8080 (caddyfile reverse_proxy) /p/Caddyfile:2:24',
      'caddy -> web:80 (caddyfile reverse_proxy) /p/Caddyfile:4:15',
    ]);
  });

  it('reads the Traefik file provider named by the static config, in YAML and TOML', () => {
    const files = {
      '/p/compose.yaml': `services:\n  traefik:\n    image: traefik:v3.1\n    volumes: ["./traefik:/etc/traefik"]\n${backends}`,
      '/p/traefik/traefik.yml': 'providers:\n  file:\n    directory: /etc/traefik/dynamic\n',
      '/p/traefik/dynamic/a.yml': 'http:\n  services:\n    api:\n      loadBalancer:\n        servers:\n          - url: "http://api:8080"\n',
      '/p/traefik/dynamic/b.toml': '[tcp.services.web.loadBalancer]\n  [[tcp.services.web.loadBalancer.servers]]\n    address = "web:80"\n',
    };
    expect(show(files)).toEqual([
      'traefik -> api:8080 (traefik url) /p/traefik/dynamic/a.yml:6:26',
      'traefik -> web:80 (traefik address) /p/traefik/dynamic/b.toml:3:16',
    ]);
  });

  it('reads Prometheus scrape targets, and reports broken YAML', () => {
    const files = {
      '/p/compose.yaml': `services:\n  prometheus:\n    image: prom/prometheus\n    volumes: ["./prometheus.yml:/etc/prometheus/prometheus.yml"]\n${backends}`,
      '/p/prometheus.yml': "scrape_configs:\n  - job_name: api\n    static_configs:\n      - targets: ['api:8080', 'web']\n",
    };
    expect(show(files)).toEqual([
      'prometheus -> api:8080 (prometheus targets) /p/prometheus.yml:4:20',
      'prometheus -> web:80 (prometheus targets) /p/prometheus.yml:4:32',
    ]);
    const broken = { ...files, '/p/prometheus.yml': 'scrape_configs:\n  - job_name: [\n' };
    expect(show(broken)).toEqual([]);
    expect(problems(broken)[0]).toMatch(/^prometheus unreadable .* \/p\/prometheus\.yml:\d+:\d+$/);
  });
});

describe('labels', () => {
  it('makes Traefik reach the services it routes to, on the loadbalancer port or the single known port', () => {
    const project = load({
      '/p/compose.yaml': `services:
  traefik:
    image: traefik:v3.1
    command: ["--providers.docker.exposedbydefault=false"]
  api:
    image: api:1
    expose: ["8080"]
    labels:
      traefik.enable: "true"
      traefik.http.routers.api.rule: Host(\`api.example.org\`)
  web:
    image: web:1
    labels:
      - traefik.enable=true
      - traefik.http.services.web.loadbalancer.server.port=3000
  hidden:
    image: h:1
    labels: { traefik.http.routers.h.rule: "Host(\`h\`)" }
`,
    });
    expect(intentsOf(project).map((i) => `${i.from} -> ${i.to}:${i.port} ${i.source} ${i.line}:${i.column}`)).toEqual([
      'traefik -> api:8080 traefik 9:7',
      'traefik -> web:3000 traefik 15:60',
    ]);
  });

  it('makes caddy-docker-proxy reach the services its labels name', () => {
    const project = load({
      '/p/compose.yaml': `services:
  caddy:
    image: lucaslorentz/caddy-docker-proxy:2.9
  api:
    image: api:1
    labels:
      caddy: api.example.org
      caddy.reverse_proxy: "{{upstreams 8080}}"
`,
    });
    expect(intentsOf(project).map((i) => `${i.from} -> ${i.to}:${i.port} ${i.source} ${i.line}:${i.column}`)).toEqual(['caddy -> api:8080 caddy 8:28']);
  });

  it("reads the Prometheus configuration --config.file names, and no other image's", () => {
    const scrape = "scrape_configs:\n  - job_name: api\n    static_configs: [{ targets: ['api:8080'] }]\n";
    const files = {
      '/p/compose.yaml': `services:
  prometheus:
    image: prom/prometheus:v2.54.1
    command: ["--config.file=/config/prom.yml"]
    volumes: ["./prom.yml:/config/prom.yml"]
  loki:
    image: grafana/loki:3.1.0
    command: ["-config.file=/etc/loki/loki.yml"]
    volumes: ["./prom.yml:/etc/loki/loki.yml"]
${backends}`,
      '/p/prom.yml': scrape,
    };
    expect(show(files)).toEqual(['prometheus -> api:8080 (prometheus targets) /p/prom.yml:3:35']);
  });

  it("reads Traefik's own settings from a mounted static TOML, and tcp labels", () => {
    const project = load({
      '/p/compose.yaml': `services:
  traefik:
    image: traefik:v3.1
    volumes: ["./traefik.toml:/etc/traefik/traefik.toml"]
  db:
    image: postgres:17
    labels:
      traefik.enable: true
      traefik.tcp.routers.db.rule: HostSNI(\`*\`)
      traefik.tcp.services.db.loadbalancer.server.port: 5432
`,
      '/p/traefik.toml': '[providers.docker]\n  exposedByDefault = false\n  network = "p_web"\n',
    });
    expect(
      traefikProxies(project).map((p) => [
        p.service,
        p.exposedByDefault,
        p.network?.value,
        p.network && project.files.get(p.network.loc.file)!.span(p.network.loc.start, p.network.loc.end).line,
      ]),
    ).toEqual([['traefik', false, 'p_web', 3]]);
    expect(intentsOf(project).map((i) => `${i.from} -> ${i.to}:${i.port} ${i.source} ${i.line}:${i.column}`)).toEqual(['traefik -> db:5432 traefik 10:57']);
  });
});

describe('through a session', () => {
  it('reads a mounted config from an unsaved document over the disk', () => {
    const host = memoryHost({
      '/p/compose.yaml': `services:\n  proxy:\n    image: nginx:1.27\n    volumes: ["./conf.d:/etc/nginx/conf.d"]\n${backends}`,
      '/p/conf.d/a.conf': 'server { location / { proxy_pass http://api:8080; } }\n',
    });
    const documents = new Map([['/p/conf.d/b.conf', 'server { location / { proxy_pass http://web; } }\n']]);
    const result = createSession({ rules: [], host, documents, cwd: '/p', env: {} }).load({ kind: 'files', files: ['compose.yaml'] });
    if (!result.ok) throw new Error(result.failure.message);
    expect(intentsOf(result.value).map((i) => `${i.to}:${i.port} ${i.file}`)).toEqual(['api:8080 /p/conf.d/a.conf', 'web:80 /p/conf.d/b.conf']);
    expect([...result.dependencies].filter((d) => d.includes('conf.d'))).toEqual(['/p/conf.d', '/p/conf.d/a.conf', '/p/conf.d/b.conf']);
  });
});
