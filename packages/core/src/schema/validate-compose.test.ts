import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../source/parse-yaml.js';
import { SourceFile } from '../source/source-file.js';
import { validateCompose } from './validate-compose.js';

/** Each diagnostic with its rule, severity, message and 1-based span. */
function lint(text: string) {
  const file = new SourceFile('/p/compose.yaml', text);
  const { documents, diagnostics } = parseYaml(file);
  expect(diagnostics).toEqual([]);
  return validateCompose(documents[0]).map((d) => ({
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    ...file.span(d.loc.start, d.loc.end),
  }));
}

const error = (message: string, line: number, column: number, endLine: number, endColumn: number) => ({
  ruleId: 'compose-schema',
  severity: 'error',
  message,
  line,
  column,
  endLine,
  endColumn,
});

describe('validateCompose', () => {
  it('accepts a valid, realistic file', () => {
    const text = `name: shop
services:
  proxy:
    image: nginx:1.27
    ports:
      - "80:80"
      - target: 443
        published: 8443
        protocol: tcp
        mode: host
    networks: [frontend]
    depends_on:
      api:
        condition: service_healthy
        restart: true
    restart: unless-stopped
  api:
    build:
      context: ./api
      args:
        VERSION: "1.2"
    environment:
      DATABASE_URL: postgres://db/shop
      DEBUG:
    expose: ["8080"]
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]
      interval: 10s
    networks:
      frontend:
      backend:
        aliases: [api.internal]
    secrets: [db_password]
    ulimits:
      nofile: { soft: 1024, hard: 4096 }
    deploy:
      resources:
        limits: { cpus: "0.5", memory: 512M }
  db:
    image: postgres:16
    volumes:
      - db-data:/var/lib/postgresql/data
      - type: bind
        source: ./init.sql
        target: /docker-entrypoint-initdb.d/init.sql
        read_only: true
    networks: [backend]
networks:
  frontend:
  backend:
    internal: true
volumes:
  db-data:
secrets:
  db_password:
    file: ./db_password.txt
`;
    expect(lint(text)).toEqual([]);
  });

  it('reports a misspelled service key at the key, with a suggestion', () => {
    expect(lint('services:\n  web:\n    imagee: nginx\n')).toEqual([error('Unknown key "imagee" in services.web; did you mean "image"?', 3, 5, 3, 11)]);
  });

  it('reports a misspelled top-level key', () => {
    expect(lint('servces:\n  web:\n    image: nginx\n')).toEqual([error('Unknown top-level key "servces"; did you mean "services"?', 1, 1, 1, 8)]);
  });

  it('hints at x- for an unknown key nothing resembles', () => {
    expect(lint('services:\n  web:\n    image: nginx\n    team: payments\n')).toEqual([
      error('Unknown key "team" in services.web; custom keys must start with "x-".', 4, 5, 4, 9),
    ]);
  });

  it('accepts x- extensions wherever the schema allows them', () => {
    const text = `x-common: &common
  restart: always
services:
  web:
    <<: *common
    image: nginx
    x-team: payments
    ports:
      - target: 80
        x-note: public
networks:
  front:
    x-owner: net-team
`;
    expect(lint(text)).toEqual([]);
  });

  it('reports a wrong type at the value, naming what is expected', () => {
    expect(lint('services:\n  web:\n    image: 5\n    privileged: [yes]\n')).toEqual([
      error('services.web.image must be a string, not a number.', 3, 12, 3, 13),
      error('services.web.privileged must be a boolean or a string, not a list.', 4, 17, 4, 22),
    ]);
  });

  it('points at the key of an empty value', () => {
    expect(lint('services:\n  web:\n    image:\n')).toEqual([error('services.web.image must be a string, but is empty.', 3, 5, 3, 10)]);
  });

  it('reports every violation of a file, in file order', () => {
    const text = `services:
  web:
    image: nginx
    restart: 3
    cgroup: hots
    enviroment:
      A: 1
  worker:
    comand: run
volumes:
  data:
    driver: [local]
`;
    expect(lint(text)).toEqual([
      error('services.web.restart must be a string, not a number.', 4, 14, 4, 15),
      error('services.web.cgroup must be one of: host, private, not "hots"; did you mean "host"?', 5, 13, 5, 17),
      error('Unknown key "enviroment" in services.web; did you mean "environment"?', 6, 5, 6, 15),
      error('Unknown key "comand" in services.worker; did you mean "command"?', 9, 5, 9, 11),
      error('volumes.data.driver must be a string, not a list.', 12, 13, 12, 20),
    ]);
  });

  it('does not repeat an enum error when the type is already wrong', () => {
    expect(lint('services:\n  web:\n    cgroup: 5\n')).toEqual([error('services.web.cgroup must be a string, not a number.', 3, 13, 3, 14)]);
  });

  describe('alternatives (oneOf)', () => {
    it('reports a port mapping with the errors of the long syntax', () => {
      const text = 'services:\n  web:\n    ports:\n      - target: 80\n        publishd: 8080\n';
      expect(lint(text)).toEqual([error('Unknown key "publishd" in services.web.ports[0]; did you mean "published"?', 5, 9, 5, 17)]);
    });

    it('reports a value of no allowed type once, listing the types', () => {
      expect(lint('services:\n  web:\n    build: 123\n    ports:\n      - [80]\n')).toEqual([
        error('services.web.build must be a string or a mapping, not a number.', 3, 12, 3, 15),
        error('services.web.ports[0] must be a number, a string or a mapping, not a list.', 5, 9, 5, 13),
      ]);
    });

    it('reduces nested alternatives', () => {
      expect(lint('services:\n  web:\n    extra_hosts:\n      db: 5\n')).toEqual([
        error('services.web.extra_hosts.db must be a string or a list, not a number.', 4, 11, 4, 12),
      ]);
    });

    it('reports a build mapping with the errors of the mapping form', () => {
      expect(lint('services:\n  web:\n    build:\n      context: .\n      dockerfil: Dockerfile\n')).toEqual([
        error('Unknown key "dockerfil" in services.web.build; did you mean "dockerfile"?', 5, 7, 5, 16),
      ]);
    });

    it('keeps the bound of the branch whose type fits', () => {
      expect(lint('services:\n  web:\n    cpu_percent: 150\n')).toEqual([error('services.web.cpu_percent must be at most 100.', 3, 18, 3, 21)]);
    });

    it('reports an enum of the fitting branch', () => {
      expect(lint('services:\n  web:\n    gpus: al\n')).toEqual([error('services.web.gpus must be "all".', 3, 11, 3, 13)]);
    });
  });

  describe('required keys', () => {
    it('reports a missing key at the key of the mapping that lacks it', () => {
      const text = 'services:\n  web:\n    depends_on:\n      db:\n        restart: true\n';
      expect(lint(text)).toEqual([error('services.web.depends_on.db is missing the required key "condition".', 4, 7, 4, 9)]);
    });

    it('reports the missing limit of a ulimit mapping', () => {
      const text = 'services:\n  web:\n    ulimits:\n      nofile: { soft: 1024 }\n';
      expect(lint(text)).toEqual([error('services.web.ulimits.nofile is missing the required key "hard".', 4, 7, 4, 13)]);
    });

    it('reports a list item that lacks a key at the item', () => {
      const text = 'services:\n  web:\n    volumes:\n      - { source: ./data, target: /data }\n';
      expect(lint(text)).toEqual([error('services.web.volumes[0] is missing the required key "type".', 4, 9, 4, 42)]);
    });
  });

  it('reports a name Compose refuses', () => {
    expect(lint('services:\n  my web:\n    image: nginx\n')).toEqual([
      error('Invalid name "my web" in services: names may contain only letters, digits, ".", "_" and "-".', 2, 3, 2, 9),
    ]);
  });

  it('reports a repeated list item at the repetition', () => {
    expect(lint('services:\n  web:\n    ports: ["80:80", "81:81", "80:80"]\n')).toEqual([
      error('services.web.ports[2] is a duplicate of services.web.ports[0]; services.web.ports must not repeat an item.', 3, 31, 3, 38),
    ]);
  });

  it('reports a pull_policy the schema pattern rejects in plain words', () => {
    expect(lint('services:\n  web:\n    pull_policy: sometimes\n')).toEqual([
      error(
        'services.web.pull_policy must be one of: always, never, missing, if_not_present, build, refresh, daily, weekly, every_<duration> (e.g. every_12h).',
        3,
        18,
        3,
        27,
      ),
    ]);
  });

  it('reports a document that is not a mapping', () => {
    expect(lint('- web\n')).toEqual([error('The Compose file must be a mapping, not a list.', 1, 1, 2, 1)]);
  });

  it('quotes keys that contain dots in paths', () => {
    expect(lint('services:\n  web.v2:\n    image: [nginx]\n')).toEqual([error('services["web.v2"].image must be a string, not a list.', 3, 12, 3, 19)]);
  });
});

