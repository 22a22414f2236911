/**
 * Update mode (`UPDATE_FIXTURES=1 npx vitest run rules`), as eslint-plugin-yml's: instead of
 * failing, an invalid case's `.errors.json` and fix output are rewritten from what the rule does
 * now, for review in the diff. Valid cases are never rewritten: a finding there still fails.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const UPDATING = process.env.UPDATE_FIXTURES === '1';

/**
 * Writes what fixing a case gives: `<case>.output.yaml` (the whole file) beside a file case,
 * `<case>.output/` (each changed file) beside a directory case; removes the output when the fix
 * changes nothing. `existing` is the case's current output, if any.
 */
export function writeOutput(casePath: string, existing: string | undefined, changed: Record<string, string>): void {
  const isDir = statSync(casePath).isDirectory();
  const output = existing ?? (isDir ? `${casePath}.output` : casePath.replace(/\.(ya?ml)$/, '.output.$1'));
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
