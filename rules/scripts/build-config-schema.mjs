#!/usr/bin/env node
/**
 * Builds the complete configuration schema, before the rules are compiled:
 * core's schema of `.composure.yaml` with `rules` narrowed to the rule ids that
 * exist and each rule's options checked against its `options.schema.json`.
 *
 *   rules/generated/composure-config.schema.json   for editors (shipped in the package)
 *   rules/generated/config-validator.js / .d.ts    the same, compiled once (no Ajv at run time)
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJson, writeSchemaModule } from '../../packages/core/scripts/schema-module.mjs';

const rulesDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(rulesDir, 'src');
const generatedDir = join(rulesDir, 'generated');
const coreSchema = join(rulesDir, '../packages/core/schema/composure-config.schema.json');

/** A rule is a folder `src/<id>/` holding `<id>.ts`. */
const ruleIds = readdirSync(sourceDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(sourceDir, entry.name, `${entry.name}.ts`)))
  .map((entry) => entry.name)
  .sort();

const schema = readJson(coreSchema);
const severity = { $ref: '#/$defs/severity' };
const ruleSettings = {};
for (const id of ruleIds) {
  const optionsFile = join(sourceDir, id, 'options.schema.json');
  const { $schema, title, ...options } = existsSync(optionsFile)
    ? readJson(optionsFile)
    : { type: 'object', maxProperties: 0, description: 'This rule takes no options.' };
  void $schema;
  void title;
  ruleSettings[id] = {
    oneOf: [severity, { type: 'array', prefixItems: [severity, options], minItems: 1, maxItems: 2 }],
  };
}
schema.properties.rules = { ...schema.properties.rules, properties: ruleSettings, additionalProperties: false };
delete schema.properties.rules.propertyNames;

mkdirSync(generatedDir, { recursive: true });
writeFileSync(join(generatedDir, 'composure-config.schema.json'), JSON.stringify(schema, null, 2) + '\n');
await writeSchemaModule(schema, join(generatedDir, 'config-validator'));
console.log(`build-config-schema: ${ruleIds.length} rules; generated composure-config.schema.json, config-validator.js`);
