/**
 * Did-you-mean suggestions for names a rule could not find (a network, a service).
 * The same budget as the schema's suggestions in @composure/core: one edit for
 * names of up to four letters, two for most, three for long ones; case is ignored.
 */

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The candidate `name` most likely meant, if one is close enough. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const budget = lower.length <= 4 ? 1 : lower.length <= 12 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= budget ? best : undefined;
}

/** `did you mean "x"?` when a candidate is close enough, else `otherwise`: the advice that ends a message. */
export function didYouMeanOr(name: string, candidates: Iterable<string>, otherwise: string): string {
  const match = closestName(name, candidates);
  return match === undefined ? otherwise : `did you mean "${match}"?`;
}
