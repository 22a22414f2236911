/**
 * The engine suite's vitest globalSetup: one engine, one probe image and one outside namespace for
 * the whole run, made before the first test file and removed after the last (even when tests
 * fail). What the tests need of them is handed over with `provide` (context.ts reads it).
 */
import type { TestProject } from 'vitest/node';
import { dockerApi } from './docker-api.js';
import { startEngine } from './daemon.js';
import { createOutside, type Outside } from './outside.js';
import { importProbeImage, removeProbeImage } from './probe-image.js';
import { probeImageName, removeStaleRuns, runName } from './stale-runs.js';

/** What the tests get: where the engine is and what was made for them, or why there is no engine. */
export type EngineRun = { host: string; version: string; run: string; image: string; outside: Outside } | { unavailable: string };

declare module 'vitest' {
  export interface ProvidedContext {
    engine: EngineRun;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = await startEngine();
  if ('unavailable' in engine) {
    project.provide('engine', engine);
    return async () => {};
  }
  const api = dockerApi(engine.host);
  const run = runName();
  const image = probeImageName(run);
  let outside: ReturnType<typeof createOutside> | undefined;
  const teardown = async () => {
    outside?.remove();
    await removeProbeImage(api, image);
    await engine.stop();
  };
  try {
    await removeStaleRuns(api);
    await importProbeImage(api, image);
    outside = createOutside(run);
    const { remove: _remove, ...shared } = outside;
    project.provide('engine', { host: engine.host, version: engine.version, run, image, outside: shared });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
