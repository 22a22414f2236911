import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair as YamlPair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Analysis } from '../analyze.js';
import type { FileEdit } from '../fix/apply.js';
import { yamlEditorFor, type YamlEditor, type YamlValue } from '../fix/yaml-edits.js';
import { services, type Project } from '../model/project.js';
import { get, getPair, type Loc } from '../source/node.js';
import type { TextEdit } from '../source/diagnostic.js';
import type { SplitPlan } from './network-split.js';

/**
 * A network split as edits of the compose files as written, for fixProject's passes: each pass
 * compares the project as it now reads with the plan and edits what still differs — new networks
 * declared, then in each service's `networks` the networks joined (all at once), then those left
 * (one per list and pass, so that no two edits of one list overlap). A list written once for
 * several services (a YAML anchor) is edited when they all change alike; otherwise each service
 * that changes gets a `networks` of its own. Comments and formatting outside the edits stay.
 */
export function splitEdits(plan: SplitPlan): (analysis: Analysis) => FileEdit[] {
  return ({ project }) => [...declarationEdits(project, plan), ...attachmentEdits(project, plan)];
}

/** The change a service wants of its `networks`. */
interface Want {
  service: string;
  add: string[];
  remove: string[];
  aliases: string[];
}

/** The networks a written `networks` list or mapping holds, and where. */
interface WrittenList {
  editor: YamlEditor;
  file: string;
  collection: YAMLSeq<unknown> | YAMLMap<unknown, unknown>;
}

function declarationEdits(project: Project, plan: SplitPlan): FileEdit[] {
  const declared = getPair(project.root, 'networks');
  const missing = plan.added.filter((a) => !(declared && get(declared.value, a.key)));
  if (missing.length === 0) return [];
  const value = (internal: boolean): YamlValue => (internal ? { internal: true } : {});
  const loc = declared?.value.loc;
  const editor = loc && yamlEditorFor(project, loc.file);
  const written = loc && editor?.nodeAt(loc);
  if (editor && loc && isMap(written) && !editor.isShared(written)) {
    const edits = missing.map((a) => editor.insertEntry(written, a.key, value(a.internal)));
    return oneEdit(editor, loc.file, edits);
  }
  // No top-level `networks` written (only the implicit default): added to the first compose file.
  const file = project.configFiles[0];
  const first = file === undefined ? undefined : yamlEditorFor(project, file);
  const root = first?.documents[0]?.contents;
  if (!first || !file || !isMap(root)) return [];
  const edits = first.setEntry(root, 'networks', Object.fromEntries(missing.map((a) => [a.key, value(a.internal)])));
  return edits && edits.length > 0 ? [{ file, fix: { edits } }] : [];
}

