#!/usr/bin/env node
// Regenerates the rules table of docs/rules.md from the rules' own metadata (run after a build).
import { readFileSync, writeFileSync } from 'node:fs';
import { rules, withRulesTable } from '@composure/rules';

const path = new URL('../docs/rules.md', import.meta.url);
writeFileSync(path, withRulesTable(readFileSync(path, 'utf8'), rules));
