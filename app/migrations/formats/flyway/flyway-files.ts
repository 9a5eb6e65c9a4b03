/**
 * Flyway's folder (scanned recursively, like a Flyway location): `V{version}__{description}.sql`
 * versioned migrations, `U{version}__{description}.sql` undo migrations and `R__{description}.sql`
 * repeatable ones (after the versioned ones, by description, as Flyway orders them); `_` in a
 * version means `.`, and in a description a space. A `{file}.conf` with
 * `executeInTransaction=false` runs the script outside a transaction, as Flyway does.
 */
import path from 'node:path';
import { flywayChecksum } from '../../checksum';
import type { LocalMigration } from '../../model';
import { invalidSource, listFiles, readText } from '../../source-files';
import { hasNoTransactionMarker } from '../../split-statements';

/** Flyway's default naming for versioned (V) and undo (U) migrations: prefix, version, `__`, description, `.sql`. */
export const FLYWAY_FILE = /^([VU])(\d+(?:[._]\d+)*)__(.*)\.sql$/;
const REPEATABLE = /^R__(.*)\.sql$/;

/** A parsed Flyway file name. */
export interface FlywayName {
  kind: 'versioned' | 'undo' | 'repeatable';
  /** Normalised as Flyway displays it: `1_1` becomes `1.1`; empty for repeatable migrations. */
  version: string;
  description: string;
}

/** Parses a base file name, or returns null when Flyway would not treat it as a SQL migration. */
export function parseFlywayName(base: string): FlywayName | null {
  const repeatable = REPEATABLE.exec(base);
  if (repeatable) return { kind: 'repeatable', version: '', description: (repeatable[1] as string).replace(/_/g, ' ') };
  const m = FLYWAY_FILE.exec(base);
  if (!m) return null;
  return {
    kind: m[1] === 'V' ? 'versioned' : 'undo',
    version: (m[2] as string).replace(/_/g, '.'),
    description: (m[3] as string).replace(/_/g, ' '),
  };
}

/** The id of a repeatable migration: `R__` and its description, spaces written as `_` (Flyway keys repeatables by description). */
export function repeatableId(description: string): string {
  return `R__${description.replace(/ /g, '_')}`;
}

/** Orders versions as Flyway does: numeric parts left to right, missing parts count as 0. */
export function compareFlywayVersions(a: string, b: string): number {
  const pa = a.split('.').map(BigInt);
  const pb = b.split('.').map(BigInt);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0n;
    const y = pb[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** One key per version as Flyway compares them: numeric parts, trailing zeros dropped ("1.0" and "1" are one version). */
export function flywayVersionKey(version: string): string {
  const parts = version.split('.').map((p) => BigInt(p).toString());
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  return parts.join('.');
}

async function noTransaction(dir: string, file: string, files: ReadonlySet<string>, sql: string): Promise<boolean> {
  if (hasNoTransactionMarker(sql)) return true;
  if (!files.has(`${file}.conf`)) return false;
  const conf = await readText(dir, `${file}.conf`);
  return /^\s*executeInTransaction\s*=\s*false\s*$/im.test(conf);
}

/** Reads the folder into versioned migrations ordered by version, each with its undo script when there is one. */
export async function listFlyway(dir: string): Promise<LocalMigration[]> {
  const files = await listFiles(dir, true);
  const fileSet = new Set(files);
  const versioned = new Map<string, { version: string; file: string; description: string }>();
  const undo = new Map<string, string>();
  const repeatable = new Map<string, { file: string; description: string }>();
  for (const file of files) {
    const name = parseFlywayName(path.posix.basename(file));
    if (!name) continue;
    if (name.kind === 'repeatable') {
      const id = repeatableId(name.description);
      if (repeatable.has(id)) throw invalidSource(file, `the repeatable migration "${name.description}" exists twice (Flyway keys them by description).`);
      repeatable.set(id, { file, description: name.description });
      continue;
    }
    const key = flywayVersionKey(name.version);
    if ((name.kind === 'versioned' ? versioned : undo).has(key)) throw invalidSource(file, `version ${name.version} is used twice.`);
    if (name.kind === 'versioned') versioned.set(key, { version: name.version, file, description: name.description });
    else undo.set(key, file);
  }
  const keys = [...versioned.keys()].sort(compareFlywayVersions);
  const repeatables = [...repeatable.entries()].sort(([, a], [, b]) => (a.description < b.description ? -1 : a.description > b.description ? 1 : 0));
  const versionedMigrations = Promise.all(
    keys.map(async (key) => {
      const { version, file, description } = versioned.get(key)!;
      const undoFile = undo.get(key) ?? null;
      const [sql, undoSql] = await Promise.all([readText(dir, file), undoFile ? readText(dir, undoFile) : Promise.resolve(null)]);
      return {
        id: version,
        name: description,
        file,
        downFile: undoFile,
        checksum: String(flywayChecksum(sql)),
        up: { sql, noTransaction: await noTransaction(dir, file, fileSet, sql) },
        down: undoSql === null || undoFile === null ? null : { sql: undoSql, noTransaction: await noTransaction(dir, undoFile, fileSet, undoSql) },
        reversible: undoSql !== null,
        dependencies: [],
      } satisfies LocalMigration;
    }),
  );
  const repeatableMigrations = Promise.all(
    repeatables.map(async ([id, { file, description }]) => {
      const sql = await readText(dir, file);
      return {
        id,
        name: description,
        file,
        downFile: null,
        checksum: String(flywayChecksum(sql)),
        up: { sql, noTransaction: await noTransaction(dir, file, fileSet, sql) },
        down: null,
        reversible: false,
        dependencies: [],
        repeatable: true,
      } satisfies LocalMigration;
    }),
  );
  return [...(await versionedMigrations), ...(await repeatableMigrations)];
}
