import type { AnyRule } from '@composure/core/rule-kit';
import { composeLoad } from './compose-load/compose-load.js';
import { composeSchema } from './compose-schema/compose-schema.js';
import { interpolation } from './interpolation/interpolation.js';
import { noAliasShadowing } from './no-alias-shadowing/no-alias-shadowing.js';
import { noBuildAndImage } from './no-build-and-image/no-build-and-image.js';
import { noDangerousCapabilities } from './no-dangerous-capabilities/no-dangerous-capabilities.js';
import { noDangerousDevices } from './no-dangerous-devices/no-dangerous-devices.js';
import { noDefaultPoolSubnet } from './no-default-pool-subnet/no-default-pool-subnet.js';
import { noDnsCollision } from './no-dns-collision/no-dns-collision.js';
import { noDockerSocketMount } from './no-docker-socket-mount/no-docker-socket-mount.js';
import { noDuplicateContainerNames } from './no-duplicate-container-names/no-duplicate-container-names.js';
import { noDuplicatePorts } from './no-duplicate-ports/no-duplicate-ports.js';
import { noExposedDatastoreAccess } from './no-exposed-datastore-access/no-exposed-datastore-access.js';
import { noFlatNetwork } from './no-flat-network/no-flat-network.js';
import { noHostNamespaces } from './no-host-namespaces/no-host-namespaces.js';
import { noHostNetwork } from './no-host-network/no-host-network.js';
import { noHostPortConflict } from './no-host-port-conflict/no-host-port-conflict.js';
import { noLinks } from './no-links/no-links.js';
import { noLoggingNone } from './no-logging-none/no-logging-none.js';
import { noNetworkModeConflict } from './no-network-mode-conflict/no-network-mode-conflict.js';
import { noPrivileged } from './no-privileged/no-privileged.js';
import { noPrivilegedPorts } from './no-privileged-ports/no-privileged-ports.js';
import { noQuotesInVolumes } from './no-quotes-in-volumes/no-quotes-in-volumes.js';
import { noRootUser } from './no-root-user/no-root-user.js';
import { noSecretsInEnvironment } from './no-secrets-in-environment/no-secrets-in-environment.js';
import { noSensitiveHostMount } from './no-sensitive-host-mount/no-sensitive-host-mount.js';
import { noSharedDatastoreNetwork } from './no-shared-datastore-network/no-shared-datastore-network.js';
import { noSharedMountPropagation } from './no-shared-mount-propagation/no-shared-mount-propagation.js';
import { noSubnetOverlap } from './no-subnet-overlap/no-subnet-overlap.js';
import { noUnboundPortInterfaces } from './no-unbound-port-interfaces/no-unbound-port-interfaces.js';
import { noUnconfinedSecurityProfile } from './no-unconfined-security-profile/no-unconfined-security-profile.js';
import { noUndefinedNetwork } from './no-undefined-network/no-undefined-network.js';
import { noUndefinedService } from './no-undefined-service/no-undefined-service.js';
import { noUndefinedVolume } from './no-undefined-volume/no-undefined-volume.js';
import { noUnneededReach } from './no-unneeded-reach/no-unneeded-reach.js';
import { noUnreachableHost } from './no-unreachable-host/no-unreachable-host.js';
import { noUnreachablePorts } from './no-unreachable-ports/no-unreachable-ports.js';
import { noUnreachableUpstream } from './no-unreachable-upstream/no-unreachable-upstream.js';
import { noUnresolvedHost } from './no-unresolved-host/no-unresolved-host.js';
import { noUnusedNetwork } from './no-unused-network/no-unused-network.js';
import { noUnusedVolume } from './no-unused-volume/no-unused-volume.js';
import { noVersionField } from './no-version-field/no-version-field.js';
import { reachabilityPolicy } from './reachability-policy/reachability-policy.js';
import { requireCapDropAll } from './require-cap-drop-all/require-cap-drop-all.js';
import { requireHealthcheck } from './require-healthcheck/require-healthcheck.js';
import { requireImageDigest } from './require-image-digest/require-image-digest.js';
import { requireImageTag } from './require-image-tag/require-image-tag.js';
import { requireInternalNetwork } from './require-internal-network/require-internal-network.js';
import { requireNoNewPrivileges } from './require-no-new-privileges/require-no-new-privileges.js';
import { requireProjectName } from './require-project-name/require-project-name.js';
import { requireQuotesInPorts } from './require-quotes-in-ports/require-quotes-in-ports.js';
import { requireReadOnlyRootfs } from './require-read-only-rootfs/require-read-only-rootfs.js';
import { requireResourceLimits } from './require-resource-limits/require-resource-limits.js';
import { serviceDependenciesAlphabeticalOrder } from './service-dependencies-alphabetical-order/service-dependencies-alphabetical-order.js';
import { serviceKeysOrder } from './service-keys-order/service-keys-order.js';
import { servicePortsAlphabeticalOrder } from './service-ports-alphabetical-order/service-ports-alphabetical-order.js';
import { servicesAlphabeticalOrder } from './services-alphabetical-order/services-alphabetical-order.js';
import { tmpfsNoexec } from './tmpfs-noexec/tmpfs-noexec.js';
import { topLevelPropertiesOrder } from './top-level-properties-order/top-level-properties-order.js';
import { validContainerName } from './valid-container-name/valid-container-name.js';
import { validIpam } from './valid-ipam/valid-ipam.js';
import { validNetworkDriver } from './valid-network-driver/valid-network-driver.js';
import { validStaticIp } from './valid-static-ip/valid-static-ip.js';
import { validTraefikLabels } from './valid-traefik-labels/valid-traefik-labels.js';
import { yamlSyntax } from './yaml-syntax/yaml-syntax.js';

