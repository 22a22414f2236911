import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { runFixtures } from '../testing/run-fixtures.js';
import { withOptions } from '../testing/with-options.js';
import optionsSchema from './options.schema.json' with { type: 'json' };
import { serviceKeysOrder } from './service-keys-order.js';

runFixtures(serviceKeysOrder, import.meta.url);

describe('service-keys-order options', () => {
  const validate = new Ajv2020({ strict: true }).compile(optionsSchema);

  it('has a schema that takes dclint-style options and the defaults, and refuses others', () => {
    expect(validate(serviceKeysOrder.defaultOptions)).toBe(true);
    expect(validate({ groups: { 'Core Definitions': ['container_name', 'image'] }, groupOrder: ['Networking', 'Core Definitions'] })).toBe(true);
    expect(validate({ groups: { Core: 'image' } })).toBe(false);
    expect(validate({ order: ['image'] })).toBe(false);
  });

  it('takes a group given in place of the default group of that name', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    container_name: shop-web\n    build: .\n';
    const result = withOptions(serviceKeysOrder, text, { groups: { 'Core Definitions': ['container_name', 'image', 'build'] } });
    expect(result.findings).toEqual(['4:5 Key "container_name" of service "web" should come before "image".']);
    expect(result.fixed).toBe('services:\n  web:\n    container_name: shop-web\n    image: nginx:1.27\n    build: .\n');
  });

  it('follows groupOrder, and puts the keys of groups it does not name last, alphabetically', () => {
    const text = 'services:\n  web:\n    ports: ["8080:80"]\n    image: nginx:1.27\n    restart: always\n    command: serve\n';
    const result = withOptions(serviceKeysOrder, text, { groupOrder: ['Networking', 'Core Definitions'] });
    expect(result.findings).toEqual(['6:5 Key "command" of service "web" should come before "restart".']);
    expect(result.fixed).toBe('services:\n  web:\n    ports: ["8080:80"]\n    image: nginx:1.27\n    command: serve\n    restart: always\n');
  });
});
