/**
 * The only requests the client can make: GET on these read endpoints of the Engine API. Nothing
 * composure does may change the engine (composure drift runs against production hosts), so the
 * client has no method but GET and refuses any other path before it opens a connection.
 * (A GET can still act: `/containers/{id}/attach/ws` upgrades to a stream into the container.)
 */
/** A container's or network's id or name, as Docker allows them: no `..`, no slash. */
const NAME = '[a-zA-Z0-9][a-zA-Z0-9_.-]*';
const READ_ENDPOINTS: readonly RegExp[] = [
  /^\/_ping$/,
  /^\/version$/,
  /^\/networks$/,
  new RegExp(`^/networks/${NAME}$`),
  /^\/containers\/json$/,
  new RegExp(`^/containers/${NAME}/json$`),
];

/** Whether `path` (without the `/v1.xx` prefix and the query) is one of the read endpoints. */
export const isReadEndpoint = (path: string): boolean => READ_ENDPOINTS.some((pattern) => pattern.test(path));
