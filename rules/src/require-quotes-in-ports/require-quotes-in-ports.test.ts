import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { runFixtures } from '../testing/run-fixtures.js';
import { withOptions } from '../testing/with-options.js';
import optionsSchema from './options.schema.json' with { type: 'json' };
import { requireQuotesInPorts } from './require-quotes-in-ports.js';

runFixtures(requireQuotesInPorts, import.meta.url);

const TEXT = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - 8080:80\n      - \'8443:443\'\n      - "9090:9090"\n    expose: [9229]\n';

describe('require-quotes-in-ports options', () => {
  const validate = new Ajv2020({ strict: true }).compile(optionsSchema);

  it('has a schema that takes dclint-style options and the defaults, and refuses others', () => {
    expect(validate(requireQuotesInPorts.defaultOptions)).toBe(true);
    expect(validate({ quoteType: 'double', portsSections: ['ports'] })).toBe(true);
    expect(validate({ quoteType: 'any' })).toBe(true);
    expect(validate({ quoteType: 'backtick' })).toBe(false);
    expect(validate({ portsSections: ['volumes'] })).toBe(false);
  });

  it('asks for double quotes with quoteType: double', () => {
    const result = withOptions(requireQuotesInPorts, TEXT, { quoteType: 'double' });
    expect(result.findings).toEqual([
      '5:9 The port 8080:80 in the ports of service "web" is not quoted: write "8080:80".',
      `6:9 The port '8443:443' in the ports of service "web" is in single quotes: write "8443:443" (quoteType: double).`,
      '8:14 The port 9229 in the expose of service "web" is not quoted: write "9229".',
    ]);
    expect(result.fixed).toBe(
      'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n      - "8443:443"\n      - "9090:9090"\n    expose: ["9229"]\n',
    );
  });

  it('takes either quotes with quoteType: any, and judges only the sections listed', () => {
    const result = withOptions(requireQuotesInPorts, TEXT, { quoteType: 'any', portsSections: ['ports'] });
    expect(result.findings).toEqual(['5:9 The port 8080:80 in the ports of service "web" is not quoted: write "8080:80".']);
    expect(result.fixed).toBe(TEXT.replace('- 8080:80', '- "8080:80"'));
  });
});
