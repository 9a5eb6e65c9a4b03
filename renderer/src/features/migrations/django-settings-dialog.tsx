/**
 * How Sluice runs a Django project's manage.py: the interpreter, the variable the settings read
 * the database URL from, and extra environment for the settings' other variables. The first two
 * are remembered per connection; the environment stays in this window (its values may be secrets).
 */
import { useState } from 'react';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import type { DjangoSettings } from './types';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** `KEY=VALUE` lines (blank lines and `#` comments skipped) as a record, or the first bad line. */
export function parseEnvLines(text: string): { env: Record<string, string> } | { error: string } {
  const env: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq === -1 ? line : line.slice(0, eq).trim();
    if (eq === -1 || !NAME.test(key)) return { error: `Line ${i + 1}: write KEY=VALUE, with a KEY of letters, digits and _ (not starting with a digit).` };
    env[key] = line.slice(eq + 1);
  }
  return { env };
}

function envText(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

/** The dialog; `onSave` gets the new settings. */
export function DjangoSettingsDialog({ initial, onSave, onClose }: { initial: DjangoSettings; onSave: (settings: DjangoSettings) => void; onClose: () => void }) {
  const [python, setPython] = useState(initial.python);
  const [urlVar, setUrlVar] = useState(initial.databaseUrlVar);
  const [env, setEnv] = useState(() => envText(initial.env));
  const parsed = parseEnvLines(env);
  const urlVarError = urlVar.trim() && !NAME.test(urlVar.trim()) ? 'Letters, digits and _, not starting with a digit.' : undefined;
  const envError = 'error' in parsed ? parsed.error : undefined;
  const valid = !urlVarError && !envError;

  const save = () => {
    if (!valid || 'error' in parsed) return;
    onSave({ python: python.trim(), databaseUrlVar: urlVar.trim(), env: parsed.env });
  };

  return (
    <Dialog
      title="Django settings"
      subtitle="How Sluice runs this project's manage.py (status, SQL of a migration, migrate)."
      onClose={onClose}
      onSubmit={save}
      testId="django-settings"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={!valid} data-testid="django-settings-save">
            Save and reload
          </Button>
        </>
      }
    >
      <div className="mig-django-fields">
        <Field label="Python interpreter" note="Empty: the project's .venv or venv, then SLUICE_PYTHON, then python3.">
          <input className="mono" type="text" value={python} onChange={(e) => setPython(e.target.value)} placeholder="/path/to/venv/bin/python" spellCheck={false} autoComplete="off" data-testid="django-python" />
        </Field>
        <Field label="Database URL variable" note="The variable your settings read the URL from; Sluice sets it to this connection. Empty: DATABASE_URL." error={urlVarError}>
          <input className="mono" type="text" value={urlVar} onChange={(e) => setUrlVar(e.target.value)} placeholder="DATABASE_URL" spellCheck={false} autoComplete="off" data-testid="django-url-var" />
        </Field>
        <Field label="Environment" note="KEY=VALUE per line, for the settings' other variables. Not saved: it stays in this window." error={envError}>
          <textarea className="mono" rows={4} value={env} onChange={(e) => setEnv(e.target.value)} placeholder={'DJANGO_SETTINGS_MODULE=shop.settings.production\nSECRET_KEY=…'} spellCheck={false} data-testid="django-env" />
        </Field>
      </div>
    </Dialog>
  );
}
