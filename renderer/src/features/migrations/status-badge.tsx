/** The status of a migration as a small coloured badge, and the "out of order" flag beside it. */
import { STATUS_MEANING, statusLabel } from './format';
import type { MigrationStatus } from './types';

/** Applied green, pending blue, modified amber, missing grey, dirty red. */
export function StatusBadge({ status }: { status: MigrationStatus }) {
  return (
    <span className={`mig-badge mig-badge-${status}`} data-testid="migration-status" data-status={status} title={STATUS_MEANING[status]}>
      <span className="mig-badge-dot" aria-hidden="true" />
      {statusLabel(status)}
    </span>
  );
}

/** A pending migration older than the newest applied one. */
export function OutOfOrderBadge() {
  return (
    <span className="mig-flag" data-testid="migration-out-of-order" title="Pending, but older than the newest applied migration: it was probably merged after later ones ran.">
      out of order
    </span>
  );
}
