import type { AnyRule } from '@composure/core';
import { composeLoad } from './compose-load/compose-load.js';
import { composeSchema } from './compose-schema/compose-schema.js';
import { interpolation } from './interpolation/interpolation.js';
import { noAliasShadowing } from './no-alias-shadowing/no-alias-shadowing.js';
import { noDefaultPoolSubnet } from './no-default-pool-subnet/no-default-pool-subnet.js';
import { noDuplicateContainerNames } from './no-duplicate-container-names/no-duplicate-container-names.js';
import { noExposedDatastoreAccess } from './no-exposed-datastore-access/no-exposed-datastore-access.js';
import { noFlatNetwork } from './no-flat-network/no-flat-network.js';
import { noHostNetwork } from './no-host-network/no-host-network.js';
import { noHostPortConflict } from './no-host-port-conflict/no-host-port-conflict.js';
import { noLinks } from './no-links/no-links.js';
import { noNetworkModeConflict } from './no-network-mode-conflict/no-network-mode-conflict.js';
import { noSubnetOverlap } from './no-subnet-overlap/no-subnet-overlap.js';
import { noUndefinedNetwork } from './no-undefined-network/no-undefined-network.js';
import { noUndefinedService } from './no-undefined-service/no-undefined-service.js';
import { noUnreachableHost } from './no-unreachable-host/no-unreachable-host.js';
import { noUnreachablePorts } from './no-unreachable-ports/no-unreachable-ports.js';
import { noUnresolvedHost } from './no-unresolved-host/no-unresolved-host.js';
import { noUnusedNetwork } from './no-unused-network/no-unused-network.js';
import { noVersionField } from './no-version-field/no-version-field.js';
import { reachabilityPolicy } from './reachability-policy/reachability-policy.js';
import { requireImageTag } from './require-image-tag/require-image-tag.js';
import { requireInternalNetwork } from './require-internal-network/require-internal-network.js';
import { validIpam } from './valid-ipam/valid-ipam.js';
import { validNetworkDriver } from './valid-network-driver/valid-network-driver.js';
import { validStaticIp } from './valid-static-ip/valid-static-ip.js';
import { yamlSyntax } from './yaml-syntax/yaml-syntax.js';

/** Every rule composure ships, core findings first, then by id. */
export const rules: readonly AnyRule[] = [
  yamlSyntax,
  composeSchema,
  interpolation,
  composeLoad,
  noAliasShadowing,
  noDefaultPoolSubnet,
  noDuplicateContainerNames,
  noExposedDatastoreAccess,
  noFlatNetwork,
  noHostNetwork,
  noHostPortConflict,
  noLinks,
  noNetworkModeConflict,
  noSubnetOverlap,
  noUndefinedNetwork,
  noUndefinedService,
  noUnreachableHost,
  noUnreachablePorts,
  noUnresolvedHost,
  noUnusedNetwork,
  noVersionField,
  reachabilityPolicy,
  requireImageTag,
  requireInternalNetwork,
  validIpam,
  validNetworkDriver,
  validStaticIp,
];

export const rulesById: ReadonlyMap<string, AnyRule> = new Map(rules.map((rule) => [rule.meta.id, rule]));

export { readRulesTable, rulesTable, withRulesTable, RULES_TABLE_END, RULES_TABLE_START } from './rules-table.js';
export { validateConfig } from './config-validator.js';
export { ruleDoc } from './rule-docs.js';
