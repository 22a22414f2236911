/**
 * Preloaded into the language server by test/hardening/lsp-load.test.ts (`node --expose-gc --require
 * heap-probe.cjs server.js --stdio`): on SIGUSR2 it collects garbage twice and writes
 * process.memoryUsage() as JSON to $HEAP_PROBE_FILE. The server's own code is not changed: no
 * custom request exists only for a test.
 */
'use strict';
const { writeFileSync } = require('node:fs');

process.on('SIGUSR2', () => {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
  const file = process.env.HEAP_PROBE_FILE;
  if (file) writeFileSync(file, JSON.stringify({ ...process.memoryUsage(), at: Date.now() }));
});
