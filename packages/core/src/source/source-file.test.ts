import { describe, expect, it } from 'vitest';
import { SourceFile } from './source-file.js';

describe('SourceFile positions', () => {
  it('counts LF, CRLF and a lone CR as line breaks', () => {
    const file = new SourceFile('/p/compose.yaml', 'a\nbc\r\nd\re');
    expect([0, 2, 6, 8].map((offset) => file.position(offset))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ]);
  });

  // Found by test/hardening/lsp-fuzz.test.ts: a finding ending on the \n of a CRLF was a column past the end of its line.
  it('puts an offset between the \\r and the \\n of a CRLF at the end of its line', () => {
    const file = new SourceFile('/p/compose.yaml', 'ab\r\ncd\r\n');
    expect(file.position(2)).toEqual({ line: 1, column: 3 });
    expect(file.position(3)).toEqual({ line: 1, column: 3 });
    expect(file.span(1, 3)).toEqual({ line: 1, column: 2, endLine: 1, endColumn: 3 });
    expect(file.position(7)).toEqual({ line: 2, column: 3 });
    expect(file.position(8)).toEqual({ line: 3, column: 1 });
  });
});
