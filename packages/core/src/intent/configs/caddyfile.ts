import { endpointAt, type ConfigHost, type ConfigProblem, type ParsedConfig } from './types.js';

/**
 * The Caddyfile's grammar, as far as composure reads it (https://caddyserver.com/docs/caddyfile/concepts#structure):
 *
 *   caddyfile := block*
 *   token     := word | '"' chars '"' | '`' chars '`'      separated by blanks; `#` at a token's start comments to the line's end
 *   line      := token+ NEWLINE                            a line ending in `{` opens a block, a line `}` closes it
 *
 * No maintained npm parser of Caddyfiles exists; this tokenizer reads `reverse_proxy [matcher]
 * UPSTREAM… [{ to UPSTREAM… }]` (https://caddyserver.com/docs/caddyfile/directives/reverse_proxy#upstreams)
 * and `php_fastcgi [matcher] UPSTREAM…`. An upstream without a port is reached on its scheme's
 * (80 for plain HTTP); placeholders (`{env.X}`, `{upstreams}`) and matchers (`/api/*`, `@name`, `*`) are not hosts.
 */
interface Token {
  text: string;
  start: number;
  line: number;
}

function tokenize(text: string): { tokens: Token[]; error?: { message: string; offset: number } } {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (c === '"' || c === '`') {
      const start = i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' && c === '"' ? 2 : 1;
      if (i >= text.length) return { tokens, error: { message: 'unterminated quoted token', offset: start } };
      tokens.push({ text: text.slice(start + 1, i), start: start + 1, line });
      line += text.slice(start, i).split('\n').length - 1;
      i++;
    } else {
      const start = i;
      while (i < text.length && !/\s/.test(text[i])) i++;
      tokens.push({ text: text.slice(start, i), start, line });
    }
  }
  return { tokens };
}

const isMatcher = (text: string) => text.startsWith('/') || text.startsWith('@') || text === '*';
const isPlaceholder = (text: string) => text.startsWith('{');

export function caddyfileHosts(text: string): ParsedConfig {
  const { tokens, error } = tokenize(text);
  const hosts: ConfigHost[] = [];
  const problems: ConfigProblem[] = [];
  if (error) problems.push({ kind: 'unreadable', start: error.offset, end: error.offset + 1, detail: error.message });
  let depth = 0;
  const upstream = (token: Token, via: string) => {
    if (isMatcher(token.text) || isPlaceholder(token.text) || token.text === '{') return;
    const found = endpointAt(token.text, token.start, via, via === 'reverse_proxy' ? 80 : undefined);
    if (found) hosts.push(found);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.text === '{') depth++;
    else if (token.text === '}') {
      if (--depth < 0) {
        problems.push({ kind: 'unreadable', start: token.start, end: token.start + 1, detail: 'unexpected "}"' });
        depth = 0;
      }
    }
    // A directive starts a line; its arguments are the rest of the line, and `to` lines in its block.
    const startsLine = i === 0 || tokens[i - 1].line !== token.line;
    if (!startsLine || (token.text !== 'reverse_proxy' && token.text !== 'php_fastcgi' && token.text !== 'to')) continue;
    for (let j = i + 1; j < tokens.length && tokens[j].line === token.line; j++) upstream(tokens[j], token.text === 'to' ? 'reverse_proxy' : token.text);
  }
  if (depth > 0 && !error) problems.push({ kind: 'unreadable', start: text.length, end: text.length, detail: 'unexpected end of file, expecting "}"' });
  return { hosts, problems };
}
