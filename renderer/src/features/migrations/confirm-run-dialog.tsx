/**
 * The last look before a run: which database on which host, which migrations in which order,
 * and the safety settings (lock wait, timeouts, allow modified). On a production-tagged profile
 * the button stays off until the database name is typed. Enter confirms, Esc cancels.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../components/button';
import { dialectName } from '../../components/dialect-name';
import { Dialog } from '../../components/dialog';
import { EnvironmentChip, type Environment } from '../../components/environment';
import { PlayIcon } from '../../components/icons';
import type { Session } from '../../shell/sessions-context';
import { plural } from './format';
import { splitId } from './migration-list';
import { RollbackIcon } from './migrations-icon';
import type { PlannedRun } from './run-plan';
import { StatusBadge } from './status-badge';
import type { MigrationState, RunOptions } from './types';

/** What the form holds: seconds as typed. */
interface OptionFields {
  lockWait: string;
  statementTimeout: string;
  lockTimeout: string;
  allowModified: boolean;
}

/** The options as the form shows them. */
export function optionFields(options: RunOptions): OptionFields {
  const seconds = (ms: number | undefined) => (ms === undefined ? '' : String(ms / 1000));
  return { lockWait: seconds(options.lockWaitMs), statementTimeout: seconds(options.statementTimeoutMs), lockTimeout: seconds(options.lockTimeoutMs), allowModified: options.allowModified };
}

/** Seconds typed in a field as milliseconds; `null` when the text is not a number in range. */
function parseSeconds(text: string, max: number): number | undefined | null {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0 || n > max) return null;
  return Math.round(n * 1000);
}

/**
 * Moves focus to the element marked `data-autofocus` inside the dialog once it is open: the
 * native dialog opens in its own effect, after ours, and would otherwise take the focus.
 */
export function useInitialFocus() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => ref.current?.closest('dialog')?.querySelector<HTMLElement>('[data-autofocus]')?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);
  return ref;
}

