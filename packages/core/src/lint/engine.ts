import picomatch from 'picomatch';
import { relative } from 'node:path';
import type { Project } from '../model/project.js';
import { maskUrlPasswords } from '../secrets.js';
import type { SourceFile } from '../source/source-file.js';
import type { Diagnostic, Fix, Severity, Suggestion } from '../source/diagnostic.js';
import type { ResolvedConfig } from './config.js';
import { DirectiveIndex } from './directives.js';
import { locOf, type AnyRule, type ReportDescriptor, type RuleSettings } from './rule.js';
import { topologyOf } from '../topology/topology.js';
import { closestMatch } from '../schema/describe.js';
import { renderMessage } from './messages.js';
import { placeKey } from '../source/node.js';
import { phasesOn, timed } from '../phases.js';

/** A reported problem with its position resolved: what every output format prints. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /**
   * The id of the rule's message (`meta.messages`) the text was rendered from, and the data that
   * filled it: for ESLint's messageId and for fixtures. Output formats print `message` only.
   */
  messageId?: string;
  data?: Readonly<Record<string, string | number>>;
  /** Absolute path of the file that holds the offending value. */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** UTF-16 offsets in the file. */
  start: number;
  end: number;
  fix?: Fix;
  /** Changes offered in editors only, never applied by --fix (see Suggestion). */
  suggestions?: Suggestion[];
  service?: string;
  /**
   * Set when the finding is switched off where it stands: by an `exclude:` entry of the
   * configuration (external, the entry's reason as justification) or by an inline directive
   * (inSource, the text after ` -- `). Suppressed findings are kept for SARIF, which carries
   * them as suppressions; reports and exit codes leave them out, and they are never fixed.
   */
  suppressed?: Suppression;
}

/** Why a finding is switched off: SARIF's suppression kinds. */
export interface Suppression {
  kind: 'external' | 'inSource';
  justification?: string;
}

/**
 * Several projects' findings as one list, a file they share (an `extends` base, an included file)
 * reported once: a project's finding is left out when an earlier project has one of the same rule
 * and message id at the same place (the data may name the project's own service, as a rule
 * marked oncePerPlace reports it with the service that reached it first).
 */
