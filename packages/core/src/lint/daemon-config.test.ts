import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { ConfigError, resolveConfig, type ConfigLayer } from './config.js';
import { readAddressPools } from './daemon-config.js';

const layer = (config: ConfigLayer['config']): ConfigLayer => ({ config, source: '/host/.composure.yaml' });

describe('avoid:, daemon: and workspace: in the configuration', () => {
  it('reads avoid: ranges, and resolves daemon: and workspace: against the configuration file', () => {
    const config = resolveConfig([], [layer({ avoid: ['10.8.0.0/16', 'fd00::/8'], daemon: 'etc/daemon.json', workspace: ['apps/*'] })]);
    expect(config.avoid.map((r) => [r.text, r.cidr.family, r.cidr.prefix])).toEqual([
      ['10.8.0.0/16', 'IPv4', 16],
      ['fd00::/8', 'IPv6', 8],
    ]);
    expect(config.daemon).toBe('/host/etc/daemon.json');
    expect(config.workspace).toEqual({ base: '/host', entries: ['apps/*'] });
  });

  it('refuses an avoid: entry that is not a CIDR block, saying why', () => {
    const error = (() => {
      try {
        resolveConfig([], [layer({ avoid: ['10.8.0.0'] })]);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect([(error as ConfigError).message, (error as ConfigError).file]).toEqual([
      'avoid: "10.8.0.0" in /host/.composure.yaml has no prefix length: write it in CIDR notation (e.g. "10.8.0.0/24")',
      '/host/.composure.yaml',
    ]);
  });
});

describe('readAddressPools', () => {
  const read = (text: string | undefined) =>
    readAddressPools('/etc/docker/daemon.json', memoryHost(text === undefined ? {} : { '/etc/docker/daemon.json': text }));

  it("reads default-address-pools' bases where daemon.json writes them", () => {
    const { pools, file } = read('{\n  "default-address-pools": [\n    { "base": "10.200.0.0/16", "size": 24 }\n  ]\n}\n');
    expect(pools.map((p) => [p.text, p.cidr.prefix, file.position(p.node.loc!.start)])).toEqual([['10.200.0.0/16', 16, { line: 3, column: 15 }]]);
    expect(read('{ "log-driver": "json-file" }').pools).toEqual([]);
  });

  it('makes a missing or malformed daemon.json a configuration error', () => {
    expect(() => read(undefined)).toThrow('cannot read the daemon configuration /etc/docker/daemon.json');
    expect(() => read('{ "default-address-pools": [ { "base": ')).toThrow(/^invalid JSON in the daemon configuration \/etc\/docker\/daemon\.json: /);
    expect(() => read('{ "default-address-pools": { "base": "10.0.0.0/8" } }')).toThrow('default-address-pools in /etc/docker/daemon.json must be a list');
    expect(() => read('{ "default-address-pools": [ { "base": "10.1.2.3/8", "size": 24 } ] }')).toThrow(
      `a default address pool's base in /etc/docker/daemon.json "10.1.2.3/8" has host bits set: the network address is 10.0.0.0/8`,
    );
    expect(() => read('{ "default-address-pools": [ { "size": 24 } ] }')).toThrow("a default address pool's base in /etc/docker/daemon.json is missing");
  });
});
