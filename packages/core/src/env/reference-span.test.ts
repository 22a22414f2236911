import { describe, expect, it } from 'vitest';
import { referenceSpan } from './reference-span.js';

/** The text a span covers, in a value written as `value` at offset 5 of a line. */
const spanned = (value: string, variable: string) => {
  const text = `key: ${value}\n`;
  const span = referenceSpan(text, { file: 'f', start: 5, end: 5 + value.length }, variable);
  return span && text.slice(span.start, span.end);
};

describe('referenceSpan', () => {
  it('is the braced reference with its operator and operand, nested ones included', () => {
    expect(spanned('nginx:${TAG}', 'TAG')).toBe('${TAG}');
    expect(spanned('"${HOST:?set HOST}:80"', 'HOST')).toBe('${HOST:?set HOST}');
    expect(spanned('${A:-${B}}-x', 'A')).toBe('${A:-${B}}');
    expect(spanned('${A:-${B}}-x', 'B')).toBe('${B}');
  });

  it('is a bare $VAR up to the end of its name, never a longer name or an escaped $$', () => {
    expect(spanned('$TAGS $TAG', 'TAG')).toBe('$TAG');
    expect(spanned('$$TAG ${TAG}', 'TAG')).toBe('${TAG}');
    expect(spanned('$$$TAG', 'TAG')).toBe('$TAG');
  });

  it('is undefined when the reference is not written in the value as such', () => {
    expect(spanned('"\\u0024{TAG}"', 'TAG')).toBeUndefined();
    expect(spanned('$$TAG', 'TAG')).toBeUndefined();
    expect(spanned('${TAG', 'TA')).toBeUndefined();
  });

  it('stops an unclosed brace at the end of the value', () => {
    expect(spanned('${TAG:-x', 'TAG')).toBe('${TAG:-x');
  });
});
