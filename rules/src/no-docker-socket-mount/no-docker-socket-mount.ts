import { defineRule, locOf, services } from '@composure/core/rule-kit';
import { controlSocketOf, describeHostPath, serviceMounts } from '../volumes.js';
import { firstTimeWritten } from '../written-once.js';

export const noDockerSocketMount = defineRule({
  meta: {
    id: 'no-docker-socket-mount',
    description: 'Services should not mount the Docker socket (or another container engine\'s API socket), read-only or not.',
    severity: 'error',
    recommended: true,
    category: 'security',
    peers: ['KICS', 'compose-lint CL-0001', 'semgrep', 'DockSec'],
  },
  check(context) {
    const firstTime = firstTimeWritten();
    for (const service of services(context.project)) {
      for (const mount of serviceMounts(context.project, service.node)) {
        const host = mount.host;
        const socket = host && controlSocketOf(host.path);
        if (!host || !socket || !firstTime(locOf(host.at))) continue;
        const what = host.volume === undefined ? `${socket.name} (${describeHostPath(host)})` : `volume "${host.volume}", which binds ${socket.name} (${describeHostPath(host)})`;
        context.report({
          message: `Service "${service.name}" mounts ${what}: that gives the container full control of ${socket.controls} and through it of the host, and mounting it read-only does not help (":ro" protects the socket file, not the API behind it); remove the mount, or put a socket proxy that allows only the API calls the service needs in front of it.`,
          at: host.at,
          service: service.name,
        });
      }
    }
  },
});
