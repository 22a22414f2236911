/**
 * The OASIS SARIF 2.1.0 schema (errata 01), committed in test/sarif/ (see its README), as a
 * validator: what every test of a SARIF report holds it to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { expect } from 'vitest';
import { ROOT } from './run-cli.js';

export const SARIF_SCHEMA_PATH = join(ROOT, 'test', 'sarif', 'sarif-schema-2.1.0.json');

/** RFC 3986: a URI needs a scheme; a URI reference may be relative. Only URI characters and valid percent-escapes. */
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const isUriReference = (s: string) => URI_CHARS.test(s);
const isUri = (s: string) => URI_CHARS.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s);

let validator: ValidateFunction | undefined;

/** The schema compiled once, its `uri`, `uri-reference` and `date-time` formats checked. */
export function sarifValidator(): ValidateFunction {
  if (validator) return validator;
  // The schema is draft-04 (`id`); Ajv 8 reads it as draft-07 once `id` is `$id`. No keyword of
  // the schema differs between the two drafts (it uses no exclusiveMinimum/Maximum).
  const { id, $schema: _draft, ...schema } = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', isUriReference);
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return (validator = ajv.compile({ ...schema, $id: id }));
}

/** Parses a SARIF report and expects it valid (the schema's errors listed when not). */
export function expectValidSarif(text: string) {
  const log = JSON.parse(text);
  const validate = sarifValidator();
  const valid = validate(log);
  expect(valid ? [] : validate.errors).toEqual([]);
  return log;
}
