import type { Project } from '@composure/core';
import type { RunningContainer, RunningProject } from '../running-project.js';
import { addressMismatchFindings } from './addresses.js';
import { attachmentFindings } from './attachments.js';
import { containerFindings } from './containers.js';
import type { DriftContext } from './context.js';
import { declaredProject } from './declared.js';
import { compareDrift, type DriftFinding } from './finding.js';
import { foreignFindings } from './foreign.js';
import { networkFindings } from './networks.js';
import { portFindings } from './ports.js';

/** Every difference between a loaded project and the same project as the engine runs it, in the order outputs show them. */
export function driftOf(project: Project, running: RunningProject): DriftFinding[] {
  const byService = new Map<string, RunningContainer[]>();
  for (const c of running.containers) {
    if (c.oneoff) continue;
    const key = c.service ?? '';
    byService.set(key, [...(byService.get(key) ?? []), c]);
  }
  const context: DriftContext = { project, declared: declaredProject(project), running, byService };
  return [
    ...containerFindings(context),
    ...attachmentFindings(context),
    ...networkFindings(context),
    ...addressMismatchFindings(context),
    ...portFindings(context),
    ...foreignFindings(context),
  ].sort(compareDrift);
}

/** The Docker names of the networks the files declare: their other members are foreign even before Compose labelled them. */
export function declaredNetworkNames(project: Project): string[] {
  return [...declaredProject(project).networks.values()].filter((n) => !n.external).map((n) => n.name);
}