function attachmentEdits(project: Project, plan: SplitPlan): FileEdit[] {
  const byName = new Map(services(project).map((s) => [s.name, s]));
  /** The edits wanted of each written list, by its place: services sharing one (an anchor) must agree. */
  /** What each service wants of the list it is written with, by the list's place: services sharing one (an anchor) must agree. */
  const wanted = new Map<string, { list: WrittenList; wants: Want[] }>();
  /** Services on Compose's implicit `default` whose `networks` must be written out. */
  const implicitWants = new Map<string, { add: string[]; remove: string[]; target: string[] }>();
  const out: FileEdit[] = [];
  for (const change of plan.changes) {
    const service = byName.get(change.service);
    if (!service) continue;
    const networks = getPair(service.node, 'networks');
    const current = new Set(networks && networks.value.kind === 'map' ? networks.value.entries.keys() : []);
    const add = change.join.filter((k) => !current.has(k));
    const remove = change.leave.filter((k) => current.has(k));
    if (add.length === 0 && remove.length === 0) continue;
    const implicit = networks !== undefined && sameStart(networks.value.loc, service.pair.key.loc);
    if (!networks || implicit) {
      implicitWants.set(change.service, { add, remove, target: [...[...current].filter((k) => !remove.includes(k)), ...add] });
      continue;
    }
    const list = writtenList(project, networks.value.loc);
    if (!list) continue;
    const place = `${list.file}\0${rangeStart(list.collection)}`;
    let entry = wanted.get(place);
    if (!entry) wanted.set(place, (entry = { list, wants: [] }));
    entry.wants.push({ service: change.service, add, remove, aliases: change.aliases });
  }
  out.push(...implicitEdits(project, implicitWants));
  for (const { list, wants } of wanted.values()) {
    const [first] = wants;
    const alike = wants.every((w) => w.add.join() === first.add.join() && w.remove.join() === first.remove.join());
    // A list an anchor copies into other services is edited only when every copy changes alike;
    // otherwise each service that changes gets a `networks` of its own, which wins over the merged one.
    if (
      !alike ||
      (list.editor.isShared(list.collection) &&
        !everyCopyChanges(
          project,
          list,
          wants.map((w) => w.service),
        ))
    ) {
      for (const want of wants) out.push(...ownList(project, list, want));
      continue;
    }
    const { add, remove, aliases } = first;
    if (add.length > 0)
      out.push(
        ...oneEdit(
          list.editor,
          list.file,
          add.map((k) => appendTo(list, k, aliases)),
        ),
      );
    else out.push(...oneEdit(list.editor, list.file, [removeFrom(list, remove[0])]));
  }
  return out;
}

/**
 * `networks:` written out for services on the implicit `default`. A service mapping an anchor
 * copies (`netbox: &netbox`, merged with `<<: *netbox`) is edited when every copy that has no
 * `networks` of its own changes alike; the copies then inherit it.
 */
function implicitEdits(project: Project, wants: Map<string, { add: string[]; remove: string[]; target: string[] }>): FileEdit[] {
  const out: FileEdit[] = [];
  const done = new Set<string>();
  const implicitServices = new Set(
    services(project)
      .filter((s) => {
        const networks = getPair(s.node, 'networks');
        return !networks || sameStart(networks.value.loc, s.pair.key.loc);
      })
      .map((s) => s.name),
  );
  for (const [name, want] of wants) {
    if (done.has(name)) continue;
    const loc = services(project).find((s) => s.name === name)?.pair.key.loc;
    const editor = loc && yamlEditorFor(project, loc.file);
    const written = loc && editor?.pairAt(loc);
    if (!editor || !loc || !written || !isMap(written.pair.value)) continue;
    if (editor.isShared(written.pair.value)) {
      const copies = copiesOf(editor, written.pair.value).filter((c) => implicitServices.has(c));
      const same = (c: string) => wants.get(c)?.target.join() === want.target.join();
      if (!copies.every(same)) continue;
      for (const c of copies) done.add(c);
    }
    const edits = editor.setEntry(written.pair, 'networks', want.target);
    if (edits && edits.length > 0) out.push({ file: loc.file, fix: { edits } });
  }
  return out;
}

/** The services of a file whose mapping merges an anchored mapping (`<<: *name`). */
function copiesOf(editor: YamlEditor, map: YAMLMap<unknown, unknown>): string[] {
  const anchor = map.anchor;
  const names: string[] = [];
  for (const doc of editor.documents) {
    const root = doc.contents;
    const section = isMap(root) ? root.items.find((p) => isScalar(p.key) && p.key.value === 'services')?.value : undefined;
    if (!isMap(section)) continue;
    for (const pair of section.items) {
      if (!isScalar(pair.key) || !isMap(pair.value)) continue;
      const merges = pair.value.items.some((p) => isScalar(p.key) && String(p.key.value).includes('<<') && aliasesOf(p.value).includes(anchor ?? ''));
      if (merges) names.push(String(pair.key.value));
    }
  }
  return names;
}

const aliasesOf = (value: unknown): string[] => (isAlias(value) ? [value.source] : isSeq(value) ? value.items.flatMap(aliasesOf) : []);

/**
 * A `networks` of the service's own, in its own mapping (one that merges an anchor with `<<`):
 * the shared list as it is, less what it leaves, plus what it joins; entries of a mapping keep
 * their settings (aliases, addresses).
 */
