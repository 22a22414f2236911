/**
 * The documentation tells the truth. For README.md, docs/**\/*.md, CHANGELOG.md, the test, data and examples' READMEs and the
 * packages' READMEs (whichever exist):
 *
 * - links: every relative link names a file of the repository (not one git ignores, such as
 *   dist/), every `#anchor` a heading of its page (GitHub's slugs, by github-slugger), every
 *   http(s) link is a well-formed URL, and a link into this repository on GitHub names a file
 *   that is here;
 * - commands: every `composure …` line of a ```sh, ```bash, ```shell or ```console block runs
 *   with the BUILT command line from the repository root without a usage or I/O error (exit 0
 *   or 1, never 2, no stack trace), so that a reader can paste it. Synopses with placeholders
 *   belong in plain ``` blocks, which are not run;
 * - outputs: under a `$ composure …` line of a ```console block, what composure prints, exactly;
 *   a sample with a `…` line is abridged, and its other lines must appear in that order (a `…`
 *   inside a line stands for any text);
 * - copies: a ```mermaid block is the output of the `composure graph` sample before it (unless it
 *   is under `<!-- drawn by hand -->`, as the architecture's data flow), and a block under
 *   `<!-- file: PATH -->` is that file's text.
 *
 * Nothing a command writes lands in the repository: `-o FILE` is redirected into a temporary
 * directory, and the few commands that write beside the compose files (WRITES_IN_PLACE) run in a
 * temporary copy of examples/. A final check asserts that examples/ and the repository root are
 * as they were.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import GithubSlugger from 'github-slugger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runCli, type RunResult } from '../support/run-cli.js';

// ---------------------------------------------------------------------------------------------
// Which files

/** The pages checked, as globs relative to the repository root; files that do not exist are skipped. */
const PAGES = [
  'README.md',
  'CHANGELOG.md',
  'docs/**/*.md',
  'packages/*/README.md',
  'rules/README.md',
  'extension/README.md',
  'test/README.md',
  'test/*/README.md',
  'examples/*/README.md',
  'packages/core/vendor/*/README.md',
];

/** `**\/` is any number of folders, `*` any name (or part of one). */
const globToRegExp = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .split(/(\*\*\/|\*)/)
      .map((part) => (part === '**/' ? '(?:[^/]+/)*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );

/** Every file under the repository root that a pattern of PAGES matches (node_modules and dot folders skipped). */
function pages(): string[] {
  const patterns = PAGES.map(globToRegExp);
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (['node_modules', 'dist', 'out'].includes(entry.name) || entry.name.startsWith('.') || depth > 6) continue;
        walk(path, depth + 1);
      } else if (patterns.some((p) => p.test(path))) found.push(path);
    }
  };
  walk('', 0);
  return found.sort();
}

// ---------------------------------------------------------------------------------------------
// Markdown: code blocks, headings, links

interface CodeBlock {
  lang: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The block's text, each line with the fence's indentation removed, ending with a newline (or empty). */
  text: string;
  /** PATH of a `<!-- file: PATH -->` comment on the last non-blank line before the fence. */
  copyOf?: string;
  /** A `<!-- drawn by hand -->` comment there: a diagram that is not composure's output. */
  drawn: boolean;
}

interface Parsed {
  blocks: CodeBlock[];
  /** The text outside code blocks, code blocks blanked (lines kept, so that offsets give line numbers). */
  prose: string;
}

function parseMarkdown(text: string): Parsed {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  const prose: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/.exec(lines[i]);
    if (!open) {
      prose.push(lines[i]);
      continue;
    }
    const [, indent, fence, lang] = open;
    let previous = prose.length - 1;
    while (previous >= 0 && prose[previous].trim() === '') previous--;
    const comment = previous >= 0 ? prose[previous].trim() : '';
    const copyOf = /^<!--\s*file:\s*(\S+)\s*-->$/.exec(comment)?.[1];
    const drawn = /^<!--\s*drawn by hand\s*-->$/.test(comment);
    const body: string[] = [];
    let j = i + 1;
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    while (j < lines.length && !close.test(lines[j])) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
      j++;
    }
    blocks.push({ lang: lang.toLowerCase(), line: i + 1, text: body.length ? `${body.join('\n')}\n` : '', copyOf, drawn });
    for (let k = i; k <= j && k < lines.length; k++) prose.push('');
    i = j;
  }
  return { blocks, prose: prose.join('\n') };
}

