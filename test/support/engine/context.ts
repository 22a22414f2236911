/**
 * The engine a test file runs against (global-setup.ts made it), or undefined when there is none:
 * then the file's tests are skipped with the reason printed, except under COMPOSURE_REQUIRE_TOOLS=1
 * (.ci/run), where the missing engine is a failure.
 */
import { inject } from 'vitest';
import { dockerApi, type DockerApi } from './docker-api.js';
import type { EngineRun } from './global-setup.js';

export type EngineContext = Exclude<EngineRun, { unavailable: string }> & { api: DockerApi };

export function engineContext(suite: string): EngineContext | undefined {
  const engine = inject('engine');
  if (!('unavailable' in engine)) return { ...engine, api: dockerApi(engine.host) };
  if (process.env.COMPOSURE_REQUIRE_TOOLS === '1') throw new Error(`${suite}: no Docker Engine, and COMPOSURE_REQUIRE_TOOLS=1: ${engine.unavailable}`);
  console.warn(`${suite}: skipped — no Docker Engine: ${engine.unavailable}`);
  return undefined;
}
