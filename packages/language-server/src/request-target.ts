/**
 * What a request about a document works on: the open document's text, its kind and settings,
 * and the analysed project it belongs to (its own for a compose file; for any other file, the
 * first project that read it). Nothing when the document is not open or composure is disabled for it.
 */
import { SourceFile, type Analysis } from '@composure/core';
import { uriToPath } from './convert.js';
import type { DocumentSettings } from './document-settings.js';
import type { Settings } from './protocol.js';
import { documentKind, type DocumentKind, type Workspace } from './workspace.js';

export interface Target {
  path: string;
  uri: string;
  file: SourceFile;
  kind: DocumentKind;
  settings: Settings;
  analysis?: Analysis;
}

export async function targetOf(uri: string, workspace: Workspace, documentSettings: DocumentSettings): Promise<Target | undefined> {
  const path = uriToPath(uri);
  const document = path === undefined ? undefined : workspace.document(path);
  if (!path || !document) return undefined;
  const settings = await documentSettings.of(uri);
  if (!settings.enable) return undefined;
  const kind = documentKind(path, settings);
  const project = kind === 'compose' ? workspace.analysisFor(path, settings) : workspace.dependants(path).map((p) => workspace.analyzed(p))[0];
  return { path, uri, file: new SourceFile(path, document.getText()), kind, settings, analysis: project?.analysis };
}