/** Every rule composure ships, core findings first, then by id. */
export const rules: readonly AnyRule[] = [
  yamlSyntax,
  composeSchema,
  interpolation,
  composeLoad,
  noAliasShadowing,
  noBuildAndImage,
  noDangerousCapabilities,
  noDangerousDevices,
  noDefaultPoolSubnet,
  noDnsCollision,
  noDockerSocketMount,
  noDuplicateContainerNames,
  noDuplicatePorts,
  noExposedDatastoreAccess,
  noFlatNetwork,
  noHostNamespaces,
  noHostNetwork,
  noHostPortConflict,
  noLinks,
  noLoggingNone,
  noNetworkModeConflict,
  noPrivileged,
  noPrivilegedPorts,
  noQuotesInVolumes,
  noRootUser,
  noSecretsInEnvironment,
  noSensitiveHostMount,
  noSharedDatastoreNetwork,
  noSharedMountPropagation,
  noSubnetOverlap,
  noUnboundPortInterfaces,
  noUnconfinedSecurityProfile,
  noUndefinedNetwork,
  noUndefinedService,
  noUndefinedVolume,
  noUnneededReach,
  noUnreachableHost,
  noUnreachablePorts,
  noUnreachableUpstream,
  noUnresolvedHost,
  noUnusedNetwork,
  noUnusedVolume,
  noVersionField,
  reachabilityPolicy,
  requireCapDropAll,
  requireHealthcheck,
  requireImageDigest,
  requireImageTag,
  requireInternalNetwork,
  requireNoNewPrivileges,
  requireProjectName,
  requireQuotesInPorts,
  requireReadOnlyRootfs,
  requireResourceLimits,
  serviceDependenciesAlphabeticalOrder,
  serviceKeysOrder,
  servicePortsAlphabeticalOrder,
  servicesAlphabeticalOrder,
  tmpfsNoexec,
  topLevelPropertiesOrder,
  validContainerName,
  validIpam,
  validNetworkDriver,
  validStaticIp,
  validTraefikLabels,
];

export const rulesById: ReadonlyMap<string, AnyRule> = new Map(rules.map((rule) => [rule.meta.id, rule]));

export { readRulesTable, rulesTable, withRulesTable, RULES_TABLE_END, RULES_TABLE_START } from './rules-table.js';
export { validateConfig } from './config-validator.js';
export { ruleDoc } from './rule-docs.js';
