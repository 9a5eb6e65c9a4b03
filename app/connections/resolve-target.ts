/** Turns a URL plus an optional password (or the PGPASSWORD/MYSQL_PWD convention) into a config. */
import type { ConnectionConfig } from './connection-config';
import { parseConnectionUrl } from './parse-url';

/** Where a password may come from besides the URL. */
export interface PasswordSources {
  explicit?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  readOnly?: boolean | undefined;
}

/** Parses the URL and fills the password: explicit first, then the URL, then the dialect's env variable. */
export function resolveTarget(url: string, sources: PasswordSources = {}): ConnectionConfig {
  const config = parseConnectionUrl(url);
  const envName = config.dialect === 'postgres' ? 'PGPASSWORD' : 'MYSQL_PWD';
  const password = sources.explicit ?? config.password ?? sources.env?.[envName];
  const withPassword = password === undefined ? config : { ...config, password };
  return sources.readOnly ? { ...withPassword, readOnly: true } : withPassword;
}
