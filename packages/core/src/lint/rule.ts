import type { Diagnostic, Fix, Severity } from '../source/diagnostic.js';
import type { Loc, Node, Pair } from '../source/node.js';
import type { Project } from '../model/project.js';
import type { Topology } from '../topology/topology.js';
import type { LocatedPolicy } from './policy.js';

export type RuleCategory = 'core' | 'network' | 'security' | 'hygiene' | 'style';

/** A JSON schema for a rule's options object. */
export type OptionsSchema = Record<string, unknown>;

export interface RuleMeta {
  /** Stable kebab-case id: `no-…`, `require-…`, `valid-…`. */
  id: string;
  /** One sentence, shown by `composure rules` and in editors. */
  description: string;
  /** Default severity when the rule is on. */
  severity: Severity;
  /** Whether the `recommended` preset turns the rule on. */
  recommended: boolean;
  fixable: boolean;
  category: RuleCategory;
  /** Equivalent checks in other tools (KICS, compose-lint ids, dclint…), for the docs. */
  peers: string[];
  /** Where the rule's doc page is published. */
  docsUrl: string;
  /** JSON schema of the options object, if the rule takes options. */
  optionsSchema?: OptionsSchema;
}

export interface ReportDescriptor {
  message: string;
  /** Where: a node, a mapping pair (reported at its key), or an explicit location. */
  at: Node | Pair | Loc;
  fix?: Fix;
  service?: string;
  /** Overrides the configured severity for this finding (e.g. a rule with an error and a warning tier). */
  severity?: Severity;
}

/** Project-wide settings from the configuration that some rules read. */
export interface RuleSettings {
  /** Extra image globs treated as datastores (`datastores:`). */
  readonly datastores: readonly string[];
  readonly policies: readonly LocatedPolicy[];
}

export interface RuleContext<Options> {
  readonly project: Project;
  readonly options: Options;
  /** Who reaches whom: built on first use, once per project, shared by every rule. */
  readonly topology: Topology;
  readonly settings: RuleSettings;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule<Options = Record<string, never>> {
  readonly meta: RuleMeta;
  readonly defaultOptions: Options;
  check(context: RuleContext<Options>): void;
}

// Rules are stored heterogeneously; each rule reads its own options defensively (see meta.optionsSchema).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

export const DOCS_BASE_URL = 'https://github.com/composure-lint/composure/blob/main/rules/src';

export interface RuleDefinition<Options> {
  meta: Omit<RuleMeta, 'docsUrl'>;
  defaultOptions: Options;
  check(context: RuleContext<Options>): void;
}

/** The one way to create a rule: fills in what every rule shares (the docs URL). */
export function defineRule<Options = Record<string, never>>(definition: RuleDefinition<Options>): Rule<Options> {
  return {
    meta: { ...definition.meta, docsUrl: `${DOCS_BASE_URL}/${definition.meta.id}/${definition.meta.id}.md` },
    defaultOptions: definition.defaultOptions,
    check: definition.check,
  };
}

/** Where a report points: a pair points at its key, a node at itself. */
export function locOf(at: Node | Pair | Loc): Loc | undefined {
  if ('file' in at && 'start' in at) return at;
  if ('key' in at && 'value' in at) return at.key.loc ?? at.value.loc;
  return at.loc;
}

export type { Diagnostic };
