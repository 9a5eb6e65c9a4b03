/** golang-migrate's folder: `{version}_{title}.up.{ext}` and `.down.{ext}`, version an unsigned integer. */
import { sluiceChecksum } from '../../checksum';
import type { LocalMigration } from '../../model';
import { compareDigits, invalidSource, listFiles, readText } from '../../source-files';
import { hasNoTransactionMarker } from '../../split-statements';

/** golang-migrate's file-name pattern (source/parse.go): version, title, direction, extension. */
export const GOLANG_MIGRATE_FILE = /^([0-9]+)_(.*)\.(down|up)\.(.*)$/;

/** A parsed golang-migrate file name. */
export interface GolangMigrateName {
  /** The version as golang-migrate stores it: the digits as an integer, without leading zeros. */
  version: string;
  title: string;
  direction: 'up' | 'down';
}

/** Parses a file name, or returns null when golang-migrate would not read it. */
export function parseGolangMigrateName(file: string): GolangMigrateName | null {
  const m = GOLANG_MIGRATE_FILE.exec(file);
  if (!m || file.includes('/')) return null;
  return { version: BigInt(m[1] as string).toString(), title: m[2] as string, direction: m[3] as 'up' | 'down' };
}

/** Reads the folder into migrations ordered by version. */
export async function listGolangMigrate(dir: string): Promise<LocalMigration[]> {
  const pairs = new Map<string, { title: string; up?: string; down?: string }>();
  for (const file of await listFiles(dir)) {
    const name = parseGolangMigrateName(file);
    if (!name) continue;
    const pair = pairs.get(name.version) ?? { title: name.title };
    if (pair[name.direction]) throw invalidSource(file, `a second ${name.direction} file for version ${name.version} (also ${pair[name.direction]}).`);
    pair[name.direction] = file;
    pairs.set(name.version, pair);
  }
  const versions = [...pairs.keys()].sort(compareDigits);
  return Promise.all(
    versions.map(async (version) => {
      const pair = pairs.get(version)!;
      if (!pair.up) throw invalidSource(pair.down ?? version, `version ${version} has a down file but no up file.`);
      const [upSql, downSql] = await Promise.all([readText(dir, pair.up), pair.down ? readText(dir, pair.down) : Promise.resolve(null)]);
      return {
        id: version,
        name: pair.title,
        file: pair.up,
        downFile: pair.down ?? null,
        checksum: sluiceChecksum(upSql),
        up: { sql: upSql, noTransaction: hasNoTransactionMarker(upSql) },
        down: downSql === null ? null : { sql: downSql, noTransaction: hasNoTransactionMarker(downSql) },
        reversible: downSql !== null,
        dependencies: [],
      };
    }),
  );
}