/** Inline code spans replaced by spaces (their text is no link), newlines kept. */
function withoutCodeSpans(prose: string): string {
  return prose.replace(/(`+)[\s\S]*?(?<!`)\1(?!`)/g, (span) => span.replace(/[^\n]/g, ' '));
}

const slugCache = new Map<string, Set<string>>();

/** The anchors of a page: GitHub's slug of each heading (in order, so repeats get -1, -2…), and explicit `id`/`name` anchors. */
function anchorsOf(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  const { prose } = parseMarkdown(text);
  for (const line of prose.split('\n')) {
    if (!/^ {0,3}#{1,6}(\s|$)/.test(line)) continue;
    const heading = line
      .replace(/^ {0,3}#{1,6}\s*/, '')
      .replace(/\s+#+\s*$/, '')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '');
    anchors.add(slugger.slug(heading));
  }
  for (const m of prose.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  return anchors;
}

function anchorsOfFile(path: string): Set<string> {
  let anchors = slugCache.get(path);
  if (!anchors) slugCache.set(path, (anchors = anchorsOf(readFileSync(path, 'utf8'))));
  return anchors;
}

interface Link {
  target: string;
  line: number;
}

/** Inline links and images, reference definitions, autolinks and HTML href/src, with their line. */
function linksOf(text: string): Link[] {
  const prose = withoutCodeSpans(parseMarkdown(text).prose);
  const lineAt = (index: number) => prose.slice(0, index).split('\n').length;
  const links: Link[] = [];
  const inline = /!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
  for (const m of prose.matchAll(inline)) links.push({ target: m[1].replace(/^<|>$/g, ''), line: lineAt(m.index) });
  for (const m of prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm)) links.push({ target: m[1].replace(/^<|>$/g, ''), line: lineAt(m.index) });
  for (const m of prose.matchAll(/<(https?:\/\/[^>\s]+)>/g)) links.push({ target: m[1], line: lineAt(m.index) });
  for (const m of prose.matchAll(/<(?:a|img)\s[^>]*(?:href|src)="([^"]+)"/g)) links.push({ target: m[1], line: lineAt(m.index) });
  return links;
}

/** Links into this repository on GitHub: the path they name here. */
const REPOSITORY_URL =
  /^https:\/\/(?:github\.com\/composure-lint\/composure\/(?:blob|tree|raw)\/[^/]+|raw\.githubusercontent\.com\/composure-lint\/composure\/[^/]+)\/([^?#]+)/;

const IN_GIT_CHECKOUT = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() === 'true';

/** Paths git ignores (dist/, node_modules/…): a link to one works here and nowhere else. Empty outside a git checkout. */
function gitIgnored(paths: string[]): Set<string> {
  if (paths.length === 0) return new Set();
  const result = spawnSync('git', ['check-ignore', '--stdin'], { cwd: ROOT, input: paths.join('\n'), encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) return new Set();
  return new Set(result.stdout.split('\n').filter(Boolean));
}

/** What is wrong with the links of one page (`file` relative to the repository root), one line per problem. */
function linkProblems(file: string, text: string, exists: (path: string) => boolean = existsSync): string[] {
  const problems: string[] = [];
  const local: { link: Link; path: string }[] = [];
  const fileDir = dirname(join(ROOT, file));
  for (const link of linksOf(text)) {
    const where = `${file}:${link.line}: ${link.target}`;
    const { target } = link;
    if (/^https?:/i.test(target)) {
      let url: URL | undefined;
      try {
        url = new URL(target);
      } catch {
        problems.push(`${where}: not a well-formed URL`);
        continue;
      }
      if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(url.hostname)) problems.push(`${where}: no host name`);
      const inRepository = REPOSITORY_URL.exec(target);
      if (inRepository) local.push({ link, path: join(ROOT, decodeURIComponent(inRepository[1])) });
      continue;
    }
    if (/^mailto:/i.test(target)) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      problems.push(`${where}: not an http(s) or relative link`);
      continue;
    }
    if (target.startsWith('/')) {
      problems.push(`${where}: absolute path; links must be relative to the page (they render on GitHub and npm)`);
      continue;
    }
    const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
    const path = pathPart === '' ? join(ROOT, file) : resolve(fileDir, decodeURIComponent(pathPart.split('?')[0]));
    if (path !== ROOT && !path.startsWith(ROOT + sep)) {
      problems.push(`${where}: outside the repository`);
      continue;
    }
    if (!exists(path)) {
      problems.push(`${where}: no such file (${relative(ROOT, path)})`);
      continue;
    }
    if (pathPart !== '') local.push({ link, path });
    if (anchor !== undefined) {
      if (path.endsWith('.md')) {
        const anchors = pathPart === '' ? anchorsOf(text) : anchorsOfFile(path);
        if (!anchors.has(anchor)) problems.push(`${where}: no heading "#${anchor}" in ${relative(ROOT, path)}`);
      } else if (!/^L\d+(-L\d+)?$/.test(anchor)) problems.push(`${where}: an anchor into a file that is not Markdown`);
    }
  }
  const ignored = gitIgnored(local.map(({ path }) => relative(ROOT, path)));
  for (const { link, path } of local) {
    if (!exists(path)) problems.push(`${file}:${link.line}: ${link.target}: no such file in this repository (${relative(ROOT, path)})`);
    else if (ignored.has(relative(ROOT, path)))
      problems.push(`${file}:${link.line}: ${link.target}: git ignores ${relative(ROOT, path)}, so the link is broken everywhere but here`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Commands and their samples

interface Sample {
  file: string;
  /** 1-based line of the command. */
  line: number;
  command: string;
  /** The output printed under it in a ```console block; undefined in other blocks. */
  output?: string;
}

const SHELL_BLOCKS = new Set(['sh', 'bash', 'shell', 'console']);

/** Every `composure …` command of the shell and console blocks of a page, with the output a console block shows under it. */
function samplesOf(file: string, text: string): Sample[] {
  const samples: Sample[] = [];
  for (const block of parseMarkdown(text).blocks) {
    if (!SHELL_BLOCKS.has(block.lang)) continue;
    const lines = block.text.replace(/\n$/, '').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const prompt = lines[i].startsWith('$ ');
      if (block.lang === 'console' && !prompt) continue;
      let command = prompt ? lines[i].slice(2) : lines[i];
      const line = block.line + 1 + i;
      while (command.endsWith('\\') && i + 1 < lines.length) command = `${command.slice(0, -1).trimEnd()} ${lines[++i].trim()}`;
      const words = command.trim().split(/\s+/);
      const first = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
      if (words[first] !== 'composure') continue;
      let output: string | undefined;
      if (block.lang === 'console') {
        const out: string[] = [];
        while (i + 1 < lines.length && !lines[i + 1].startsWith('$ ')) out.push(lines[++i]);
        output = out.length ? `${out.join('\n')}\n` : '';
      }
      samples.push({ file, line, command: command.trim(), output });
    }
  }
  return samples;
}

/** Words of a command line as a POSIX shell splits them (quotes, backslashes, `#` comments); shell operators are refused. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) break;
    else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end === -1) throw new Error(`unterminated ' in: ${command}`);
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let value = '';
      for (i++; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1])) value += command[++i];
        else if (command[i] === '$' || command[i] === '`') throw new Error(`shell expansion in: ${command}`);
        else value += command[i];
      }
      if (i >= command.length) throw new Error(`unterminated " in: ${command}`);
      word = (word ?? '') + value;
    } else if (c === '\\' && i + 1 < command.length) word = (word ?? '') + command[++i];
    else if ('|&;<>()$`'.includes(c)) throw new Error(`shell syntax "${c}" in: ${command} (write one plain command, or use a plain \`\`\` block)`);
    else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * Commands that write beside the compose files they read (not through -o): they run in a
 * temporary copy of examples/ (relative paths unchanged), a fresh copy each.
 */
const WRITES_IN_PLACE: { when: (args: string[]) => boolean; reason: string }[] = [
  { when: (args) => args[0] === 'init', reason: 'composure init writes .composure.yaml beside the compose file' },
  { when: (args) => args.includes('--fix'), reason: 'composure lint --fix rewrites the compose files' },
  { when: (args) => args[0] === 'suggest' && args.includes('--write'), reason: 'composure suggest --write rewrites the compose files' },
];

interface Run {
  args: string[];
  /** Where -o pointed, redirected into the temporary directory. */
  outputFile?: string;
  result: RunResult;
}

/** Runs one documented command from the repository root (or a copy of examples/), -o redirected into `tmp`. */
async function runDocumented(command: string, tmp: string, n: number): Promise<Run> {
  const words = shellWords(command);
  const env: Record<string, string> = {};
  while (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split('=');
    env[name] = value.join('=');
  }
  const args = words.slice(1);
  let outputFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const long = /^--output=(.*)$/.exec(args[i]);
    if (long) args[i] = `--output=${(outputFile = join(tmp, `${n}-${basename(long[1])}`))}`;
    else if ((args[i] === '-o' || args[i] === '--output') && i + 1 < args.length) args[i + 1] = outputFile = join(tmp, `${n}-${basename(args[i + 1])}`);
  }
  let cwd = ROOT;
  if (WRITES_IN_PLACE.some((w) => w.when(args))) {
    cwd = join(tmp, `copy-${n}`);
    cpSync(join(ROOT, 'examples'), join(cwd, 'examples'), { recursive: true });
  }
  const result = await runCli(args, { cwd, env });
  return { args, outputFile, result };
}

