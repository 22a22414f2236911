/**
 * What a read-only client may send, written here independently of the client's own list
 * (packages/engine/src/read-endpoints.ts): GET on /_ping, /version, the container and network
 * lists and inspections, with or without a /v1.xx version prefix.
 */
export const READ_REQUEST = /^GET (\/v1\.\d+)?(\/_ping|\/version|\/networks(\/[^/?]+)?|\/containers\/json|\/containers\/[^/?]+\/json)(\?[^/]*)?$/;
