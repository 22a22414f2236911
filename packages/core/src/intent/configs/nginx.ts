import { endpointAt, type ConfigHost, type ConfigProblem, type ParsedConfig } from './types.js';
import { parseNginx, type Directive, type Word } from './nginx-tokens.js';

/**
 * The hosts an NGINX config proxies to (https://nginx.org/en/docs/http/ngx_http_upstream_module.html,
 * https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass): `server` in `upstream`
 * blocks (port 80 when none is written), `proxy_pass` (its scheme's port), `grpc_pass`,
 * `fastcgi_pass` and `uwsgi_pass`; a name of an `upstream` block is no host. A pass to a
 * variable is resolved at each request, only through a `resolver`: the variable's `set` value is
 * read as the host, and without `resolver 127.0.0.11` (Docker's embedded DNS) in scope it is a problem.
 */
const PASSES: Record<string, number | undefined> = { proxy_pass: 80, grpc_pass: 80, fastcgi_pass: undefined, uwsgi_pass: undefined };

/** Docker's embedded DNS server, which resolves service names (https://docs.docker.com/engine/network/#dns-services). */
const DOCKER_DNS = '127.0.0.11';

/**
 * What one file of a service's NGINX configuration shares with the others: the files of
 * `conf.d` are included inside nginx.conf's `http` block, so its `upstream` names and its
 * `resolver` count there too.
 */
export interface NginxShared {
  /** `upstream` block names, lower-cased. */
  upstreams: Set<string>;
  /** Whether an `http` block sets `resolver 127.0.0.11`. */
  httpResolver: boolean;
}

const usesDockerDns = (args: Word[]) => args.some((a) => a.text.replace(/:53$/, '') === DOCKER_DNS);

/** The upstream names and `http`-level resolver of a set of NGINX files of one service. */
export function nginxShared(texts: readonly string[]): NginxShared {
  const shared: NginxShared = { upstreams: new Set(), httpResolver: false };
  const collect = (list: Directive[], inHttp: boolean) => {
    for (const d of list) {
      if (d.name.text === 'upstream' && d.args[0]) shared.upstreams.add(d.args[0].text.toLowerCase());
      if (inHttp && d.name.text === 'resolver' && usesDockerDns(d.args)) shared.httpResolver = true;
      if (d.block) collect(d.block, d.name.text === 'http');
    }
  };
  for (const text of texts) collect(parseNginx(text).directives, false);
  return shared;
}

export function nginxHosts(text: string, shared: NginxShared = nginxShared([text])): ParsedConfig {
  const parsed = parseNginx(text);
  const hosts: ConfigHost[] = [];
  const problems: ConfigProblem[] = [];
  if (parsed.error) problems.push({ kind: 'unreadable', start: parsed.error.offset, end: parsed.error.offset + 1, detail: parsed.error.message });

  const { upstreams } = shared;
  const sets = new Map<string, Word>();
  const collect = (list: Directive[]) => {
    for (const d of list) {
      if (d.name.text === 'set' && d.args.length >= 2) sets.set(d.args[0].text.replace(/^\$\{?|\}$/g, ''), d.args[1]);
      if (d.block) collect(d.block);
    }
  };
  collect(parsed.directives);

  const host = (word: Word, via: string, defaultPort: number | undefined) => {
    const found = endpointAt(word.text, word.textStart, via, defaultPort);
    if (found && !upstreams.has(found.host.toLowerCase())) hosts.push(found);
  };
  const walk = (list: Directive[], resolvers: Word[][], inUpstream: boolean) => {
    const here = [...resolvers, ...list.filter((d) => d.name.text === 'resolver').map((d) => d.args)];
    for (const d of list) {
      const name = d.name.text;
      const first = d.args[0];
      if (inUpstream && name === 'server' && first) host(first, 'server', 80);
      else if (name in PASSES && first) {
        const written = endpointAt(first.text, first.textStart, name, PASSES[name]);
        if (!first.text.includes('$')) host(first, name, PASSES[name]);
        else {
          // Variables anywhere make NGINX resolve the name at each request, through a resolver only.
          const variable = /^\$\{?(\w+)\}?$/.exec(written?.host ?? '');
          const value = variable ? sets.get(variable[1]) : undefined;
          // `set $backend http://api:8080;` then `proxy_pass $backend;`: the set value names the host.
          if (written && !written.host.includes('$')) host(first, name, PASSES[name]);
          else if (value && !value.text.includes('$')) host(value, name, PASSES[name]);
          const dns = shared.httpResolver || here.some(usesDockerDns);
          if (!dns) problems.push({ kind: 'variableWithoutResolver', start: first.start, end: first.end, detail: name });
        }
      }
      if (d.block) walk(d.block, here, name === 'upstream');
    }
  };
  walk(parsed.directives, [], false);
  return { hosts, problems };
}
