import type { Diagnostic, Fix, Severity } from '../source/diagnostic.js';
import type { Loc, Node, Pair } from '../source/node.js';
import type { Project } from '../model/project.js';
import type { EngineVersion } from '../topology/engine-version.js';
import type { Topology } from '../topology/topology.js';
import type { Workspace } from '../workspace/workspace.js';
import type { Cidr } from '../topology/addresses.js';
import type { LocatedPolicy } from './policy.js';
import type { MessageData } from './messages.js';

export type RuleCategory = 'core' | 'network' | 'security' | 'hygiene' | 'style';

/** A JSON schema for a rule's options object. */
export type OptionsSchema = Record<string, unknown>;

export interface RuleMeta<MessageIds extends string = string> {
  /** Stable kebab-case id: `no-…`, `require-…`, `valid-…`. */
  id: string;
  /** One sentence, shown by `composure rules` and in editors. */
  description: string;
  /** Default severity when the rule is on. */
  severity: Severity;
  /** Whether the `recommended` preset turns the rule on. */
  recommended: boolean;
  fixable: boolean;
  /** Whether reports may carry `suggest`: changes offered in editors, never applied by --fix (ESLint's hasSuggestions). */
  hasSuggestions: boolean;
  category: RuleCategory;
  /** Equivalent checks in other tools (KICS, compose-lint ids, dclint…), for the docs. */
  peers: string[];
  /** Where the rule's doc page is published. */
  docsUrl: string;
  /** JSON schema of the options object, if the rule takes options. */
  optionsSchema?: OptionsSchema;
  /**
   * The engine keeps the rule's first report at a written place and drops its later ones there:
   * a value that `extends` or an anchor copies into several services is one mistake, reported
   * once, where it is written (with the service that reached it first).
   */
  oncePerPlace: boolean;
  /**
   * What the rule says, by message id, as ESLint's meta.messages: each template's `{{name}}`
   * placeholders are filled from a report's data (see messages.ts).
   */
  messages: Readonly<Record<MessageIds, string>>;
}

/** A suggestion as a rule reports it: one of its messages, saying what the fix does (ESLint's `suggest` entries). */
export interface SuggestionDescriptor<MessageIds extends string = string> {
  messageId: MessageIds;
  data?: MessageData;
  fix: Fix;
}

interface ReportPlace<MessageIds extends string = string> {
  /** Where: a node, a mapping pair (reported at its key), or an explicit location. */
  at: Node | Pair | Loc;
  /** Applied by --fix and fix-on-save: only what is safe to apply unasked. */
  fix?: Fix;
  /** Offered in editors only, on the file the finding points at (meta.hasSuggestions). */
  suggest?: SuggestionDescriptor<MessageIds>[];
  service?: string;
  /** Overrides the configured severity for this finding (e.g. a rule with an error and a warning tier). */
  severity?: Severity;
}

/** What a report says: one of the rule's messages, and the data the engine renders it with. */
export interface ReportMessage<MessageIds extends string = string> {
  messageId: MessageIds;
  data?: MessageData;
}

export type ReportDescriptor<MessageIds extends string = string> = ReportPlace<MessageIds> & ReportMessage<MessageIds>;

/** Project-wide settings from the configuration that some rules read. */
export interface RuleSettings {
  /** Extra image globs treated as datastores (`datastores:`). */
  readonly datastores: readonly string[];
  readonly policies: readonly LocatedPolicy[];
  /**
   * The Docker Engine the project is judged against (`--engine-version`, else `engine:`, else the
   * current stable one): what it refuses differs between releases (engineBehaviour).
   */
  readonly engine: EngineVersion;
  /** Address ranges no network may use (`avoid:`: a VPN, the office LAN), as written. */
  readonly avoid: readonly AvoidedRange[];
  /** The daemon's `default-address-pools`, when a daemon.json is given (`daemon:`, --daemon-config). */
  readonly addressPools: readonly AddressPool[];
}

