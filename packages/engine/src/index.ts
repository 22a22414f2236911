/**
 * @composure/engine: a read-only client of the Docker Engine API, a Compose project as it runs
 * (found by Compose's labels), its drift from the compose files, and the model of what runs.
 */
export { engineEndpoint, DEFAULT_SOCKET } from './endpoint.js';
export type { EngineEndpoint, TlsFiles } from './endpoint.js';
export { engineClient, MAX_API_VERSION } from './client.js';
export type { EngineClient } from './client.js';
export { isReadEndpoint } from './read-endpoints.js';
export { EngineError, EngineResponseError, EngineSettingsError, EngineUnreachableError } from './errors.js';
export type { ContainerInspect, ContainerSummary, EndpointSettings, NetworkResource, PortBinding, PortMap } from './api.js';
export { COMPOSE_LABELS } from './compose-labels.js';
export { readRunningProject } from './running-project.js';
export { runningEngineVersion } from './engine-version.js';
export type { RunningContainer, RunningProject } from './running-project.js';
export { declaredNetworkNames, driftOf } from './drift/drift.js';
export { compareDrift, DRIFT_DOCS_URL, DRIFT_KIND_DESCRIPTIONS, DRIFT_KINDS } from './drift/finding.js';
export type { DriftFinding, DriftKind } from './drift/finding.js';
export { portText } from './drift/ports.js';
export { liveComposeText, liveModel } from './live-model.js';
export type { LiveModel } from './live-model.js';