/** What is wrong with a page's copies: a ```mermaid block that is not the `composure graph` sample before it (unless drawn by hand), a block that is not the file it says it copies. */
function copyProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  const { blocks } = parseMarkdown(text);
  for (const [i, block] of blocks.entries()) {
    if (block.copyOf) {
      const path = join(ROOT, block.copyOf);
      if (!existsSync(path)) problems.push(`${file}:${block.line}: ${block.copyOf} does not exist`);
      else if (readFileSync(path, 'utf8') !== block.text) problems.push(`${file}:${block.line}: the block is not the text of ${block.copyOf}`);
    }
    if (block.lang === 'mermaid' && !block.drawn) {
      const graph = blocks
        .slice(0, i)
        .reverse()
        .flatMap((b) => samplesOf(file, `\`\`\`${b.lang}\n${b.text}\`\`\`\n`))
        .find((s) => /^composure graph /.test(s.command) && s.output);
      if (!graph) problems.push(`${file}:${block.line}: a mermaid block without a \`composure graph\` console sample before it`);
      else if (graph.output !== block.text) problems.push(`${file}:${block.line}: the mermaid block is not the output of \`${graph.command}\``);
    }
  }
  return problems;
}

/** An abridged sample: a line that is only `…` (a JSON one may end with a comma), or a last line ending with `…`. */
const isAbridged = (output: string) => /^\s*…,?\s*$/m.test(output) || /…\n?$/.test(output);

