import { describe, expect, it } from 'vitest';
import { engineBehaviour, ENGINE_DIFFERENCES } from './engine-behaviour.js';
import { CURRENT_STABLE_ENGINE, engineVersion, isAtLeast, parseEngineVersion } from './engine-version.js';

describe('engine versions', () => {
  it('reads major, minor and patch, a leading v and a pre-release', () => {
    expect(parseEngineVersion('27')).toEqual({ major: 27, minor: 0, patch: 0, text: '27.0.0' });
    expect(parseEngineVersion('v28.1')?.text).toBe('28.1.0');
    expect(parseEngineVersion('29.0.0-rc.1')?.text).toBe('29.0.0');
    expect(parseEngineVersion('20.10.24+dfsg1')?.text).toBe('20.10.24');
    expect(parseEngineVersion('latest')).toBeUndefined();
    expect(parseEngineVersion('28.x')).toBeUndefined();
  });

  it('defaults to the current stable Engine and refuses what it cannot read', () => {
    expect(engineVersion(undefined).text).toBe(CURRENT_STABLE_ENGINE);
    expect(() => engineVersion('newest')).toThrow('"newest" is not a Docker Engine version (write it like 27, 28.1 or 29.7.2)');
  });

  it('compares versions', () => {
    expect(isAtLeast(engineVersion('25.0.4'), '25.0.4')).toBe(true);
    expect(isAtLeast(engineVersion('25.0.3'), '25.0.4')).toBe(false);
    expect(isAtLeast(engineVersion('26'), '25.0.4')).toBe(true);
  });
});

describe('engine behaviour', () => {
  const at = (version: string) => engineBehaviour(engineVersion(version));

  it('changes with 28.0: loopback publishing, unpublished ports, nat-unprotected and isolated, routed from other networks, enable_ipv4', () => {
    expect(at('27.5.1')).toMatchObject({
      loopbackPublishStaysLocal: false,
      unpublishedPortsFiltered: false,
      natUnprotectedAndIsolatedModes: false,
      routedReachableFromOtherNetworks: false,
      ipv4CanBeDisabled: false,
    });
    expect(at('28.0.0')).toMatchObject({
      loopbackPublishStaysLocal: true,
      unpublishedPortsFiltered: true,
      natUnprotectedAndIsolatedModes: true,
      routedReachableFromOtherNetworks: true,
      ipv4CanBeDisabled: true,
    });
  });

  it('has routed from 27.0', () => {
    expect(at('26.1.4').routedMode).toBe(false);
    expect(at('27.0.1').routedMode).toBe(true);
  });

  it('leaves internal bridges without a host address in 25.0.0–25.0.3 only', () => {
    expect([at('24.0.9'), at('25.0.0'), at('25.0.3'), at('25.0.4'), at('29')].map((b) => b.internalBridgeHasHostAddress)).toEqual([
      true,
      false,
      false,
      true,
      true,
    ]);
  });

  it('skips the gateway of an unaddressed bridge from 28.0', () => {
    expect([at('27.5.1'), at('28.0.0')].map((b) => b.gatewaySkippedWithoutBridgeAddress)).toEqual([false, true]);
  });

  it('checks a static address on connect from 25.0, and against the allocated pools from 29.1', () => {
    expect([at('24.0.9'), at('25.0.0'), at('29.0.4'), at('29.1.0')].map((b) => b.staticAddressCheckedOnConnect)).toEqual([false, true, true, true]);
    expect([at('20.10.24'), at('29.0.4'), at('29.1.0'), at('29.7.2')].map((b) => b.staticAddressInAllocatedPool)).toEqual([false, false, true, true]);
  });

  it('documents every difference with a link', () => {
    for (const difference of ENGINE_DIFFERENCES) expect(difference.docs.length).toBeGreaterThan(0);
  });
});
