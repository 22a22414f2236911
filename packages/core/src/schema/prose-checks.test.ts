import { describe, expect, it } from 'vitest';
import { parseYaml } from '../source/parse-yaml.js';
import { SourceFile } from '../source/source-file.js';
import { checkProse } from './prose-checks.js';
import { validateCompose } from './validate-compose.js';

function check(text: string, run: typeof checkProse = checkProse) {
  const file = new SourceFile('/p/compose.yaml', text);
  const { documents, diagnostics } = parseYaml(file);
  expect(diagnostics).toEqual([]);
  return run(documents[0]).map((d) => ({ ruleId: d.ruleId, severity: d.severity, message: d.message, ...file.span(d.loc.start, d.loc.end) }));
}

/** A service `web` whose line 3 is `    KEY: VALUE`, the value starting at column 7 + KEY's length. */
const serviceField = (key: string, value: string) => `services:\n  web:\n    ${key}: ${value}\n`;

/** A service `web` with one `ports` (or `expose`) item on line 4, starting at column 9. */
const listItem = (key: string, item: string) => `services:\n  web:\n    ${key}:\n      - ${item}\n`;

const error = (message: string, line: number, column: number, endLine: number, endColumn: number) => ({
  ruleId: 'compose-schema',
  severity: 'error',
  message,
  line,
  column,
  endLine,
  endColumn,
});

/** The diagnostic expected for a one-line value on line `line` starting at `column`. */
const at = (line: number, column: number, written: string, message: string) => error(message, line, column, line, column + written.length);

