import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { runFixtures } from '../testing/run-fixtures.js';
import { withOptions } from '../testing/with-options.js';
import optionsSchema from './options.schema.json' with { type: 'json' };
import { topLevelPropertiesOrder } from './top-level-properties-order.js';

runFixtures(topLevelPropertiesOrder, import.meta.url);

describe('top-level-properties-order options', () => {
  const validate = new Ajv2020({ strict: true }).compile(optionsSchema);

  it('has a schema that takes dclint-style options and the defaults, and refuses others', () => {
    expect(validate(topLevelPropertiesOrder.defaultOptions)).toBe(true);
    expect(validate({ customOrder: ['name', 'services', 'x-properties'] })).toBe(true);
    expect(validate({ customOrder: 'name' })).toBe(false);
    expect(validate({ order: ['name'] })).toBe(false);
  });

  it('follows customOrder; keys it does not list (here the x- keys) come last', () => {
    const text = 'x-notes: {owner: shop}\nservices:\n  web:\n    image: nginx:1.27\nname: shop\n';
    const result = withOptions(topLevelPropertiesOrder, text, { customOrder: ['name', 'services'] });
    expect(result.findings).toEqual([
      '2:1 The top-level "services" should come before "x-notes" (the order is name, services).',
      '5:1 The top-level "name" should come before "services" (the order is name, services).',
    ]);
    expect(result.fixed).toBe('name: shop\nservices:\n  web:\n    image: nginx:1.27\nx-notes: {owner: shop}\n');
  });

  it('keeps the x- keys in the order written, where x-properties puts them', () => {
    const text = 'x-b: &b {driver: local}\nx-a: {labels: {x: "1"}}\nservices:\n  web:\n    image: nginx:1.27\n';
    expect(withOptions(topLevelPropertiesOrder, text, {}).findings).toEqual([]);
    const last = withOptions(topLevelPropertiesOrder, text, { customOrder: ['services', 'x-properties'] });
    expect(last.findings).toEqual(['3:1 The top-level "services" should come before "x-b" (the order is services, x-*).']);
    expect(last.fixed).toBe('services:\n  web:\n    image: nginx:1.27\nx-b: &b {driver: local}\nx-a: {labels: {x: "1"}}\n');
  });
});
