import { closestMatch } from '@composure/core/rule-kit';

/** `did you mean "x"?` when a candidate is close enough (core's did-you-mean, as the schema uses it), else `otherwise`. */
export function didYouMeanOr(name: string, candidates: Iterable<string>, otherwise: string): string {
  const match = closestMatch(name, candidates);
  return match === undefined ? otherwise : `did you mean "${match}"?`;
}
