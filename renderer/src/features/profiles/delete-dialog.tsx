/**
 * Delete a profile, after saying what goes with it (its saved passwords) and what does not (open
 * sessions). A production profile asks for its name to be typed: the guard against a stray click.
 */
import { useId, useState } from 'react';
import type { Profile } from '../../../../app/api/calls/profile-schemas';
import type { ApiError } from '../../../../app/api/errors';
import { useClient } from '../../api';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { EnvironmentChip } from '../../components/environment';
import { ErrorBanner } from '../../components/error-banner';

/** The confirmation dialog. */
export function DeleteDialog({ profile, onClose, onDeleted }: { profile: Profile; onClose: () => void; onDeleted: () => void }) {
  const client = useClient();
  const ids = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const guarded = profile.environment === 'production';
  const allowed = !guarded || typed.trim() === profile.name.trim();

  const remove = async () => {
    if (!allowed || busy) return;
    setBusy(true);
    const result = await client.call('profiles.delete', { id: profile.id });
    setBusy(false);
    if (result.ok) onDeleted();
    else setError(result.error);
  };

  return (
    <Dialog
      title={`Delete ${profile.name}?`}
      onClose={onClose}
      onSubmit={() => void remove()}
      tone={guarded ? 'danger' : 'plain'}
      testId="delete-dialog"
      footer={
        <>
          <Button onClick={onClose} data-testid="delete-cancel">
            Cancel
          </Button>
          <Button type="submit" variant="danger" busy={busy} disabled={!allowed} data-testid="delete-confirm">
            Delete profile
          </Button>
        </>
      }
    >
      <div className="delete-body">
        <p>
          <EnvironmentChip environment={profile.environment} />{' '}
          <span className="mono">
            {profile.user}@{profile.host}:{profile.port}/{profile.database}
          </span>
        </p>
        <p>
          The profile and its saved passwords{profile.replicas.length > 0 ? `, including its ${profile.replicas.length} replica${profile.replicas.length === 1 ? '' : 's'},` : ''} are removed. Sessions open on it stay open until you close them. Nothing changes on the server.
        </p>
        {guarded ? (
          <div className="field">
            <label htmlFor={`${ids}-name`}>
              Type <strong>{profile.name}</strong> to delete this production profile
            </label>
            <input id={`${ids}-name`} type="text" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus data-testid="delete-type-name" />
          </div>
        ) : null}
        {error ? <ErrorBanner error={error} /> : null}
      </div>
    </Dialog>
  );
}
