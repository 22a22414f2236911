import type { Analysis, AnalyzeOptions } from '../analyze.js';
import { nodeHost } from '../host.js';
import { findConfigFile, readConfigFile, resolveConfig, type ConfigLayer, type ResolvedConfig } from '../lint/config.js';
import { validateConfig } from '../lint/config-validator.js';
import { withAddressPools } from '../lint/daemon-config.js';
import { compareFindings, findingsOf, onceAcrossProjects, internalError, reporter, ruleSettingsOf, type Finding } from '../lint/engine.js';
import type { AnyRule } from '../lint/rule.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';
import type { Workspace } from './workspace.js';

/** A workspace and the configuration it is analysed under. */
export interface ConfiguredWorkspace {
  workspace: Workspace;
  /** The workspace's configuration: the cross-project rules' severities and options, `avoid:`, `daemon:`, policies naming `PROJECT/SERVICE`. */
  config: ResolvedConfig;
}

export interface AnalyzedWorkspace extends ConfiguredWorkspace {
  /** Each project's findings and the cross-project ones, sorted; a finding in a file several projects share is listed once. */
  findings: Finding[];
}

/**
 * The workspace's configuration: -c, else the nearest .composure.yaml above the working directory
 * (`false`: none), and the files findings about it may point into (it, its daemon.json).
 */
export function workspaceConfig(options: AnalyzeOptions): { config: ResolvedConfig; files: SourceFile[] } {
  const host = options.host ?? nodeHost;
  const path = options.configFile === false ? undefined : (options.configFile ?? findConfigFile(options.cwd ?? process.cwd(), host));
  const layers: ConfigLayer[] = path ? [readConfigFile(path, host, options.validateConfig ?? validateConfig)] : [];
  const config = resolveConfig(options.rules, layers, options.ruleOverrides, options.preset, options.engineVersion);
  const daemon = withAddressPools(config, options.daemonConfig, host);
  return { config, files: [...layers.flatMap((l) => (l.file ? [l.file] : [])), ...(daemon ? [daemon] : [])] };
}

/**
 * Lints a workspace: each project's own findings (already in its analysis), and the workspace
 * rules' (checkWorkspace) under the workspace's configuration, then one list.
 */
export function lintWorkspace(
  workspace: Workspace,
  analyses: readonly Analysis[],
  rules: readonly AnyRule[],
  config: ResolvedConfig,
  configFiles: readonly SourceFile[] = [],
): Finding[] {
  const files = new Map<string, SourceFile>(configFiles.map((f) => [f.path, f]));
  for (const { project } of workspace.members) for (const [path, file] of project.files) if (!files.has(path)) files.set(path, file);
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const setting = config.rules.get(rule.meta.id);
    if (!rule.checkWorkspace || !setting || setting.severity === 'off') continue;
    const { out, report } = reporter(rule);
    try {
      rule.checkWorkspace({ workspace, options: setting.options, settings: ruleSettingsOf(config), report });
    } catch (error) {
      const first = workspace.members[0]?.project;
      const file = first?.files.get(first.configFiles[0]);
      if (file) out.push(internalError(rule, error, file));
    }
    diagnostics.push(...out);
  }
  return onceAcrossProjects([...analyses.map((a) => a.findings), findingsOf(diagnostics, (path) => files.get(path), config)]).sort(compareFindings);
}