/** Each line of an abridged sample, in order, is a line of the output; a `…` in a line stands for any text. */
function abridgedMismatch(sample: string, actual: string): string | undefined {
  const have = actual.split('\n');
  let at = 0;
  for (const line of sample.replace(/\n$/, '').split('\n')) {
    if (/^\s*…,?\s*$/.test(line)) continue;
    const pattern = new RegExp(
      `^${line
        .split('…')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    while (at < have.length && !pattern.test(have[at])) at++;
    if (at === have.length) return line;
    at++;
  }
  return undefined;
}

/** What is wrong with a documented command's run: its exit code, a stack trace, its file, or its output against the sample. */
function runProblems(sample: Sample, run: Run): string[] {
  const { result } = run;
  const where = `${sample.file}:${sample.line}: ${sample.command}`;
  const problems: string[] = [];
  if (result.timedOut || result.code === null) problems.push(`${where}: did not finish (${result.signal ?? 'timed out'})`);
  else if (result.code !== 0 && result.code !== 1) problems.push(`${where}: exit code ${result.code}: ${result.stderr.trim().split('\n')[0]}`);
  if (/^\s{4}at /m.test(result.stderr) || /internal error/i.test(result.stderr)) problems.push(`${where}: a stack trace or internal error:\n${result.stderr}`);
  if (run.outputFile && (result.code === 0 || result.code === 1)) {
    if (!existsSync(run.outputFile) || statSync(run.outputFile).size === 0) problems.push(`${where}: wrote nothing to its -o file`);
  }
  if (sample.output !== undefined) {
    const shown = result.stderr ? result.stdout + result.stderr : result.stdout;
    if (isAbridged(sample.output)) {
      const missing = abridgedMismatch(sample.output, shown);
      if (missing !== undefined) problems.push(`${where}: the abridged sample's line is not in the output, in its place:\n${missing}`);
    } else if (sample.output !== shown) problems.push(`${where}: the sample is not what composure prints`);
  }
  return problems;
}

