/**
 * Guards for the envelope that comes back across a door. A door answers with data the
 * page did not produce, so the shape is checked before the rest of the UI trusts it.
 */
import { ERROR_CATALOG, type ApiError, type ErrorCode } from '../../../app/api/errors';
import type { Result } from '../../../app/api/result';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isApiError(value: unknown): value is ApiError {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    typeof value.message === 'string' &&
    (value.hint === undefined || typeof value.hint === 'string') &&
    (value.details === undefined || isRecord(value.details))
  );
}

/** True when a value is `{ ok: true, value }` or `{ ok: false, error: {code, message, …} }`. */
export function isEnvelope(value: unknown): value is Result<unknown> {
  if (!isRecord(value) || typeof value.ok !== 'boolean') return false;
  return value.ok ? 'value' in value : isApiError(value.error);
}

/** A failure produced on the page's side of a door (the core never saw the call). */
export function doorFailure(code: ErrorCode, message: string, details?: Record<string, unknown>): Result<never> {
  return { ok: false, error: { code, message, hint: ERROR_CATALOG[code].hint, ...(details ? { details } : {}) } };
}

/** The failure for a door that could not be reached at all (server stopped, network gone). */
export function doorUnreachable(door: 'ipc' | 'http', cause: unknown): Result<never> {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return {
    ok: false,
    error: {
      code: 'CONNECTION_LOST',
      message: door === 'http' ? 'The Sluice server did not answer.' : 'The Sluice core did not answer.',
      hint: door === 'http' ? 'Check that `sluice serve` is still running, then try again.' : 'Restart Sluice; the window lost its link to the core.',
      details: { door, reason },
    },
  };
}
