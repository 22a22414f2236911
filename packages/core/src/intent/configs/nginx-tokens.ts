/**
 * NGINX's configuration grammar, as far as composure reads it
 * (https://nginx.org/en/docs/beginners_guide.html#conf_structure):
 *
 *   config    := statement*
 *   statement := word argument* ( ';' | '{' statement* '}' )
 *   argument  := word | '"' chars '"' | "'" chars "'"     (backslash escapes inside quotes)
 *   comment   := '#' to the end of the line (outside quotes)
 *
 * No maintained npm parser of NGINX configs gives positions; this tokenizer keeps each
 * argument's offsets. `include` is not followed (a mounted conf.d is read file by file).
 */

export interface Word {
  text: string;
  /** Offsets of the word as written, quotes included. */
  start: number;
  end: number;
  /** Offset of its text (after an opening quote). */
  textStart: number;
}

export interface Directive {
  name: Word;
  args: Word[];
  /** The statements of its block, for `http { … }`, `server { … }`, `upstream x { … }`, `location … { … }`. */
  block?: Directive[];
  end: number;
}

export interface NginxParse {
  directives: Directive[];
  /** The first syntax error: an unbalanced brace, an unterminated quote or statement. */
  error?: { message: string; offset: number };
}

type Token = Word | { punct: ';' | '{' | '}'; start: number };

function tokenize(text: string): { tokens: Token[]; error?: NginxParse['error'] } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (c === ';' || c === '{' || c === '}') tokens.push({ punct: c, start: i++ });
    else if (c === '"' || c === "'") {
      const start = i++;
      let value = '';
      while (i < text.length && text[i] !== c) value += text[i] === '\\' && i + 1 < text.length ? text[(i += 2) - 1] : text[i++];
      if (i >= text.length) return { tokens, error: { message: 'unterminated quoted string', offset: start } };
      tokens.push({ text: value, start, end: ++i, textStart: start + 1 });
    } else {
      const start = i;
      // A `${var}` keeps its braces inside the word.
      while (i < text.length && !/[\s;{}]/.test(text[i])) {
        if (text[i] === '$' && text[i + 1] === '{') i = Math.max(text.indexOf('}', i) + 1, i + 2);
        else i++;
      }
      tokens.push({ text: text.slice(start, i), start, end: i, textStart: start });
    }
  }
  return { tokens };
}

export function parseNginx(text: string): NginxParse {
  const { tokens, error } = tokenize(text);
  let i = 0;
  let failure = error;
  const statements = (depth: number): Directive[] => {
    const list: Directive[] = [];
    while (i < tokens.length) {
      const token = tokens[i];
      if ('punct' in token) {
        if (token.punct === '}') {
          if (depth === 0) failure ??= { message: 'unexpected "}"', offset: token.start };
          else return list;
        } else failure ??= { message: `unexpected "${token.punct}"`, offset: token.start };
        i++;
        continue;
      }
      const args: Word[] = [];
      i++;
      while (i < tokens.length && !('punct' in tokens[i])) args.push(tokens[i++] as Word);
      const end = tokens[i];
      if (!end) {
        failure ??= { message: `directive "${token.text}" is not terminated by ";"`, offset: token.start };
        list.push({ name: token, args, end: text.length });
      } else if ('punct' in end && end.punct === '{') {
        i++;
        const block = statements(depth + 1);
        const close = tokens[i];
        if (!close) failure ??= { message: `unexpected end of file, expecting "}" for "${token.text}"`, offset: token.start };
        list.push({ name: token, args, block, end: close?.start ?? text.length });
        i++;
      } else if ('punct' in end && end.punct === ';') {
        list.push({ name: token, args, end: end.start });
        i++;
      } else {
        failure ??= { message: `directive "${token.text}" is not terminated by ";"`, offset: token.start };
        list.push({ name: token, args, end: end.start });
      }
    }
    return list;
  };
  const directives = statements(0);
  return failure ? { directives, error: failure } : { directives };
}
