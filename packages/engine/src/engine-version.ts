import type { EngineVersion } from './api.js';
import type { EngineClient } from './client.js';

/** The Docker Engine's release, as it reports it (`29.7.2`, `20.10.24+dfsg1`): what runs is judged at it. */
export async function runningEngineVersion(client: EngineClient): Promise<string> {
  return (await client.get<EngineVersion>('/version')).Version;
}
