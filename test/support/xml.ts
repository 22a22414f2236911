/**
 * XML checks for the JUnit and Checkstyle outputs, with fast-xml-parser: the text is
 * well-formed XML 1.0 (its validator), holds no character XML 1.0 forbids and no
 * undefined entity (two things the validator lets through), and has one root element.
 * Returns every element's decoded attributes in document order, the element's name
 * under the key '', for round trips.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, htmlEntities: true });

export function expectWellFormedXml(text: string): Record<string, string>[] {
  expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  // Without a DTD only the five predefined entities and character references exist.
  expect(text).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/);
  const verdict = XMLValidator.validate(text);
  expect(verdict === true ? 'well-formed' : `${verdict.err.msg} (line ${verdict.err.line})`).toBe('well-formed');
  const elements: Record<string, string>[] = [];
  const walk = (nodes: Ordered[]) => {
    for (const node of nodes) {
      const name = Object.keys(node).find((k) => k !== ':@')!;
      if (name === '#text' || name === '?xml') continue;
      elements.push({ '': name, ...(node[':@'] ?? {}) });
      walk(node[name] as Ordered[]);
    }
  };
  const roots = (parser.parse(text) as Ordered[]).filter((n) => !('?xml' in n) && !('#text' in n));
  expect(roots).toHaveLength(1);
  walk(roots);
  return elements;
}
