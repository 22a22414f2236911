/**
 * The rule tests analyse as the front ends do, through a session of @composure/core: the
 * catalogue (and the rules under test, which may not be registered yet), every rule on at its
 * default severity, an empty environment.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createSession, type AnyRule, type ProjectRef, type ProjectResult, type Session, type SessionSettings } from '@composure/core';
import { rules as catalogue, validateConfig } from '../index.js';

/** A session over the catalogue and `tested`; `settings` add to or replace the defaults (cwd, host, a configuration validator). */
export function ruleSession(tested: readonly AnyRule[], settings: Partial<SessionSettings> = {}): Session {
  const rules = [...catalogue, ...tested.filter((rule) => !catalogue.includes(rule))];
  return createSession({ rules, validateConfig, env: {}, preset: 'all', ...settings });
}

/** A fixture case as a project, and the directory it resolves in: a directory holds a project (override files, .env, extends targets); a file is linted alone. */
export function caseProject(path: string): { project: ProjectRef; cwd: string } {
  return statSync(path).isDirectory()
    ? { project: { kind: 'directory', directory: path }, cwd: path }
    : { project: { kind: 'files', files: [path] }, cwd: dirname(path) };
}

/** The value of a result the test counts on: a failure fails the test (a bug with what it threw). */
export function valueOf<T>(result: ProjectResult<T>): T {
  if (result.ok) return result.value;
  if (result.failure.kind === 'internal') throw result.failure.cause;
  throw new Error(`the project could not be analysed (${result.failure.kind}): ${result.failure.message}`);
}
