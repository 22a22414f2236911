/**
 * `docker compose up` and `down` of a compose file for the tests that need a project running as
 * its files say (drift, reach --live): composure's loader reads it, compose-up.ts creates it as
 * Compose would, with Compose's labels. Unlike the projects the suite judges, its names are the
 * file's own (the tests assert them), so they are not prefixed with the run's name.
 */
import { createSession } from '@composure/core';
import { composeDown, composeUp } from './compose-up.js';
import type { EngineContext } from './context.js';
import { projectSpec, type ProjectSpec } from './model.js';

const upContext = (ctx: EngineContext) => ({ api: ctx.api, image: ctx.image, run: ctx.run });

/** Brings the project of `file` up; throws with the engine's (or Compose's) refusal. */
export async function upComposeFile(ctx: EngineContext, file: string): Promise<ProjectSpec> {
  const loaded = createSession({ rules: [], env: {} }).load({ kind: 'files', files: [file] });
  if (!loaded.ok) throw new Error(`${file} does not load: ${loaded.failure.message}`);
  const spec = projectSpec(loaded.value);
  const { refusal } = await composeUp(spec, upContext(ctx));
  if (refusal !== undefined) {
    await composeDown(spec, upContext(ctx));
    throw new Error(`${file} could not be brought up: ${refusal}`);
  }
  return spec;
}

/** Removes what `upComposeFile` made (containers made by hand on its networks must be gone first). */
export const downComposeFile = (ctx: EngineContext, spec: ProjectSpec): Promise<void> => composeDown(spec, upContext(ctx));
