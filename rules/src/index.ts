import type { AnyRule } from '@composure/core';
import { composeLoad } from './compose-load/compose-load.js';
import { composeSchema } from './compose-schema/compose-schema.js';
import { interpolation } from './interpolation/interpolation.js';
import { noVersionField } from './no-version-field/no-version-field.js';
import { yamlSyntax } from './yaml-syntax/yaml-syntax.js';

/** Every rule composure ships, core findings first, then by id. */
export const rules: readonly AnyRule[] = [yamlSyntax, composeSchema, interpolation, composeLoad, noVersionField];

export const rulesById: ReadonlyMap<string, AnyRule> = new Map(rules.map((rule) => [rule.meta.id, rule]));
