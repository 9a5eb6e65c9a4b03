import { describe, expect, it } from 'vitest';
import { detectFormatFromFiles } from '../../../app/migrations/formats/detect-format';

describe('format detection', () => {
  it('recognises a Django project by manage.py', () => {
    expect(detectFormatFromFiles(['manage.py', 'shop/settings.py'])).toBe('django');
  });

  it('recognises golang-migrate before dbmate (its names match both)', () => {
    expect(detectFormatFromFiles(['1_init.up.sql', '1_init.down.sql'])).toBe('golang-migrate');
  });

  it('recognises Flyway, also in subfolders', () => {
    expect(detectFormatFromFiles(['V1__init.sql'])).toBe('flyway');
    expect(detectFormatFromFiles(['release1/V1_1__init.sql'])).toBe('flyway');
  });

  it('recognises dbmate', () => {
    expect(detectFormatFromFiles(['20240101000001_init.sql'])).toBe('dbmate');
  });

  it('returns null for a folder of something else', () => {
    expect(detectFormatFromFiles(['README.md', 'schema.sql'])).toBeNull();
  });
});
