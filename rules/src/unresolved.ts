import type { Loc, Project } from '@composure/core/rule-kit';

/**
 * Values whose final text interpolation could not know. A `${VAR}` left unset becomes a
 * blank string (`${PREFIX}-web` turns into `-web`), an unset `${VAR:?msg}` stays as written:
 * either way the `interpolation` finding already says why, at the scalar it came from, and a
 * rule judging the value would judge text that will not be there when the variable is set.
 *
 * `unresolvedAt(project)` answers whether an `interpolation` finding points at a place
 * (computed once per project); core's `isUninterpolated` tells a value still holding a variable.
 */

const cache = new WeakMap<Project, Map<string, Loc[]>>();

/** Whether interpolation reported a problem (an unset variable, a failed `${VAR:?}`…) at or inside any of these places. */
export function unresolvedAt(project: Project): (...locs: (Loc | undefined)[]) => boolean {
  let byFile = cache.get(project);
  if (!byFile) {
    // A finding points at the `${VAR}` inside the value (or at the whole value): kept by file, matched by containment.
    byFile = new Map();
    for (const d of project.diagnostics) {
      if (d.ruleId !== 'interpolation' || !d.loc) continue;
      let list = byFile.get(d.loc.file);
      if (!list) byFile.set(d.loc.file, (list = []));
      list.push(d.loc);
    }
    cache.set(project, byFile);
  }
  const known = byFile;
  const inside = (loc: Loc) => known.get(loc.file)?.some((d) => d.start >= loc.start && d.end <= loc.end) ?? false;
  return (...locs) => locs.some((loc) => loc !== undefined && inside(loc));
}
