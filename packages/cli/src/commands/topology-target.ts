import {
  intentsOf,
  policiesFor,
  topologyOf,
  workspacePolicyScope,
  workspaceServiceName,
  type ConfiguredProject,
  type ConfiguredWorkspace,
  type Intent,
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
  /** What the services mean to reach (a workspace's named `PROJECT/SERVICE`). */
  intents: Intent[];
  /** What the intents' files are shown relative to: the project directory (a workspace's: where the command runs). */
  directory: string;
}

export function projectTarget(loaded: ConfiguredProject | undefined): TopologyTarget | undefined {
  if (!loaded) return undefined;
  const { project, config } = loaded;
  const topology = topologyOf(project, config.engine);
  return {
    kind: 'project',
    name: project.name,
    topology,
    config,
    scope: project,
    policies: policiesFor(config.policies, 'project'),
    intents: intentsOf(project, topology),
    directory: project.workingDir,
  };
}

export function workspaceTarget(loaded: ConfiguredWorkspace | undefined, directory: string): TopologyTarget | undefined {
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
    intents: workspace.members.flatMap(({ label, project }) =>
      intentsOf(project, topologyOf(project, config.engine)).map((i) => ({
        ...i,
        from: workspaceServiceName(label, i.from),
        to: workspaceServiceName(label, i.to),
      })),
    ),
    directory,
  };
}
