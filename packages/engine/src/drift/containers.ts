import type { RunningContainer } from '../running-project.js';
import { containerText, type DriftContext } from './context.js';
import type { DriftFinding } from './finding.js';

/**
 * missing-container: an enabled service with no container, or none running. A container that ran
 * to completion (exited 0 with no restart policy that would start it again) is a finished job,
 * not a missing one. extra-container: a container whose service the files no longer declare
 * (a service left out by the active profiles is declared: its containers are not extra).
 */

function hasFinished(c: RunningContainer): boolean {
  const { State, HostConfig } = c.inspect;
  const restart = HostConfig.RestartPolicy?.Name ?? '';
  return State.Status === 'exited' && State.ExitCode === 0 && (restart === '' || restart === 'no' || restart === 'on-failure');
}

function stateText(c: RunningContainer): string {
  const { Status, ExitCode } = c.inspect.State;
  return Status === 'exited' ? `${c.name} exited with code ${ExitCode}` : `${c.name} is ${Status}`;
}

export function containerFindings(context: DriftContext): DriftFinding[] {
  const { declared, byService, project } = context;
  const findings: DriftFinding[] = [];
  for (const service of declared.services.values()) {
    const containers = byService.get(service.name) ?? [];
    if (containers.length === 0) {
      findings.push({ kind: 'missing-container', service: service.name, message: `service ${service.name} has no container`, loc: service.loc });
    } else if (!containers.some((c) => c.inspect.State.Running || hasFinished(c))) {
      findings.push({
        kind: 'missing-container',
        service: service.name,
        message: `service ${service.name} has no running container (${containers.map(stateText).join(', ')})`,
        loc: service.loc,
      });
    }
  }
  for (const [service, containers] of byService) {
    if (declared.services.has(service) || project.disabledServices.has(service)) continue;
    for (const c of containers) {
      findings.push({
        kind: 'extra-container',
        service: service === '' ? undefined : service,
        message:
          service === ''
            ? `${containerText(c)} carries the project's label but no service label`
            : `${containerText(c)} belongs to service ${service}, which the files do not declare`,
        loc: declared.top,
      });
    }
  }
  return findings;
}
