/**
 * Projects the engine (or Compose, before it: messages marked "(Compose)") refuses to bring up:
 * what it says, and the rule whose error finding tells the user beforehand.
 */
export interface ExpectedRefusal {
  rule: string;
  /** What the engine (or Compose) says. */
  engine: RegExp;
}

export const EXPECTED_REFUSALS: Record<string, ExpectedRefusal> = {
  // The examples' deliberate mistakes (their comments say which).
  'example-ha-web-app': { rule: 'valid-static-ip', engine: /Invalid address 10\.10\.20\.11: It does not belong to any of this network's subnets/ },
  'example-three-tier': { rule: 'no-undefined-network', engine: /^\(Compose\) service "cache" refers to undefined network metrics/ },
  // Fixtures.
  'duplicate-container-name': { rule: 'no-duplicate-container-names', engine: /^\(Compose\) container name ".*-dup" is already in use by service a/ },
  'gateway-outside-subnet': { rule: 'valid-ipam', engine: /failed to allocate gateway \(10\.231\.9\.1\): Requested address is out of range/ },
  'host-mode-net-sysctl': { rule: 'no-network-mode-conflict', engine: /sysctl "net\.ipv4\.tcp_syncookies" not allowed in host network namespace/ },
  'host-port-conflict': { rule: 'no-host-port-conflict', engine: /Bind for 0\.0\.0\.0:18291 failed: port is already allocated/ },
  'replicas-container-name': { rule: 'no-duplicate-container-names', engine: /Conflict\. The container name .* is already in use/ },
  'replicas-fixed-port': { rule: 'no-host-port-conflict', engine: /Bind for 0\.0\.0\.0:18271 failed: port is already allocated/ },
  'service-mode-with-expose': { rule: 'no-network-mode-conflict', engine: /conflicting options: port exposing and the container type network mode/ },
  'service-mode-with-ports': { rule: 'no-network-mode-conflict', engine: /conflicting options: port publishing and the container type network mode/ },
  'static-address-outside-subnet': { rule: 'valid-static-ip', engine: /Invalid address 10\.231\.30\.5: It does not belong to any of this network's subnets/ },
  'static-address-without-subnet': {
    rule: 'valid-static-ip',
    engine: /user specified IP address is supported only when connecting to networks with user configured subnets/,
  },
  'subnet-overlap': { rule: 'no-subnet-overlap', engine: /Pool overlaps with other one on this address space/ },
  'undefined-network': { rule: 'no-undefined-network', engine: /^\(Compose\) service "app" refers to undefined network missing/ },
};

/**
 * Rules whose error says Docker or Compose would refuse the project: on a project the engine
 * brought up, an error from one of them is a disagreement.
 */
export const REFUSAL_RULES: ReadonlySet<string> = new Set([
  'yaml-syntax',
  'compose-schema',
  'compose-load',
  'no-undefined-network',
  'no-undefined-service',
  'no-duplicate-container-names',
  'no-host-port-conflict',
  'no-subnet-overlap',
  'valid-container-name',
  'valid-ipam',
  'valid-static-ip',
]);
