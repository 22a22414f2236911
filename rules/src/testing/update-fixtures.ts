/**
 * Update mode (`UPDATE_FIXTURES=1 npx vitest run rules`), as eslint-plugin-yml's: instead of
 * failing, an invalid case's `.errors.json` and fix output are rewritten from what the rule does
 * now, for review in the diff. Valid cases are never rewritten: a finding there still fails.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const UPDATING = process.env.UPDATE_FIXTURES === '1';

/**
 * Rewrites a case's output with what fixing the case gives now: `<case>.output.yaml` (the whole
 * file) beside a file case, `<case>.output/` (each changed file) beside a directory case; removes
 * it when the fix changes nothing. Only an output that exists is rewritten: a case whose fix is
 * partial on purpose has none, and a new case asks for one by an empty `<case>.output.yaml` or
 * `<case>.output/`.
 */
export function rewriteOutput(output: string, changed: Record<string, string>): void {
  const isDir = statSync(output).isDirectory();
  rmSync(output, { recursive: true, force: true });
  const texts = Object.entries(changed);
  if (texts.length === 0) return;
  if (!isDir) {
    writeFileSync(output, texts[0][1]);
    return;
  }
  for (const [path, text] of texts) {
    mkdirSync(dirname(join(output, path)), { recursive: true });
    writeFileSync(join(output, path), text);
  }
}
