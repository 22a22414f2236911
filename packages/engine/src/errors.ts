/**
 * What can go wrong talking to the engine, as one line each for the user: a front end prints
 * `message` and exits (composure drift: 2). No stack trace is meant to reach anyone.
 */

/** Any failure of @composure/engine: its message is meant for the user as it is. */
export class EngineError extends Error {}

/** DOCKER_HOST (or DOCKER_CERT_PATH) names something this client cannot use. */
export class EngineSettingsError extends EngineError {}

/** No engine answered at the endpoint: no socket, refused, timed out, not Docker. */
export class EngineUnreachableError extends EngineError {}

/** The engine answered with an error status (or something that is not the JSON it should be). */
export class EngineResponseError extends EngineError {
  constructor(
    message: string,
    /** The HTTP status, or 0 when the answer could not be read. */
    readonly status: number,
  ) {
    super(message);
  }
}
