/** Which Python runs a Django project: the one asked for, the project's virtualenv, SLUICE_PYTHON, then python3. */
import { existsSync } from 'node:fs';
import path from 'node:path';

const VENV_PYTHONS = ['.venv/bin/python', 'venv/bin/python', '.venv/Scripts/python.exe', 'venv/Scripts/python.exe'];

/** The interpreter for the project in `dir`. */
export function pickPython(dir: string, explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  if (explicit) return explicit;
  for (const candidate of VENV_PYTHONS) {
    const full = path.join(dir, candidate);
    if (existsSync(full)) return full;
  }
  return env.SLUICE_PYTHON || 'python3';
}
