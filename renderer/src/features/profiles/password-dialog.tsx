/**
 * Asks for a password for one connection when none is saved (or the saved one is gone, as with
 * the web door's in-memory store after a restart). The password is used for this connect only.
 */
import { useId, useState } from 'react';
import type { Profile } from '../../../../app/api/calls/profile-schemas';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';

/** The prompt; `onConnect` gets the password typed (possibly empty, for certificate or trust logins). */
export function PasswordDialog({
  profile,
  replicaId,
  reason,
  onConnect,
  onClose,
}: {
  profile: Profile;
  replicaId: string | null;
  reason: 'none-saved' | 'not-available';
  onConnect: (password: string) => void;
  onClose: () => void;
}) {
  const ids = useId();
  const [password, setPassword] = useState('');
  const replica = replicaId ? profile.replicas.find((r) => r.id === replicaId) : undefined;
  const user = replica?.user ?? profile.user;
  const host = replica ? `${replica.host}:${replica.port}` : `${profile.host}:${profile.port}`;
  return (
    <Dialog
      title={`Password for ${user}@${host}`}
      subtitle={replica ? `${profile.name} · replica ${replica.name}` : profile.name}
      onClose={onClose}
      onSubmit={() => onConnect(password)}
      testId="password-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" data-testid="password-connect">
            Connect
          </Button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={`${ids}-pw`}>Password</label>
        <input id={`${ids}-pw`} type="password" autoComplete="off" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} data-testid="password-input" />
        <div className="field-note dim">
          {reason === 'not-available'
            ? 'The saved password is not available in this run (the web door keeps passwords in memory unless SLUICE_SECRET_KEY is set). It is used for this connection only.'
            : 'No password is saved for this profile. It is used for this connection only; leave it empty for a certificate login. Edit the profile to save one.'}
        </div>
      </div>
    </Dialog>
  );
}
