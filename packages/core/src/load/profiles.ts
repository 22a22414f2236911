import { get, isMap, isSeq, str, type MapNode, type Pair } from '../source/node.js';

/** A service with no `profiles` is always on; one with profiles is on when one of them is active, or `*` is. */
export function isServiceEnabled(service: Pair, active: readonly string[]): boolean {
  const profiles = get(service.value, 'profiles');
  if (!isSeq(profiles) || profiles.items.length === 0) return true;
  if (active.includes('*')) return true;
  return profiles.items.some((item) => {
    const name = str(item);
    return name !== undefined && active.includes(name);
  });
}

/** Moves services disabled by the active profiles out of the model, as compose-go's WithProfiles does. */
export function applyProfiles(root: MapNode, active: readonly string[]): Map<string, Pair> {
  const disabled = new Map<string, Pair>();
  const services = get(root, 'services');
  if (!isMap(services)) return disabled;
  for (const [name, service] of services.entries) {
    if (!isServiceEnabled(service, active)) {
      disabled.set(name, service);
      services.entries.delete(name);
    }
  }
  return disabled;
}

/** `COMPOSE_PROFILES=a,b` → ['a', 'b']. */
export function parseProfileList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}