/** examples/ (recursively) and the repository root's entries, with sizes and times: nothing documented may change them. */
function snapshot(): string[] {
  const entries = readdirSync(ROOT)
    .filter((name) => name !== 'node_modules' && name !== '.git')
    .sort();
  const files = (readdirSync(join(ROOT, 'examples'), { recursive: true }) as string[]).sort().map((path) => {
    const stat = statSync(join(ROOT, 'examples', path));
    return `examples/${path} ${stat.isFile() ? stat.size : 'dir'} ${stat.mtimeMs}`;
  });
  return [...entries, ...files];
}

// ---------------------------------------------------------------------------------------------
// The checks

const FILES = pages();
const TEXTS = new Map(FILES.map((file) => [file, readFileSync(join(ROOT, file), 'utf8')]));
const SAMPLES = FILES.flatMap((file) => samplesOf(file, TEXTS.get(file)!));

describe('the pages', () => {
  it('are found: the README and the documentation', () => {
    expect(FILES).toContain('README.md');
    expect(FILES).toContain('docs/README.md');
    expect(FILES.filter((f) => f.startsWith('docs/')).length).toBeGreaterThanOrEqual(10);
  });
});

describe.each(FILES)('%s', (file) => {
  const text = TEXTS.get(file)!;

  it('links: relative ones name files of the repository and headings that exist; URLs are well-formed', () => {
    expect(linkProblems(file, text)).toEqual([]);
  });

  it('copies: a ```mermaid block is the graph sample before it (unless drawn by hand); a block under <!-- file: PATH --> is that file', () => {
    expect(copyProblems(file, text)).toEqual([]);
  });
});

