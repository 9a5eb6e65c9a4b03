import { describe, expect, it } from 'vitest';
import { fileLines, flywayChecksum, sluiceChecksum } from '../../../app/migrations/checksum';

// Reference values computed with java.util.zip.CRC32 over BufferedReader.readLine(), BOM dropped,
// exactly as Flyway's ChecksumCalculator.calculateChecksumForResource does.
const FLYWAY_REFERENCE: Array<[string, number]> = [
  ['CREATE TABLE widgets (\n  id integer PRIMARY KEY,\n  name varchar(100) NOT NULL\n);\n', -344439060],
  ['CREATE TABLE widgets (\r\n  id integer PRIMARY KEY,\r\n  name varchar(100) NOT NULL\r\n);\r\n', -344439060],
  ['\uFEFFSELECT 1;', 78787420],
  ['', 0],
  ["INSERT INTO t VALUES ('h\u00e9llo \u2603');\n\n\n", 558215081],
  ['line1\rline2\r', -2086620103],
];

describe('Flyway checksum', () => {
  it.each(FLYWAY_REFERENCE)('matches Flyway for %j', (text, expected) => {
    expect(flywayChecksum(text)).toBe(expected);
  });

  it('is a signed 32-bit integer', () => {
    for (const [text] of FLYWAY_REFERENCE) {
      const value = flywayChecksum(text);
      expect(Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31).toBe(true);
    }
  });
});

describe('Sluice checksum', () => {
  it('ignores line endings and a BOM, like Flyway', () => {
    expect(sluiceChecksum('a\r\nb\r\n')).toBe(sluiceChecksum('a\nb\n'));
    expect(sluiceChecksum('\uFEFFa\nb')).toBe(sluiceChecksum('a\nb\n'));
  });

  it('changes when the content changes', () => {
    expect(sluiceChecksum('CREATE TABLE a (x int);')).not.toBe(sluiceChecksum('CREATE TABLE a (x bigint);'));
  });

  it('splits lines the way readLine does', () => {
    expect(fileLines('a\rb\r\nc\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(fileLines('a\n')).toEqual(['a']);
    expect(fileLines('a\n\n')).toEqual(['a', '']);
  });
});
