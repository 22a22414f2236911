import {
  policiesFor,
  topologyOf,
  workspacePolicyScope,
  type ConfiguredProject,
  type ConfiguredWorkspace,
  type LocatedPolicy,
  type Project,
  type ResolvedConfig,
  type Topology,
} from '@composure/core';

/** What reach and graph work on: one project's topology, or a workspace's joined one. */
export interface TopologyTarget {
  kind: 'project' | 'workspace';
  /** The project's name, or `workspace`. */
  name: string;
  /** A workspace's projects, by their label (`PROJECT` of `PROJECT/SERVICE`). */
  projects?: string[];
  topology: Topology;
  config: ResolvedConfig;
  /** The services the profiles leave out (policies and --from/--to name them without error). */
  scope: Pick<Project, 'disabledServices'>;
  /** The policies that apply: a project's own, or those naming projects (`project:NAME`, `PROJECT/SERVICE`). */
  policies: LocatedPolicy[];
}

export function projectTarget(loaded: ConfiguredProject | undefined): TopologyTarget | undefined {
  if (!loaded) return undefined;
  const { project, config } = loaded;
  const topology = topologyOf(project, config.engine);
  return { kind: 'project', name: project.name, topology, config, scope: project, policies: policiesFor(config.policies, 'project') };
}

export function workspaceTarget(loaded: ConfiguredWorkspace | undefined): TopologyTarget | undefined {
  if (!loaded) return undefined;
  const { workspace, config } = loaded;
  return {
    kind: 'workspace',
    name: 'workspace',
    projects: workspace.members.map((m) => m.label),
    topology: workspace.topology,
    config,
    scope: workspacePolicyScope(workspace),
    policies: policiesFor(config.policies, 'workspace'),
  };
}
