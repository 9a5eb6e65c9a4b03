/**
 * The single entry both doors call: validate the input against the contract, run the
 * handler, and wrap whatever happens in the result envelope. No handler ever sees
 * unvalidated input, and no exception escapes as anything but a typed error.
 */
import { calls, isMethod, type CallInput, type CallOutput, type Method } from './contract';
import { SluiceError, toApiError } from './errors';
import { fail, ok, type Result } from './result';

/** Who is calling, so handlers can answer differently per door when they must. */
export interface CallContext {
  door: 'ipc' | 'http' | 'cli';
}

/** One implementation per call in the contract; the compiler checks none is missing. */
export type Handlers = { [M in Method]: (input: CallInput<M>, ctx: CallContext) => Promise<CallOutput<M>> };

/** Runs one call by name with untrusted input and returns the envelope. */
export async function dispatch(handlers: Handlers, method: unknown, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
  if (!isMethod(method)) {
    return fail(new SluiceError('UNKNOWN_METHOD', { details: { method: String(method).slice(0, 100) } }).toApiError());
  }
  const parsed = calls[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return fail(new SluiceError('BAD_INPUT', { message: `Invalid input for ${method}.`, details: { issues } }).toApiError());
  }
  try {
    const handler = handlers[method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    return ok(await handler(parsed.data, ctx));
  } catch (err) {
    return fail(toApiError(err));
  }
}

/** Narrows a generic dispatch for typed in-process callers (CLI, tests). */
export async function call<M extends Method>(handlers: Handlers, method: M, input: CallInput<M>, ctx: CallContext): Promise<Result<CallOutput<M>>> {
  return (await dispatch(handlers, method, input, ctx)) as Result<CallOutput<M>>;
}
