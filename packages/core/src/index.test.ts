/** The main entry is the front ends' whole surface: what it exports is a decision, held here (README.md lists each). */
import { describe, expect, it } from 'vitest';
import * as core from './index.js';

describe('@composure/core', () => {
  it('exports exactly the runtime values the front ends use', () => {
    expect(Object.keys(core).sort()).toEqual([
      'COMPOSURE_VERSION',
      'CONFIG_FILE_NAMES',
      'CURRENT_STABLE_ENGINE',
      'ENGINE_DIFFERENCES',
      'SourceFile',
      'aliasTarget',
      'closestMatch',
      'compareFindings',
      'configValidatorFrom',
      'createSession',
      'engineVersion',
      'evaluatePolicies',
      'findingOf',
      'followAlias',
      'get',
      'hostReferences',
      'hostSpansInUrls',
      'hostSpansInValue',
      'ipamConfigs',
      'isComposeFileName',
      'isDatastoreImage',
      'isInPreset',
      'isMergeKey',
      'isRecommended',
      'isSeq',
      'lineEndingOf',
      'lintProject',
      'maskProjectSecrets',
      'maskSecretsInText',
      'maskUrlPasswords',
      'memoryHost',
      'namePatternOf',
      'nodeHost',
      'parseEngineVersion',
      'schemaKeysAt',
      'str',
      'toJS',
      'topologyOf',
    ]);
  });
});
