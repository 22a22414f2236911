/**
 * The labels Docker Compose puts on what it creates, by which a running project is found
 * (compose's api.ProjectLabel, ServiceLabel, NetworkLabel, ContainerNumberLabel, OneoffLabel).
 */
export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  network: 'com.docker.compose.network',
  containerNumber: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
} as const;

/** Compose's label prefix: what is left of a container's labels without it is the user's. */
export const COMPOSE_LABEL_PREFIX = 'com.docker.compose.';