export function onceAcrossProjects(lists: readonly (readonly Finding[])[]): Finding[] {
  const placeOf = (f: Finding) => `${f.ruleId}\0${f.file}\0${f.start}\0${f.end}\0${f.messageId ?? f.message}`;
  const earlier = new Set<string>();
  const out: Finding[] = [];
  for (const list of lists) {
    const kept = list.filter((f) => !earlier.has(placeOf(f)));
    for (const f of kept) earlier.add(placeOf(f));
    out.push(...kept);
  }
  return out;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
/** At one position, the finding that explains the others comes first: broken YAML before what it breaks. */
const CORE_ORDER: Record<string, number> = { 'yaml-syntax': 0, 'compose-load': 1, interpolation: 2, 'compose-schema': 3 };
const coreRank = (ruleId: string) => CORE_ORDER[ruleId] ?? 4;

export function compareFindings(a: Finding, b: Finding): number {
  return (
    // Plain code-unit order: localeCompare would load ICU collation data on every run.
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    coreRank(a.ruleId) - coreRank(b.ruleId) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * A diagnostic with its position resolved: the one place a Finding is made. A
 * message may quote a value; a password inside a URL never leaves this function.
 */
export function findingOf(d: Diagnostic, file: SourceFile): Finding {
  const finding: Finding = {
    ruleId: d.ruleId,
    severity: d.severity,
    message: maskUrlPasswords(d.message),
    file: d.loc.file,
    ...file.span(d.loc.start, d.loc.end),
    start: d.loc.start,
    end: d.loc.end,
    fix: d.fix,
    service: d.service,
  };
  if (d.messageId !== undefined) finding.messageId = d.messageId;
  if (d.data !== undefined) finding.data = maskedData(d.data);
  if (d.suggestions?.length)
    finding.suggestions = d.suggestions.map((s) => ({ ...s, message: maskUrlPasswords(s.message), ...(s.data ? { data: maskedData(s.data) } : {}) }));
  return finding;
}

/** Data render into the message: each value masked as the message is. */
function maskedData(data: Readonly<Record<string, string | number>>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(data).map(([name, value]) => [name, typeof value === 'string' ? maskUrlPasswords(value) : value]));
}

/** A report's text: the rule's message template rendered with the report's data. */
function renderReport(rule: AnyRule, descriptor: ReportDescriptor): Pick<Diagnostic, 'message' | 'messageId' | 'data'> {
  const template = rule.meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`reported the undeclared message id "${descriptor.messageId}"`);
  return { message: renderMessage(template, descriptor.data), messageId: descriptor.messageId, ...(descriptor.data ? { data: descriptor.data } : {}) };
}

/** A report's suggestions, each rendered from the rule's messages. */
function renderSuggestions(rule: AnyRule, descriptor: ReportDescriptor): Suggestion[] | undefined {
  if (!descriptor.suggest?.length) return undefined;
  if (!rule.meta.hasSuggestions) throw new Error('reported suggestions without meta.hasSuggestions');
  return descriptor.suggest.map(({ messageId, data, fix }) => ({ ...renderReport(rule, { messageId, data, at: descriptor.at }), fix }));
}

/** Runs one rule, turning its reports into diagnostics; a crashing rule is reported, never thrown. */
function runRule(rule: AnyRule, project: Project, options: Record<string, unknown>, settings: RuleSettings): Diagnostic[] {
  const { out, report } = reporter(rule);
  const context = {
    project,
    options,
    settings,
    get topology() {
      return topologyOf(project, settings.engine);
    },
    report,
  };
  try {
    rule.check(context);
  } catch (error) {
    const first = project.files.get(project.configFiles[0]);
    if (first) out.push(internalError(rule, error, first));
  }
  return out;
}

/** The project-wide settings rules read, from a resolved configuration. */
export function ruleSettingsOf(config: ResolvedConfig): RuleSettings {
  const { datastores, policies, engine, avoid, addressPools } = config;
  return { datastores, policies, engine, avoid, addressPools };
}

/** A rule that crashed, reported at the start of a file rather than thrown. */
export function internalError(rule: AnyRule, error: unknown, first: SourceFile): Diagnostic {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    ruleId: rule.meta.id,
    severity: 'error',
    message: `Internal error: rule ${rule.meta.id} failed on this project (${reason}). Please report it.`,
    loc: first.loc(0, 0),
  };
}

/** A rule's `report`, turning its reports into diagnostics (once per place for a rule that asks). */
export function reporter(rule: AnyRule): { out: Diagnostic[]; report: (descriptor: ReportDescriptor) => void } {
  const out: Diagnostic[] = [];
  const reportedPlaces = rule.meta.oncePerPlace ? new Set<string>() : undefined;
  return {
    out,
    report(descriptor: ReportDescriptor) {
      const loc = locOf(descriptor.at);
      if (!loc) return;
      if (reportedPlaces) {
        const place = placeKey(loc);
        if (reportedPlaces.has(place)) return;
        reportedPlaces.add(place);
      }
      out.push({
        ruleId: rule.meta.id,
        severity: descriptor.severity ?? rule.meta.severity,
        ...renderReport(rule, descriptor),
        loc,
        fix: descriptor.fix,
        suggestions: renderSuggestions(rule, descriptor),
        service: descriptor.service,
      });
    },
  };
}

/**
 * Lints a loaded project: the loader's findings plus every enabled rule, with
 * severities from the configuration, inline directives and exclusions applied.
 * A finding excluded or disabled by a directive is kept, marked `suppressed` (and without its fix).
 */
export function lintProject(project: Project, rules: readonly AnyRule[], config: ResolvedConfig): Finding[] {
  return timed('findings', () => lint(project, rules, config));
}

