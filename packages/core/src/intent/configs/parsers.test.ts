import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caddyfileHosts } from './caddyfile.js';
import { haproxyHosts } from './haproxy.js';
import { nginxHosts } from './nginx.js';
import { substituteTemplate } from './nginx-template.js';
import { prometheusHosts } from './prometheus.js';
import { traefikFileHosts } from './traefik-file.js';
import type { ParsedConfig } from './types.js';

/** Every host and problem lies inside the text, and a host is the text it says it is. */
function expectLocated(text: string, parsed: ParsedConfig) {
  for (const h of parsed.hosts) {
    expect(h.start).toBeGreaterThanOrEqual(0);
    expect(h.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(h.start, h.end).replace(/^\[|\]$/g, '')).toBe(h.host);
  }
  for (const p of parsed.problems) expect(p.start >= 0 && p.end <= text.length + 1 && p.start <= p.end).toBe(true);
}

/** Text made of the characters these dialects give meaning to. */
const configText = fc.stringMatching(/^[a-z0-9 :;{}#"'`$\\/.\n[\]=_-]{0,200}$/);

describe('config parsers on any text', () => {
  it.each([
    ['nginx', (t: string) => nginxHosts(t)],
    ['haproxy', (t: string) => haproxyHosts(t)],
    ['caddyfile', (t: string) => caddyfileHosts(t)],
    ['traefik yaml', (t: string) => traefikFileHosts('/d.yml', t)],
    ['traefik toml', (t: string) => traefikFileHosts('/d.toml', t)],
    ['prometheus', (t: string) => prometheusHosts('/p.yml', t)],
  ])('%s never throws, and locates what it finds inside the text', (_, parse) => {
    fc.assert(fc.property(configText, (text) => expectLocated(text, parse(text))));
  });

  it('maps every offset of a substituted template back into the template', () => {
    fc.assert(
      fc.property(configText, fc.dictionary(fc.stringMatching(/^[A-Z]{1,3}$/), fc.string({ maxLength: 8 })), (template, env) => {
        const substituted = substituteTemplate(template, new Map(Object.entries(env)));
        for (let i = 0; i <= substituted.text.length; i++) {
          const at = substituted.toTemplate(i);
          expect(at >= 0 && at <= template.length).toBe(true);
        }
      }),
    );
  });
});

describe('broken configs', () => {
  it.each([
    ['nginx', nginxHosts('server { location / { proxy_pass http://api:8080; }'), 'unexpected end of file, expecting "}" for "server"'],
    ['nginx quote', nginxHosts('server { return 200 "oops; }'), 'unterminated quoted string'],
    ['nginx brace', nginxHosts('}\nserver {}'), 'unexpected "}"'],
    ['haproxy', haproxyHosts('backend be\n  server\n'), 'a "server" line without an address'],
    ['caddyfile', caddyfileHosts('example.org {\n  reverse_proxy api:80\n'), 'unexpected end of file, expecting "}"'],
    ['traefik toml', traefikFileHosts('/d.toml', '[http.services\n'), expect.stringMatching(/.+/)],
  ])('%s: a problem, never an exception', (_, parsed, detail) => {
    expect(parsed.problems.map((p) => [p.kind, p.detail])).toEqual([['unreadable', detail]]);
  });
});

describe('Unix sockets are no hosts', () => {
  it.each([
    ['nginx', nginxHosts('server { location / { proxy_pass http://unix:/run/app.sock:/; fastcgi_pass unix:/run/php.sock; } }')],
    ['caddyfile', caddyfileHosts(':80 {\n  reverse_proxy unix//run/app.sock\n  php_fastcgi unix//run/php-fpm.sock\n}\n')],
  ])('%s', (_, parsed) => {
    expect(parsed.hosts).toEqual([]);
  });
});
