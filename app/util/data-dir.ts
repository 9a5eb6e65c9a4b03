/** Where the CLI and web door keep Sluice's files when Electron's userData is not available. */
import os from 'node:os';
import path from 'node:path';

/** `$SLUICE_DATA_DIR`, else the platform's per-user config folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SLUICE_DATA_DIR) return env.SLUICE_DATA_DIR;
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Sluice');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Sluice');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'sluice');
}