/** A range of `avoid:`, read. */
export interface AvoidedRange {
  text: string;
  cidr: Cidr;
}

/** One of the daemon's `default-address-pools`, where daemon.json writes it. */
export interface AddressPool {
  text: string;
  cidr: Cidr;
  /** The `base` value in daemon.json. */
  node: Node;
}

export interface RuleContext<Options, MessageIds extends string = string> {
  readonly project: Project;
  readonly options: Options;
  /** Who reaches whom: built on first use, once per project, shared by every rule. */
  readonly topology: Topology;
  readonly settings: RuleSettings;
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

/**
 * What a workspace rule is given (composure lint --workspace): every project of the host and
 * their joined topology. It runs once per workspace, under the workspace's configuration, and
 * reports in any project's files.
 */
export interface WorkspaceRuleContext<Options, MessageIds extends string = string> {
  readonly workspace: Workspace;
  readonly options: Options;
  readonly settings: RuleSettings;
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

export interface Rule<Options = Record<string, never>, MessageIds extends string = string> {
  readonly meta: RuleMeta<MessageIds>;
  readonly defaultOptions: Options;
  /** The check of one project (a rule about several projects only does nothing here). */
  check(context: RuleContext<Options, MessageIds>): void;
  /** The check across the projects of a workspace, for a rule that has one. */
  checkWorkspace?(context: WorkspaceRuleContext<Options, MessageIds>): void;
}

// Rules are stored heterogeneously; each rule reads its own options defensively (see meta.optionsSchema).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

export const DOCS_BASE_URL = 'https://github.com/composure-lint/composure/blob/main/rules/src';

/** The meta fields most rules share a value of, and that a rule writes only where it differs. */
type DefaultedMeta = 'recommended' | 'fixable' | 'hasSuggestions' | 'peers' | 'messages' | 'oncePerPlace';

/** What a rule writes: its meta without the docs URL, and without the fields it leaves at their defaults. */
export interface RuleDefinition<Options, MessageIds extends string> {
  meta: Omit<RuleMeta<MessageIds>, 'docsUrl' | DefaultedMeta> & Partial<Pick<RuleMeta<MessageIds>, DefaultedMeta>>;
  /** The options when the configuration gives none; a rule without options leaves it out. */
  defaultOptions?: Options;
  /** The check of one project; a rule about several projects only leaves it out. */
  check?(context: RuleContext<Options, MessageIds>): void;
  checkWorkspace?(context: WorkspaceRuleContext<Options, MessageIds>): void;
}

/**
 * The one way to create a rule, as typescript-eslint's RuleCreator: fills in the docs URL and
 * the defaults (not recommended, not fixable, no peers, no options, no messages, every report
 * kept), and types
 * `context.report` with the rule's own message ids and `context.options` with its defaults' type.
 */
export function defineRule<Options = Record<string, never>, MessageIds extends string = never>(
  definition: RuleDefinition<Options, MessageIds>,
): Rule<Options, MessageIds> {
  const { id } = definition.meta;
  return {
    meta: {
      recommended: false,
      fixable: false,
      hasSuggestions: false,
      peers: [],
      messages: {} as Record<MessageIds, string>,
      oncePerPlace: false,
      ...definition.meta,
      docsUrl: `${DOCS_BASE_URL}/${id}/${id}.md`,
    },
    defaultOptions: definition.defaultOptions ?? ({} as Options),
    check: definition.check ?? (() => {}),
    ...(definition.checkWorkspace ? { checkWorkspace: definition.checkWorkspace } : {}),
  };
}

/** Where a report points: a pair points at its key, a node at itself. */
export function locOf(at: Node | Pair | Loc): Loc | undefined {
  if ('file' in at && 'start' in at) return at;
  if ('key' in at && 'value' in at) return at.key.loc ?? at.value.loc;
  return at.loc;
}

export type { Diagnostic };
