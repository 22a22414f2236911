import { dirname, relative } from 'node:path';
import type { Host } from '../host.js';
import { parseDotenv } from '../env/dotenv.js';
import { decodeText } from '../source/parse-yaml.js';
import type { SourceFile } from '../source/source-file.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { get, isMap, isSeq, map, pair, scalar, str, type MapNode, type Pair } from '../source/node.js';
import { composeLoadDiagnostic } from './loader-messages.js';

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
        diagnostics.push(composeLoadDiagnostic({ messageId: 'envFileMissing', data: { file: written, service: name } }, entry.loc, 'error', name));
      }
    }
  }
  return diagnostics;
}

/**
 * Inlines `label_file` into `labels`, as compose-go does while loading: files in
 * order (later ones win), the service's own labels over all of them. Each label
 * keeps its location in the label file; a missing file is a compose-load finding.
 */
export function resolveLabelFiles(root: MapNode, host: Host, files: Map<string, SourceFile>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const services = get(root, 'services');
  if (!isMap(services)) return diagnostics;
  for (const [name, service] of services.entries) {
    const labelFiles = get(service.value, 'label_file');
    if (!isSeq(labelFiles) || !isMap(service.value)) continue;
    const fromFiles = new Map<string, Pair>();
    for (const entry of labelFiles.items) {
      const path = str(entry);
      if (!path || path.includes('${')) continue;
      const bytes = host.readFile(path);
      if (bytes === undefined) {
        const written = entry.loc ? relative(dirname(entry.loc.file), path) || path : path;
        if (entry.loc)
          diagnostics.push(composeLoadDiagnostic({ messageId: 'labelFileMissing', data: { file: written, service: name } }, entry.loc, 'error', name));
        continue;
      }
      const { file, diagnostic } = decodeText(path, bytes);
      files.set(path, file);
      if (diagnostic) {
        diagnostics.push(composeLoadDiagnostic({ messageId: 'envFileNotUtf8' }, diagnostic.loc));
        continue;
      }
      const parsed = parseDotenv(file);
      diagnostics.push(...parsed.diagnostics);
      for (const label of parsed.entries) {
        if (label.value === undefined) continue;
        fromFiles.set(label.key, pair(scalar(label.key, label.keyLoc), scalar(label.value, label.valueLoc)));
      }
    }
    if (fromFiles.size === 0) continue;
    const own = get(service.value, 'labels');
    const labels = map([...fromFiles.values()], own?.loc);
    if (isMap(own)) for (const [key, entry] of own.entries) labels.entries.set(key, entry);
    const existing = service.value.entries.get('labels');
    if (existing) existing.value = labels;
    else service.value.entries.set('labels', pair(scalar('labels', labelFiles.loc), labels));
  }
  return diagnostics;
}
