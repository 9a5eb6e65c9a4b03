/** Where and why a migration failed, as the runners report it to executePlan. */
import { SluiceError } from '../api/errors';

/** A failed migration: the error, and the statement (1-based number and text) when one is to blame. */
export class StepFailure extends Error {
  constructor(
    readonly error: SluiceError,
    readonly statementIndex: number | null,
    readonly statement: string | null,
  ) {
    super(error.message);
  }
}

/** Any thrown value as a SluiceError (unknown ones as INTERNAL, with their message in details). */
export function asSluiceError(err: unknown): SluiceError {
  return err instanceof SluiceError ? err : new SluiceError('INTERNAL', { details: { raw: err instanceof Error ? err.message : String(err) } });
}
