/** A step output for the runner (the file named by GITHUB_OUTPUT); printed when run by hand. */
import { appendFileSync } from 'node:fs';

export function setOutput(name, value) {
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${name}=${value}\n`);
  else console.log(`${name}=${value}`);
}

/** A failure the runner shows as an error annotation, and the step's end. */
export function fail(message) {
  console.log(`::error title=composure::${message}`);
  process.exit(2);
}
