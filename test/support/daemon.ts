/** A long-running server process in its own process group, with its output in a log file. */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OsUser } from './os-user.js';

/** How to start one server and know that it is ready. */
export interface DaemonSpec {
  name: string;
  cmd: string;
  args: string[];
  user: OsUser | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Matched against the log file; the daemon is ready once it appears. */
  ready: RegExp;
  /** Matched against the log once ready; a match fails the start (say, one of two listen addresses not bound). */
  unhealthy?: RegExp;
  /** Sent to the whole group to stop it (PostgreSQL: SIGQUIT = immediate shutdown, which frees its SysV segment). */
  stopSignal: NodeJS.Signals;
  /** How long stop() waits after the stop signal before SIGKILL (default 5 s). */
  stopTimeoutMs?: number;
  /** How long to wait for `ready` (default 30 s). */
  timeoutMs?: number;
}

/** A started server process group. */
export interface Daemon {
  readonly name: string;
  readonly pid: number;
  readonly stopSignal: NodeJS.Signals;
  /** Stops the group: the stop signal, then SIGKILL for anything left after a few seconds. */
  stop(): Promise<void>;
  /** Synchronous last resort for exit handlers: signals the group and returns at once. */
  signal(signal: NodeJS.Signals): void;
}

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-25).join('\n');
  } catch {
    return '(no log)';
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Spawns the daemon; `onSpawn` runs at once (so cleanup knows the pid), the promise resolves when it is ready. */
export async function startDaemon(spec: DaemonSpec, onSpawn: (daemon: Daemon) => void): Promise<Daemon> {
  const log = openSync(spec.logFile, 'a');
  const child = spawn(spec.cmd, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    uid: spec.user?.uid,
    gid: spec.user?.gid,
    // Own process group: stop() reaches every backend, and a Ctrl-C in the terminal does not.
    detached: true,
    // A file, not a pipe: the server keeps logging if this Node process dies first.
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  child.unref();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  if (child.pid === undefined) {
    await new Promise((resolve) => child.once('error', resolve));
    throw new Error(`${spec.name}: could not spawn ${spec.cmd}`);
  }
  const pid = child.pid;

  const daemon: Daemon = {
    name: spec.name,
    pid,
    stopSignal: spec.stopSignal,
    signal: (signal) => signalGroup(pid, signal),
    async stop() {
      if (hasExited) return;
      signalGroup(pid, spec.stopSignal);
      await Promise.race([exited, sleep(spec.stopTimeoutMs ?? 5_000)]);
      // Whatever is left of the group (a hung leader, orphaned backends).
      signalGroup(pid, 'SIGKILL');
    },
  };
  onSpawn(daemon);

  const deadline = Date.now() + (spec.timeoutMs ?? 30_000);
  while (!spec.ready.test(readFileSync(spec.logFile, 'utf8'))) {
    if (hasExited) throw new Error(`${spec.name} exited while starting; log ${spec.logFile}:\n${logTail(spec.logFile)}`);
    if (Date.now() > deadline) throw new Error(`${spec.name} not ready in time; log ${spec.logFile}:\n${logTail(spec.logFile)}`);
    await sleep(25);
  }
  if (spec.unhealthy?.test(readFileSync(spec.logFile, 'utf8'))) {
    await daemon.stop();
    throw new Error(`${spec.name} started unhealthy; log ${spec.logFile}:\n${logTail(spec.logFile)}`);
  }
  return daemon;
}
