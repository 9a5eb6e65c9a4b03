/**
 * Export a profile as a URL. Without a password by default; with it only after the user ticks
 * the box, and then the URL is shown masked until copied. The URL leaves this window only
 * through the clipboard, on a click.
 */
import { useEffect, useState } from 'react';
import type { Profile, ProfileExport } from '../../../../app/api/calls/profile-schemas';
import type { ApiError } from '../../../../app/api/errors';
import { useClient } from '../../api';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { CheckIcon, CopyIcon } from '../../components/icons';

type ExportState = { kind: 'busy' } | { kind: 'ready'; value: ProfileExport } | { kind: 'failed'; error: ApiError };

/** Copies text; falls back to a hidden textarea where the async clipboard is unavailable. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const done = document.execCommand('copy');
    area.remove();
    return done;
  }
}

/** The URL shown on screen: the password part replaced by dots. */
const masked = (url: string): string => url.replace(/^([a-z]+:\/\/[^:@/]*):[^@]*@/i, '$1:••••••••@');

/** The export dialog for one profile. */
export function ExportDialog({ profile, onClose }: { profile: Profile; onClose: () => void }) {
  const client = useClient();
  const [includePassword, setIncludePassword] = useState(false);
  const [state, setState] = useState<ExportState>({ kind: 'busy' });
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');

  useEffect(() => {
    let live = true;
    setState({ kind: 'busy' });
    setCopied('no');
    void client.call('profiles.export', { id: profile.id, ...(includePassword ? { includePassword } : {}) }).then((result) => {
      if (!live) return;
      setState(result.ok ? { kind: 'ready', value: result.value } : { kind: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [client, profile.id, includePassword]);

  const copy = async () => {
    if (state.kind !== 'ready') return;
    setCopied((await copyText(state.value.url)) ? 'yes' : 'failed');
  };

  const shown = state.kind === 'ready' ? (state.value.includesPassword ? masked(state.value.url) : state.value.url) : '';
  return (
    <Dialog
      title={`Export ${profile.name} as a URL`}
      subtitle={profile.dialect === 'postgres' ? 'libpq parameters (sslmode, sslrootcert…), readable by psql and most drivers.' : 'MySQL client parameters (ssl-mode, ssl-ca…).'}
      onClose={onClose}
      onSubmit={() => void copy()}
      testId="export-dialog"
      footer={
        <>
          <span className="dialog-foot-note" role="status" data-testid="export-copied">
            {copied === 'yes' ? (
              <span className="fact-ok">
                <CheckIcon width={12} height={12} /> Copied to the clipboard
              </span>
            ) : copied === 'failed' ? (
              <span className="fact-bad">The clipboard refused; select the URL and copy it by hand.</span>
            ) : null}
          </span>
          <Button onClick={onClose}>Close</Button>
          <Button type="submit" variant="primary" icon={<CopyIcon />} disabled={state.kind !== 'ready'} data-testid="export-copy">
            Copy URL
          </Button>
        </>
      }
    >
      <div className="export-body">
        <label className="check-field">
          <input type="checkbox" checked={includePassword} onChange={(e) => setIncludePassword(e.target.checked)} data-testid="export-include-password" />
          <span>Include the saved password in the URL</span>
        </label>
        {includePassword ? (
          <p className="store-warning" role="note">
            Anyone who sees this URL can log in. Paste it only where a password belongs, and clear the clipboard afterwards.
          </p>
        ) : null}
        {state.kind === 'failed' ? <ErrorBanner error={state.error} /> : null}
        <input
          className="mono export-url"
          type="text"
          readOnly
          aria-label="Exported URL"
          value={state.kind === 'busy' ? 'Building the URL…' : shown}
          onFocus={(e) => e.target.select()}
          data-testid="export-url"
          data-includes-password={state.kind === 'ready' ? state.value.includesPassword : undefined}
        />
        {state.kind === 'ready' && state.value.warnings.length > 0 ? (
          <ul className="import-warnings" data-testid="export-warnings">
            {state.value.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </Dialog>
  );
}
