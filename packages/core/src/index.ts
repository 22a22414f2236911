/**
 * @composure/core's main entry: what the front ends (the CLI, the language server, the ESLint
 * plugin, @composure/graph) use, listed one by one. Rules import `@composure/core/rule-kit`
 * instead. index.test.ts pins the runtime list; README.md describes each export.
 */

// The project session: one set of settings, any number of projects analysed.
export { createSession } from './session/session.js';
export type { ConfiguredProject, ProjectResult, Session, SessionSettings, WorkspaceResult } from './session/session.js';
export type { ProjectFiles, ProjectRef, ProjectSettings, ProjectsAt } from './session/project-ref.js';
export type { Failure } from './session/failure.js';
export type { Documents } from './session/documents.js';
export type { Environment } from './load/environment.js';
export { isComposeFileName } from './load/discover.js';

// Workspaces: several projects on one Docker host, analysed as one.
export { buildWorkspace, workspacePolicyScope, workspaceServiceName } from './workspace/workspace.js';
export type { NetworkDeclaration, Workspace, WorkspaceMember, WorkspaceNetwork } from './workspace/workspace.js';
export type { AnalyzedWorkspace, ConfiguredWorkspace } from './workspace/analyze-workspace.js';

// Hosts: the file system a session reads through.
export { memoryHost, nodeHost } from './host.js';
export type { Host } from './host.js';

// Results: the analysis, its findings and fixes.
export type { Analysis } from './analyze.js';
export { compareFindings, findingOf, lintProject, onceAcrossProjects } from './lint/engine.js';
export type { Finding, Suppression } from './lint/engine.js';
export type { Diagnostic, Fix, Severity, Suggestion, TextEdit } from './source/diagnostic.js';
export { applyFixes, lineEndingOf } from './fix/apply.js';
export type { FileFix, FixOptions, FixResult } from './fix/apply.js';

// The loaded project: the model as written, with locations.
export type { ComposeSource, Project } from './model/project.js';
export { SourceFile } from './source/source-file.js';
export type { Position, Span } from './source/source-file.js';
export { get, isSeq, str, toJS } from './source/node.js';
export { aliasTarget, followAlias, isMergeKey } from './source/anchors.js';
export type { Loc, MapNode, Node, Pair, ScalarNode, ScalarValue, SeqNode } from './source/node.js';

// Configuration and the rules' metadata.
export { CONFIG_FILE_NAMES } from './lint/config.js';
export type { ComposureConfig, ConfigValidator, Exclusion, ResolvedConfig, RuleSetting, SeveritySetting, WorkspaceEntry } from './lint/config.js';
export { configValidatorFrom } from './lint/config-validator.js';
export type { CompiledValidator } from './lint/config-validator.js';
export { isInPreset, isRecommended } from './lint/presets.js';
export type { Preset } from './lint/presets.js';
export type { AnyRule, RuleCategory, RuleMeta } from './lint/rule.js';
export type { LocatedPolicy, Policy, PolicyEdge, Selector } from './lint/policy.js';

// The network topology and reachability policies.
export { topologyOf } from './topology/topology.js';
export type { NetworkMode, PublishedPort, Reach, Topology, TopologyNetwork, TopologyService } from './topology/topology.js';
export { CURRENT_STABLE_ENGINE, engineVersion, parseEngineVersion } from './topology/engine-version.js';
export type { EngineVersion } from './topology/engine-version.js';
export { ENGINE_DIFFERENCES } from './topology/engine-behaviour.js';
export type { EngineDifference } from './topology/engine-behaviour.js';
export type { LanAccess } from './topology/lan-access.js';
export type { GatewayMode, NetworkAddressing } from './topology/network-options.js';
export { evaluatePolicies, policiesFor } from './topology/policies.js';
export type { PolicyReport, PolicyViolation, UnknownSelector } from './topology/policies.js';
export { isDatastoreImage, parseImage } from './topology/images.js';
export { ipamConfigs } from './topology/addresses.js';
export { intentReferences, intentsOf } from './intent/index.js';
export type { Intent, IntentReference, IntentSource } from './intent/index.js';
export type { IpamConfigEntry } from './topology/addresses.js';

// Least privilege: unneeded datastore reach, and what `composure suggest` proposes.
export { unneededDatastoreReach } from './segmentation/unneeded-reach.js';
export type { IntendedPair, UnneededReach } from './segmentation/unneeded-reach.js';
export { planNetworkSplit } from './segmentation/network-split.js';
export type { AddedNetwork, NetworkChange, SplitPlan } from './segmentation/network-split.js';
export { splitEdits } from './segmentation/split-edits.js';
export { zeroTrustPolicy } from './segmentation/zero-trust.js';
export type { LocatedIntent } from './segmentation/zero-trust.js';

// Output: secrets masked, names suggested, the version.
export { isSecretName, maskProjectSecrets, maskSecretsInText, maskUrlPasswords } from './secrets.js';
export { closestMatch } from './schema/describe.js';
export { namePatternOf, schemaKeysAt } from './schema/compose-schema.js';
export type { SchemaKey } from './schema/compose-schema.js';
/** composure's version: the root package.json's, generated at build time (packages/core/scripts/build-version.mjs). */
export { COMPOSURE_VERSION } from '../generated/version.js';
