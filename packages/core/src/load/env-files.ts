import { dirname, relative } from 'node:path';
import type { Host } from '../host.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { get, isMap, isSeq, str, type MapNode } from '../source/node.js';

/** A required `env_file` that does not exist stops Docker Compose: report it at the reference. */
export function checkEnvFiles(root: MapNode, host: Host): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const services = get(root, 'services');
  if (!isMap(services)) return diagnostics;
  for (const [name, service] of services.entries) {
    const envFiles = get(service.value, 'env_file');
    if (!isSeq(envFiles)) continue;
    for (const entry of envFiles.items) {
      const path = str(get(entry, 'path'));
      const required = get(entry, 'required');
      if (!path || path.includes('${') || (required?.kind === 'scalar' && (required.value === false || required.value === 'false'))) continue;
      if (!host.isFile(path) && entry.loc) {
        // Name the file as the user wrote it: relative to the compose file that references it.
        const written = relative(dirname(entry.loc.file), path) || path;
        diagnostics.push({ ruleId: 'compose-load', severity: 'error', message: `The env_file ${written} of service "${name}" does not exist.`, loc: entry.loc, service: name });
      }
    }
  }
  return diagnostics;
}
