/**
 * Pieces both fuzzers (test/hardening/fuzz.test.ts, lsp-fuzz.test.ts) splice into compose text:
 * YAML syntax, anchors and merges, interpolation, odd bytes and a few Compose keys. Each adds its own.
 */
export const YAML_TOKENS: readonly string[] = [
  '*a',
  '&a ',
  '<<: *a',
  '${',
  '${X:-${Y',
  '$$',
  '- ',
  ': ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '\t',
  '\r\n',
  '\uFEFF',
  '\u0000',
  '\u00e9',
  '#',
  '? ',
  '|',
  '---\n',
  'services:',
  'networks:',
  'include: [a.yaml]',
  'ports: ["80:80"]',
  'internal: true',
];
