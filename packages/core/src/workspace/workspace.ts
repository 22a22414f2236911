import type { Project } from '../model/project.js';
import type { Pair } from '../source/node.js';
import { engineBehaviour } from '../topology/engine-behaviour.js';
import { engineVersion, type EngineVersion } from '../topology/engine-version.js';
import { assembleTopology, collectProject, type Topology, type TopologyNetwork, type TopologyService } from '../topology/topology.js';

/**
 * Several Compose projects on one Docker host, analysed as one: each project's wiring joined by
 * Docker name (an `external: true` network is the one another project creates under that name),
 * then one topology built over all of them, services named `PROJECT/SERVICE`, networks by their
 * Docker name. Docker's default bridge is one for the whole host, so `network_mode: bridge`
 * containers of every project reach each other.
 */

/** A project of the workspace. */
export interface WorkspaceMember {
  /** Its label in the workspace: the project name (`PROJECT` of `PROJECT/SERVICE`), made unique when two projects share one. */
  label: string;
  project: Project;
}

/** Where a project declares a network. */
export interface NetworkDeclaration {
  /** The member's label. */
  project: string;
  /** Its key under the project's top-level `networks`. */
  key: string;
  /** The declaration as written, when there is one (the implicit `default` has none). */
  pair?: Pair;
}

/** A Docker network of the host, as the workspace's projects declare it. */
export interface WorkspaceNetwork {
  /** Its Docker name: the key of the workspace topology's network. */
  name: string;
  /** The projects that create it: declare it without `external`, and have services on it (Compose creates no other). */
  creators: NetworkDeclaration[];
  /** The projects that join it as `external: true`. */
  joiners: NetworkDeclaration[];
  /** The projects whose services are on it. */
  projects: string[];
}

export interface Workspace {
  members: WorkspaceMember[];
  /** The joined topology: services `PROJECT/SERVICE`, networks by Docker name. */
  topology: Topology;
  /** Every network by Docker name, with who creates and who joins it. */
  networks: Map<string, WorkspaceNetwork>;
}

/** A service's name in the workspace. */
export const workspaceServiceName = (label: string, service: string) => `${label}/${service}`;

/** A workspace service name split into its project's label and the service's own name (neither holds a slash). */
export function splitServiceName(name: string): { project: string; service: string } {
  const slash = name.indexOf('/');
  return { project: name.slice(0, slash), service: name.slice(slash + 1) };
}

/** The label of each project: its name, suffixed `.2`, `.3`… when an earlier project has the same one (project names hold no dots). */
function labelsOf(projects: readonly Project[]): string[] {
  const seen = new Map<string, number>();
  return projects.map((project) => {
    const count = (seen.get(project.name) ?? 0) + 1;
    seen.set(project.name, count);
    return count === 1 ? project.name : `${project.name}.${count}`;
  });
}

/** A project's service under its workspace name, its networks by Docker name. */
function renamed(service: TopologyService, label: string, dockerName: (key: string) => string): TopologyService {
  const byName = <T>(map: Map<string, T>) => {
    const out = new Map<string, T>();
    for (const [key, value] of map) if (!out.has(dockerName(key))) out.set(dockerName(key), value);
    return out;
  };
  return {
    ...service,
    name: workspaceServiceName(label, service.name),
    namespaceOf: service.namespaceOf === undefined ? undefined : workspaceServiceName(label, service.namespaceOf),
    networks: [...new Set(service.networks.map(dockerName))],
    attachments: byName(service.attachments),
    aliases: byName(service.aliases),
    gateway: undefined,
    ingress: [],
    lan: [],
  };
}

/**
 * Which declaration of a Docker network says what it is: the project that creates it, else one
 * that joins it as external (made outside the workspace), else one that declares it unused (Compose
 * creates no network no service uses).
 */
const rank = (network: TopologyNetwork) => (!network.external && network.members.length > 0 ? 2 : network.external ? 1 : 0);

/** Joins projects into one host: networks by Docker name, the creator's declaration winning over an external one. */
export function buildWorkspace(projects: readonly Project[], engine: EngineVersion = engineVersion(undefined)): Workspace {
  const behaviour = engineBehaviour(engine);
  const labels = labelsOf(projects);
  const members = projects.map((project, i) => ({ label: labels[i], project }));
  const services = new Map<string, TopologyService>();
  const networks = new Map<string, TopologyNetwork>();
  const index = new Map<string, WorkspaceNetwork>();
  /** The rank of the declaration each network was taken from. */
  const ranks = new Map<string, number>();

  for (const { label, project } of members) {
    const wiring = collectProject(project, behaviour);
    const dockerName = (key: string) => wiring.networks.get(key)?.name ?? key;
    for (const service of wiring.services.values()) {
      const joined = renamed(service, label, dockerName);
      services.set(joined.name, joined);
    }
    for (const network of wiring.networks.values()) {
      const name = network.name;
      let entry = index.get(name);
      if (!entry) index.set(name, (entry = { name, creators: [], joiners: [], projects: [] }));
      const members = network.members.map((m) => workspaceServiceName(label, m));
      const declaration = { project: label, key: network.key, ...(network.pair ? { pair: network.pair } : {}) };
      // Compose creates only the networks its enabled services use (compose-go WithoutUnnecessaryResources).
      if (network.external) entry.joiners.push(declaration);
      else if (members.length > 0) entry.creators.push(declaration);
      if (members.length > 0 && !entry.projects.includes(label)) entry.projects.push(label);
      const current = networks.get(name);
      // The project that creates the network says what it is; one that joins it as external only uses it.
      const previous = ranks.get(name) ?? -1;
      const winner = current && previous >= rank(network) ? current : network;
      ranks.set(name, Math.max(previous, rank(network)));
      networks.set(name, {
        ...winner,
        key: name,
        name,
        external: entry.creators.length === 0,
        members: [...new Set([...(current?.members ?? []), ...members])],
      });
    }
  }
  return { members, topology: assembleTopology(engine, services, networks), networks: index };
}

/** What policies need of a workspace besides its topology: the services its projects' profiles leave out, as `PROJECT/SERVICE`. */
export function workspacePolicyScope(workspace: Workspace): Pick<Project, 'disabledServices'> {
  const disabledServices = new Map<string, Pair>();
  for (const { label, project } of workspace.members)
    for (const [name, pair] of project.disabledServices) disabledServices.set(workspaceServiceName(label, name), pair);
  return { disabledServices };
}
