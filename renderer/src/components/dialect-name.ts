/** Human names for the dialects the core reports. */
import type { ServerReport } from '../../../app/api/contract';

const NAMES: Record<ServerReport['dialect'], string> = { postgres: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB' };
const SHORT: Record<ServerReport['dialect'], string> = { postgres: 'PG', mysql: 'My', mariadb: 'Ma' };

/** `PostgreSQL`, `MySQL`, `MariaDB`. */
export const dialectName = (dialect: ServerReport['dialect']): string => NAMES[dialect];

/** A two-letter mark for tight places (sidebar icon). */
export const dialectMark = (dialect: ServerReport['dialect']): string => SHORT[dialect];
