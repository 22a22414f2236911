import { defineRule, get, isMap, isScalar, isSeq, joinWords, quoted, services, str, type Node, type Pair, type ServiceEntry } from '@composure/core/rule-kit';

/** A service's healthcheck as Compose sees it: set (in the file, or left to the image), or absent / turned off. */
type Health = { state: 'set' } | { state: 'missing' } | { state: 'disabled'; at: Node };

function healthOf(service: Node): Health {
  const healthcheck = get(service, 'healthcheck');
  if (!isMap(healthcheck)) return { state: 'missing' };
  const disable = get(healthcheck, 'disable');
  if (isScalar(disable) && disable.value === true) return { state: 'disabled', at: disable };
  const test = get(healthcheck, 'test');
  if (isSeq(test) && str(test.items[0])?.toUpperCase() === 'NONE') return { state: 'disabled', at: test };
  // A test, or only timings (the image's HEALTHCHECK test then runs with them).
  return { state: 'set' };
}

export const requireHealthcheck = defineRule({
  meta: {
    id: 'require-healthcheck',
    description: 'Services should have a healthcheck, and must have one when others wait for them with `condition: service_healthy`.',
    severity: 'info',
    recommended: true,
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS Healthcheck Not Set', 'DockSec'],
    messages: {
      disabledButAwaited:
        'Service "{{service}}" disables its healthcheck, but {{dependants}} {{waits}} for it to be healthy (condition: service_healthy): Compose fails to start {{them}}; enable the healthcheck.',
      awaitedWithoutHealthcheck:
        'Service "{{service}}" has no healthcheck in the compose file, but {{dependants}} {{waits}} for it to be healthy (condition: service_healthy): if its image defines no HEALTHCHECK either, Compose fails to start {{them}} ("container … has no healthcheck configured"); add a healthcheck, or, if the image has one, say so with a healthcheck that sets only timings (interval, start_period…).',
      disabled: 'Service "{{service}}" disables its healthcheck: enable it so Compose knows when the service is ready.',
      missing: 'Service "{{service}}" has no healthcheck in the compose file: add one so Compose knows when the service is ready.',
    },
  },
  check(context) {
    const all = services(context.project);
    const names = new Set(all.map((s) => s.name));
    /** Who waits for each service to be healthy, and which services are one-off jobs others wait to complete. */
    const waiting = new Map<string, string[]>();
    const jobs = new Set<string>();
    for (const dependant of all) {
      const dependsOn = get(dependant.node, 'depends_on');
      if (!isMap(dependsOn)) continue;
      for (const [target, entry] of dependsOn.entries) {
        // A service that does not exist (or is disabled by profiles): no-undefined-service reports it.
        if (!names.has(target) || target === dependant.name) continue;
        const condition = str(get(entry.value, 'condition'));
        if (condition === 'service_healthy') waiting.set(target, [...(waiting.get(target) ?? []), dependant.name]);
        else if (condition === 'service_completed_successfully') jobs.add(target);
      }
    }

    const unhealthy: { service: ServiceEntry; health: Exclude<Health, { state: 'set' }> }[] = [];
    for (const service of all) {
      const health = healthOf(service.node);
      if (health.state !== 'set') unhealthy.push({ service, health });
    }
    const at = (service: ServiceEntry, health: Exclude<Health, { state: 'set' }>): Node | Pair => (health.state === 'disabled' ? health.at : service.pair);
    // Awaited ones first: a disabled healthcheck copied into several services by extends is reported once, at its worst.
    for (const { service, health } of unhealthy) {
      const dependants = waiting.get(service.name);
      if (!dependants) continue;
      const place = at(service, health);
      const one = dependants.length === 1;
      const data = { service: service.name, dependants: joinWords(dependants.map(quoted)), waits: one ? 'waits' : 'wait', them: one ? 'it' : 'them' };
      // Turned off: Compose certainly fails. Left out: the image's own HEALTHCHECK, which the file cannot show, may answer.
      if (health.state === 'disabled') context.report({ messageId: 'disabledButAwaited', data, at: place, service: service.name, severity: 'error' });
      else context.report({ messageId: 'awaitedWithoutHealthcheck', data, at: place, service: service.name, severity: 'warning' });
    }
    for (const { service, health } of unhealthy) {
      if (waiting.has(service.name) || jobs.has(service.name)) continue;
      const place = at(service, health);
      context.report({
        messageId: health.state === 'disabled' ? 'disabled' : 'missing',
        data: { service: service.name },
        at: place,
        service: service.name,
      });
    }
  },
});