function ownList(project: Project, list: WrittenList, want: Want): FileEdit[] {
  const loc = services(project).find((s) => s.name === want.service)?.pair.key.loc;
  const editor = loc && yamlEditorFor(project, loc.file);
  const written = loc && editor?.pairAt(loc);
  if (!editor || !loc || !written || !isMap(written.pair.value) || editor.isShared(written.pair.value)) return [];
  if (written.pair.value.items.some((p) => isScalar(p.key) && p.key.value === 'networks')) return [];
  let value: YamlValue;
  if (isSeq(list.collection)) {
    const names = list.collection.items.map((i) => (isScalar(i) ? String(i.value) : '')).filter((k) => k !== '' && !want.remove.includes(k));
    value = [...names, ...want.add];
  } else {
    const entries: [string, YamlValue][] = list.collection.items
      .filter((p) => isScalar(p.key) && !want.remove.includes(String(p.key.value)))
      .map((p) => [String((p.key as { value: unknown }).value), (isMap(p.value) ? (p.value.toJSON() as YamlValue) : {}) ?? {}]);
    for (const k of want.add) entries.push([k, want.aliases.length > 0 ? { aliases: want.aliases } : {}]);
    value = Object.fromEntries(entries);
  }
  const edits = editor.setEntry(written.pair, 'networks', value);
  return edits && edits.length > 0 ? [{ file: loc.file, fix: { edits } }] : [];
}

/** The services whose `networks` is the written list: each must be among those changing alike. */
function everyCopyChanges(project: Project, list: WrittenList, changing: string[]): boolean {
  for (const service of services(project)) {
    const networks = getPair(service.node, 'networks');
    const other = networks && writtenList(project, networks.value.loc);
    if (other && other.collection === list.collection && !changing.includes(service.name)) return false;
  }
  return true;
}

function writtenList(project: Project, loc: Loc | undefined): WrittenList | undefined {
  const editor = loc && yamlEditorFor(project, loc.file);
  const node = loc && editor?.nodeAt(loc);
  if (!editor || !loc || !(isSeq(node) || isMap(node))) return undefined;
  return { editor, file: loc.file, collection: node };
}

/** A network joined: a list item, or a mapping entry with the aliases the service keeps (a list has none to keep). */
function appendTo(list: WrittenList, key: string, aliases: string[]): TextEdit[] | undefined {
  if (isSeq(list.collection)) return list.editor.appendItem(list.collection, key);
  return list.editor.insertEntry(list.collection, key, aliases.length > 0 ? { aliases } : {});
}

function removeFrom(list: WrittenList, key: string): TextEdit[] | undefined {
  const { editor, collection } = list;
  if (isSeq(collection)) {
    const item = collection.items.find((i) => isScalar(i) && String(i.value) === key);
    return item === undefined ? undefined : editor.removeItem(collection, item);
  }
  const pair = collection.items.find((p: YamlPair<unknown, unknown>) => isScalar(p.key) && String(p.key.value) === key);
  return pair === undefined ? undefined : editor.removeEntry(collection, pair);
}

/** Edits of one file made as one fix (insertions at one point are concatenated), or none if any cannot be made. */
function oneEdit(editor: YamlEditor, file: string, edits: (TextEdit[] | undefined)[]): FileEdit[] {
  if (edits.some((e) => e === undefined)) return [];
  const all = edits.flat() as TextEdit[];
  if (all.length === 0) return [];
  const start = Math.min(...all.map((e) => e.start));
  const end = Math.max(...all.map((e) => e.end));
  return [{ file, fix: { edits: editor.asOneEdit(all, start, end) } }];
}

const sameStart = (a: Loc | undefined, b: Loc | undefined) => a !== undefined && b !== undefined && a.file === b.file && a.start === b.start;
const rangeStart = (node: YamlNode | Document.Parsed['contents']) => (node as { range?: [number, number, number] }).range?.[0] ?? -1;
