import { join } from 'node:path';
import { createSession, memoryHost, nodeHost, parseEngineVersion, type ConfiguredProject } from '@composure/core';
import { engineClient, engineEndpoint, liveComposeText, readRunningProject, runningEngineVersion } from '@composure/engine';
import { rules, validateConfig } from '@composure/rules';
import { valueOf } from '../failures.js';
import type { CliIO } from '../io.js';
import { loadTopologyProject, reportLoadProblems, type ProjectValues } from './targets.js';

/**
 * `reach --live`: the project as the engine runs it, as a compose model (@composure/engine's
 * liveComposeText) loaded like any project, so that reach analyses it as it analyses the files.
 * The project is named by -p alone, or by its files (whose configuration, with its policies,
 * then applies to what runs). It is judged at the version of the engine that runs it, unless
 * --engine-version names another (the files' `engine:` describes where they are meant to run).
 */
export async function loadLiveProject(
  positionals: string[],
  values: ProjectValues & { config?: string; 'engine-version'?: string },
  io: CliIO,
): Promise<ConfiguredProject | undefined> {
  const byNameAlone = values['project-name'] !== undefined && positionals.length === 0 && (values.file ?? []).length === 0;
  const files = byNameAlone ? undefined : await loadTopologyProject('reach', positionals, values, io);
  if (!byNameAlone && !files) return undefined;
  const name = files?.project.name ?? values['project-name']!;

  const client = engineClient(engineEndpoint(io.env));
  const running = await readRunningProject(client, name);
  // A development build may report a version that is no release: then the usual default applies.
  const reported = await runningEngineVersion(client);
  const version = values['engine-version'] ?? (parseEngineVersion(reported) ? reported : undefined);
  // A path of its own, never read from disk: the model exists in memory only.
  const path = join(io.cwd, `${name}.running-on-the-engine.json`);
  const session = createSession({
    rules,
    validateConfig,
    cwd: io.cwd,
    env: {},
    host: memoryHost({ [path]: liveComposeText(running) }, nodeHost),
    configFile: files ? false : (values.config ?? false),
    engineVersion: version,
  });
  const live = valueOf(session.configure({ kind: 'files', files: [path] }));
  if (await reportLoadProblems(live.project, io)) return undefined;
  if (!files) return live;
  return { project: live.project, config: version === undefined ? files.config : { ...files.config, engine: live.config.engine } };
}
