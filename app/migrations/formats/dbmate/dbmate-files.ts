/**
 * dbmate's folder: `{version}_{name}.sql` (the version is the leading digits), each file with a
 * `-- migrate:up` block and a `-- migrate:down` block; `transaction:false` after a directive
 * runs that block outside a transaction, as dbmate does.
 */
import { sluiceChecksum } from '../../checksum';
import type { LocalMigration, MigrationScript } from '../../model';
import { compareDigits, invalidSource, listFiles, readText } from '../../source-files';
import { hasNoTransactionMarker } from '../../split-statements';

/** dbmate's file-name pattern (pkg/dbmate migrationFileRegexp): the digits are the version. */
export const DBMATE_FILE = /^(\d+).*\.sql$/;

const UP = /^--\s*migrate:up(\s*$|\s+\S+)/m;
const DOWN = /^--\s*migrate:down(\s*$|\s+\S+)$/m;

/** The two blocks of a dbmate file with their options. */
export interface DbmateBlocks {
  up: MigrationScript;
  down: MigrationScript;
}

function options(block: string): Map<string, string> {
  const directive = (block.split('\n', 1)[0] ?? '').replace(/^--\s*migrate:(up|down)/, '').trim();
  const out = new Map<string, string>();
  for (const pair of directive.split(/\s+/).filter(Boolean)) {
    const parts = pair.split(':');
    if (parts.length === 2) out.set(parts[0] as string, parts[1] as string);
  }
  return out;
}

function script(block: string): MigrationScript {
  return { sql: block, noTransaction: options(block).get('transaction') === 'false' || hasNoTransactionMarker(block) };
}

/** Splits a dbmate file into its blocks the way dbmate's parseMigrationContents does. */
export function parseDbmateFile(file: string, contents: string): DbmateBlocks {
  const up = UP.exec(contents);
  const down = DOWN.exec(contents);
  if (!up) throw invalidSource(file, "dbmate requires an up block starting with '-- migrate:up'.");
  if (!down) throw invalidSource(file, "dbmate requires a down block starting with '-- migrate:down'.");
  if (up.index > down.index) throw invalidSource(file, "'-- migrate:up' must come before '-- migrate:down'.");
  const before = contents.slice(0, up.index).split('\n');
  if (before.some((line) => line.trim() !== '' && !/^\s*--/.test(line))) throw invalidSource(file, "dbmate allows no statements before '-- migrate:up'.");
  return { up: script(contents.slice(up.index, down.index)), down: script(contents.slice(down.index)) };
}

/** Reads the folder into migrations ordered by version. */
export async function listDbmate(dir: string): Promise<LocalMigration[]> {
  const files = (await listFiles(dir)).filter((f) => DBMATE_FILE.test(f));
  const seen = new Map<string, string>();
  const migrations = await Promise.all(
    files.map(async (file) => {
      const version = (DBMATE_FILE.exec(file) as RegExpExecArray)[1] as string;
      const other = seen.get(version);
      if (other) throw invalidSource(file, `version ${version} is also used by ${other}.`);
      seen.set(version, file);
      const text = await readText(dir, file);
      const blocks = parseDbmateFile(file, text);
      const downBody = blocks.down.sql.split('\n').slice(1).join('\n');
      const reversible = downBody.split('\n').some((line) => line.trim() !== '' && !/^\s*--/.test(line));
      return {
        id: version,
        name: file.replace(/^\d+_?/, '').replace(/\.sql$/, ''),
        file,
        downFile: reversible ? file : null,
        checksum: sluiceChecksum(text),
        up: blocks.up,
        down: reversible ? blocks.down : null,
        reversible,
        dependencies: [],
      } satisfies LocalMigration;
    }),
  );
  return migrations.sort((a, b) => compareDigits(a.id, b.id));
}
