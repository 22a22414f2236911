import type { Project } from '@composure/core';
import type { RunningContainer, RunningProject } from '../running-project.js';
import type { DeclaredProject } from './declared.js';

/** What every check reads: the files' side, the engine's side, and the project's containers by service. */
export interface DriftContext {
  project: Project;
  declared: DeclaredProject;
  running: RunningProject;
  /** The project's containers, one-off ones left out, by their service label ('' for none). */
  byService: Map<string, RunningContainer[]>;
}

/** A container as a message names it: by its name, which `docker` commands take. */
export const containerText = (c: RunningContainer) => `container ${c.name}`;

/** A network as a message names it: its key in the files and its Docker name. */
export const networkText = (key: string | undefined, dockerName: string) =>
  key === undefined || key === dockerName ? `network ${dockerName}` : `network ${key} (${dockerName})`;
