import { describe, expect, it } from 'vitest';
import { maskProjectSecrets, maskSecretsInLine, maskSecretsInText, maskUrlPasswords } from './secrets.js';

describe('maskSecretsInLine: a YAML line as written, masked as maskProjectSecrets masks the tree', () => {
  it.each([
    ['  registry_token: s3cr3t', '  registry_token: ********'],
    ['      DB_PASSWORD: "two words"', '      DB_PASSWORD: "********"'],
    ["      DB_PASSWORD: 'x'", "      DB_PASSWORD: '********'"],
    ['      - REDIS_PASSWORD=s3cr3t', '      - REDIS_PASSWORD=********'],
    ['      - "REDIS_PASSWORD=s3cr3t"', '      - "REDIS_PASSWORD=********"'],
    ['    environment: [POSTGRES_PASSWORD=s3cr3t, URL=postgres://u:pw@db/x]', '    environment: [POSTGRES_PASSWORD=********, URL=postgres://u:********@db/x]'],
    ['    environment: { DB_PASSWORD: s3cr3t, LOG: info }', '    environment: { DB_PASSWORD: ********, LOG: info }'],
    ['      NPM_TOKEN: s3cr3t # a comment', '      NPM_TOKEN: ******** # a comment'],
    ['      com.example.db.password: s3cr3t', '      com.example.db.password: ********'],
    ['-  registry: https://deploy:pw@registry.example.com', '-  registry: https://deploy:********@registry.example.com'],
  ])('%s', (line, masked) => {
    expect(maskSecretsInLine(line)).toBe(masked);
  });

  it.each([
    '      API_KEY: ${API_KEY}',
    '      DB_PASSWORD: ""',
    '      DB_PASSWORD_FILE: /run/secrets/db',
    '    image: nginx:1.27',
    '+  back: { internal: true }',
    '    environment:',
    '@@ -1,7 +1,6 @@',
  ])('leaves %s as it is', (line) => {
    expect(maskSecretsInLine(line)).toBe(line);
  });

  it('masks every line of a text, and what the tree masking masks', () => {
    expect(maskSecretsInText('a:\n  DB_PASSWORD: x\n  URL: redis://:pw@cache\n')).toBe('a:\n  DB_PASSWORD: ********\n  URL: redis://:********@cache\n');
    expect(maskProjectSecrets({ DB_PASSWORD: 'x', URL: 'redis://:pw@cache' })).toEqual({ DB_PASSWORD: '********', URL: maskUrlPasswords('redis://:pw@cache') });
  });
});
