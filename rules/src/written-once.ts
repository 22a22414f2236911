import { placeKey, type Loc } from '@composure/core/rule-kit';

/**
 * A filter that lets each written place through once. A value that `extends` copies into
 * several services is one mistake, written once: it is reported once, not per service.
 * Values without a location (synthesised by Compose) always pass.
 */
export function firstTimeWritten(): (loc: Loc | undefined) => boolean {
  const seen = new Set<string>();
  return (loc) => {
    if (!loc) return true;
    const key = placeKey(loc);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
