/**
 * Preloaded into the CLI by bench/hostile.mjs and test/hardening/hostile-input.test.ts
 * (`node --require rss-probe.cjs composure.js …`): at exit it writes the process's
 * peak resident set size (`process.resourceUsage().maxRSS`, in KB) as JSON to
 * $RSS_PROBE_FILE. Node only, any Linux: no /usr/bin/time needed. A process killed
 * or crashed (out of memory) writes nothing. The CLI itself is not changed.
 */
'use strict';
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.RSS_PROBE_FILE;
  if (file) writeFileSync(file, JSON.stringify({ maxRSS: process.resourceUsage().maxRSS }));
});
