/**
 * New / edit profile: the paste box, the connection fields, SSL, replicas, and beside them the
 * Test panel. Save goes to `profiles.save`; the core's BAD_INPUT issues land on their fields.
 * Passwords are write-only: the form never receives a stored one.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Profile, ProfileImport, SecretStoreDescription } from '../../../../app/api/calls/profile-schemas';
import type { ApiError } from '../../../../app/api/errors';
import { useClient } from '../../api';
import { Button } from '../../components/button';
import { dialectName } from '../../components/dialect-name';
import { Dialog } from '../../components/dialog';
import { ENVIRONMENTS, environmentLabel, type Environment } from '../../components/environment';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { PlayIcon } from '../../components/icons';
import { useStatus } from '../../shell/status-context';
import { PasteImport } from './paste-import';
import {
  DEFAULT_PORTS,
  emptyForm,
  formFromDraft,
  formFromProfile,
  formToInput,
  issuesToErrors,
  type FieldErrors,
  type ProfileDialect,
  type ProfileForm,
} from './profile-form';
import type { ProfileSeed } from './profiles-context';
import { ReplicasEditor } from './replicas-editor';
import { SslSection } from './ssl-section';
import { planTest } from './test-target';
import { TestResult, type TestOutcome } from './test-result';

const STORE_PLACE: Record<SecretStoreDescription['kind'], string> = {
  'os-keychain': 'the OS keychain',
  'encrypted-file': 'an encrypted file',
  memory: 'memory only (until Sluice stops)',
};

/** What the form would save, without the typed password: unsaved changes are differences here. */
function snapshot(form: ProfileForm): string {
  const { password: _password, ...rest } = form;
  return JSON.stringify({ ...rest, replicas: rest.replicas.map(({ key: _key, password: _p, ...r }) => r) });
}

function PasswordNote({ form, store, update }: { form: ProfileForm; store: SecretStoreDescription | null; update: (patch: Partial<ProfileForm>) => void }) {
  const place = store ? STORE_PLACE[store.kind] : 'the secret store';
  const warning = store && (store.warning ?? (!store.protected ? 'Passwords saved here are not protected by a keychain.' : null));
  return (
    <>
      <span data-testid="secret-store" data-store-kind={store?.kind}>
        {form.hasSavedPassword && !form.forgetPassword
          ? `A password is saved in ${place}. Leave empty to keep it.`
          : form.pendingPasswordId !== null && form.password === ''
            ? `The password from the pasted text will be saved in ${place}.`
            : `Saved in ${place}; never shown again, never written to the profile file.`}
      </span>
      {form.hasSavedPassword ? (
        <label className="check-field">
          <input type="checkbox" checked={form.forgetPassword} onChange={(e) => update({ forgetPassword: e.target.checked, password: '' })} data-testid="profile-forget-password" />
          <span>Forget the saved password</span>
        </label>
      ) : null}
      {warning ? (
        <span className="store-warning" role="note" data-testid="secret-store-warning">
          {warning}
        </span>
      ) : null}
    </>
  );
}

