import { defineRule, services, type Fix } from '@composure/core/rule-kit';
import { removeItemFix } from '../suggest.js';
import { controlSocketOf, describeHostPath, serviceMounts } from '../volumes.js';

export const noDockerSocketMount = defineRule({
  meta: {
    id: 'no-docker-socket-mount',
    description: "Services should not mount the Docker socket (or another container engine's API socket), read-only or not.",
    severity: 'error',
    recommended: true,
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS', 'compose-lint CL-0001', 'semgrep', 'DockSec'],
    hasSuggestions: true,
    messages: {
      removeMount: 'Remove the mount of {{socket}}',
      socketMounted:
        'Service "{{service}}" mounts {{socket}} ({{hostPath}}): that gives the container full control of {{controls}} and through it of the host, and mounting it read-only does not help (":ro" protects the socket file, not the API behind it); remove the mount, or put a socket proxy that allows only the API calls the service needs in front of it.',
      socketVolume:
        'Service "{{service}}" mounts volume "{{volume}}", which binds {{socket}} ({{hostPath}}): that gives the container full control of {{controls}} and through it of the host, and mounting it read-only does not help (":ro" protects the socket file, not the API behind it); remove the mount, or put a socket proxy that allows only the API calls the service needs in front of it.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      for (const mount of serviceMounts(context.project, service.node)) {
        const host = mount.host;
        const socket = host && controlSocketOf(host.path);
        if (!host || !socket) continue;
        context.report({
          messageId: host.volume === undefined ? 'socketMounted' : 'socketVolume',
          data: {
            service: service.name,
            socket: socket.name,
            hostPath: describeHostPath(host),
            controls: socket.controls,
            ...(host.volume !== undefined ? { volume: host.volume } : {}),
          },
          at: host.at,
          service: service.name,
          // A suggestion: the service may need the API (the message's other way is a socket proxy).
          suggest: removeSuggestion(removeItemFix(context.project, mount.entry), socket.name),
        });
      }
    }
  },
});

function removeSuggestion(fix: Fix | undefined, socket: string) {
  return fix ? [{ messageId: 'removeMount' as const, data: { socket }, fix }] : undefined;
}
