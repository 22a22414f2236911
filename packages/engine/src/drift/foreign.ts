import { COMPOSE_LABELS } from '../compose-labels.js';
import { containerText, networkText, type DriftContext } from './context.js';
import type { DriftFinding } from './finding.js';

/**
 * foreign-container: a container of another Compose project, or of none, connected to a network
 * the project owns (one it declares and does not take as external, or one labelled as its own):
 * it reaches the project's services as if it were one of them.
 */
export function foreignFindings(context: DriftContext): DriftFinding[] {
  const { declared, running } = context;
  const findings: DriftFinding[] = [];
  const owned = (name: string) => {
    const network = declared.networks.get(name);
    if (network) return !network.external;
    return running.networks.get(name)?.Labels?.[COMPOSE_LABELS.project] === declared.name;
  };
  for (const c of running.foreign) {
    for (const name of Object.keys(c.inspect.NetworkSettings.Networks ?? {})) {
      if (!owned(name)) continue;
      const key = declared.keyOf.get(name) ?? running.networks.get(name)?.Labels?.[COMPOSE_LABELS.network];
      const whose = c.project === undefined ? 'of no Compose project' : `of project ${c.project}${c.service === undefined ? '' : ` (service ${c.service})`}`;
      const state = c.inspect.State.Running ? '' : ` (${c.inspect.State.Status})`;
      findings.push({
        kind: 'foreign-container',
        network: key ?? name,
        message: `${containerText(c)}${state}, ${whose}, is connected to ${networkText(key, name)}`,
        loc: declared.networks.get(name)?.pair?.key.loc ?? declared.top,
      });
    }
  }
  return findings;
}