/** The dialog; `profile` null for a new one. */
export function ProfileDialog({
  profile,
  seed,
  secretStore,
  onClose,
  onSaved,
}: {
  profile: Profile | null;
  seed?: ProfileSeed | undefined;
  secretStore: SecretStoreDescription | null;
  onClose: () => void;
  onSaved: (profile: Profile) => void;
}) {
  const client = useClient();
  const { reportError } = useStatus();
  const ids = useId();
  const [form, setForm] = useState<ProfileForm>(() => {
    const base = profile ? formFromProfile(profile) : emptyForm();
    return seed?.password ? { ...base, password: seed.password } : base;
  });
  const [baseline, setBaseline] = useState(() => (profile ? snapshot(formFromProfile(profile)) : null));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [otherIssues, setOtherIssues] = useState<string[]>([]);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<TestOutcome>({ kind: 'idle' });
  const body = useRef<HTMLDivElement>(null);
  const errorRound = useRef(0);
  const [focusRound, setFocusRound] = useState(0);

  const dirty = baseline === null || snapshot(form) !== baseline;
  const production = form.environment === 'production';

  const update = (patch: Partial<ProfileForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    // An edited field's error is stale; the rest stay until the next Save or Test.
    setErrors((all) => {
      const touched = Object.keys(patch);
      if (touched.length === 0) return all;
      const next = { ...all };
      for (const key of Object.keys(next)) if (touched.some((t) => key === t || key.startsWith(`${t}.`) || (t === 'replicas' && key.startsWith('replicas.')) || fieldOf(key) === t)) delete next[key];
      return next;
    });
  };

  const setDialect = (dialect: ProfileDialect) => {
    const other: ProfileDialect = dialect === 'postgres' ? 'mysql' : 'postgres';
    // Keep a custom port; swap the other engine's default for this one's.
    update({ dialect, ...(form.port === String(DEFAULT_PORTS[other]) || form.port === '' ? { port: String(DEFAULT_PORTS[dialect]) } : {}) });
  };

  const onImported = (imported: ProfileImport) => {
    setForm((f) => formFromDraft(f, imported.draft, imported.pendingPasswordId));
    setErrors({});
    setOtherIssues([]);
    setOutcome({ kind: 'idle' });
  };

  const showErrors = (fields: FieldErrors, other: string[] = []) => {
    setErrors(fields);
    setOtherIssues(other);
    errorRound.current += 1;
    setFocusRound(errorRound.current);
  };

  // After a failed Save or Test, put the keyboard on the first field that needs attention.
  useEffect(() => {
    if (focusRound === 0) return;
    body.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRound]);

  const test = async () => {
    if (outcome.kind === 'busy') return;
    const { input, errors: found } = formToInput(form);
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    const plan = planTest(form, input, dirty);
    setOutcome({ kind: 'busy' });
    const result = await client.call('connections.check', plan.target);
    if (result.ok) setOutcome({ kind: 'ok', server: result.value, via: plan.via });
    else {
      setOutcome({ kind: 'failed', error: result.error, via: plan.via });
      reportError('Test connection', result.error);
    }
  };

  const save = async () => {
    if (saving) return;
    setSaveError(null);
    const { input, errors: found } = formToInput(form);
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    setSaving(true);
    const result = await client.call('profiles.save', input);
    setSaving(false);
    if (result.ok) {
      setBaseline(snapshot(formFromProfile(result.value.profile)));
      onSaved(result.value.profile);
      return;
    }
    if (result.error.code === 'BAD_INPUT') {
      const { fields, other } = issuesToErrors(result.error.details);
      showErrors(fields, other);
      if (Object.keys(fields).length === 0 && other.length === 0) setSaveError(result.error);
    } else {
      setSaveError(result.error);
      reportError('Save profile', result.error);
    }
  };

  const errorCount = Object.keys(errors).length + otherIssues.length;
  const title = profile ? `Edit ${profile.name}` : 'New connection profile';
  const engineNote = useMemo(
    () => (profile?.detectedEngine ? `Last connection reached ${dialectName(profile.detectedEngine)}.` : form.dialect === 'mysql' ? 'MariaDB speaks the MySQL protocol; Sluice tells them apart on connect.' : undefined),
    [profile?.detectedEngine, form.dialect],
  );

  return (
    <Dialog
      title={title}
      subtitle="Profiles keep a reference to the password, never the password itself."
      onClose={onClose}
      onSubmit={() => void save()}
      size="large"
      dismissOnBackdrop={false}
      tone={production ? 'danger' : 'plain'}
      testId="profile-dialog"
      footer={
        <>
          <span className="dialog-foot-note" aria-live="polite">
            {errorCount > 0 ? (
              <span className="fact-bad" data-testid="form-error-count">
                {errorCount === 1 ? '1 field needs attention.' : `${errorCount} fields need attention.`}
              </span>
            ) : dirty && profile ? (
              <span className="dim">Unsaved changes</span>
            ) : null}
          </span>
          <Button onClick={onClose} data-testid="profile-cancel">
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={saving} data-testid="profile-save">
            {profile ? 'Save changes' : 'Save profile'}
          </Button>
        </>
      }
    >
      <div className="profile-editor" ref={body}>
        <div className="profile-editor-form">
          {profile ? (
            <details className="paste-details">
              <summary>Replace the fields from a URL or Django settings</summary>
              <PasteImport onImported={onImported} />
            </details>
          ) : (
            <PasteImport onImported={onImported} initialText={seed?.text ?? ''} autoImport={Boolean(seed?.text)} />
          )}

          <fieldset className="form-section">
            <legend>Connection</legend>
            <div className="field-grid">
              <Field label="Name" error={errors.name} testId="field-name">
                <input type="text" autoComplete="off" value={form.name} onChange={(e) => update({ name: e.target.value })} data-testid="profile-name" autoFocus={Boolean(profile)} />
              </Field>
              <Field label="Environment" error={errors.environment} testId="field-environment" note={production ? <span className="env-note-production">Production is marked red and guarded wherever it is open.</span> : undefined}>
                <select className={`env-select env-select-${form.environment}`} value={form.environment} onChange={(e) => update({ environment: e.target.value as Environment })} data-testid="profile-environment">
                  {ENVIRONMENTS.map((env) => (
                    <option key={env} value={env}>
                      {environmentLabel(env)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Engine" error={errors.dialect} testId="field-dialect" note={engineNote}>
                <select value={form.dialect} onChange={(e) => setDialect(e.target.value as ProfileDialect)} data-testid="profile-dialect">
                  <option value="postgres">PostgreSQL</option>
                  <option value="mysql">MySQL or MariaDB</option>
                </select>
              </Field>
              <Field label="Connect timeout (seconds)" error={errors.connectTimeoutMs} testId="field-timeout">
                <input className="mono" type="text" inputMode="decimal" autoComplete="off" value={form.connectTimeoutSeconds} onChange={(e) => update({ connectTimeoutSeconds: e.target.value })} data-testid="profile-timeout" />
              </Field>
              <Field label="Host" error={errors.host} testId="field-host" className="span-host">
                <input className="mono" type="text" autoComplete="off" spellCheck={false} placeholder="db-primary.example.com" value={form.host} onChange={(e) => update({ host: e.target.value })} data-testid="profile-host" />
              </Field>
              <Field label="Port" error={errors.port} testId="field-port">
                <input className="mono" type="text" inputMode="numeric" autoComplete="off" value={form.port} onChange={(e) => update({ port: e.target.value })} data-testid="profile-port" />
              </Field>
              <Field label="Database" error={errors.database} testId="field-database" note={form.database === '' ? (form.dialect === 'postgres' ? 'Empty: the database named like the user.' : 'Empty: no database selected.') : undefined}>
                <input className="mono" type="text" autoComplete="off" spellCheck={false} value={form.database} onChange={(e) => update({ database: e.target.value })} data-testid="profile-database" />
              </Field>
              <Field label="User" error={errors.user} testId="field-user">
                <input className="mono" type="text" autoComplete="off" spellCheck={false} value={form.user} onChange={(e) => update({ user: e.target.value })} data-testid="profile-user" />
              </Field>
              <Field label="Password" error={errors.password} testId="field-password" className="span-2" note={<PasswordNote form={form} store={secretStore} update={update} />}>
                <input
                  type="password"
                  autoComplete="new-password"
                  placeholder={form.hasSavedPassword && !form.forgetPassword ? '•••••••• (saved)' : form.pendingPasswordId ? '•••••••• (from the pasted text)' : ''}
                  value={form.password}
                  onChange={(e) => update({ password: e.target.value })}
                  disabled={form.forgetPassword}
                  data-testid="profile-password"
                />
              </Field>
            </div>
          </fieldset>

          <SslSection form={form} errors={errors} update={update} />
          <ReplicasEditor form={form} errors={errors} update={update} />

          {otherIssues.length > 0 ? (
            <ul className="form-issues" role="alert" data-testid="form-issues">
              {otherIssues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          ) : null}
          {saveError ? <ErrorBanner error={saveError} onDismiss={() => setSaveError(null)} /> : null}
        </div>

        <aside className="profile-editor-test" aria-labelledby={`${ids}-test`} data-testid="test-panel">
          <div className="test-head">
            <h3 id={`${ids}-test`}>Connection test</h3>
            <Button onClick={() => void test()} busy={outcome.kind === 'busy'} icon={<PlayIcon />} data-testid="profile-test">
              Test
            </Button>
          </div>
          <TestResult outcome={outcome} />
        </aside>
      </div>
    </Dialog>
  );
}

/** The form field a dotted error path belongs to (`ssl.ca.path` → `caPath`). */
function fieldOf(path: string): string {
  switch (path) {
    case 'connectTimeoutMs':
      return 'connectTimeoutSeconds';
    case 'ssl.mode':
      return 'sslMode';
    case 'ssl.ca.path':
      return 'caPath';
    case 'ssl.ca.pem':
      return 'caPem';
    case 'ssl.clientCert.certPath':
      return 'certPath';
    case 'ssl.clientCert.keyPath':
      return 'keyPath';
    default:
      return path;
  }
}
