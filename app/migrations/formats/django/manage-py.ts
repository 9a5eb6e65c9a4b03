/**
 * Runs the project's manage.py through Sluice's wrapper with the configured interpreter: every
 * output line is streamed (scrubbed of the password), Sluice's marker lines are read apart, and
 * each announced migration waits for Sluice's "go" when a gate is asked for.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SluiceError } from '../../../api/errors';
import { scrubSecrets } from '../../../drivers/classify-error';
import { MANAGE_PY_WRAPPER, MARKER } from './python-snippets';

/** A migration manage.py announced: `apply`/`unapply` before, `applied`/`unapplied` after. */
export interface Announcement {
  kind: 'apply' | 'applied' | 'unapply' | 'unapplied';
  id: string;
}

/** How to run manage.py. */
export interface ManagePyOptions {
  python: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Texts never to let through (the password). */
  secrets: readonly string[];
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Awaited before manage.py may run an announced migration (only with `gate`). */
  onAnnounce?: (announcement: Announcement) => Promise<void> | void;
  gate?: boolean;
}

/** What a finished manage.py left behind. */
export interface ManagePyResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Marker lines other than announcements (`json …`). */
  markers: string[];
  /** The last lines of output, scrubbed, for error details. */
  tail: string[];
  stdout: string[];
}

const TAIL = 40;

/** Runs `manage.py <args>` and resolves when it exits; throws PYTHON_NOT_FOUND when the interpreter cannot start. */
export function runManagePy(args: readonly string[], options: ManagePyOptions): Promise<ManagePyResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.python, ['-u', '-c', MANAGE_PY_WRAPPER, ...args], {
      cwd: options.dir,
      env: { ...options.env, SLUICE_MIGRATE_GATE: options.gate ? '1' : '0', PYTHONUNBUFFERED: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const markers: string[] = [];
    const tail: string[] = [];
    const stdout: string[] = [];
    let queue = Promise.resolve();
    let failed: unknown = null;
    child.stdin.on('error', () => undefined);
    const keep = (line: string) => {
      tail.push(line);
      if (tail.length > TAIL) tail.shift();
    };
    const onStdout = (raw: string) => {
      const line = scrubSecrets(raw, options.secrets);
      if (!line.startsWith(MARKER)) {
        stdout.push(line);
        keep(line);
        options.onLine?.('stdout', line);
        return;
      }
      const body = line.slice(MARKER.length);
      const [kind, id] = body.split(' ', 2) as [string, string | undefined];
      if ((kind === 'apply' || kind === 'applied' || kind === 'unapply' || kind === 'unapplied') && id) {
        const announcement: Announcement = { kind, id };
        queue = queue.then(async () => {
          try {
            await options.onAnnounce?.(announcement);
            if (options.gate && (kind === 'apply' || kind === 'unapply')) child.stdin.write('go\n');
          } catch (err) {
            // Sluice could not record the dirty mark: stop manage.py before it runs anything.
            failed = err;
            child.kill('SIGTERM');
          }
        });
      } else {
        markers.push(body);
      }
    };
    createInterface({ input: child.stdout }).on('line', onStdout);
    createInterface({ input: child.stderr }).on('line', (raw) => {
      const line = scrubSecrets(raw, options.secrets);
      keep(line);
      options.onLine?.('stderr', line);
    });
    child.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      reject(
        new SluiceError('PYTHON_NOT_FOUND', {
          message: `The Python interpreter "${options.python}" could not be started (${code ?? err.message}).`,
          details: { python: options.python },
        }),
      );
    });
    child.on('close', (code, signal) => {
      void queue.then(() => {
        if (failed) reject(failed);
        else resolve({ code, signal, markers, tail, stdout });
      });
    });
  });
}

/** A DJANGO_FAILED error carrying the command and the end of its output. */
export function djangoFailed(args: readonly string[], result: ManagePyResult): SluiceError {
  const last = [...result.tail].reverse().find((l) => l.trim() !== '') ?? '';
  return new SluiceError('DJANGO_FAILED', {
    message: `manage.py ${args.join(' ')} failed${result.code !== null ? ` (exit ${result.code})` : ''}: ${last.slice(0, 500)}`,
    details: { command: ['manage.py', ...args], output: result.tail },
  });
}
