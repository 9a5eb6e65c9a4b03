/**
 * Long runs as jobs: `start` hands back an id at once, the run reports progress as
 * `migrations.progress` events and ends with exactly one `migrations.finished`.
 */
import { randomUUID } from 'node:crypto';
import type { MigrationRunResult } from '../api/calls/migration-calls';
import { toApiError } from '../api/errors';
import type { EventHub } from '../api/event-hub';
import type { ProgressSink } from './progress';

/** The jobs of one core. */
export class MigrationJobs {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly events: EventHub) {}

  /** Starts `work` after the caller has its id; never throws. */
  start(direction: 'up' | 'down', work: (emit: ProgressSink) => Promise<MigrationRunResult>): string {
    const jobId = randomUUID();
    const emit: ProgressSink = (event) => this.events.emit('migrations.progress', { ...event, jobId });
    const done = (async () => {
      // Let the call return the id before the first event goes out.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        const result = await work(emit);
        const failed = result.outcomes.find((o) => o.status === 'error');
        const error = failed?.status === 'error' ? { code: failed.error.code, message: failed.error.message, ...(failed.error.hint ? { hint: failed.error.hint } : {}) } : null;
        this.events.emit('migrations.finished', { jobId, result, error });
      } catch (err) {
        const api = toApiError(err);
        this.events.emit('migrations.finished', {
          jobId,
          result: { direction, outcomes: [], ok: false },
          error: { code: api.code, message: api.message, ...(api.hint ? { hint: api.hint } : {}), ...(api.details ? { details: api.details } : {}) },
        });
      }
    })().finally(() => this.running.delete(jobId));
    this.running.set(jobId, done);
    return jobId;
  }

  /** Waits for every running job to finish (a run stops at its next statement when its session closes). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }
}
