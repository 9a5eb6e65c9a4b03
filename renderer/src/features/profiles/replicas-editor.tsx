/**
 * Read replicas beside the primary: name, host, port, and optionally their own user and
 * password (by default they log in like the primary). A replica session is always read-only,
 * enforced by the server.
 */
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { CloseIcon, PlusIcon } from '../../components/icons';
import { newReplicaRow, type FieldErrors, type ProfileForm, type ReplicaForm } from './profile-form';

const MAX_REPLICAS = 16;

/** The replicas fieldset. */
export function ReplicasEditor({ form, errors, update }: { form: ProfileForm; errors: FieldErrors; update: (patch: Partial<ProfileForm>) => void }) {
  const change = (key: string, patch: Partial<ReplicaForm>) => update({ replicas: form.replicas.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  const remove = (key: string) => update({ replicas: form.replicas.filter((r) => r.key !== key) });
  return (
    <fieldset className="form-section" data-testid="replicas-section">
      <legend>Read replicas</legend>
      {form.replicas.length === 0 ? <p className="field-note dim">None. Add the replicas of this cluster to open read-only sessions on them and watch their lag.</p> : null}
      <ol className="replica-rows">
        {form.replicas.map((r, i) => (
          <li key={r.key} className="replica-row" data-testid="replica-row">
            <div className="replica-grid">
              <Field label="Name" error={errors[`replicas.${i}.name`]} testId="field-replica-name">
                <input type="text" autoComplete="off" value={r.name} onChange={(e) => change(r.key, { name: e.target.value })} data-testid="replica-name" />
              </Field>
              <Field label="Host" error={errors[`replicas.${i}.host`]} testId="field-replica-host">
                <input className="mono" type="text" autoComplete="off" spellCheck={false} placeholder="replica-1.db.example.com" value={r.host} onChange={(e) => change(r.key, { host: e.target.value })} data-testid="replica-host" />
              </Field>
              <Field label="Port" error={errors[`replicas.${i}.port`]} testId="field-replica-port">
                <input className="mono" type="text" inputMode="numeric" autoComplete="off" value={r.port} onChange={(e) => change(r.key, { port: e.target.value })} data-testid="replica-port" />
              </Field>
              <Field label="User" error={errors[`replicas.${i}.user`]} testId="field-replica-user">
                <input type="text" autoComplete="off" spellCheck={false} placeholder={form.user || 'as the primary'} value={r.user} onChange={(e) => change(r.key, { user: e.target.value })} data-testid="replica-user" />
              </Field>
              <Field
                label="Password"
                error={errors[`replicas.${i}.password`]}
                testId="field-replica-password"
                note={r.hasSavedPassword && !r.forgetPassword ? 'A password is saved; leave empty to keep it.' : undefined}
              >
                <input type="password" autoComplete="new-password" placeholder={r.hasSavedPassword ? '•••••••• (saved)' : 'as the primary'} value={r.password} onChange={(e) => change(r.key, { password: e.target.value })} data-testid="replica-password" />
              </Field>
              <button type="button" className="icon-button replica-remove" onClick={() => remove(r.key)} aria-label={`Remove replica ${r.name || i + 1}`} title="Remove replica" data-testid="replica-remove">
                <CloseIcon />
              </button>
            </div>
            {r.hasSavedPassword ? (
              <label className="check-field">
                <input type="checkbox" checked={r.forgetPassword} onChange={(e) => change(r.key, { forgetPassword: e.target.checked, password: '' })} />
                <span>Forget this replica's saved password</span>
              </label>
            ) : null}
          </li>
        ))}
      </ol>
      <Button icon={<PlusIcon />} onClick={() => update({ replicas: [...form.replicas, newReplicaRow(form)] })} disabled={form.replicas.length >= MAX_REPLICAS} data-testid="replica-add">
        Add replica
      </Button>
    </fieldset>
  );
}
