import type { Host } from '../host.js';
import { parseDotenv } from '../env/dotenv.js';
import { decodeText } from '../source/parse-yaml.js';
import type { SourceFile } from '../source/source-file.js';
import { get, isMap, isScalar, isSeq, map, pair, scalar, str, type MapNode, type Pair } from '../source/node.js';
import type { Environment } from './environment.js';

/**
 * What each service's `env_file` entries set, as compose-go's `WithServicesEnvironmentResolved`
 * reads them: files in order (a later one wins), a `${VAR}` looked up in the project
 * environment, then the service's `environment`, then what the files set before it. Every
 * variable keeps where its key and value were written in its file, so a rule can report there.
 *
 * The values stay out of the model (`environment` is not changed), so that `config` and every
 * other output never show them. The service's own `environment` overrides them in Compose: a
 * rule reading them skips the keys `environment` sets. Services disabled by profiles are read
 * too. Left out: files that are missing (the required ones are a `compose-load` finding), that
 * cannot be read or decoded, whose path holds an unresolved variable, or with a `format` other
 * than the default (`raw` files are not dotenv); the syntax problems of a file are not reported.
 */
export function readServiceEnvFiles(root: MapNode, host: Host, files: Map<string, SourceFile>, environment: Environment): Map<string, MapNode> {
  const result = new Map<string, MapNode>();
  const services = get(root, 'services');
  if (!isMap(services)) return result;
  for (const [name, service] of services.entries) {
    const variables = envFileVariables(service, host, files, environment);
    if (variables.entries.size > 0) result.set(name, variables);
  }
  return result;
}

function envFileVariables(service: Pair, host: Host, files: Map<string, SourceFile>, environment: Environment): MapNode {
  const variables = map();
  const envFiles = get(service.value, 'env_file');
  if (!isSeq(envFiles)) return variables;
  const own = get(service.value, 'environment');
  const ownValue = (key: string) => {
    const value = get(own, key);
    return isScalar(value) && value.value !== null ? String(value.value) : undefined;
  };
  const lookup = (key: string) => environment[key] ?? ownValue(key);
  const earlier = (key: string) => str(get(variables, key));
  for (const entry of envFiles.items) {
    const path = str(get(entry, 'path'));
    const format = str(get(entry, 'format'));
    if (!path || path.includes('${') || (format !== undefined && format !== '')) continue;
    const file = readText(path, host, files);
    if (!file) continue;
    for (const variable of parseDotenv(file, lookup, earlier).entries) {
      if (variable.value === undefined) continue;
      variables.entries.set(variable.key, pair(scalar(variable.key, variable.keyLoc), scalar(variable.value, variable.valueLoc)));
    }
  }
  return variables;
}

/** A text file read once per load, kept with the project's files so findings in it have positions. */
export function readText(path: string, host: Host, files: Map<string, SourceFile>): SourceFile | undefined {
  const known = files.get(path);
  if (known) return known;
  if (!host.isFile(path)) return undefined;
  const bytes = host.readFile(path);
  if (bytes === undefined) return undefined;
  const { file, diagnostic } = decodeText(path, bytes);
  if (diagnostic) return undefined;
  files.set(path, file);
  return file;
}
