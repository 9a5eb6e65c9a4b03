/**
 * What one harness run must undo (server process groups, its temp dir, extra files), undone on stop(),
 * on process exit, on SIGINT/SIGTERM/SIGHUP, and, if this Node process is SIGKILLed, by a small
 * detached reaper shell that waits for our pid to vanish.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Daemon } from './daemon.js';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const openScopes = new Set<RunScope>();

// Reads "SIGNAL PGID" lines from $2/reaper-pids once pid $1 is gone, signals each group, removes $2.
const REAPER_SCRIPT = `
while kill -0 "$1" 2>/dev/null; do sleep 1; done
if [ -f "$2/reaper-pids" ]; then
  while read -r sig pgid; do kill -s "$sig" -- "-$pgid" 2>/dev/null; done < "$2/reaper-pids"
  sleep 2
  while read -r sig pgid; do kill -s KILL -- "-$pgid" 2>/dev/null; done < "$2/reaper-pids"
fi
rm -rf "$2"`;

function cleanupAllNow(): void {
  for (const scope of openScopes) scope.cleanupNow();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanupAllNow();
  // Keep the default behaviour (terminate) unless someone else handles this signal too.
  if (process.listenerCount(signal) === 1) {
    uninstallHandlers();
    process.kill(process.pid, signal);
  }
}

function installHandlers(): void {
  process.on('exit', cleanupAllNow);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstallHandlers(): void {
  process.off('exit', cleanupAllNow);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Tracks the daemons and paths of one harness run in `dir` and guarantees their removal. */
export class RunScope {
  private readonly daemons = new Set<Daemon>();
  private readonly paths = new Set<string>();
  private readonly reaperPid: number | undefined;
  private closed = false;

  constructor(readonly dir: string) {
    this.paths.add(dir);
    const reaper = spawn('sh', ['-c', REAPER_SCRIPT, 'sluice-harness-reaper', String(process.pid), dir], {
      detached: true,
      stdio: 'ignore',
    });
    reaper.unref();
    this.reaperPid = reaper.pid;
    if (openScopes.size === 0) installHandlers();
    openScopes.add(this);
  }

  /** Registers a daemon so every way out stops it. */
  track(daemon: Daemon): void {
    this.daemons.add(daemon);
    appendFileSync(join(this.dir, 'reaper-pids'), `${daemon.stopSignal.replace(/^SIG/, '')} ${daemon.pid}\n`);
  }

  /** Forgets a daemon that has already been stopped on purpose. */
  untrack(daemon: Daemon): void {
    this.daemons.delete(daemon);
    const lines = [...this.daemons].map((d) => `${d.stopSignal.replace(/^SIG/, '')} ${d.pid}\n`);
    writeFileSync(join(this.dir, 'reaper-pids'), lines.join(''));
  }

  /** Registers an extra file or directory (outside `dir`) to remove with the run. */
  trackPath(path: string): void {
    this.paths.add(path);
  }

  /** Stops every daemon, then removes the paths. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.daemons].map((daemon) => daemon.stop()));
    this.finish();
  }

  /** Synchronous variant for exit and signal handlers: signals everything and removes the paths. */
  cleanupNow(): void {
    if (this.closed) return;
    for (const daemon of this.daemons) daemon.signal(daemon.stopSignal);
    for (const daemon of this.daemons) if (daemon.stopSignal !== 'SIGQUIT') daemon.signal('SIGKILL');
    this.finish();
  }

  private finish(): void {
    this.closed = true;
    openScopes.delete(this);
    if (openScopes.size === 0) uninstallHandlers();
    if (this.reaperPid !== undefined) {
      try {
        process.kill(-this.reaperPid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    for (const path of this.paths) rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}
