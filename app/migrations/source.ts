/** What every migration source offers the handlers, whatever its format. */
import type { MigrationOutputs, MigrationRunResult, MigrationStatusReport } from '../api/calls/migration-calls';
import type { PlanRequest } from './plan';
import type { ProgressSink } from './progress';
import type { RunTimeouts } from './run-session';

/** How a run is asked for. */
export interface ApplyRequest extends PlanRequest, RunTimeouts {
  lockWaitMs: number;
}

/** A linked folder against one database. */
export interface MigrationSource {
  status(): Promise<MigrationStatusReport>;
  source(id: string): Promise<MigrationOutputs['migrations.source']>;
  /** Throws for what stops a run before it starts (lock, dirty, modified, unknown target); failures inside are outcomes. */
  apply(request: ApplyRequest, emit: ProgressSink): Promise<MigrationRunResult>;
  resolve(id: string | undefined, as: 'applied' | 'pending', lockWaitMs: number): Promise<MigrationStatusReport>;
}
