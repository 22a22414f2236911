/**
 * Document links in a compose file: each image to its registry's page (Docker Hub, GitHub's and
 * Quay's), and the files and directories the file names — `env_file`, `build.context` and
 * `build.dockerfile`, `extends.file`, `include`, the `file:` of configs and secrets, bind-mount
 * sources — to the file, when it exists. Values holding a variable are left alone (their final
 * text is unknown). Protocol-free but for the result's shape.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { homedir } from 'node:os';
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Scalar, type YAMLMap } from 'yaml';
import type { DocumentLink } from 'vscode-languageserver';
import { followAlias, isMergeKey, parseImage, type SourceFile } from '@composure/core';
import { pathToUri, rangeOf } from '../convert.js';

/** Whether a path exists (file or directory): links only point at what is there. */
export type Exists = (path: string) => boolean;

/** The registry page of an image, or undefined for a registry without a known one. */
export function imageUrl(image: string): string | undefined {
  const { registry, repository } = parseImage(image);
  if (registry === undefined || registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io')
    return repository.includes('/') ? `https://hub.docker.com/r/${repository}` : `https://hub.docker.com/_/${repository}`;
  if (registry === 'ghcr.io') return `https://ghcr.io/${repository}`;
  if (registry === 'quay.io') return `https://quay.io/repository/${repository}`;
  return undefined;
}

interface Link {
  start: number;
  end: number;
  target: string;
}

/** A written scalar's text and where its value starts and ends (inside quotes). */
function scalarOf(doc: Document, node: unknown): { text: string; start: number; end: number } | undefined {
  const scalar = followAlias(doc, node) as Scalar | undefined;
  if (!isScalar(scalar) || !scalar.range || typeof scalar.value !== 'string') return undefined;
  const [start, end] = scalar.range;
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  return { text: scalar.value, start: quoted ? start + 1 : start, end: quoted ? end - 1 : end };
}

/** A mapping's entries as written, merge keys followed (a merged entry links where its anchor wrote it). */
function entriesOf(doc: Document, node: unknown, depth = 0): [string, unknown][] {
  const map = followAlias(doc, node);
  if (!isMap(map) || depth > 10) return [];
  const out: [string, unknown][] = [];
  for (const pair of (map as YAMLMap).items) {
    if (isMergeKey(pair.key)) {
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) out.push(...entriesOf(doc, source, depth + 1));
    } else if (isScalar(pair.key)) out.push([String(pair.key.value), pair.value]);
  }
  return out;
}

const get = (doc: Document, node: unknown, key: string) => entriesOf(doc, node).find(([k]) => k === key)?.[1];
const itemsOf = (doc: Document, node: unknown): unknown[] => {
  const seq = followAlias(doc, node);
  return isSeq(seq) ? seq.items : [];
};

/** The links of one compose file's text; relative paths resolve against its directory. */
export function documentLinks(file: SourceFile, exists: Exists): DocumentLink[] {
  const links: Link[] = [];
  const base = dirname(file.path);
  const seen = new Set<string>();
  const add = (link: Link | undefined) => {
    const key = link && `${link.start}:${link.end}`;
    if (!link || !key || seen.has(key)) return;
    seen.add(key);
    links.push(link);
  };
  /** A path written in a value, linked when it exists. */
  const pathLink = (doc: Document, node: unknown, from = base, slice?: (text: string) => number | undefined): Link | undefined => {
    const scalar = scalarOf(doc, node);
    if (!scalar || scalar.text.includes('$')) return undefined;
    const length = slice ? slice(scalar.text) : scalar.text.length;
    if (!length) return undefined;
    const written = scalar.text.slice(0, length);
    const path = written === '~' || written.startsWith('~/') ? homedir() + written.slice(1) : isAbsolute(written) ? written : resolve(from, written);
    if (!exists(path) || scalar.end - scalar.start !== scalar.text.length) return undefined;
    return { start: scalar.start, end: scalar.start + length, target: pathToUri(path) };
  };

  let docs: Document[];
  try {
    docs = parseAllDocuments(file.text, { merge: true }) as Document[];
  } catch {
    return [];
  }
  for (const doc of docs) {
    if (!isMap(doc.contents)) continue;
    for (const [, service] of entriesOf(doc, get(doc, doc.contents, 'services'))) {
      const image = scalarOf(doc, get(doc, service, 'image'));
      const url = image && !image.text.includes('$') && image.end - image.start === image.text.length ? imageUrl(image.text) : undefined;
      if (image && url) add({ start: image.start, end: image.end, target: url });

      const envFile = get(doc, service, 'env_file');
      for (const entry of isScalar(followAlias(doc, envFile)) ? [envFile] : itemsOf(doc, envFile))
        add(pathLink(doc, isMap(followAlias(doc, entry)) ? get(doc, entry, 'path') : entry));

      const build = get(doc, service, 'build');
      if (isScalar(followAlias(doc, build))) add(pathLink(doc, build));
      else if (build !== undefined) {
        const context = get(doc, build, 'context');
        add(pathLink(doc, context));
        const contextText = scalarOf(doc, context)?.text;
        const contextDir = contextText === undefined ? base : resolve(base, contextText);
        add(pathLink(doc, get(doc, build, 'dockerfile'), contextDir));
      }

      const extendsNode = get(doc, service, 'extends');
      if (extendsNode !== undefined && !isScalar(followAlias(doc, extendsNode))) add(pathLink(doc, get(doc, extendsNode, 'file')));

      for (const volume of itemsOf(doc, get(doc, service, 'volumes'))) {
        if (isMap(followAlias(doc, volume))) {
          if (scalarOf(doc, get(doc, volume, 'type'))?.text === 'bind') add(pathLink(doc, get(doc, volume, 'source')));
          continue;
        }
        // Short syntax: a source starting with `.`, `/` or `~` is a bind mount; it ends at the first `:`.
        add(pathLink(doc, volume, base, (text) => (/^[./~]/.test(text) ? (text.indexOf(':') < 0 ? text.length : text.indexOf(':')) : undefined)));
      }
    }
    for (const entry of itemsOf(doc, get(doc, doc.contents, 'include'))) {
      if (isScalar(followAlias(doc, entry))) add(pathLink(doc, entry));
      else {
        const path = get(doc, entry, 'path');
        for (const p of isSeq(followAlias(doc, path)) ? itemsOf(doc, path) : [path]) add(pathLink(doc, p));
      }
    }
    for (const section of ['configs', 'secrets'])
      for (const [, declaration] of entriesOf(doc, get(doc, doc.contents, section))) add(pathLink(doc, get(doc, declaration, 'file')));
  }
  return links.sort((a, b) => a.start - b.start).map((l) => ({ range: rangeOf(file, l.start, l.end), target: l.target }));
}
