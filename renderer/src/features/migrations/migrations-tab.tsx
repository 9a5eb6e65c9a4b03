/**
 * Body of a `migrations` tab: the folder linked to this connection, its migrations with their
 * status in the tool's own history table, the selected one's details and text, and runs (apply
 * all pending, apply up to here, roll back, mark resolved) with a confirmation and a live log.
 */
import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { PlayIcon } from '../../components/icons';
import { useProfiles } from '../profiles/profiles-context';
import { SessionLostNotice, SessionTarget } from '../../shell/session-target';
import { useSessions } from '../../shell/sessions-context';
import type { MigrationsTab } from '../../shell/tab';
import { ConfirmRunDialog } from './confirm-run-dialog';
import { DjangoSettingsDialog } from './django-settings-dialog';
import { recallDjango, recallFolder, rememberDjango, rememberFolder } from './folder-memory';
import { formatLabel, plural } from './format';
import { MigrationDetails, type MigrationActions } from './migration-details';
import { displayName, MigrationList } from './migration-list';
import { MigrationsIcon, ReloadIcon } from './migrations-icon';
import { ResolveDialog } from './resolve-dialog';
import { planRun, rollbackThroughTarget, type PlannedRun } from './run-plan';
import { RunPanel } from './run-panel';
import { folderLink, type DjangoSettings, type MigrationState, type MigrationStatus, type RunOptions } from './types';
import { useMigrationSource } from './use-migration-source';
import { useMigrationStatus } from './use-migration-status';
import { isLive, useMigrationRun, type RunState } from './use-migration-run';
import '../../styles/migrations.css';

type DialogState = { kind: 'confirm'; plan: PlannedRun } | { kind: 'resolve'; id: string } | { kind: 'django' } | null;

const COUNT_ORDER: MigrationStatus[] = ['dirty', 'pending', 'modified', 'missing', 'applied'];

/** A plan that would do nothing is not offered at all ("Roll back to here" on the newest applied one). */
const unlessEmpty = (plan: PlannedRun): PlannedRun | null => (plan.steps.length === 0 && plan.blocked === 'Nothing to roll back.' ? null : plan);

/** The first migration worth looking at: a dirty one, else the first pending, else the last. */
function pickSelection(migrations: readonly MigrationState[], current: string | null): string | null {
  if (current && migrations.some((m) => m.id === current)) return current;
  return (migrations.find((m) => m.status === 'dirty') ?? migrations.find((m) => m.status === 'pending') ?? migrations.at(-1))?.id ?? null;
}

