import {
  topologyOf,
  workspacePolicyScope,
  type ConfiguredProject,
  type ConfiguredWorkspace,
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
}

export function projectTarget(loaded: ConfiguredProject | undefined): TopologyTarget | undefined {
  if (!loaded) return undefined;
  const { project, config } = loaded;
  return { kind: 'project', name: project.name, topology: topologyOf(project, config.engine), config, scope: project };
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
  };
}
