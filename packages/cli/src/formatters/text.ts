/**
 * Messages quote values from the files and paths come from the file system: in a
 * one-line format, control characters (newlines, ESC, NUL) are shown escaped so a
 * finding stays one line and no escape sequence reaches a terminal or a CI log raw.
 */
export function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Text for an XML attribute or element: the five entities escaped, tabs and line breaks
 * as character references (kept through attribute normalisation), and characters XML 1.0
 * cannot hold at all (other control characters, lone surrogates, U+FFFE/U+FFFF) shown as \uXXXX.
 */
export function xml(s: string): string {
  return s
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .replace(/[&<>"'\t\n\r]/g, (c) => XML_ENTITIES[c]);
}
