/**
 * The connect form: a URL (with its SSL parameters) and a separate password field. The
 * password goes to the core in the call and nowhere else: not logged, not kept after success.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { CallOutput, ServerReport } from '../../../../app/api/contract';
import type { ApiError } from '../../../../app/api/errors';
import { useClient } from '../../api';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { useStatus } from '../../shell/status-context';
import { useProfiles } from '../profiles/profiles-context';
import { describeUrl } from './describe-url';
import { ServerFacts } from './server-facts';

const NEW_SHORTCUT = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘N' : 'Ctrl+N';

const URL_PLACEHOLDER = 'postgresql://user@host:5432/db?sslmode=verify-full&sslrootcert=/path/ca.pem';

type Outcome = { kind: 'idle' } | { kind: 'busy'; action: 'check' | 'open' } | { kind: 'failed'; error: ApiError } | { kind: 'checked'; server: ServerReport };

/** Collects a URL and password, then opens a session (or only checks the connection). */
export function ConnectForm({ onOpened }: { onOpened: (opened: CallOutput<'sessions.open'>) => void }) {
  const client = useClient();
  const { reportError } = useStatus();
  const { openNewProfile } = useProfiles();
  const ids = useId();
  const [url, setUrl] = useState('');
  const [password, setPassword] = useState('');
  const [readOnly, setReadOnly] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const described = useMemo(() => describeUrl(url), [url]);
  const busy = outcome.kind === 'busy';

  const target = () => ({ url: url.trim(), ...(password ? { password } : {}), ...(readOnly ? { readOnly } : {}) });

  const open = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !url.trim()) return;
    setOutcome({ kind: 'busy', action: 'open' });
    const result = await client.call('sessions.open', target());
    if (result.ok) {
      setPassword('');
      setOutcome({ kind: 'idle' });
      onOpened(result.value);
    } else {
      setOutcome({ kind: 'failed', error: result.error });
      reportError('Connect', result.error);
    }
  };

  const check = async () => {
    if (busy || !url.trim()) return;
    setOutcome({ kind: 'busy', action: 'check' });
    const result = await client.call('connections.check', target());
    if (result.ok) setOutcome({ kind: 'checked', server: result.value });
    else {
      setOutcome({ kind: 'failed', error: result.error });
      reportError('Check connection', result.error);
    }
  };

  return (
    <form className="connect-form" onSubmit={open} aria-label="Connect to a database" data-testid="connect-form" noValidate>
      <header className="connect-form-head">
        <h1>Connect to a database</h1>
        <p className="dim">
          PostgreSQL, MySQL or MariaDB by URL, without saving anything. SSL parameters mean what libpq (<code>sslmode</code>) and the MySQL client (
          <code>ssl-mode</code>) say they mean. To keep a connection, with its environment, replicas and a password in the secret store,{' '}
          <button type="button" className="link-button" onClick={() => openNewProfile()} data-testid="connect-new-profile">
            create a profile
          </button>{' '}
          <kbd>{NEW_SHORTCUT}</kbd>.
        </p>
      </header>

      <div className="field">
        <label htmlFor={`${ids}-url`}>Connection URL</label>
        <input
          id={`${ids}-url`}
          name="url"
          className="mono"
          type="text"
          inputMode="url"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder={URL_PLACEHOLDER}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          data-testid="connect-url"
          autoFocus
          required
        />
        <div className="field-note" aria-live="polite" data-testid="url-insight">
          {described.engine ? <span className="chip">{described.engine === 'postgres' ? 'PostgreSQL' : 'MySQL / MariaDB'}</span> : null}
          {described.ssl ? (
            <span className={`ssl-note ssl-${described.ssl.level}`} data-ssl-level={described.ssl.level}>
              {described.ssl.written ? <code>{described.ssl.written}</code> : null} {described.ssl.text}
            </span>
          ) : null}
          {described.hasPasswordInUrl ? <span className="ssl-note ssl-warn">The URL contains a password; prefer the field below.</span> : null}
        </div>
      </div>

      <div className="field">
        <label htmlFor={`${ids}-password`}>Password</label>
        <input
          id={`${ids}-password`}
          name="password"
          type="password"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="connect-password"
        />
      </div>

      <label className="check-field">
        <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} data-testid="connect-read-only" />
        <span>
          Read-only session <span className="dim">— the server itself refuses writes (always on for replicas)</span>
        </span>
      </label>

      <div className="connect-form-actions">
        <Button type="submit" variant="primary" busy={outcome.kind === 'busy' && outcome.action === 'open'} disabled={busy || !url.trim()} data-testid="connect-submit">
          {outcome.kind === 'busy' && outcome.action === 'open' ? 'Connecting…' : 'Connect'}
        </Button>
        <Button onClick={check} busy={outcome.kind === 'busy' && outcome.action === 'check'} disabled={busy || !url.trim()} data-testid="connect-check">
          Test connection
        </Button>
        <span className="toolbar-spacer" />
        <Button
          variant="ghost"
          onClick={() => openNewProfile({ text: url.trim(), ...(password ? { password } : {}) })}
          disabled={busy || !url.trim()}
          title="Open this URL in the profile form to save it"
          data-testid="connect-save-profile"
        >
          Save as profile…
        </Button>
      </div>

      {outcome.kind === 'failed' ? <ErrorBanner error={outcome.error} onDismiss={() => setOutcome({ kind: 'idle' })} /> : null}
      {outcome.kind === 'checked' ? (
        <div className="connect-check-ok" role="status">
          <p>Connection works. Nothing was kept open.</p>
          <ServerFacts server={outcome.server} />
        </div>
      ) : null}
    </form>
  );
}
