/**
 * One project judged by the engine: composure loads and lints it (as `composure lint` and `reach`
 * would) at the engine's own version (`--engine-version`, over any `engine:` the project sets, so
 * that what differs between releases follows the one that runs), the engine runs it as Compose
 * would (compose-up.ts), and the two views are compared. Whatever happens, everything made for it
 * is removed before this returns.
 */
import { createSession, topologyOf, type Finding } from '@composure/core';
import { rules, validateConfig } from '@composure/rules';
import { composeDown, composeUp, createExternalNetworks } from './compose-up.js';
import { composureView } from './composure-view.js';
import type { EngineContext } from './context.js';
import { whileFirewallSteady } from './firewall-lock.js';
import { withHostPorts, hostPortsOf } from './host-port-lock.js';
import { projectSpec } from './model.js';
import { lanRouterAddresses } from './lan.js';
import { namesToTry } from './names.js';
import { observe } from './observe.js';
import { asLanRouter } from './outside.js';
import type { View } from './view.js';

export interface ProjectUnderTest {
  /** Names the project on the engine (after the run's prefix) and in reports. */
  name: string;
  /** The folder of its compose file (its .env and .composure.yaml are read as the CLI reads them). */
  dir: string;
  /**
   * Variables for interpolation. Always set: `ENGINE_RUN`, the run's prefix, for names that must
   * not collide; `ENGINE_LAN`, the host interface macvlan networks take as their parent.
   */
  env?: Record<string, string>;
}

export interface Judgement {
  /** The engine's error when it refused the project; then there are no views. */
  refusal?: string;
  /** composure's error findings (not suppressed). */
  errors: Finding[];
  engine?: View;
  composure?: View;
}

export async function judge(ctx: EngineContext, project: ProjectUnderTest): Promise<Judgement> {
  const session = createSession({
    rules,
    validateConfig,
    cwd: project.dir,
    env: { ...project.env, ENGINE_RUN: ctx.run, ENGINE_LAN: ctx.outside.lanParent },
    projectName: `${ctx.run}-${project.name}`,
    engineVersion: ctx.version,
  });
  const analysed = session.analyze({ kind: 'directory', directory: project.dir });
  if (!analysed.ok) throw new Error(`composure could not analyse ${project.name} (${analysed.failure.kind}): ${analysed.failure.message}`);
  const errors = analysed.value.findings.filter((f) => f.severity === 'error' && !f.suppressed);
  const spec = projectSpec(analysed.value.project);
  const up = { api: ctx.api, image: ctx.image, run: ctx.run };
  return withHostPorts(hostPortsOf(spec), () =>
    asLanRouter(ctx.outside, lanRouterAddresses(spec), async () => {
      try {
        await createExternalNetworks(spec, up);
        const deployment = await composeUp(spec, up);
        if (deployment.refusal !== undefined) return { refusal: deployment.refusal, errors };
        const { project: loaded, config } = analysed.value;
        const topology = topologyOf(loaded, config.engine);
        const names = namesToTry(spec, loaded, topology);
        const engine = await whileFirewallSteady(() => observe(ctx.api, spec, deployment.containers, ctx.outside, names));
        return { errors, engine, composure: composureView(spec, loaded, topology, names) };
      } finally {
        await composeDown(spec, up);
      }
    }),
  );
}
