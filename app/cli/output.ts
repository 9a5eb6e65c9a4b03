/** How CLI commands print: the API envelope with --json, plain lines otherwise, and the exit code. */
import type { Result } from '../api/result';

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2, locked: 3, dirty: 4 } as const;

/** What a command needs to write and to know about its terminal. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  isTty: boolean;
}

/** Prints a result as JSON or through `human`, and returns the exit code. */
export function report<T>(io: CliIo, result: Result<T>, json: boolean, human: (value: T) => string[]): number {
  if (json) {
    io.out(JSON.stringify(result));
  } else if (result.ok) {
    for (const line of human(result.value)) io.out(line);
  } else {
    io.err(`error ${result.error.code}: ${result.error.message}`);
    if (result.error.hint) io.err(`hint: ${result.error.hint}`);
  }
  return result.ok ? EXIT.ok : EXIT.failure;
}

/** A usage error: printed on stderr with the command's help, exit code 2. */
export class UsageError extends Error {}
