/** The SQL folder formats Sluice reads, each a small value: detection, listing, ordering, history. */
import path from 'node:path';
import { compareDigits } from '../source-files';
import { dbmateHistory } from './dbmate/dbmate-history';
import { DBMATE_FILE, listDbmate } from './dbmate/dbmate-files';
import { compareFlywayVersions, listFlyway, parseFlywayName } from './flyway/flyway-files';
import { flywayHistory } from './flyway/flyway-history';
import { golangMigrateHistory } from './golang-migrate/golang-migrate-history';
import { listGolangMigrate, parseGolangMigrateName } from './golang-migrate/golang-migrate-files';
import type { SqlFormat, SqlFormatName } from './sql-format';

/** golang-migrate: `{version}_{title}.up.sql` / `.down.sql`. */
export const golangMigrate: SqlFormat = {
  name: 'golang-migrate',
  detect: (files) => files.some((f) => parseGolangMigrateName(f) !== null),
  list: listGolangMigrate,
  compare: compareDigits,
  history: golangMigrateHistory,
};

/** dbmate: `{version}_{name}.sql` with `-- migrate:up` / `-- migrate:down` blocks. */
export const dbmate: SqlFormat = {
  name: 'dbmate',
  detect: (files) => files.some((f) => !f.includes('/') && DBMATE_FILE.test(f)),
  list: listDbmate,
  compare: compareDigits,
  history: dbmateHistory,
};

/** Flyway: `V{version}__{description}.sql`, `U…` undo. */
export const flyway: SqlFormat = {
  name: 'flyway',
  detect: (files) => files.some((f) => parseFlywayName(path.posix.basename(f))?.kind === 'versioned'),
  list: listFlyway,
  compare: compareFlywayVersions,
  history: flywayHistory,
};

/** In detection order: golang-migrate's names also match dbmate's pattern, so it goes first. */
export const SQL_FORMATS: readonly SqlFormat[] = [golangMigrate, flyway, dbmate];

/** The SQL format by name. */
export function sqlFormat(name: SqlFormatName): SqlFormat {
  return SQL_FORMATS.find((f) => f.name === name) as SqlFormat;
}
