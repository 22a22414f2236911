import { ConfigError } from '../lint/config.js';
import { LoadError } from '../load/load-error.js';
import type { Position } from '../source/source-file.js';

/**
 * Why a project could not be analysed at all:
 * - `load`: the project cannot be read (no compose file, a missing -f or env file);
 * - `config`: its configuration cannot be used (invalid .composure.yaml or x-composure, an unknown rule);
 * - `internal`: composure failed (a bug): `cause` is what was thrown.
 */
export interface Failure {
  readonly kind: 'load' | 'config' | 'internal';
  /** The reason alone, without who is speaking: the CLI prints it after `composure: `. */
  readonly message: string;
  /** The file the failure is about, when there is one. */
  readonly file?: string;
  /** Where in that file, when known. */
  readonly position?: Position;
  readonly cause?: unknown;
}

export function failureOf(error: unknown): Failure {
  if (error instanceof LoadError) return { kind: 'load', message: error.message, file: error.file };
  if (error instanceof ConfigError) return { kind: 'config', message: error.message, file: error.file, position: error.position };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error), cause: error };
}
