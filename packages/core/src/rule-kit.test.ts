/** The kit is the rule authors' whole surface: what it exports is a decision, held here. */
import { describe, expect, it } from 'vitest';
import * as kit from './rule-kit.js';

describe('@composure/core/rule-kit', () => {
  it('exports exactly the runtime values rules use', () => {
    expect(Object.keys(kit).sort()).toEqual([
      'addressText',
      'bracketed',
      'cidrContains',
      'cidrContainsCidr',
      'cidrOrMasked',
      'cidrsOverlap',
      'closestMatch',
      'configuredSubnet',
      'datastoreServices',
      'defaultGatewayAddress',
      'defaultPoolOverlap',
      'defineRule',
      'describePort',
      'evaluatePolicies',
      'get',
      'getIn',
      'getPair',
      'hostReferences',
      'hostResolver',
      'ipamConfigs',
      'isExternalNetwork',
      'isMap',
      'isScalar',
      'isSecretName',
      'isSeq',
      'isUninterpolated',
      'joinWords',
      'locOf',
      'networkModeOf',
      'parseCidr',
      'parseImage',
      'parseIpAddress',
      'placeKey',
      'quoted',
      'quotedList',
      'reorderItems',
      'reservedAddressKind',
      'sameAddress',
      'section',
      'services',
      'str',
      'urlPasswords',
      'writtenPorts',
      'yamlEditorFor',
    ]);
  });
});
