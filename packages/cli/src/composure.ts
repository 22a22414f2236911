#!/usr/bin/env node
import { main } from './main.js';
import { readAll } from './io.js';

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: () => readAll(process.stdin),
  env: process.env,
  cwd: process.cwd(),
};

// A closed pipe (composure lint | head) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
