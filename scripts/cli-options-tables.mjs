#!/usr/bin/env node
// Regenerates the option tables of docs/cli.md from the CLI's option declarations (run after a build).
import { readFileSync, writeFileSync } from 'node:fs';
import { withOptionsTables } from '../packages/cli/dist/options/docs-tables.js';

const path = new URL('../docs/cli.md', import.meta.url);
writeFileSync(path, withOptionsTables(readFileSync(path, 'utf8')));
