/** One log line per call through a door: method, outcome and duration; inputs are never logged. */
import type { Result } from '../api/result';
import type { Logger } from './logger';

/** Logs how a dispatched call ended. Errors carry code, message and details (scrubbed by the logger). */
export function logCall(logger: Logger, method: unknown, door: string, result: Result<unknown>, durationMs: number): void {
  const name = typeof method === 'string' ? method.slice(0, 100) : String(method);
  if (result.ok) {
    logger.debug(`${name} ok`, { door, ms: Math.round(durationMs) });
    return;
  }
  const { code, message, details } = result.error;
  logger.warn(`${name} failed ${code}: ${message}`, { door, ms: Math.round(durationMs), ...(details ? { details } : {}) });
}
