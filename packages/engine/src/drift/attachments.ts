import { containerText, networkText, type DriftContext } from './context.js';
import type { DriftFinding } from './finding.js';

/**
 * extra-attachment / missing-attachment: the networks each container of a service is connected
 * to, against those the files attach the service to (`host`, `none` or `bridge` for those modes).
 * Containers sharing another's namespace, or of a `network_mode` composure cannot resolve, have
 * no networks of their own to compare.
 */
export function attachmentFindings(context: DriftContext): DriftFinding[] {
  const { declared, byService } = context;
  const findings: DriftFinding[] = [];
  for (const service of declared.services.values()) {
    if (service.model.mode === 'service' || service.model.mode === 'container') continue;
    for (const c of byService.get(service.name) ?? []) {
      const actual = Object.keys(c.inspect.NetworkSettings.Networks ?? {});
      for (const name of actual) {
        if (service.networks.has(name)) continue;
        const key = declared.keyOf.get(name);
        findings.push({
          kind: 'extra-attachment',
          service: service.name,
          network: key ?? name,
          message: `${containerText(c)} is connected to ${networkText(key, name)}, which the files do not attach service ${service.name} to`,
          loc: service.loc,
        });
      }
      for (const [name, attachment] of service.networks) {
        if (actual.includes(name)) continue;
        findings.push({
          kind: 'missing-attachment',
          service: service.name,
          network: attachment.key,
          message: `${containerText(c)} is not connected to ${networkText(attachment.key, name)}, which the files attach service ${service.name} to`,
          loc: attachment.loc ?? service.loc,
        });
      }
    }
  }
  return findings;
}
