/**
 * The engine judges composure on every example project in examples/ (named `example-<folder>`
 * in refusals.ts and known-gaps.ts), read with its own .env and .composure.yaml as the CLI reads
 * them: composure's reach, ingress and egress equal what the engine did, or the engine's refusal
 * is an error finding.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { engineContext } from '../support/engine/context.js';
import { expectAgreement } from './agreement.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const ctx = engineContext('engine examples');

describe.skipIf(!ctx).concurrent('the engine agrees with composure on each example', () => {
  for (const entry of readdirSync(EXAMPLES, { withFileTypes: true }).filter((e) => e.isDirectory()))
    it(entry.name, () => expectAgreement(ctx!, { name: `example-${entry.name}`, dir: join(EXAMPLES, entry.name) }));
});
