/**
 * Runs database tools as their own OS user when the harness runs as root (the servers refuse root):
 * Node's spawn uid/gid instead of `runuser`, so the pid we hold is the server's own.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { lchown, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The identity a server's processes run under. */
export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/** The OS user `name` when we are root, or undefined when not root (then everything runs as ourselves). */
export function serverUser(name: string): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === name);
  if (!entry) throw new Error(`OS user "${name}" does not exist; install the server package that creates it`);
  return { name, uid: Number(entry[2]), gid: Number(entry[3]) };
}

/** A clean environment for server tools: no PGHOST, PGSSLMODE or MYSQL_PWD from the caller leaks in. */
export function toolEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C', LC_ALL: 'C', TZ: 'UTC', ...extra };
}

/** Options for running one tool to completion. */
export interface RunOptions {
  user: OsUser | undefined;
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs `cmd` as `user` and resolves with its stdout; rejects with stderr in the message. */
export async function runTool(cmd: string, args: string[], options: RunOptions): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(cmd, args, {
      cwd: options.cwd,
      env: options.env ?? toolEnv(options.cwd),
      uid: options.user?.uid,
      gid: options.user?.gid,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${(stderr || stdout || String(error)).trim()}`);
  }
}

/** Gives `path` and everything under it to `user`; a no-op when not root. Meant for small trees (config, certs). */
export async function giveTo(user: OsUser | undefined, path: string): Promise<void> {
  if (!user) return;
  await lchown(path, user.uid, user.gid);
  if (!(await lstat(path)).isDirectory()) return;
  const entries = await readdir(path, { recursive: true });
  await Promise.all(entries.map((entry) => lchown(join(path, entry), user.uid, user.gid)));
}

/** Copies a directory tree keeping owners and modes (so a copied data directory stays the server user's). */
export async function copyTree(from: string, to: string): Promise<void> {
  await runTool('cp', ['-a', from, to], { user: undefined, cwd: '/' });
}
