import type { Loc } from './node.js';

/** 1-based line and column, as every output format shows them. */
export interface Position {
  line: number;
  column: number;
}

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * The text of one file read during a load, with a line index so offsets become
 * line/column pairs lazily (only for the findings that are reported).
 */
export class SourceFile {
  private lineStarts: number[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const text = this.text;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /** 1-based line and column (in UTF-16 code units) of an offset, clamped to the file. */
  position(offset: number): Position {
    const starts = this.starts();
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between the two characters of a CRLF is no place in the text (an editor's line ends before the \r).
    if (this.text[clamped] === '\n' && this.text[clamped - 1] === '\r') clamped--;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - starts[lo] + 1 };
  }

  span(start: number, end: number): Span {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    const starts = this.starts();
    return starts[Math.max(0, Math.min(line - 1, starts.length - 1))];
  }

  get lineCount(): number {
    return this.starts().length;
  }

  loc(start: number, end: number): Loc {
    return { file: this.path, start, end };
  }
}
