import { endpointAt, type ConfigHost, type ConfigProblem, type ParsedConfig } from './types.js';

/**
 * HAProxy's configuration grammar, as far as composure reads it
 * (https://docs.haproxy.org/3.0/configuration.html#2):
 *
 *   config  := section*
 *   section := keyword [name] NEWLINE line*        keyword: global, defaults, frontend, backend, listen, resolvers, …
 *   line    := word+ NEWLINE                       words separated by blanks; `#` starts a comment; quotes and `\` escape
 *
 * No maintained npm parser of HAProxy configs exists; this reads it line by line. In `backend`
 * and `listen` sections, `server NAME ADDRESS[:PORT] [params]` names a host. A server whose
 * address is a name is resolved when HAProxy starts, and HAProxy refuses to start when it does
 * not resolve (a container not running yet), unless `init-addr` (on the server, a
 * `default-server` line, or `defaults`) lets it start without an address (`none`) — with
 * `resolvers` to find the address later (https://docs.haproxy.org/3.0/configuration.html#5.2-init-addr).
 */
const SECTIONS = new Set([
  'global',
  'defaults',
  'frontend',
  'backend',
  'listen',
  'resolvers',
  'peers',
  'userlist',
  'mailers',
  'program',
  'http-errors',
  'ring',
  'cache',
]);

interface Line {
  words: { text: string; start: number }[];
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const words: Line['words'] = [];
    for (const m of raw.matchAll(/"[^"]*"|'[^']*'|[^\s#]+|#.*/g)) {
      if (m[0].startsWith('#')) break;
      words.push({ text: m[0].replace(/^(["'])(.*)\1$/, '$2'), start: offset + m.index });
    }
    if (words.length > 0) out.push({ words });
    offset += raw.length + 1;
  }
  return out;
}

/** Whether `init-addr` methods let HAProxy start without resolving (`none`, or a fixed address). */
const startsWithout = (methods: string | undefined) => methods !== undefined && methods.split(',').some((m) => m === 'none' || /^[\d.:]+$/.test(m));

/** The value of a parameter on a server or default-server line. */
function param(words: Line['words'], name: string): string | undefined {
  const at = words.findIndex((w) => w.text === name);
  return at < 0 ? undefined : words[at + 1]?.text;
}

export function haproxyHosts(text: string): ParsedConfig {
  const hosts: ConfigHost[] = [];
  const problems: ConfigProblem[] = [];
  let section = '';
  let defaultsInit: string | undefined;
  let sectionInit: string | undefined;
  for (const { words } of lines(text)) {
    const keyword = words[0].text;
    if (SECTIONS.has(keyword)) {
      section = keyword;
      sectionInit = section === 'defaults' ? undefined : defaultsInit;
      continue;
    }
    if (section === '') {
      problems.push({ kind: 'unreadable', start: words[0].start, end: words[0].start + keyword.length, detail: `"${keyword}" outside any section` });
      section = 'unknown';
      continue;
    }
    if (keyword === 'default-server') {
      const init = param(words, 'init-addr');
      if (section === 'defaults') defaultsInit = init ?? defaultsInit;
      else sectionInit = init ?? sectionInit;
      continue;
    }
    if (keyword !== 'server' || (section !== 'backend' && section !== 'listen')) continue;
    const address = words[2];
    if (!address) {
      problems.push({ kind: 'unreadable', start: words[0].start, end: words[0].start + keyword.length, detail: 'a "server" line without an address' });
      continue;
    }
    const found = endpointAt(address.text, address.start, 'server');
    if (!found || /^[\d.]+$/.test(found.host) || found.host.includes(':')) continue;
    hosts.push(found);
    if (!startsWithout(param(words, 'init-addr') ?? sectionInit)) {
      problems.push({ kind: 'resolvedOnceAtStart', start: found.start, end: found.end, detail: words[1].text, host: found.host });
    }
  }
  return { hosts, problems };
}
