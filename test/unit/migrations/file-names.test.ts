import { describe, expect, it } from 'vitest';
import { parseDbmateFile, DBMATE_FILE } from '../../../app/migrations/formats/dbmate/dbmate-files';
import { compareFlywayVersions, parseFlywayName } from '../../../app/migrations/formats/flyway/flyway-files';
import { parseGolangMigrateName } from '../../../app/migrations/formats/golang-migrate/golang-migrate-files';

describe('golang-migrate file names', () => {
  it('reads version, title and direction', () => {
    expect(parseGolangMigrateName('0001_create_users.up.sql')).toEqual({ version: '1', title: 'create_users', direction: 'up' });
    expect(parseGolangMigrateName('20240101120000_add_index.down.sql')).toEqual({ version: '20240101120000', title: 'add_index', direction: 'down' });
  });

  it('ignores files golang-migrate would not read', () => {
    expect(parseGolangMigrateName('README.md')).toBeNull();
    expect(parseGolangMigrateName('1_x.sql')).toBeNull();
    expect(parseGolangMigrateName('v1_x.up.sql')).toBeNull();
  });
});

describe('Flyway file names', () => {
  it('reads versioned, undo and repeatable migrations', () => {
    expect(parseFlywayName('V1__init.sql')).toEqual({ kind: 'versioned', version: '1', description: 'init' });
    expect(parseFlywayName('V1_1__Add_user_email.sql')).toEqual({ kind: 'versioned', version: '1.1', description: 'Add user email' });
    expect(parseFlywayName('V2.0.3__x.sql')).toEqual({ kind: 'versioned', version: '2.0.3', description: 'x' });
    expect(parseFlywayName('U1_1__Add_user_email.sql')).toEqual({ kind: 'undo', version: '1.1', description: 'Add user email' });
    expect(parseFlywayName('R__views.sql')).toEqual({ kind: 'repeatable', version: '', description: 'views' });
  });

  it('ignores other files', () => {
    expect(parseFlywayName('V1_init.sql')).toBeNull();
    expect(parseFlywayName('Vx__init.sql')).toBeNull();
    expect(parseFlywayName('V1__init.txt')).toBeNull();
  });

  it('orders versions numerically, trailing zeros equal', () => {
    expect(['1.10', '1.2', '2', '1'].sort(compareFlywayVersions)).toEqual(['1', '1.2', '1.10', '2']);
    expect(compareFlywayVersions('1.0', '1')).toBe(0);
  });
});

describe('dbmate files', () => {
  it('takes the leading digits as the version', () => {
    expect(DBMATE_FILE.exec('20240101000001_create_widgets.sql')?.[1]).toBe('20240101000001');
    expect(DBMATE_FILE.test('create.sql')).toBe(false);
  });

  it('splits the up and down blocks and reads transaction:false', () => {
    const blocks = parseDbmateFile('1_x.sql', '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n\n-- migrate:down\nDROP INDEX i;\n');
    expect(blocks.up.noTransaction).toBe(true);
    expect(blocks.up.sql).toContain('CREATE INDEX CONCURRENTLY');
    expect(blocks.down.noTransaction).toBe(false);
    expect(blocks.down.sql).toContain('DROP INDEX i');
  });

  it('refuses a file without a down block, or statements before the up block', () => {
    expect(() => parseDbmateFile('1_x.sql', '-- migrate:up\nSELECT 1;\n')).toThrow(/down block/);
    expect(() => parseDbmateFile('1_x.sql', 'SELECT 0;\n-- migrate:up\nSELECT 1;\n-- migrate:down\n')).toThrow(/no statements before/);
  });
});