describe('generated validator and vendored schema', () => {
  const core = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

  it('has been generated by scripts/build-schemas.mjs', () => {
    expect(existsSync(core('generated/compose-validator.js'))).toBe(true);
    expect(existsSync(core('generated/compose-validator.d.ts'))).toBe(true);
  });

  // The vendored copy may change only together with the provenance its README states.
  it('vendors the schema whose sha256 its README states', () => {
    const readme = readFileSync(core('vendor/compose-spec/README.md'), 'utf8');
    const stated = /^\| sha256 \| `([0-9a-f]{64})` \|$/m.exec(readme)?.[1];
    expect(stated, 'vendor/compose-spec/README.md states no sha256').toBeDefined();
    const actual = createHash('sha256')
      .update(readFileSync(core('vendor/compose-spec/compose-spec.compose-go.json')))
      .digest('hex');
    expect(actual).toBe(stated);
  });

  it('cuts a very long unknown key in its message', () => {
    const key = 'word '.repeat(40).trim();
    const [diagnostic] = validateCompose(parseYaml(new SourceFile('/p/compose.yaml', `${key}: 1\nservices: {}\n`)).documents[0]);
    expect(diagnostic.message).toBe(`Unknown top-level key "${key.slice(0, 59)}…"; custom keys must start with "x-".`);
  });
});
