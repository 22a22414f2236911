#!/usr/bin/env node
/**
 * The CLI run from tsc's unbundled output (packages/cli/dist/main.js and its
 * imports) instead of the minified bundle, so that CPU profiles show real
 * function and file names:
 *
 *   node --cpu-prof --cpu-prof-dir /tmp/prof bench/unbundled-cli.mjs lint FILE
 *   node bench/profile-summary.mjs /tmp/prof/*.cpuprofile
 *
 * Module loading is slower here than in the bundle (~80 modules instead of one).
 */
import { runFromProcess } from '../packages/cli/dist/main.js';

runFromProcess();
