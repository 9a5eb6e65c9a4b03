/**
 * The selected migration: its actions (apply up to here, roll back, mark resolved), its history
 * (applied at, by, duration, checksums), why it is dirty, and its text in read-only panes (for
 * Django the Python source and the SQL `sqlmigrate` prints, forwards and backwards).
 */
import { useState, type ReactNode } from 'react';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { PlayIcon } from '../../components/icons';
import { formatDuration, formatTimestamp, plural, STATUS_MEANING } from './format';
import { splitId } from './migration-list';
import type { PlannedRun } from './run-plan';
import { SourceView } from './source-view';
import { OutOfOrderBadge, StatusBadge } from './status-badge';
import type { SourceState } from './use-migration-source';
import type { MigrationFormat, MigrationSourceText, MigrationState } from './types';
import { RollbackIcon } from './migrations-icon';

/** The actions the selected migration offers, planned by the tab. */
export interface MigrationActions {
  applyTo: PlannedRun | null;
  rollbackTo: PlannedRun | null;
  rollbackThrough: PlannedRun | null;
  /** False while a run is live: nothing else may start. */
  enabled: boolean;
  onRun: (plan: PlannedRun) => void;
  onResolve: () => void;
}

type PaneKind = 'python' | 'up' | 'down';

function panesOf(format: MigrationFormat): Array<{ kind: PaneKind; label: string }> {
  return format === 'django'
    ? [
        { kind: 'python', label: 'Python' },
        { kind: 'up', label: 'SQL (sqlmigrate)' },
        { kind: 'down', label: 'Rollback SQL' },
      ]
    : [
        { kind: 'up', label: 'Up' },
        { kind: 'down', label: 'Down' },
      ];
}

const textOf = (text: MigrationSourceText, kind: PaneKind): string | null => (kind === 'python' ? text.python : kind === 'up' ? text.up : text.down);
const reasonOf = (text: MigrationSourceText, kind: PaneKind): string | null => (kind === 'python' ? null : text.unavailable[kind]);

