/**
 * What Docker Compose itself refuses before it asks the engine anything, so that the suite
 * refuses it the same way and at the same point (and not through whichever engine call happens
 * to fail first): a service on a network the project does not declare (compose-go's loader), two
 * services with one `container_name` (Compose's create). The messages are Compose's, marked so.
 */
import type { ProjectSpec } from './model.js';

export function composeRefusal(spec: ProjectSpec): string | undefined {
  for (const [name, service] of Object.entries(spec.services))
    for (const key of Object.keys(service.networks ?? {}))
      if (!spec.networks[key]) return `(Compose) service "${name}" refers to undefined network ${key}: invalid compose project`;
  const byName = new Map<string, string>();
  for (const [name, service] of Object.entries(spec.services)) {
    if (service.container_name === undefined) continue;
    const other = byName.get(service.container_name);
    if (other) return `(Compose) container name "${service.container_name}" is already in use by service ${other}`;
    byName.set(service.container_name, name);
  }
  return undefined;
}