/** Body of a `migrations` tab. */
export function MigrationsTabView({ tab }: { tab: MigrationsTab }) {
  const { findSession } = useSessions();
  const { environmentOf } = useProfiles();
  const session = findSession(tab.sessionId);
  const environment = environmentOf(session);
  const ids = useId();
  const [folder, setFolder] = useState(() => recallFolder(session));
  const [django, setDjango] = useState<DjangoSettings>(() => recallDjango(session));
  const [loadedDir, setLoadedDir] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [options, setOptions] = useState<RunOptions>({ lockWaitMs: 0, allowModified: false });
  const [lastPlan, setLastPlan] = useState<PlannedRun | null>(null);
  const status = useMigrationStatus(tab.sessionId);
  const { load: loadStatus } = status;
  const report = status.report;
  const migrations = useMemo(() => report?.migrations ?? [], [report]);

  // Every call names the folder and, for Django, how to run manage.py.
  const link = useMemo(() => (loadedDir ? folderLink(loadedDir, django) : null), [loadedDir, django]);

  const load = useCallback(
    async (dir: string, settings: DjangoSettings = django) => {
      const trimmed = dir.trim();
      if (!trimmed) return;
      setLoadedDir(trimmed);
      rememberFolder(session, trimmed);
      const next = await loadStatus(folderLink(trimmed, settings));
      if (next) setSelectedId((current) => pickSelection(next.migrations, current));
    },
    [session, loadStatus, django],
  );

  const onRunFinished = useCallback(
    (state: RunState) => {
      if (state.kind === 'finished' && loadedDir) void load(loadedDir);
    },
    [load, loadedDir],
  );
  const run = useMigrationRun(tab.sessionId, link, onRunFinished);
  const live = isLive(run.state);
  const open = session?.state.kind === 'open';
  const canRun = open && !live && report !== null && !status.loading;

  const selected = migrations.find((m) => m.id === selectedId) ?? null;
  const source = useMigrationSource(tab.sessionId, link, selected && !(selected.status === 'missing' && report?.format !== 'django') ? selected : null);
  const modified = migrations.filter((m) => m.status === 'modified');
  const applyAll = report ? planRun(report.format, migrations, { direction: 'up' }) : null;
  const pendingCount = migrations.filter((m) => m.status === 'pending').length;
  const runningId = run.state.kind === 'running' ? (run.state.current?.id ?? null) : null;

  const actions: MigrationActions | null =
    report && selected
      ? {
          applyTo: selected.status === 'pending' ? planRun(report.format, migrations, { direction: 'up', to: selected.id }) : null,
          // Repeatable migrations are never rolled back.
          rollbackTo: !selected.repeatable && (selected.status === 'applied' || selected.status === 'modified') ? unlessEmpty(planRun(report.format, migrations, { direction: 'down', to: selected.id })) : null,
          rollbackThrough:
            !selected.repeatable && (selected.status === 'applied' || selected.status === 'modified') ? planRun(report.format, migrations, { direction: 'down', to: rollbackThroughTarget(report.format, migrations, selected.id) }) : null,
          enabled: canRun,
          onRun: (plan) => setDialog({ kind: 'confirm', plan }),
          onResolve: () => setDialog({ kind: 'resolve', id: selected.id }),
        }
      : null;

  const submitFolder = (event: FormEvent) => {
    event.preventDefault();
    if (!live) void load(folder);
  };

  const startRun = (plan: PlannedRun, chosen: RunOptions) => {
    setDialog(null);
    setOptions({ ...chosen, allowModified: false });
    setLastPlan(plan);
    void run.start(plan, chosen);
  };

  const saveDjango = (settings: DjangoSettings) => {
    setDialog(null);
    setDjango(settings);
    rememberDjango(session, settings);
    if (folder.trim() && !live) void load(folder, settings);
  };

  const openResolve = (id: string | null) => {
    const target = id ?? migrations.find((m) => m.status === 'dirty')?.id ?? null;
    if (!target) return;
    setSelectedId(target);
    setDialog({ kind: 'resolve', id: target });
  };

  const retry = () => {
    if (!report || !lastPlan) return;
    // Plan again over the current status: the list may have moved since.
    setDialog({ kind: 'confirm', plan: planRun(report.format, migrations, lastPlan.request) });
  };

  const counts = COUNT_ORDER.map((s) => [s, migrations.filter((m) => m.status === s).length] as const).filter(([, n]) => n > 0);
  const outOfOrder = migrations.filter((m) => m.outOfOrder).length;
  const dirty = migrations.find((m) => m.status === 'dirty') ?? null;

  return (
    <div className="migrations" data-testid="migrations">
      <form className="mig-toolbar" onSubmit={submitFolder}>
        <label className="mig-folder-label" htmlFor={`${ids}-folder`}>
          <MigrationsIcon /> Folder
        </label>
        <input
          id={`${ids}-folder`}
          className="mig-folder mono"
          type="text"
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          placeholder="/path/to/django-project or a folder of .sql migrations"
          spellCheck={false}
          autoComplete="off"
          aria-label="Migration folder"
          data-testid="migration-folder"
        />
        <Button type="submit" busy={status.loading} disabled={!folder.trim() || live || !open} icon={loadedDir === folder.trim() && report ? <ReloadIcon /> : undefined} data-testid="migrations-load">
          {loadedDir === folder.trim() && report ? 'Reload' : 'Load'}
        </Button>
        <Button
          onClick={() => setDialog({ kind: 'django' })}
          disabled={live}
          title="Django projects: the Python interpreter, the database URL variable and extra environment for manage.py"
          data-testid="django-settings-open"
        >
          Django…
        </Button>
        <span className="toolbar-spacer" />
        <Button
          variant="primary"
          icon={<PlayIcon />}
          disabled={!canRun || !applyAll || applyAll.blocked !== null}
          title={applyAll?.blocked ?? (applyAll ? `Apply ${plural(applyAll.steps.length, 'pending migration')}` : 'Load a folder first')}
          onClick={() => applyAll && setDialog({ kind: 'confirm', plan: applyAll })}
          data-testid="apply-all"
        >
          Apply all pending{pendingCount > 0 ? ` (${pendingCount})` : ''}
        </Button>
      </form>

      <div className="mig-subbar">
        {report ? (
          <>
            <span className="mig-format" data-testid="migration-format" data-format={report.format}>
              {formatLabel(report.format)}
            </span>
            <span className="dim">
              history in <code data-testid="history-table">{report.historyTable}</code>
            </span>
            <span className="mig-counts" data-testid="migration-counts">
              {counts.map(([s, n]) => (
                <span key={s} className={`mig-count mig-count-${s}`}>
                  {n} {s}
                </span>
              ))}
              {outOfOrder > 0 ? <span className="mig-count mig-count-out">{outOfOrder} out of order</span> : null}
              {migrations.length === 0 ? <span className="dim">no migrations</span> : null}
            </span>
          </>
        ) : (
          <span className="dim">Link the folder this database is migrated from: a Django project (manage.py) or a golang-migrate, dbmate or Flyway folder.</span>
        )}
        <span className="toolbar-spacer" />
        <SessionTarget session={session} environment={environment} />
      </div>

      <SessionLostNotice session={session} reconnectsOn="on the next Reload or apply" />

      {dirty && !live ? (
        <div className="mig-dirty-notice" role="alert" data-testid="dirty-notice">
          <span>
            <strong className="mono">{displayName(dirty, dirty.id)}</strong> failed part-way and is marked dirty: the database may be half-migrated. Nothing else runs until you repair it by hand and mark it resolved.
          </span>
          <Button className="btn-small" onClick={() => setSelectedId(dirty.id)} disabled={selectedId === dirty.id}>
            Show
          </Button>
          <Button className="btn-small" variant="danger" onClick={() => openResolve(dirty.id)} disabled={!canRun} data-testid="dirty-notice-resolve">
            Mark resolved…
          </Button>
        </div>
      ) : null}

      {status.error ? (
        <div className="mig-banner">
          <ErrorBanner error={status.error} onDismiss={status.dismissError} />
        </div>
      ) : null}

      <div className="mig-main">
        {report && migrations.length > 0 ? (
          <>
            <div className="mig-list-pane">
              <MigrationList migrations={migrations} selectedId={selectedId} onSelect={setSelectedId} runningId={runningId} listId={`${ids}-list`} />
            </div>
            <div className="mig-details-pane">
              {selected && actions ? <MigrationDetails key={selected.id} migration={selected} format={report.format} source={source} actions={actions} /> : <p className="mig-empty dim">Select a migration to see its details.</p>}
            </div>
          </>
        ) : status.loading ? (
          <div className="mig-empty dim" role="status">
            <span className="spinner" aria-hidden="true" /> Reading the folder and the history table…
          </div>
        ) : report ? (
          <div className="mig-empty dim">No migrations in this folder.</div>
        ) : !status.error ? (
          <div className="mig-empty mig-empty-intro">
            <MigrationsIcon width={28} height={28} />
            <p>Enter the path of the migration folder and press Load.</p>
            <p className="dim">Sluice detects the format and reads that tool’s own history table, so it can be used side by side with the tool.</p>
          </div>
        ) : null}
      </div>

      <RunPanel state={run.state} migrations={migrations} onDismiss={run.reset} onResolve={openResolve} onRetry={retry} />

      {dialog?.kind === 'confirm' && session ? (
        <ConfirmRunDialog
          plan={dialog.plan}
          session={session}
          environment={environment}
          modified={modified}
          initial={options}
          onConfirm={(chosen) => startRun(dialog.plan, chosen)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'django' ? <DjangoSettingsDialog initial={django} onSave={saveDjango} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'resolve' && session && link ? (
        (() => {
          const target = migrations.find((m) => m.id === dialog.id);
          return target ? (
            <ResolveDialog
              migration={target}
              link={link}
              session={session}
              environment={environment}
              onResolved={(next) => {
                setDialog(null);
                status.replace(next);
              }}
              onClose={() => setDialog(null)}
            />
          ) : null;
        })()
      ) : null}
    </div>
  );
}
