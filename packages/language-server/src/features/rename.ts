/**
 * Rename of a service, network, volume, config or secret everywhere its name is written (see
 * names.ts): once at an anchor every alias shares, in override and `extends` files, policies and
 * environment hosts. A name Compose would refuse, or one already taken, is refused with the reason.
 */
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { namePatternOf, type Analysis, type SourceFile } from '@composure/core';
import { pathToUri, rangeOf } from '../convert.js';
import { symbolAt, type UriOf } from './definition.js';
import { occurrencesOf, projectIndex, SECTIONS, type NameKind, type Occurrence } from './names.js';

const SECTION_OF = Object.fromEntries(Object.entries(SECTIONS).map(([section, kind]) => [kind, section])) as Record<NameKind, string>;

export function prepareRename(file: SourceFile, position: Position, analysis: Analysis | undefined): { range: Range; placeholder: string } | null {
  if (!analysis) return null;
  const at = symbolAt(file, position, analysis);
  return at ? { range: rangeOf(file, at.start, at.end), placeholder: at.name } : null;
}

export type RenameResult = { edit: WorkspaceEdit } | { error: string } | null;

/** Why a name cannot be given to what is at `at`, or undefined when it can. */
export function refusal(analysis: Analysis, at: Occurrence, newName: string): string | undefined {
  const section = SECTION_OF[at.kind];
  const pattern = namePatternOf(section);
  if (pattern && !pattern.test(newName)) return `"${newName}" is not a valid ${at.kind} name: Compose requires ${section} names to match ${pattern.source}.`;
  if (newName === at.name) return undefined;
  const taken = occurrencesOf(projectIndex(analysis), { ...at, name: newName }).find((o) => o.definition);
  const where = taken && analysis.project.files.get(taken.path);
  if (taken && where) {
    const { line } = where.position(taken.start);
    return `A ${at.kind} named "${newName}" already exists (${where.path}:${line}): renaming "${at.name}" to it would make them one.`;
  }
  if (at.kind === 'network' && newName === 'default')
    return 'The network "default" is the one Compose creates for services that list none: choose another name.';
  return undefined;
}

export function rename(file: SourceFile, position: Position, newName: string, analysis: Analysis | undefined, uriOf: UriOf = pathToUri): RenameResult {
  if (!analysis) return null;
  const at = symbolAt(file, position, analysis);
  if (!at) return null;
  const refused = refusal(analysis, at, newName);
  if (refused) return { error: refused };
  const changes: Record<string, TextEdit[]> = {};
  if (newName === at.name) return { edit: { changes } };
  const ordered = [...occurrencesOf(projectIndex(analysis), at)].sort((a, b) => a.path.localeCompare(b.path) || a.start - b.start);
  for (const o of ordered) {
    const target = analysis.project.files.get(o.path);
    if (!target) continue;
    (changes[uriOf(o.path)] ??= []).push({ range: rangeOf(target, o.start, o.end), newText: newName });
  }
  return { edit: { changes } };
}
