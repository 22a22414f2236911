/**
 * A problem that stops loading altogether (a missing file, no compose file): exit code 2 in the CLI.
 * The message is the reason alone; a front end says who is speaking (the CLI's `composure: `).
 */
export class LoadError extends Error {
  constructor(
    message: string,
    /** The file the problem is about, when there is one. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}
