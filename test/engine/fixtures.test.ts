/**
 * The engine judges composure on the fixture projects of test/fixtures/engine/ (each one's
 * compose.yaml says what it shows and where Docker documents it): for every one, composure's
 * reach, ingress and egress equal what the engine did, or the engine's refusal is an error.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { engineContext } from '../support/engine/context.js';
import { expectAgreement } from './agreement.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/engine/', import.meta.url));
const ctx = engineContext('engine fixtures');

describe.skipIf(!ctx).concurrent('the engine agrees with composure on each fixture project', () => {
  for (const name of readdirSync(FIXTURES).sort()) it(name, () => expectAgreement(ctx!, { name, dir: join(FIXTURES, name) }));
});
