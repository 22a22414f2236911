/**
 * Handlers that cannot take the server down: an exception is logged to the client and the
 * feature answers empty. A `ResponseError` is the handler's answer, and goes to the client.
 */
import { ResponseError, type Connection } from 'vscode-languageserver';

export class Guard {
  constructor(private readonly connection: Connection) {}

  log(message: string): void {
    this.connection.console.error(message);
  }

  failed(name: string, error: unknown): void {
    this.log(`composure: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  request<P, R>(name: string, empty: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
    return async (params: P) => {
      try {
        return await handler(params);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        this.failed(name, error);
        return empty;
      }
    };
  }

  notification<P>(name: string, handler: (params: P) => void | Promise<void>): (params: P) => Promise<void> {
    return async (params: P) => {
      try {
        await handler(params);
      } catch (error) {
        this.failed(name, error);
      }
    };
  }
}
