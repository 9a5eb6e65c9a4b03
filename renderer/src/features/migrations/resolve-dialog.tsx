/**
 * Clears the dirty mark of a migration that failed part-way, after the user repaired the
 * database by hand: either they undid what ran (it goes back to pending, like `flyway repair`)
 * or they finished it (it is recorded as applied). Only the history changes.
 */
import { useId, useState } from 'react';
import type { ApiError } from '../../../../app/api/errors';
import { useClient } from '../../api';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { EnvironmentChip, type Environment } from '../../components/environment';
import { ErrorBanner } from '../../components/error-banner';
import type { Session } from '../../shell/sessions-context';
import { useInitialFocus } from './confirm-run-dialog';
import { displayName } from './migration-list';
import type { FolderLink, MigrationState, MigrationStatusReport } from './types';

/** The dialog; `onResolved` gets the status the core returns afterwards. */
export function ResolveDialog({
  migration,
  link,
  session,
  environment,
  onResolved,
  onClose,
}: {
  migration: MigrationState;
  link: FolderLink;
  session: Session;
  environment: Environment | null;
  onResolved: (report: MigrationStatusReport) => void;
  onClose: () => void;
}) {
  const client = useClient();
  const ids = useId();
  const [as, setAs] = useState<'pending' | 'applied'>('pending');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const focusScope = useInitialFocus();
  const { server } = session;
  const guarded = environment === 'production';
  const allowed = !guarded || typed.trim() === server.database;
  const dirty = migration.dirty;

  const resolve = async () => {
    if (!allowed || busy) return;
    setBusy(true);
    setError(null);
    const result = await client.call('migrations.resolve', { sessionId: session.sessionId, ...link, id: migration.id, as });
    setBusy(false);
    if (result.ok) onResolved(result.value);
    else setError(result.error);
  };

  return (
    <Dialog
      title={`Mark ${displayName(migration, migration.id)} resolved?`}
      subtitle={
        <>
          <span className="mono">{server.database}</span> on <span className="mono">{server.host}:{server.port}</span>
          {environment ? (
            <>
              {' '}
              <EnvironmentChip environment={environment} short />
            </>
          ) : null}
        </>
      }
      onClose={onClose}
      onSubmit={() => void resolve()}
      tone="danger"
      testId="resolve-dialog"
      footer={
        <>
          <span className="dialog-foot-note dim">
            <kbd>Enter</kbd> confirm · <kbd>Esc</kbd> cancel
          </span>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" busy={busy} disabled={!allowed} data-autofocus={guarded ? undefined : true} data-testid="resolve-confirm">
            Mark resolved
          </Button>
        </>
      }
    >
      <div className="mig-confirm" ref={focusScope}>
        {dirty ? (
          <div className="mig-dirty">
            <strong>
              It failed while {dirty.direction === 'up' ? 'applying' : 'rolling back'}
              {dirty.statementIndex !== null ? ` at statement ${dirty.statementIndex}` : ''}.
            </strong>
            {dirty.error ? <span className="mig-dirty-error">{dirty.error}</span> : null}
            {dirty.statement ? <pre className="mig-failed-statement">{dirty.statement}</pre> : null}
          </div>
        ) : null}
        <p>Sluice changes only the history table. Make sure the database is in the state you choose:</p>
        <div className="mig-resolve-choices" role="radiogroup" aria-label="What you made of it">
          <label className={`mig-resolve-choice${as === 'pending' ? ' mig-resolve-choice-on' : ''}`}>
            <input type="radio" name={`${ids}-as`} checked={as === 'pending'} onChange={() => setAs('pending')} data-testid="resolve-as-pending" />
            <span>
              <strong>I undid its changes</strong>
              <span className="dim">It goes back to pending and runs again on the next apply.</span>
            </span>
          </label>
          <label className={`mig-resolve-choice${as === 'applied' ? ' mig-resolve-choice-on' : ''}`}>
            <input type="radio" name={`${ids}-as`} checked={as === 'applied'} onChange={() => setAs('applied')} data-testid="resolve-as-applied" />
            <span>
              <strong>I finished it by hand</strong>
              <span className="dim">It is recorded as applied and will not run again.</span>
            </span>
          </label>
        </div>
        {guarded ? (
          <div className="field">
            <label htmlFor={`${ids}-db`}>
              Type <strong className="mono">{server.database}</strong> to change the history of this production database
            </label>
            <input id={`${ids}-db`} data-autofocus type="text" autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="resolve-type-database" />
          </div>
        ) : null}
        {error ? <ErrorBanner error={error} /> : null}
      </div>
    </Dialog>
  );
}
