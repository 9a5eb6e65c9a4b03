/**
 * The paste box: a connection URL (postgres://, mysql://, mariadb://, DATABASE_URL=…) or a Django
 * DATABASES entry goes to `profiles.import`, and the draft it returns fills the form. A password
 * in the text stays in the core (the window gets only an id for it).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ProfileImport } from '../../../../app/api/calls/profile-schemas';
import type { ApiError } from '../../../../app/api/errors';
import { useClient } from '../../api';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';

const PLACEHOLDER = `postgresql://app@db.example.com:25060/orders?sslmode=verify-full&sslrootcert=~/ca.pem
— or a Django entry —
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "…", "OPTIONS": {"sslmode": "verify-full"}}}`;

type ImportState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; error: ApiError } | { kind: 'done'; result: ProfileImport; alias: string | null };

/** The alias the core picks when none is named: `default` if present, else the first. */
const defaultAlias = (aliases: readonly string[]): string | null => (aliases.length === 0 ? null : aliases.includes('default') ? 'default' : (aliases[0] ?? null));

/** The paste box; `onImported` receives each successful import. */
export function PasteImport({
  initialText = '',
  onImported,
  autoImport = false,
}: {
  initialText?: string;
  onImported: (result: ProfileImport) => void;
  /** Import `initialText` once on mount (a URL handed over from the connect form). */
  autoImport?: boolean;
}) {
  const client = useClient();
  const ids = useId();
  const [text, setText] = useState(initialText);
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const autoDone = useRef(false);

  const run = async (source: string, alias?: string) => {
    if (!source.trim()) return;
    setState({ kind: 'busy' });
    const result = await client.call('profiles.import', { text: source, ...(alias ? { alias } : {}) });
    if (result.ok) {
      setState({ kind: 'done', result: result.value, alias: alias ?? defaultAlias(result.value.aliases) });
      onImported(result.value);
    } else setState({ kind: 'failed', error: result.error });
  };

  useEffect(() => {
    // Once, even under StrictMode's double effects: a second import would hold the password twice.
    if (!autoImport || autoDone.current || !initialText.trim()) return;
    autoDone.current = true;
    void run(initialText);
  }, []);

  return (
    <section className="paste-import" aria-labelledby={`${ids}-label`}>
      <label id={`${ids}-label`} htmlFor={`${ids}-text`} className="paste-label">
        Paste a connection URL or a Django <code>DATABASES</code> entry
      </label>
      <div className="paste-row">
        <textarea
          id={`${ids}-text`}
          className="mono paste-text"
          rows={3}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          autoComplete="off"
          placeholder={PLACEHOLDER}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPaste={(e) => {
            // A paste into an empty box is the whole text: fill the form right away.
            const pasted = e.clipboardData.getData('text');
            if (text.trim() === '' && pasted.trim()) void run(pasted);
          }}
          onKeyDown={(e) => {
            // Enter here fills the form rather than submitting the dialog; Shift+Enter is a new line.
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void run(text);
            }
          }}
          data-testid="profile-paste"
        />
        <Button onClick={() => void run(text)} busy={state.kind === 'busy'} disabled={!text.trim()} data-testid="profile-import">
          Fill the form
        </Button>
      </div>
      {state.kind === 'failed' ? <ErrorBanner error={state.error} onDismiss={() => setState({ kind: 'idle' })} /> : null}
      {state.kind === 'done' ? (
        <div className="import-outcome" data-testid="import-outcome" data-source={state.result.source}>
          <p className="import-summary">
            <span className="chip">{state.result.source === 'url' ? 'Read as a URL' : 'Read as Django settings'}</span>
            {state.result.pendingPasswordId ? <span className="dim">The password in the text is kept by the core and saved with the profile; it is not shown here.</span> : null}
          </p>
          {state.result.aliases.length > 1 ? (
            <div className="field field-inline">
              <label htmlFor={`${ids}-alias`}>DATABASES entry</label>
              <select id={`${ids}-alias`} value={state.alias ?? ''} onChange={(e) => void run(text, e.target.value)} data-testid="import-alias">
                {state.result.aliases.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {state.result.warnings.length > 0 ? (
            <ul className="import-warnings" data-testid="import-warnings">
              {state.result.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
