/**
 * @composure/core/rule-kit: what a rule author needs, and nothing else (as typescript-eslint's
 * `@typescript-eslint/utils` is for ESLint rules). Rules import from here, never from
 * `@composure/core`, whose main entry serves the CLI, the language server and the plugin.
 */

// Defining a rule, and what its check is given.
export { defineRule, locOf } from './lint/rule.js';
export type {
  AnyRule,
  OptionsSchema,
  ReportDescriptor,
  ReportMessage,
  Rule,
  RuleCategory,
  RuleContext,
  RuleDefinition,
  RuleMeta,
  RuleSettings,
  SuggestionDescriptor,
  WorkspaceRuleContext,
  AddressPool,
  AvoidedRange,
} from './lint/rule.js';
export type { NetworkDeclaration, Workspace, WorkspaceMember, WorkspaceNetwork } from './workspace/workspace.js';
export { splitServiceName, workspacePolicyScope } from './workspace/workspace.js';
export type { PolicyReport } from './topology/policies.js';
export type { MessageData } from './lint/messages.js';
export type { Fix, Severity, Suggestion, TextEdit } from './source/diagnostic.js';

// Reading the Compose model: nodes as written, with their locations.
export { get, getIn, getPair, isMap, isScalar, isSeq, placeKey, str } from './source/node.js';
export { followAlias, isMergeKey } from './source/anchors.js';
export type { Loc, MapNode, Node, Pair, ScalarNode, SeqNode } from './source/node.js';
export { section, services } from './model/project.js';
export type { ComposeSource, Project, ServiceEntry } from './model/project.js';
export { closestMatch, isUninterpolated } from './schema/describe.js';
export { isSecretName, urlPasswords } from './secrets.js';

// Topology: who reaches whom, ports, network modes, host names, images, policies.
export type { PublishedPort, Topology, TopologyNetwork, TopologyService } from './topology/topology.js';
export { networkModeOf } from './topology/network-mode.js';
export type { NetworkModeSetting } from './topology/network-mode.js';
export { bracketed, describePort, writtenPorts } from './topology/written-ports.js';
export type { WrittenPort } from './topology/written-ports.js';
export { hostReferences, hostResolver, hostSpansInUrls, hostSpansInValue } from './topology/host-references.js';
export type { HostProvider, HostReference, HostResolution } from './topology/host-references.js';
export { datastoreServices, parseImage } from './topology/images.js';
export { intentReferences, intentsOf, listeningPorts, mountedConfigHosts, seenBy, traefikLabelled, traefikProxies } from './intent/index.js';
export type { Intent, IntentReference, IntentSource, LocatedConfigProblem, TraefikLabels, TraefikProxy } from './intent/index.js';
export { unneededDatastoreReach } from './segmentation/unneeded-reach.js';
export type { UnneededReach } from './segmentation/unneeded-reach.js';
export { evaluatePolicies, policiesFor } from './topology/policies.js';

// The Docker Engine the project is judged against (RuleSettings.engine): what that release does.
export { engineBehaviour } from './topology/engine-behaviour.js';
export type { EngineBehaviour } from './topology/engine-behaviour.js';
export type { EngineVersion } from './topology/engine-version.js';

// Addresses and subnets.
export {
  addressText,
  cidrContains,
  cidrContainsCidr,
  cidrOrMasked,
  cidrsOverlap,
  configuredSubnet,
  defaultGatewayAddress,
  defaultPoolOverlap,
  ipamConfigs,
  isExternalNetwork,
  parseCidr,
  parseIpAddress,
  reservedAddressKind,
  sameAddress,
} from './topology/addresses.js';
export type { Cidr, ConfiguredSubnet, IpAddress, IpamConfigEntry, IpFamily } from './topology/addresses.js';

// Fixes: edits of the YAML as written.
export { yamlEditorFor } from './fix/yaml-edits.js';
export type { YamlValue } from './fix/yaml-edits.js';
export { reorderItems } from './fix/reorder.js';

// What the loader reports under the ids of the core rules compose-load and interpolation.
export { COMPOSE_LOAD_MESSAGES, INTERPOLATION_MESSAGES } from './load/loader-messages.js';

// Wording shared by messages.
export { joinWords, quoted, quotedList } from './text/lists.js';
