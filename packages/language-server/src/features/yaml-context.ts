/**
 * Where the cursor is in a YAML text as typed (the text need not parse), from indentation
 * alone: the keys it is under, whether it is on a key or in a value, in a list item or a flow
 * list, and what the same mapping or list already holds (what completion must not offer again).
 */

export interface YamlContext {
  /** Keys of the mappings the cursor is in, outermost first. */
  path: string[];
  /** The same with `0` for each list item the cursor is in (the path into the schema). */
  schemaPath: string[];
  /** The key written on the cursor's line when the cursor is in its value. */
  key?: string;
  /** The cursor's line is a block sequence item (`- …`). */
  listItem: boolean;
  /** Inside a flow sequence (`key: [a, b, |`) on the key's line. */
  flow: boolean;
  /** What is typed of the current word (a name, or a value), and where it starts. */
  prefix: string;
  prefixStart: number;
  /** In a `# composure-…` directive, after its keyword. */
  directive: boolean;
  /** The column of the keys of the mapping the cursor is in (for a key position). */
  column: number;
}

const DIRECTIVE_PREFIX = /(?:^|\s)#\s*composure-(?:disable-next-line|disable-line|disable-file|disable|enable)((?:[\s,]+[a-z0-9-]*)*)$/;
export const KEY_LINE = /^((?:"[^"]*"|'[^']*'|[^\s#'"][^#]*?))\s*:(?:\s+(.*))?$/;
const ITEM = /^( *)-( +|$)/;

const indentOf = (line: string) => /^ */.exec(line)![0].length;
export const unquote = (key: string) => key.replace(/^(["'])(.*)\1$/, '$2');

/** Where the cursor is in a YAML text. */
export function yamlContextAt(text: string, offset: number): YamlContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset).replace(/\r/g, '');
  const directive = DIRECTIVE_PREFIX.exec(before);
  if (directive && !before.includes(' -- ')) {
    const word = /[a-z0-9-]*$/.exec(before)![0];
    return { path: [], schemaPath: [], listItem: false, flow: false, prefix: word, prefixStart: offset - word.length, directive: true, column: 0 };
  }
  const indent = indentOf(before);
  const dash = ITEM.exec(before);
  const listItem = dash !== null;
  const content = before.slice(dash ? dash[0].length : indent);
  const column = dash ? dash[0].length : indent;
  const context: YamlContext = {
    path: [],
    schemaPath: [],
    listItem,
    flow: false,
    prefix: content,
    prefixStart: offset - content.length,
    directive: false,
    column,
  };
  const own: string[] = [];
  const keyLine = KEY_LINE.exec(content);
  if (keyLine && keyLine[2] !== undefined) {
    const value = keyLine[2];
    const flowAt = value.lastIndexOf('[');
    if (flowAt >= 0 && !value.slice(flowAt).includes(']')) {
      const word = /[^\s,[\]'"]*$/.exec(value)![0];
      Object.assign(context, { flow: true, prefix: word, prefixStart: offset - word.length });
      own.push(unquote(keyLine[1]));
    } else {
      const word = value.replace(/^["']/, '');
      Object.assign(context, { key: unquote(keyLine[1]), prefix: word, prefixStart: offset - word.length });
    }
  } else if (keyLine) {
    // `key:` with the cursor right after the colon: a new mapping is starting; nothing to complete.
    Object.assign(context, { key: `\0${unquote(keyLine[1])}`, prefix: '', prefixStart: offset });
  } else {
    const word = content.replace(/^["']/, '');
    Object.assign(context, { prefix: word, prefixStart: offset - word.length });
  }

  // Ancestors: the nearest lines above that are less indented (a list item's parent key may be as indented as its dash).
  const ancestors: string[] = [];
  const schemaAncestors: string[] = [];
  let threshold = listItem ? dash![1].length : indent;
  let inclusive = listItem;
  let end = lineStart - 1;
  while (end > 0 && threshold > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (/^(---|\.\.\.)\s*$/.test(line)) break;
    const lineIndent = indentOf(line);
    const itemDash = ITEM.exec(line);
    if (itemDash) {
      // An item of the same list is a sibling; an item of an outer list holds us.
      if (lineIndent < threshold || (lineIndent === threshold && !inclusive)) {
        threshold = lineIndent;
        inclusive = true;
        schemaAncestors.unshift('0');
      }
      continue;
    }
    if (lineIndent < threshold || (inclusive && lineIndent === threshold)) {
      const match = KEY_LINE.exec(line.slice(lineIndent));
      if (match) {
        ancestors.unshift(unquote(match[1]));
        schemaAncestors.unshift(unquote(match[1]));
      }
      threshold = lineIndent;
      inclusive = false;
    }
  }
  context.path = [...ancestors, ...own];
  context.schemaPath = [...schemaAncestors, ...own, ...(listItem || context.flow ? ['0'] : [])];
  return context;
}

/**
 * What the mapping or list the cursor is in already holds: the keys written at the cursor's
 * column, the items of its block list (the part before a `:` — `db:5432`, `data:/srv`), or the
 * items of its flow list (whole with `beforeColon` false: `network:back`). The cursor's own line
 * is left out (it is what is being typed).
 */
export function siblingsAt(text: string, offset: number, context: YamlContext, beforeColon = true): Set<string> {
  const found = new Set<string>();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const item = (value: string) => (beforeColon ? unquote(value.trim()).split(':')[0] : unquote(value.trim()));
  if (context.flow) {
    const open = line.lastIndexOf('[', offset - lineStart);
    const close = line.indexOf(']', open);
    const inside = line.slice(open + 1, close < 0 ? line.length : close);
    const cursor = offset - lineStart - open - 1;
    let from = 0;
    for (const part of inside.split(',')) {
      const to = from + part.length;
      if (!(from <= cursor && cursor <= to) && part.trim() !== '') found.add(item(part));
      from = to + 1;
    }
    return found;
  }
  const lines = text.split('\n');
  const here = text.slice(0, lineStart).split('\n').length - 1;
  const dashColumn = context.listItem ? (ITEM.exec(line)?.[1].length ?? 0) : -1;
  const scan = (step: number) => {
    for (let i = here + step; i >= 0 && i < lines.length; i += step) {
      const text = lines[i].replace(/\r$/, '');
      if (/^\s*(#.*)?$/.test(text)) continue;
      const indent = indentOf(text);
      const dash = ITEM.exec(text);
      if (context.listItem) {
        if (indent < dashColumn || (indent === dashColumn && !dash)) return;
        if (dash && indent === dashColumn) {
          const value = text.slice(dash[0].length).replace(/\s+#.*$/, '');
          if (value !== '' && !KEY_LINE.test(value)) found.add(item(value));
        }
      } else {
        if (indent < context.column) return;
        if (indent === context.column && dash) return;
        const key = indent === context.column ? KEY_LINE.exec(text.slice(indent)) : null;
        if (key) found.add(unquote(key[1]));
      }
    }
  };
  scan(-1);
  scan(1);
  // A key position's own mapping may start on its list item's line (`- type: volume`): that key is a sibling too.
  if (!context.listItem && context.schemaPath[context.schemaPath.length - 1] === '0') {
    for (let i = here - 1; i >= 0; i--) {
      const dash = ITEM.exec(lines[i]);
      if (!dash || dash[0].length !== context.column) {
        if (indentOf(lines[i]) < context.column && !/^\s*(#.*)?$/.test(lines[i])) break;
        continue;
      }
      const key = KEY_LINE.exec(lines[i].slice(dash[0].length).replace(/\r$/, ''));
      if (key) found.add(unquote(key[1]));
      break;
    }
  }
  return found;
}
