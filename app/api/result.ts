/** The envelope every call returns across a door: success with a value, or a typed error. */
import type { ApiError } from './errors';

/** Result of any API call. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Wraps a value as a successful result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Wraps an ApiError as a failed result. */
export const fail = (error: ApiError): Result<never> => ({ ok: false, error });
