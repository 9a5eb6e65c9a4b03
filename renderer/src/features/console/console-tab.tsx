/** A SQL console bound to one session: editor on top, results below. */
import { useRef, useState } from 'react';
import { Button } from '../../components/button';
import { PlayIcon } from '../../components/icons';
import { SessionLostNotice, SessionTarget } from '../../shell/session-target';
import { useSessions } from '../../shell/sessions-context';
import { useWorkspace } from '../../shell/workspace-context';
import { MigrationsIcon } from '../migrations/migrations-icon';
import type { ConsoleTab } from '../../shell/tab';
import { ResultView } from './result-view';
import { RUN_SHORTCUT, SqlEditor, sqlToRun } from './sql-editor';
import { useQueryRunner } from './use-query-runner';

/** Body of a `console` tab. */
export function ConsoleTabView({ tab }: { tab: ConsoleTab }) {
  const { findSession } = useSessions();
  const { openMigrations } = useWorkspace();
  const session = findSession(tab.sessionId);
  const { state, run, dismiss } = useQueryRunner(tab.sessionId);
  const [sql, setSql] = useState('');
  const editor = useRef<HTMLTextAreaElement>(null);
  const running = state.kind === 'running';

  const runNow = () => {
    if (running || !editor.current) return;
    const text = sqlToRun(editor.current);
    if (text) void run(text);
  };

  return (
    <div className="console" data-testid="console">
      <div className="console-toolbar">
        <Button variant="primary" onClick={runNow} busy={running} disabled={!sql.trim()} data-testid="run-query" title={`Run (${RUN_SHORTCUT})`} icon={<PlayIcon />}>
          Run
        </Button>
        <kbd className="dim">{RUN_SHORTCUT}</kbd>
        <span className="toolbar-spacer" />
        <Button variant="ghost" icon={<MigrationsIcon />} onClick={() => openMigrations(tab.sessionId)} disabled={!session} title="Migrations of this database" data-testid="open-migrations">
          Migrations
        </Button>
        <SessionTarget session={session} />
      </div>
      <SessionLostNotice session={session} reconnectsOn="when you run the next statement" />
      <div className="console-editor">
        <SqlEditor ref={editor} value={sql} onChange={setSql} onRun={runNow} />
      </div>
      <div className="console-result">
        <ResultView state={state} onDismiss={dismiss} />
      </div>
    </div>
  );
}
