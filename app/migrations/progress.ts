/** The progress events of a run, without the job id the job runner adds. */
import type { EventPayload } from '../api/contract';

type WithoutJob<T> = T extends unknown ? Omit<T, 'jobId'> : never;

/** One progress event of a run. */
export type Progress = WithoutJob<EventPayload<'migrations.progress'>>;

/** Where a run reports its progress. */
export type ProgressSink = (event: Progress) => void;
