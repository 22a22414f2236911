/**
 * A table of path patterns (`services.*.ports`: keys, `*` for any key or list index) and what
 * applies at each, for the walks of the loader (canonical form, defaults, unicity). A walk carries
 * a cursor down the tree: at each node it finds what applies there without comparing the path with
 * every pattern, and it skips a subtree as soon as no pattern goes on below it.
 */

interface Step<T> {
  named: Map<string, Step<T>>;
  any?: Step<T>;
  /** What the pattern ending here says, and the pattern's place in the table (the first listed wins). */
  entry?: { order: number; value: T };
}

const step = <T>(): Step<T> => ({ named: new Map() });

/** Where a walk is in a PathTable: the steps of every pattern that matches the path so far. */
export class PathCursor<T> {
  constructor(private readonly steps: readonly Step<T>[]) {}

  /** One key (a list index as its decimal text) further down; undefined when no pattern goes on there. */
  child(key: string): PathCursor<T> | undefined {
    const next: Step<T>[] = [];
    for (const s of this.steps) {
      const named = s.named.get(key);
      if (named) next.push(named);
      if (s.any) next.push(s.any);
    }
    return next.length > 0 ? new PathCursor(next) : undefined;
  }

  /** What the first pattern of the table matching exactly this path says. */
  get value(): T | undefined {
    let best: Step<T>['entry'];
    for (const s of this.steps) if (s.entry && (!best || s.entry.order < best.order)) best = s.entry;
    return best?.value;
  }

  /** Whether some pattern is longer than this path (a walk must go on below). */
  get goesOn(): boolean {
    return this.steps.some((s) => s.named.size > 0 || s.any !== undefined);
  }
}

export class PathTable<T> {
  private readonly root = step<T>();

  constructor(table: Iterable<readonly [string, T]>) {
    let order = 0;
    for (const [pattern, value] of table) {
      let at = this.root;
      for (const part of pattern.split('.')) {
        if (part === '*') at = at.any ??= step();
        else {
          let next = at.named.get(part);
          if (!next) at.named.set(part, (next = step()));
          at = next;
        }
      }
      at.entry ??= { order, value };
      order++;
    }
  }

  /** The cursor at the empty path (the root of the tree). */
  start(): PathCursor<T> {
    return new PathCursor([this.root]);
  }
}
