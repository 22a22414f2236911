/**
 * What a request about a document works on: the open document's text, its kind and settings,
 * and the analysed project it belongs to (its own for a compose file; for any other file, the
 * first project that read it). Nothing when the document is not open or composure is disabled for it.
 */
import { SourceFile, type Analysis } from '@composure/core';
import { uriToPath } from './convert.js';
import type { DocumentSettings } from './document-settings.js';
import type { Settings } from './protocol.js';
import { documentKind, type DocumentKind, type ProjectState, type Workspace } from './workspace.js';

export interface Target {
  path: string;
  uri: string;
  file: SourceFile;
  kind: DocumentKind;
  settings: Settings;
  analysis?: Analysis;
}

/**
 * `lastAnalysis`: the project's last analysis will do, even if an edit made since is not analysed
 * yet (completion right after a keystroke needs the names the project declares, not positions; it
 * must not wait for a whole analysis).
 */
export async function targetOf(uri: string, workspace: Workspace, documentSettings: DocumentSettings, lastAnalysis = false): Promise<Target | undefined> {
  const path = uriToPath(uri);
  const document = path === undefined ? undefined : workspace.document(path);
  if (!path || !document) return undefined;
  const settings = await documentSettings.of(uri);
  if (!settings.enable) return undefined;
  const kind = documentKind(path, settings);
  const analyzed = (project: ProjectState) => (lastAnalysis && project.analysis ? project : workspace.analyzed(project));
  const project = kind === 'compose' ? analyzed(workspace.projectFor(path, settings)) : workspace.dependants(path).map(analyzed)[0];
  return { path, uri, file: new SourceFile(path, document.getText()), kind, settings, analysis: project?.analysis };
}
