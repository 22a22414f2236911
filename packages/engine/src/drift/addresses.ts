import type { EndpointSettings } from '../api.js';
import type { RunningContainer } from '../running-project.js';
import { containerText, networkText, type DriftContext } from './context.js';
import type { DeclaredAttachment } from './declared.js';
import type { DriftFinding } from './finding.js';

/**
 * address-mismatch: on each network a container is on as the files say, its static addresses
 * (`ipv4_address`, `ipv6_address`) and its aliases. Compose gives every container the aliases
 * of its name and its service; Engine < 26 adds its short id: none of those is drift.
 */

/** The static address the endpoint was given, else the one it has while it runs. */
function addressOf(endpoint: EndpointSettings, family: 'IPv4' | 'IPv6'): string {
  const assigned = family === 'IPv4' ? endpoint.IPAMConfig?.IPv4Address : endpoint.IPAMConfig?.IPv6Address;
  return assigned || (family === 'IPv4' ? endpoint.IPAddress : endpoint.GlobalIPv6Address) || '';
}

const isStatic = (endpoint: EndpointSettings, family: 'IPv4' | 'IPv6') =>
  Boolean(family === 'IPv4' ? endpoint.IPAMConfig?.IPv4Address : endpoint.IPAMConfig?.IPv6Address);

function addressFindings(c: RunningContainer, service: string, name: string, declared: DeclaredAttachment, endpoint: EndpointSettings): string[] {
  const messages: string[] = [];
  const where = networkText(declared.key, name);
  for (const [family, want] of [
    ['IPv4', declared.ipv4],
    ['IPv6', declared.ipv6],
  ] as const) {
    const have = addressOf(endpoint, family);
    if (want !== undefined && have !== want) {
      messages.push(
        have === ''
          ? `${containerText(c)} has no ${family} address on ${where}; the files give service ${service} ${want}`
          : `${containerText(c)} has ${family} address ${have} on ${where}; the files give service ${service} ${want}`,
      );
    } else if (want === undefined && isStatic(endpoint, family)) {
      messages.push(`${containerText(c)} has the static ${family} address ${have} on ${where}, which the files do not give service ${service}`);
    }
  }
  const implicit = new Set([c.name, service, c.id.slice(0, 12), c.id]);
  const aliases = new Set((endpoint.Aliases ?? []).filter((alias) => !implicit.has(alias)));
  for (const alias of declared.aliases) {
    if (!aliases.has(alias)) messages.push(`${containerText(c)} lacks the alias ${alias} on ${where}, which the files give service ${service}`);
  }
  for (const alias of [...aliases].sort()) {
    if (!declared.aliases.includes(alias))
      messages.push(`${containerText(c)} answers to the alias ${alias} on ${where}, which the files do not give service ${service}`);
  }
  return messages;
}

export function addressMismatchFindings(context: DriftContext): DriftFinding[] {
  const { declared, byService } = context;
  const findings: DriftFinding[] = [];
  for (const service of declared.services.values()) {
    if (service.model.mode !== 'networks') continue;
    for (const c of byService.get(service.name) ?? []) {
      for (const [name, endpoint] of Object.entries(c.inspect.NetworkSettings.Networks ?? {})) {
        const attachment = service.networks.get(name);
        if (!attachment) continue;
        for (const message of addressFindings(c, service.name, name, attachment, endpoint)) {
          findings.push({ kind: 'address-mismatch', service: service.name, network: attachment.key, message, loc: attachment.loc ?? service.loc });
        }
      }
    }
  }
  return findings;
}
