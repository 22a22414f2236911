import { placeKey, type Loc, type Project } from '@composure/core/rule-kit';

/**
 * Values whose final text interpolation could not know. A `${VAR}` left unset becomes a
 * blank string (`${PREFIX}-web` turns into `-web`), an unset `${VAR:?msg}` stays as written:
 * either way the `interpolation` finding already says why, at the scalar it came from, and a
 * rule judging the value would judge text that will not be there when the variable is set.
 *
 * `unresolvedAt(project)` answers whether an `interpolation` finding points at a place
 * (computed once per project); core's `isUninterpolated` tells a value still holding a variable.
 */

const cache = new WeakMap<Project, Set<string>>();

/** Whether interpolation reported a problem (an unset variable, a failed `${VAR:?}`…) at any of these places. */
export function unresolvedAt(project: Project): (...locs: (Loc | undefined)[]) => boolean {
  let places = cache.get(project);
  if (!places) {
    places = new Set(project.diagnostics.filter((d) => d.ruleId === 'interpolation' && d.loc).map((d) => placeKey(d.loc!)));
    cache.set(project, places);
  }
  const known = places;
  return (...locs) => locs.some((loc) => loc !== undefined && known.has(placeKey(loc)));
}