function lint(project: Project, rules: readonly AnyRule[], config: ResolvedConfig): Finding[] {
  const diagnostics: Diagnostic[] = [...project.diagnostics];
  const settings = ruleSettingsOf(config);
  for (const rule of rules) {
    const setting = config.rules.get(rule.meta.id);
    if (!setting || setting.severity === 'off') continue;
    const run = () => runRule(rule, project, setting.options, settings);
    diagnostics.push(...(phasesOn ? timed(`rule ${rule.meta.id}`, run) : run()));
  }
  const directives = new Map<string, DirectiveIndex>();
  const findings = findingsOf(diagnostics, (path) => project.files.get(path), config, directives);
  findings.push(...unknownRulesInDirectives(project, config, directives));
  return findings.sort(compareFindings);
}

/**
 * Diagnostics as findings: severities from the configuration, ignored files left out, exclusions
 * and directives marking them suppressed, the same value reached twice reported once. `fileOf`
 * gives the text of a file a diagnostic points into (a diagnostic elsewhere is dropped).
 */
export function findingsOf(
  diagnostics: readonly Diagnostic[],
  fileOf: (path: string) => SourceFile | undefined,
  config: ResolvedConfig,
  directives: Map<string, DirectiveIndex> = new Map(),
): Finding[] {
  const ignored = config.ignore.map(({ base, pattern }) => ({ base, match: picomatch(pattern, { dot: true }) }));
  const isIgnored = (file: string) => ignored.some(({ base, match }) => match(relative(base, file)));
  const seen = new Set<string>();
  const findings: Finding[] = [];

  for (const d of diagnostics) {
    const setting = config.rules.get(d.ruleId);
    if (setting?.severity === 'off') continue;
    const severity: Severity = setting?.explicit ? setting.severity : d.severity;
    const file = fileOf(d.loc.file);
    if (!file || isIgnored(d.loc.file)) continue;
    const span = file.span(d.loc.start, d.loc.end);
    let index = directives.get(file.path);
    if (!index) directives.set(file.path, (index = new DirectiveIndex(file)));
    const suppressed = suppressionOf(d, span.line, config, index);
    // The same value reached through two paths (an anchor, an included file) is reported once.
    const key = `${d.ruleId}\0${d.loc.file}\0${d.loc.start}\0${d.loc.end}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const finding: Finding = { ...findingOf(d, file), severity };
    if (suppressed) {
      finding.suppressed = suppressed;
      delete finding.fix;
      delete finding.suggestions;
    }
    findings.push(finding);
  }
  return findings;
}

/** Whether a finding is switched off: by the configuration's `exclude:` for its service, or by a directive in its file. */
function suppressionOf(d: Diagnostic, line: number, config: ResolvedConfig, index: DirectiveIndex): Suppression | undefined {
  const exclusion = !d.service ? undefined : config.exclude.find((e) => e.rule === d.ruleId && e.service === d.service);
  if (exclusion) return exclusion.reason ? { kind: 'external', justification: maskUrlPasswords(exclusion.reason) } : { kind: 'external' };
  const directive = index.disabledBy(d.ruleId, line);
  if (directive) return directive.reason ? { kind: 'inSource', justification: maskUrlPasswords(directive.reason) } : { kind: 'inSource' };
  return undefined;
}

/** A directive naming a rule that does not exist silently does nothing: say so, as ESLint does. */
function unknownRulesInDirectives(project: Project, config: ResolvedConfig, directives: Map<string, DirectiveIndex>): Finding[] {
  const found: Finding[] = [];
  for (const { file } of project.sources.values()) {
    let index = directives.get(file.path);
    if (!index) directives.set(file.path, (index = new DirectiveIndex(file)));
    for (const directive of index.all) {
      for (const id of directive.rules) {
        // The loader's own ids are known whatever rule set is in use.
        if (config.rules.has(id) || id in CORE_ORDER) continue;
        const suggestion = closestMatch(id, config.rules.keys());
        const message = `Unknown rule "${id}" in a composure-${directive.kind} comment${suggestion ? `; did you mean "${suggestion}"?` : '.'}`;
        found.push({
          ruleId: id,
          severity: 'warning',
          message,
          file: file.path,
          ...file.span(directive.start, directive.end),
          start: directive.start,
          end: directive.end,
        });
      }
    }
  }
  return found;
}
