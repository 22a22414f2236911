import type { Host } from '../host.js';
import { parseDotenv } from '../env/dotenv.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Loc } from '../source/node.js';
import { composeLoadDiagnostic } from './loader-messages.js';
import { decodeText } from '../source/parse-yaml.js';
import type { SourceFile } from '../source/source-file.js';

export type Environment = Record<string, string>;

export interface EnvFileResult {
  /** Variables read from the files (not yet overlaid by the process environment). */
  values: Environment;
  files: SourceFile[];
  diagnostics: Diagnostic[];
}

/**
 * Reads env files in order, as compose-go's GetEnvFromFile does: a `${VAR}` in a
 * value looks in the given environment first, then in what the files set so far.
 * A file that cannot be read is a `compose-load` finding at `referencedAt` when
 * known (an `env_file` or `include` entry), otherwise at the start of the project.
 */
export function readEnvFiles(paths: readonly string[], environment: Environment, host: Host, referencedAt?: Loc): EnvFileResult {
  const values: Environment = {};
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    const bytes = host.readFile(path);
    if (bytes === undefined) {
      if (referencedAt) diagnostics.push(composeLoadDiagnostic({ messageId: 'envFileUnreadable', data: { path } }, referencedAt));
      continue;
    }
    const { file, diagnostic } = decodeText(path, bytes);
    files.push(file);
    if (diagnostic) {
      diagnostics.push(composeLoadDiagnostic({ messageId: 'envFileNotUtf8' }, diagnostic.loc));
      continue;
    }
    const parsed = parseDotenv(
      file,
      (name) => environment[name],
      (name) => values[name],
    );
    diagnostics.push(...parsed.diagnostics);
    for (const entry of parsed.entries) if (entry.value !== undefined) values[entry.key] = entry.value;
  }
  return { values, files, diagnostics };
}

/** The process environment wins over env files, as in Docker Compose. */
export function overlay(fromFiles: Environment, processEnv: Environment): Environment {
  return { ...fromFiles, ...processEnv };
}

/** A clean copy of process.env (no undefined values). */
export function processEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const out: Environment = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