/** The dialog. */
export function ConfirmRunDialog({
  plan,
  session,
  environment,
  modified,
  initial,
  onConfirm,
  onClose,
}: {
  plan: PlannedRun;
  session: Session;
  environment: Environment | null;
  /** Applied migrations whose files changed: the core refuses unless allowed. */
  modified: readonly MigrationState[];
  initial: RunOptions;
  onConfirm: (options: RunOptions) => void;
  onClose: () => void;
}) {
  const ids = useId();
  const [fields, setFields] = useState<OptionFields>(() => optionFields(initial));
  const [typed, setTyped] = useState('');
  const { server } = session;
  const up = plan.request.direction === 'up';
  const guarded = environment === 'production';
  const typedOk = !guarded || typed.trim() === server.database;
  const lockWaitMs = parseSeconds(fields.lockWait, 3600);
  const statementTimeoutMs = parseSeconds(fields.statementTimeout, 86_400);
  const lockTimeoutMs = parseSeconds(fields.lockTimeout, 86_400);
  const valid = lockWaitMs !== null && statementTimeoutMs !== null && lockTimeoutMs !== null;
  const blockedByModified = modified.length > 0 && !fields.allowModified;
  const allowed = typedOk && valid && !blockedByModified;
  const focusScope = useInitialFocus();
  const noun = plural(plan.steps.length, 'migration');
  const verb = up ? 'Apply' : 'Roll back';

  const confirm = () => {
    if (!allowed) return;
    onConfirm({
      lockWaitMs: lockWaitMs ?? 0,
      ...(statementTimeoutMs !== undefined ? { statementTimeoutMs } : {}),
      ...(lockTimeoutMs !== undefined ? { lockTimeoutMs } : {}),
      allowModified: fields.allowModified,
    });
  };
  const set = (patch: Partial<OptionFields>) => setFields((f) => ({ ...f, ...patch }));

  return (
    <Dialog
      title={`${verb} ${noun}?`}
      subtitle={up ? 'Each migration runs in its own transaction where the database allows it.' : 'Each migration’s down script runs, newest first.'}
      onClose={onClose}
      onSubmit={confirm}
      tone={guarded || !up ? 'danger' : 'plain'}
      testId="confirm-run-dialog"
      footer={
        <>
          <span className="dialog-foot-note dim">
            <kbd>Enter</kbd> {verb.toLowerCase()} · <kbd>Esc</kbd> cancel
          </span>
          <Button onClick={onClose} data-testid="confirm-run-cancel">
            Cancel
          </Button>
          <Button
            data-autofocus={guarded ? undefined : true}
            type="submit"
            variant={up ? 'primary' : 'danger'}
            disabled={!allowed}
            icon={up ? <PlayIcon /> : <RollbackIcon />}
            data-testid="confirm-run"
          >
            {verb} {noun}
          </Button>
        </>
      }
    >
      <div className="mig-confirm" ref={focusScope}>
        <div className="mig-confirm-target" data-testid="confirm-target">
          <div className="mig-confirm-target-row">
            <span className="dim">Database</span>
            <strong className="mono" data-testid="confirm-database">
              {server.database}
            </strong>
            {environment ? <EnvironmentChip environment={environment} /> : null}
          </div>
          <div className="mig-confirm-target-row">
            <span className="dim">Host</span>
            <span className="mono" data-testid="confirm-host">
              {server.host}:{server.port}
            </span>
            <span className="dim">
              {dialectName(server.dialect)} · as <span className="mono">{server.user}</span>
            </span>
          </div>
        </div>

        <div>
          <p className="mig-confirm-lead">
            {up ? 'These migrations will be applied, in this order:' : 'These migrations will be rolled back, in this order:'}
          </p>
          <ol className="mig-confirm-steps" data-testid="confirm-steps">
            {plan.steps.map((m) => {
              const { prefix, name } = splitId(m);
              return (
                <li key={m.id} data-id={m.id}>
                  <span className="mono">
                    <span className="mig-id-prefix">{prefix}</span>
                    {name}
                  </span>
                  {m.status !== 'pending' && m.status !== 'applied' ? <StatusBadge status={m.status} /> : null}
                  {m.noTransaction ? <span className="mig-flag mig-flag-muted">no tx</span> : null}
                </li>
              );
            })}
          </ol>
        </div>

        <fieldset className="mig-confirm-options">
          <legend>Safety</legend>
          <div className="mig-options-grid">
            <label className="mig-option" htmlFor={`${ids}-wait`}>
              <span>Lock wait</span>
              <span className="mig-option-input">
                <input id={`${ids}-wait`} type="number" min={0} max={3600} step="any" inputMode="decimal" value={fields.lockWait} placeholder="0" onChange={(e) => set({ lockWait: e.target.value })} aria-invalid={lockWaitMs === null || undefined} data-testid="option-lock-wait" />
                <span className="dim">s</span>
              </span>
              <span className="mig-option-note">Wait for another applier’s lock; 0 fails at once.</span>
            </label>
            <label className="mig-option" htmlFor={`${ids}-stmt`}>
              <span>Statement timeout</span>
              <span className="mig-option-input">
                <input id={`${ids}-stmt`} type="number" min={0} max={86400} step="any" inputMode="decimal" value={fields.statementTimeout} placeholder="none" onChange={(e) => set({ statementTimeout: e.target.value })} aria-invalid={statementTimeoutMs === null || undefined} data-testid="option-statement-timeout" />
                <span className="dim">s</span>
              </span>
              <span className="mig-option-note">Stop a statement that runs longer.</span>
            </label>
            <label className="mig-option" htmlFor={`${ids}-lock`}>
              <span>Lock timeout</span>
              <span className="mig-option-input">
                <input id={`${ids}-lock`} type="number" min={0} max={86400} step="any" inputMode="decimal" value={fields.lockTimeout} placeholder="none" onChange={(e) => set({ lockTimeout: e.target.value })} aria-invalid={lockTimeoutMs === null || undefined} data-testid="option-lock-timeout" />
                <span className="dim">s</span>
              </span>
              <span className="mig-option-note">Fail fast behind a long transaction instead of blocking traffic.</span>
            </label>
          </div>
          {!valid ? <p className="field-error">Timeouts are seconds: 0 or more (lock wait up to 3600).</p> : null}
          {modified.length > 0 ? (
            <label className="check-field mig-allow-modified">
              <input type="checkbox" checked={fields.allowModified} onChange={(e) => set({ allowModified: e.target.checked })} data-testid="option-allow-modified" />
              <span>
                Run although {modified.length === 1 ? 'an applied migration was' : `${modified.length} applied migrations were`} modified since (
                <span className="mono">{modified.map((m) => m.id).join(', ')}</span>)
              </span>
            </label>
          ) : null}
        </fieldset>

        {guarded ? (
          <div className="field mig-confirm-guard">
            <label htmlFor={`${ids}-db`}>
              Type <strong className="mono">{server.database}</strong> to {verb.toLowerCase()} on this production database
            </label>
            <input id={`${ids}-db`} data-autofocus type="text" autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="confirm-type-database" />
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
