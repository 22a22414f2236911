#!/usr/bin/env node
/**
 * The work of one keystroke in the language server, in process: the server's Workspace (from
 * packages/language-server/dist) re-analyses a project after an edit of its compose file, as
 * the server does once the debounce has passed. No stdio, no scheduling: on a machine shared
 * with other jobs the low percentiles (and the minimum) are the closest to what an idle
 * machine does; the median is printed too. Needs `npm run build`. Usage:
 *   node bench/lsp-analysis.mjs [--input merged|plain|FILE] [--services 150] [--runs 41]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bigCompose, keystrokeOffset, mergedCompose } from './inputs.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const input = option('input', 'merged');
const services = Number(option('services', 150));
const runs = Number(option('runs', 41));

const { Workspace } = await import(new URL('../packages/language-server/dist/workspace.js', import.meta.url).href);
const dir = mkdtempSync(path.join(os.tmpdir(), 'composure-bench-analysis-'));
try {
  const file = path.join(dir, 'compose.yaml');
  const text = input === 'merged' ? mergedCompose(services) : input === 'plain' ? bigCompose(services) : readFileSync(input, 'utf8');
  writeFileSync(file, text);
  const workspace = new Workspace({ folders: [dir] });
  const uri = pathToFileURL(file).href;
  workspace.open(uri, text, 1);
  workspace.analysisFor(file);
  // A keystroke typed into and removed from an image tag amid the services (bench/inputs.mjs).
  const typed = keystrokeOffset(text);
  const edited = `${text.slice(0, typed)}1${text.slice(typed)}`;
  const times = [];
  for (let i = 0; i < runs + 2; i++) {
    workspace.change(uri, [{ text: i % 2 === 0 ? edited : text }], i + 2);
    const t = performance.now();
    const project = workspace.analysisFor(file);
    if (i >= 2) times.push(performance.now() - t);
    if (!project.analysis) throw new Error(`the project did not load: ${project.failure?.message}`);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);
  console.log(
    `${input === 'merged' || input === 'plain' ? `${input} ${services} services` : input}: analysis after an edit, ${runs} runs: min ${at(0)} ms, p10 ${at(0.1)} ms, median ${at(0.5)} ms (load average ${os.loadavg()[0].toFixed(1)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
