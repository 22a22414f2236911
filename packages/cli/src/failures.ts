import type { Failure, ProjectResult } from '@composure/core';

/** A project or configuration that cannot be read: main prints `composure: <reason>` and exits with 2. */
export class ProjectError extends Error {}

/** The reason a failure gives; a bug (an internal failure) is thrown again, for main's "Please report it". */
export function reasonOf(failure: Failure): string {
  if (failure.kind === 'internal') throw failure.cause;
  return failure.message;
}

/** The value of a project result, or its failure thrown. */
export function valueOf<T>(result: ProjectResult<T>): T {
  if (result.ok) return result.value;
  throw new ProjectError(reasonOf(result.failure));
}