describe('the documented commands', () => {
  const commands = [...new Set(SAMPLES.map((s) => s.command))];
  const runs = new Map<string, Run | Error>();
  let tmp = '';
  let before: string[] = [];

  beforeAll(async () => {
    assertBuilt();
    before = snapshot();
    tmp = mkdtempSync(join(tmpdir(), 'composure-docs-'));
    const queue = commands.map((command, n) => ({ command, n }));
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        runs.set(job.command, await runDocumented(job.command, tmp, job.n).catch((error: Error) => error));
      }
    };
    await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));
  }, 180_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('include lint, reach and graph samples whose output is compared', () => {
    const compared = SAMPLES.filter((s) => s.output);
    expect(compared.length).toBeGreaterThanOrEqual(10);
    for (const command of ['lint', 'reach', 'graph']) expect(compared.map((s) => s.command.split(' ')[1])).toContain(command);
  });

  it.each(SAMPLES.map((s) => [`${s.file}:${s.line}: ${s.command}`, s] as const))('%s', (_, sample) => {
    const run = runs.get(sample.command);
    if (run instanceof Error) throw new Error(`${sample.file}:${sample.line}: ${run.message}`);
    expect(run, 'not run').toBeDefined();
    const problems = runProblems(sample, run!);
    // A sample that differs: show the diff.
    if (problems.length && sample.output !== undefined && !isAbridged(sample.output)) {
      expect(run!.result.stderr ? run!.result.stdout + run!.result.stderr : run!.result.stdout, problems.join('\n')).toBe(sample.output);
    }
    expect(problems).toEqual([]);
  });

  it('left examples/ and the repository root as they were', () => {
    expect(snapshot()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// The checker itself: it must catch what it is for.

describe('the checker', () => {
  it('reports a missing file, a missing heading, an absolute path, a bad URL, an escape from the repository', () => {
    const page = [
      '# Title',
      '## `composure lint` options',
      '[ok](#composure-lint-options) [ok](docs/README.md) [ok](https://example.com/a_(b))',
      '[gone](docs/nope.md) [no heading](#nope) [other heading](docs/cli.md#nope)',
      '![img](/docs/images/x.png) [bad](https://example.com:99999/) [out](../../etc/passwd)',
      '`[not a link](nowhere.md)`',
      '```sh',
      '[not a link either](nowhere.md)',
      '```',
      'A link over',
      '[two lines',
      'of text](also-gone.md)',
    ].join('\n');
    expect(linkProblems('README.md', page).map((p) => p.replace(/:[^:]*$/, ''))).toEqual([
      'README.md:4: docs/nope.md',
      'README.md:4: #nope',
      'README.md:4: docs/cli.md#nope',
      'README.md:5: /docs/images/x.png',
      'README.md:5: https://example.com:99999/',
      'README.md:5: ../../etc/passwd',
      'README.md:11: also-gone.md',
    ]);
  });

  it.skipIf(!IN_GIT_CHECKOUT)('reports a link to a file git ignores', () => {
    expect(linkProblems('README.md', '[built](packages/cli/dist/composure.js)\n', () => true)).toEqual([
      'README.md:1: packages/cli/dist/composure.js: git ignores packages/cli/dist/composure.js, so the link is broken everywhere but here',
    ]);
  });

  it('reports a GitHub link to a file that is not in this repository', () => {
    expect(linkProblems('README.md', '[gh](https://github.com/composure-lint/composure/blob/main/docs/nope.md)\n')).toEqual([
      'README.md:1: https://github.com/composure-lint/composure/blob/main/docs/nope.md: no such file in this repository (docs/nope.md)',
    ]);
  });

  it('reads commands from shell and console blocks, not from plain blocks, with the console output under each', () => {
    const page = [
      '```sh',
      'npm install --global @composure/cli',
      'composure graph examples/three-tier \\',
      '  --format svg -o "my diagram.svg"   # a comment',
      '```',
      '```',
      'composure lint PATH',
      '```',
      '```console',
      '$ composure lint x',
      'line 1',
      '',
      '$ composure rules',
      '```',
    ].join('\n');
    expect(samplesOf('p.md', page)).toEqual([
      { file: 'p.md', line: 3, command: 'composure graph examples/three-tier --format svg -o "my diagram.svg"   # a comment', output: undefined },
      { file: 'p.md', line: 10, command: 'composure lint x', output: 'line 1\n\n' },
      { file: 'p.md', line: 13, command: 'composure rules', output: '' },
    ]);
    expect(shellWords('composure graph x --format svg -o "my diagram.svg"   # a comment')).toEqual([
      'composure',
      'graph',
      'x',
      '--format',
      'svg',
      '-o',
      'my diagram.svg',
    ]);
    expect(shellWords("composure lint 'services/*' a\\ b")).toEqual(['composure', 'lint', 'services/*', 'a b']);
    expect(() => shellWords('composure lint | grep error')).toThrow(/shell syntax/);
  });

  it('reports a mermaid block that is not the graph sample before it, unless drawn by hand', () => {
    const sample = '```console\n$ composure graph x --format mermaid\nflowchart LR\n```\n';
    expect(copyProblems('p.md', `${sample}\`\`\`mermaid\nflowchart LR\n\`\`\`\n`)).toEqual([]);
    expect(copyProblems('p.md', `${sample}\`\`\`mermaid\nflowchart TD\n\`\`\`\n`)).toEqual([
      'p.md:5: the mermaid block is not the output of `composure graph x --format mermaid`',
    ]);
    expect(copyProblems('p.md', '```mermaid\nflowchart TD\n```\n')).toEqual(['p.md:1: a mermaid block without a `composure graph` console sample before it']);
    expect(copyProblems('p.md', '<!-- drawn by hand -->\n```mermaid\nflowchart TD\n```\n')).toEqual([]);
  });

  it('fails a usage error, a crash, a sample that differs, and an abridged sample whose lines are not there', () => {
    const sample: Sample = { file: 'p.md', line: 1, command: 'composure lint x', output: 'a\nb\n' };
    const result = (code: number | null, stdout: string, stderr = ''): Run => ({
      args: [],
      result: { code, signal: null, stdout, stderr, ms: 1, timedOut: false },
    });
    expect(runProblems(sample, result(0, 'a\nb\n'))).toEqual([]);
    expect(runProblems(sample, result(1, 'a\nb\n'))).toEqual([]);
    expect(runProblems(sample, result(2, '', 'composure: no such file\n'))).toHaveLength(2);
    expect(runProblems(sample, result(1, 'a\nc\n'))).toHaveLength(1);
    expect(runProblems({ ...sample, output: undefined }, result(0, 'anything'))).toEqual([]);
    expect(runProblems(sample, result(1, 'a\nb\n', '    at Object.<anonymous> (x.js:1:1)\n'))).toHaveLength(2);
    const abridged = { ...sample, output: '{\n  "uri": "file:///…/",\n  …\n  "end": 3\n' };
    expect(runProblems(abridged, result(0, '{\n  "uri": "file:///home/me/repo/",\n  "x": 1,\n  "end": 3\n}\n'))).toEqual([]);
    expect(runProblems(abridged, result(0, '{\n  "uri": "file:///home/me/repo/",\n  "end": 4\n}\n'))).toHaveLength(1);
  });
});
