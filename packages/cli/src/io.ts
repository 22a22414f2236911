import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** What a command needs from the outside world; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes and waits until the stream has taken it all, so large reports survive a pipe. */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (text === '') return resolve();
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** A report goes to -o FILE (relative to the working directory) or to stdout. */
export async function emit(io: CliIO, text: string, outputFile: string | undefined): Promise<void> {
  if (!outputFile) return write(io.stdout, text);
  const path = resolve(io.cwd, outputFile);
  try {
    writeFileSync(path, text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new IOError(`cannot write the report to ${outputFile} (${reason})`);
  }
}

/** Colour only on a terminal, and never with NO_COLOR set (https://no-color.org). */
export function useColor(io: CliIO, flag: boolean | undefined, stream: { isTTY?: boolean } = io.stdout): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export interface Colors {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function colors(enabled: boolean): Colors {
  const id = (s: string) => s;
  return enabled
    ? { red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), dim: wrap(2, 22), bold: wrap(1, 22), underline: wrap(4, 24) }
    : { red: id, yellow: id, blue: id, dim: id, bold: id, underline: id };
}

/** A message for the user: no stack traces, ever. */
export class UsageError extends Error {}

/** A file the CLI itself must write cannot be written: exit code 2, a one-line message. */
export class IOError extends Error {}
