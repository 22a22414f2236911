import { clone } from './node.js';
import { parseYamlTracked, type ParsedYaml } from './parse-yaml.js';
import { reparse, type TrackedParse } from './reparse.js';
import type { SourceFile } from './source-file.js';

/**
 * Each file's last parse, for a front end that analyses the same files again and again (an
 * editor on every keystroke): the same text is not parsed again, and an edit inside one entry
 * re-parses only that entry (reparse.ts). The trees kept are never handed out — loading
 * changes the trees it is given (interpolation, canonical form) — each parse gets a copy. The
 * `yaml` documents are shared, and updated in place by the next part parse: an analysis is
 * superseded by the next one of its files.
 */
export class ParseCache {
  private readonly last = new Map<string, TrackedParse>();

  parse(file: SourceFile): ParsedYaml {
    const previous = this.last.get(file.path);
    let current = previous && previous.file.text === file.text ? previous : previous && reparseOrForget(previous, file);
    if (!current) {
      const { parsed, aliasUse } = parseYamlTracked(file);
      current = { ...parsed, aliasUse };
    }
    this.last.set(file.path, current);
    return {
      file,
      documents: current.documents.map((document) => clone(document)),
      diagnostics: [...current.diagnostics],
      yamlDocuments: current.yamlDocuments,
    };
  }
}

/**
 * reparse, or undefined (the file is parsed whole, and replaces what was kept) should it throw:
 * it checks all it needs before it changes anything, so that would be a bug, and the file must
 * still be read.
 */
function reparseOrForget(previous: TrackedParse, file: SourceFile): TrackedParse | undefined {
  try {
    return reparse(previous, file);
  } catch {
    return undefined;
  }
}