describe('checkProse', () => {
  it('accepts a valid, realistic file', () => {
    const text = `services:
  proxy:
    image: nginx:1.27
    restart: unless-stopped
    pull_policy: daily
    ports:
      - "80:80"
      - "127.0.0.1:8443:443/tcp"
      - target: 53
        published: "5353"
        protocol: udp
        mode: host
        host_ip: 0.0.0.0
  api:
    build: ./api
    pull_policy: build
    restart: on-failure:3
    expose: ["8080", 9090]
  sidecar:
    image: busybox
    network_mode: service:api
  monitor:
    image: prom/node-exporter
    network_mode: host
`;
    expect(check(text)).toEqual([]);
    expect(check(text, validateCompose)).toEqual([]);
  });

  describe('restart', () => {
    it.each(['no', '"no"', 'always', 'on-failure', 'on-failure:5', 'unless-stopped', '${RESTART}', '"${RESTART:-no}"'])('accepts %s', (value) => {
      expect(check(serviceField('restart', value))).toEqual([]);
    });

    it.each([
      ['allways', 'services.web.restart must be one of: no, always, on-failure[:max-retries], unless-stopped, not "allways"; did you mean "always"?'],
      ['never', 'services.web.restart must be one of: no, always, on-failure[:max-retries], unless-stopped, not "never".'],
      ['always:3', 'services.web.restart takes a retry count only with on-failure (on-failure:N), not with always.'],
      ['on-failure:x', 'services.web.restart has an invalid retry count "x": write on-failure:N with N a whole number.'],
      ['on-failure:-1', 'services.web.restart has an invalid retry count "-1": write on-failure:N with N a whole number.'],
    ])('rejects %s', (value, message) => {
      expect(check(serviceField('restart', value))).toEqual([at(3, 14, value, message)]);
    });
  });

  describe('network_mode', () => {
    // Any other value is a network's name for Docker (docker/compose pkg/compose/create.go passes it on as it is).
    it.each(['bridge', 'host', 'none', 'service:db', 'container:legacy_app', '""', '"service:${PEER}"', 'shop_back', 'hots'])('accepts %s', (value) => {
      expect(check(serviceField('network_mode', value))).toEqual([]);
    });

    it.each([
      ['"service:"', 'services.web.network_mode must name a service after "service:".'],
      ['"container:"', 'services.web.network_mode must name a container after "container:".'],
    ])('rejects %s', (value, message) => {
      expect(check(serviceField('network_mode', value))).toEqual([at(3, 19, value, message)]);
    });
  });

  describe('pull_policy', () => {
    it.each(['always', 'never', 'missing', 'if_not_present', 'build', 'refresh', 'daily', 'weekly', 'every_12h', 'every_1w2d', 'every_1h30m', '${PULL}'])(
      'accepts %s',
      (value) => {
        expect(check(serviceField('pull_policy', value))).toEqual([]);
      },
    );

    it.each([
      [
        'alwayss',
        'services.web.pull_policy must be one of: always, never, missing, if_not_present, build, refresh, daily, weekly, every_<duration> (e.g. every_12h), not "alwayss"; did you mean "always"?',
      ],
      [
        'build-it',
        'services.web.pull_policy must be one of: always, never, missing, if_not_present, build, refresh, daily, weekly, every_<duration> (e.g. every_12h), not "build-it".',
      ],
      ['every_1h30', 'services.web.pull_policy has an invalid duration "1h30" after every_: write it like 12h, 30m or 1w2d.'],
    ])('rejects %s, which the schema pattern lets through', (value, message) => {
      expect(check(serviceField('pull_policy', value))).toEqual([at(3, 18, value, message)]);
    });

    it('leaves values the schema pattern rejects to the schema validator, so they are reported once', () => {
      const text = serviceField('pull_policy', 'sometimes');
      expect(check(text)).toEqual([]);
      expect(check(text, validateCompose)).toHaveLength(1);
    });
  });

  describe('ports, short syntax', () => {
    it.each([
      '"80"',
      '80',
      '"8080:80"',
      '"127.0.0.1:8080:80"',
      '"127.0.0.1::80"',
      '"[::1]:8080:80"',
      '"::1:8080:80"',
      '"8000-8010:80"',
      '"9090-9091:8080-8081"',
      '"3000-3005"',
      '"6060:6060/UDP"',
      '"5000:5000/sctp"',
      '"0:80"',
      '"${HOST_PORT}:80"',
    ])('accepts %s', (item) => {
      expect(check(listItem('ports', item))).toEqual([]);
    });

    it.each([
      ['"8080:80/tpc"', '"tpc" is not a protocol (use tcp, udp or sctp)'],
      ['"localhost:8080:80"', '"localhost" is not an IP address'],
      ['"[::1:8080:80"', '"[::1" is not an IP address'],
      ['"127.0.0.1:8080"', '"127.0.0.1" is not a port number or range'],
      ['"70000:80"', 'port 70000 is out of range (0-65535)'],
      ['"8080:0"', 'port 0 is out of range (1-65535)'],
      ['"90-80"', 'the range 90-80 is descending'],
      ['"9090-9092:8080-8081"', 'the host range 9090-9092 and the container range 8080-8081 differ in length'],
      ['"8080:"', 'the container port is missing'],
      ['"http"', '"http" is not a port number or range'],
      ['80.5', '"80.5" is not a port number or range'],
    ])('rejects %s', (item, reason) => {
      expect(check(listItem('ports', item))).toEqual([at(4, 9, item, `services.web.ports[0] is not a valid port mapping: ${reason}.`)]);
    });
  });

  describe('ports, long syntax', () => {
    const longPort = (key: string, value: string) => `services:\n  web:\n    ports:\n      - target: 80\n        ${key}: ${value}\n`;

    it.each([
      ['mode', 'host'],
      ['mode', 'ingress'],
      ['protocol', 'tcp'],
      ['protocol', 'UDP'],
      ['protocol', 'sctp'],
      ['published', '8080'],
      ['published', '"8000-9000"'],
      ['published', '0'],
      ['host_ip', '127.0.0.1'],
      ['host_ip', '"::1"'],
      ['published', '${PORT}'],
    ])('accepts %s: %s', (key, value) => {
      expect(check(longPort(key, value))).toEqual([]);
    });

    it.each([
      ['mode', 'hots', 'services.web.ports[0].mode must be one of: host, ingress, not "hots"; did you mean "host"?'],
      ['protocol', 'udpp', 'services.web.ports[0].protocol must be one of: tcp, udp, sctp, not "udpp"; did you mean "udp"?'],
      ['protocol', 'http', 'services.web.ports[0].protocol must be one of: tcp, udp, sctp, not "http".'],
      ['published', '"9000-8000"', 'services.web.ports[0].published is not a valid port or range: the range 9000-8000 is descending.'],
      ['published', '70000', 'services.web.ports[0].published is not a valid port or range: port 70000 is out of range (0-65535).'],
      ['host_ip', 'localhost', 'services.web.ports[0].host_ip must be an IP address.'],
    ])('rejects %s: %s', (key, value, message) => {
      expect(check(longPort(key, value))).toEqual([at(5, 11 + key.length, value, message)]);
    });

    it.each([['0', 'services.web.ports[0].target is not a valid port: port 0 is out of range (1-65535).']])('rejects target: %s', (value, message) => {
      expect(check(`services:\n  web:\n    ports:\n      - target: ${value}\n`)).toEqual([at(4, 17, value, message)]);
    });

    it('leaves a non-numeric target to the integer cast of interpolation, which reports it once', () => {
      expect(check('services:\n  web:\n    ports:\n      - target: http\n')).toEqual([]);
    });
  });

  describe('expose', () => {
    it.each(['"80"', '80', '"3000-3005"', '"53/udp"', '"80/TCP"', '"${PORT}"'])('accepts %s', (item) => {
      expect(check(listItem('expose', item))).toEqual([]);
    });

    it.each([
      ['"80-70"', 'the range 80-70 is descending'],
      ['"80/http"', '"http" is not a protocol (use tcp, udp or sctp)'],
      ['0', 'port 0 is out of range (1-65535)'],
      ['"8080:80"', '"8080:80" is not a port number or range'],
      ['"/tcp"', 'the port is missing'],
    ])('rejects %s', (item, reason) => {
      expect(check(listItem('expose', item))).toEqual([at(4, 9, item, `services.web.expose[0] is not a valid port: ${reason}.`)]);
    });
  });

  it('checks every service and leaves shapes the schema rejects to the schema validator', () => {
    const text = `services:
  web:
    restart: [always]
    ports: "80:80"
  worker:
    restart: sometimes
  db:
`;
    expect(check(text)).toEqual([
      at(6, 14, 'sometimes', 'services.worker.restart must be one of: no, always, on-failure[:max-retries], unless-stopped, not "sometimes".'),
    ]);
  });
});