function ActionButton({ plan, label, title, onRun, enabled, icon, testId }: { plan: PlannedRun; label: string; title: string; onRun: (plan: PlannedRun) => void; enabled: boolean; icon: ReactNode; testId: string }) {
  const reason = plan.blocked ?? `${title}: ${plural(plan.steps.length, 'migration')}.`;
  return (
    <Button className="btn-small" icon={icon} onClick={() => onRun(plan)} disabled={!enabled || plan.blocked !== null} title={reason} data-testid={testId}>
      {label}
    </Button>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The pane. */
export function MigrationDetails({ migration, format, source, actions }: { migration: MigrationState; format: MigrationFormat; source: SourceState; actions: MigrationActions }) {
  const panes = panesOf(format);
  const [chosen, setChosen] = useState<PaneKind>(panes[0]!.kind);
  const { prefix, name } = splitId(migration);
  const dirty = migration.dirty;
  // A dirty migration opens on the script that failed, with the statement marked.
  const [dirtyPaneFor, setDirtyPaneFor] = useState<string | null>(null);
  if (dirty && dirtyPaneFor !== migration.id) {
    setDirtyPaneFor(migration.id);
    if (dirty.statement) setChosen(dirty.direction);
  }
  const text = source.kind === 'loaded' && source.id === migration.id ? source.text : null;
  const available = (kind: PaneKind) => (text ? textOf(text, kind) !== null || reasonOf(text, kind) !== null : true);
  const pane = available(chosen) ? chosen : (panes.find((p) => available(p.kind))?.kind ?? chosen);
  const shown = text ? textOf(text, pane) : null;
  const modified = migration.appliedChecksum !== null && migration.checksum !== null && migration.appliedChecksum !== migration.checksum;

  return (
    <div className="mig-details" data-testid="migration-details" data-id={migration.id}>
      <header className="mig-details-head">
        <div className="mig-details-title">
          <StatusBadge status={migration.status} />
          <h2 className="mono" title={migration.id}>
            <span className="mig-id-prefix">{prefix}</span>
            {name}
          </h2>
          {migration.outOfOrder ? <OutOfOrderBadge /> : null}
          {migration.noTransaction ? (
            <span className="mig-flag mig-flag-muted" title="Runs outside a transaction (marker comment in the file).">
              no transaction
            </span>
          ) : null}
          {migration.repeatable ? (
            <span className="mig-flag mig-flag-muted" title="Flyway repeatable migration: runs after the versioned ones, again whenever its file changes, and is never rolled back." data-testid="repeatable-flag">
              repeatable
            </span>
          ) : !migration.reversible ? (
            <span className="mig-flag" title="No down script (Django: an operation without a reverse); it cannot be rolled back.">
              irreversible
            </span>
          ) : null}
        </div>
        <div className="mig-details-actions">
          {actions.applyTo ? <ActionButton plan={actions.applyTo} label="Apply up to here" title="Apply the pending migrations up to and including this one" onRun={actions.onRun} enabled={actions.enabled} icon={<PlayIcon />} testId="apply-to-here" /> : null}
          {actions.rollbackTo ? <ActionButton plan={actions.rollbackTo} label="Roll back to here" title="Roll back what was applied after this one; this one stays" onRun={actions.onRun} enabled={actions.enabled} icon={<RollbackIcon />} testId="rollback-to-here" /> : null}
          {actions.rollbackThrough ? <ActionButton plan={actions.rollbackThrough} label="Roll back including this" title="Roll back this migration and what was applied after it" onRun={actions.onRun} enabled={actions.enabled} icon={<RollbackIcon />} testId="rollback-through" /> : null}
          {migration.status === 'dirty' ? (
            <Button className="btn-small" variant="danger" onClick={actions.onResolve} disabled={!actions.enabled} data-testid="mark-resolved">
              Mark resolved…
            </Button>
          ) : null}
        </div>
      </header>

      {migration.status === 'modified' || migration.status === 'missing' ? <p className="mig-details-meaning">{STATUS_MEANING[migration.status]}</p> : null}
      {migration.repeatable && migration.status === 'pending' && migration.appliedChecksum !== null ? (
        <p className="mig-details-meaning" data-testid="repeatable-changed">
          Its file changed since it last ran: the next apply runs it again.
        </p>
      ) : null}

      {dirty ? (
        <div className="mig-dirty" role="note" data-testid="dirty-details">
          <strong>
            Failed while {dirty.direction === 'up' ? 'applying' : 'rolling back'}
            {dirty.statementIndex !== null ? ` at statement ${dirty.statementIndex}` : ''}.
          </strong>
          {dirty.error ? <span className="mig-dirty-error">{dirty.error}</span> : null}
          {dirty.statement ? <pre className="mig-failed-statement">{dirty.statement}</pre> : null}
          <span className="dim">Statements before it have run and are not undone. Repair the database by hand, then mark the migration resolved.</span>
        </div>
      ) : null}

      <dl className="mig-facts">
        {migration.file ? <Fact label="File">{<span className="mono mig-path">{migration.file}</span>}</Fact> : null}
        <Fact label="Applied at">{migration.appliedAt ? <span className="mono" title={migration.appliedAt}>{formatTimestamp(migration.appliedAt)}</span> : <span className="faint">not applied</span>}</Fact>
        <Fact label="Applied by">{migration.appliedBy ?? <span className="faint">—</span>}</Fact>
        <Fact label="Took">{migration.durationMs !== null ? formatDuration(migration.durationMs) : <span className="faint">—</span>}</Fact>
        <Fact label="Checksum">
          {migration.checksum ? <span className="mono mig-checksum" title={migration.checksum}>{migration.checksum}</span> : <span className="faint">—</span>}
        </Fact>
        {modified ? (
          <Fact label="When applied">
            <span className="mono mig-checksum mig-checksum-changed" title={migration.appliedChecksum ?? undefined}>
              {migration.appliedChecksum}
            </span>
          </Fact>
        ) : null}
        {migration.dependencies.length > 0 ? <Fact label="Depends on">{<span className="mono">{migration.dependencies.join(', ')}</span>}</Fact> : null}
      </dl>

      <div className="mig-source-panel">
        <div className="mig-source-tabs" role="tablist" aria-label="Migration text">
          {panes.map((p) => (
            <button
              key={p.kind}
              type="button"
              role="tab"
              aria-selected={pane === p.kind}
              className={`mig-source-tab${pane === p.kind ? ' mig-source-tab-active' : ''}`}
              onClick={() => setChosen(p.kind)}
              disabled={!available(p.kind)}
              title={available(p.kind) ? undefined : p.kind === 'down' ? 'No down script' : 'Not available'}
              data-testid={`source-tab-${p.kind}`}
            >
              {p.label}
            </button>
          ))}
          <span className="toolbar-spacer" />
          {text?.file ? <span className="mig-source-file mono dim">{text.file}</span> : null}
        </div>
        <div className="mig-source-body" role="tabpanel">
          {migration.status === 'missing' && format !== 'django' ? (
            <p className="mig-source-note dim">The file of this migration is gone from the folder; only its history row remains.</p>
          ) : source.kind === 'loading' ? (
            <p className="mig-source-note dim">
              <span className="spinner" aria-hidden="true" /> {format === 'django' && pane !== 'python' ? 'Asking Django (sqlmigrate)…' : 'Reading…'}
            </p>
          ) : source.kind === 'failed' ? (
            <div className="mig-source-note">
              <ErrorBanner error={source.error} />
            </div>
          ) : shown !== null ? (
            <SourceView text={shown} label={`${migration.id} ${panes.find((p) => p.kind === pane)?.label ?? ''}`} highlight={dirty && dirty.direction === pane ? dirty.statement : null} testId="migration-source" />
          ) : text && reasonOf(text, pane) ? (
            <p className="mig-source-note" data-testid="migration-source-unavailable">
              {reasonOf(text, pane)}
            </p>
          ) : text ? (
            <p className="mig-source-note dim">{pane === 'down' ? 'This migration has no down script.' : 'No text for this pane.'}</p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
