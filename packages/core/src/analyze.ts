import { dirname } from 'node:path';
import { nodeHost } from './host.js';
import {
  configFromNode,
  findConfigFile,
  readConfigFile,
  resolveConfig,
  type ConfigLayer,
  type ConfigValidator,
  type Preset,
  type ResolvedConfig,
  type SeveritySetting,
} from './lint/config.js';
import { validateConfig } from './lint/config-validator.js';
import { withAddressPools } from './lint/daemon-config.js';
import { lintProject, type Finding } from './lint/engine.js';
import type { AnyRule } from './lint/rule.js';
import { loadProject, type LoadOptions } from './load/load-project.js';
import type { Project } from './model/project.js';
import { get } from './source/node.js';

export interface AnalyzeOptions extends LoadOptions {
  rules: readonly AnyRule[];
  /** An explicit configuration file (-c); otherwise the nearest .composure.yaml is used; `false`: none. */
  configFile?: string | false;
  /** Severities given on the command line (--rule), applied last. */
  ruleOverrides?: Record<string, SeveritySetting>;
  /** Validates configuration files and x-composure; defaults to core's schema (rule options unchecked). */
  validateConfig?: ConfigValidator;
  /** The preset used when no configuration names one (tests use `all`). */
  preset?: Preset;
  /** The Docker Engine version (--engine-version), over the configuration's `engine:`. */
  engineVersion?: string;
  /** The daemon's daemon.json (--daemon-config, absolute), over the configuration's `daemon:`. */
  daemonConfig?: string;
}

export interface Analysis {
  project: Project;
  config: ResolvedConfig;
  findings: Finding[];
}

/** The configuration layers of a project: the config file, then the compose file's `x-composure:`. */
function configLayers(project: Project, options: Pick<AnalyzeOptions, 'configFile' | 'host' | 'cwd' | 'validateConfig'>): ConfigLayer[] {
  const host = options.host ?? nodeHost;
  const validate = options.validateConfig ?? validateConfig;
  const layers: ConfigLayer[] = [];
  const configFile = options.configFile === false ? undefined : (options.configFile ?? findConfigFile(dirname(project.configFiles[0]), host));
  if (configFile) layers.push(readConfigFile(configFile, host, validate));
  const inline = get(project.root, 'x-composure');
  if (inline) {
    const source = inline.loc?.file ?? project.configFiles[0];
    layers.push(configFromNode(inline, source, validate, project.files.get(source)));
  }
  return layers;
}

/**
 * Loads a project and resolves its configuration (presets, .composure.yaml, x-composure, --rule):
 * what `reach` and `graph` need (policies, datastores) without linting.
 * Throws LoadError or ConfigError when the project or its configuration cannot be read.
 */
export function loadConfigured(options: AnalyzeOptions): Omit<Analysis, 'findings'> {
  const project = loadProject(options);
  const layers = configLayers(project, options);
  // A finding about the configuration itself (a policy naming no service) points into .composure.yaml.
  const config = resolveConfig(options.rules, layers, options.ruleOverrides, options.preset, options.engineVersion);
  const daemon = withAddressPools(config, options.daemonConfig, options.host ?? nodeHost);
  for (const file of [...layers.map((l) => l.file), daemon]) if (file && !project.files.has(file.path)) project.files.set(file.path, file);
  return { project, config };
}

/**
 * Loads a project and lints it: the one entry point every front end uses.
 * Throws LoadError or ConfigError when the project or its configuration cannot be read.
 */
export function analyze(options: AnalyzeOptions): Analysis {
  const { project, config } = loadConfigured(options);
  return { project, config, findings: lintProject(project, options.rules, config) };
}
