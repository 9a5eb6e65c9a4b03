/**
 * Fuzzing the two importers with fast-check: whatever the text, the answer is a result or a
 * SluiceError with the importer's own code (INVALID_URL, DJANGO_SETTINGS_INVALID), never
 * another exception, and no error ever carries the password the text held.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SluiceError } from '../../../app/api/errors';
import { importDjangoSettings } from '../../../app/connections/import/django-settings';
import { importConnectionText } from '../../../app/connections/import/import-text';
import { parseConnectionUrl, sslFromParams } from '../../../app/connections/parse-url';
import { mutated, password, pyString } from './arbitraries';

const RUNS = 5_000;
const figures: string[] = [];
afterAll(() => console.info(`import fuzz figures:\n  ${figures.join('\n  ')}`));

/** Runs `fn`, returning the SluiceError it throws (any other exception fails the property). */
function outcome(fn: () => unknown): SluiceError | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof SluiceError) return err;
    throw err;
  }
}

/** Neither the error nor, on success, the warnings (both reach the renderer) may spell the password. */
function expectNoSecret(error: SluiceError | null, secret: string, warnings: readonly string[] = []): void {
  const shown = JSON.stringify(error ? error.toApiError() : warnings);
  for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) expect(shown).not.toContain(form);
}

function timed(name: string, runs: number, body: () => void): void {
  const started = performance.now();
  body();
  figures.push(`${name}: ${runs} cases in ${Math.round(performance.now() - started)} ms`);
}

// ---------------------------------------------------------------- URLs

const urlPiece = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 6, unit: 'binary' }),
  fc.constantFrom('@', ':', '/', '?', '#', '%', '%zz', '%40', '[', ']', '[::1]', '&', '=', ' ', '\\', 'sslmode=', 'ssl-mode=', 'verify-full', 'VERIFY_IDENTITY', 'sslrootcert=', 'sslcert=/c', 'sslkey=/k', 'hostaddr=', 'connect_timeout=', '65536', '0', '-1', '~/', 'system', 'dbname='),
);
const scheme = fc.constantFrom('postgres://', 'postgresql://', 'mysql://', 'mariadb://', 'POSTGRES://', 'http://', 'redis://', 'postgres:', 'postgresql:/', '');

/** A URL built from parts, the password raw (as users paste them) or percent-encoded. */
const urlWithPassword = fc
  .record({
    scheme,
    user: fc.oneof(fc.constant(''), fc.string({ maxLength: 10 })),
    secret: password,
    encode: fc.boolean(),
    host: fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6().map((h) => `[${h}]`), urlPiece),
    port: fc.oneof(fc.constant(''), fc.integer({ min: -5, max: 70_000 }).map((p) => `:${p}`), urlPiece.map((p) => `:${p}`)),
    path: fc.array(urlPiece, { maxLength: 3 }).map((parts) => parts.join('')),
    query: fc.array(fc.tuple(urlPiece, urlPiece), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
  })
  .map((p) => ({ secret: p.secret, url: `${p.scheme}${p.user}:${p.encode ? encodeURIComponent(p.secret) : p.secret}@${p.host}${p.port}/${p.path}${p.query ? `?${p.query}` : ''}` }));

describe('fuzzed URL import', () => {
  it(`parseConnectionUrl answers structured URLs with a config or INVALID_URL, never leaking the password (${RUNS} cases)`, () => {
    timed('parseConnectionUrl, structured URLs with a password', RUNS, () =>
      fc.assert(
        fc.property(urlWithPassword, ({ url, secret }) => {
          const error = outcome(() => parseConnectionUrl(url));
          if (error) expect(error.code).toBe('INVALID_URL');
          expectNoSecret(error, secret);
        }),
        { numRuns: RUNS },
      ),
    );
  });

  it(`parseConnectionUrl answers arbitrary text with a config or INVALID_URL (${RUNS} cases)`, () => {
    timed('parseConnectionUrl, arbitrary text', RUNS, () =>
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 200, unit: 'binary' }), fc.webUrl(), fc.array(urlPiece, { maxLength: 12 }).map((p) => `postgres://${p.join('')}`)), (text) => {
          const error = outcome(() => parseConnectionUrl(text));
          if (error) expect(error.code).toBe('INVALID_URL');
        }),
        { numRuns: RUNS },
      ),
    );
  });

  it(`the importer answers mutated URLs with a draft or a typed error, never leaking the password (${RUNS} cases)`, () => {
    const base = fc.tuple(urlWithPassword, fc.nat()).chain(([{ url, secret }]) => mutated(url).map((text) => ({ text, secret })));
    timed('importConnectionText, mutated URLs', RUNS, () =>
      fc.assert(
        fc.property(base, ({ text, secret }) => {
          let warnings: string[] = [];
          const error = outcome(() => (warnings = importConnectionText(text).warnings));
          if (error) expect(['INVALID_URL', 'DJANGO_SETTINGS_INVALID']).toContain(error.code);
          expectNoSecret(error, secret, warnings);
        }),
        { numRuns: RUNS },
      ),
    );
  });
});

// ---------------------------------------------------------------- Django

const PG_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

/** A DATABASES entry as a model, rendered as settings.py text in many styles. */
const djangoEntry = fc.record({
  engine: fc.constantFrom('django.db.backends.postgresql', 'django.db.backends.postgresql_psycopg2', 'django.contrib.gis.db.backends.postgis', 'django.db.backends.mysql'),
  name: fc.string({ maxLength: 20 }),
  user: fc.string({ minLength: 1, maxLength: 20 }),
  password,
  host: fc.oneof(fc.domain(), fc.ipV4()),
  port: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 65535 })),
  portAsString: fc.boolean(),
  sslmode: fc.option(fc.constantFrom(...PG_MODES), { nil: undefined }),
  rootcert: fc.option(fc.constantFrom('/etc/ssl/ca.pem', '/home/me/ca-certificate.crt'), { nil: undefined }),
  styles: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
  trailingComma: fc.boolean(),
  comments: fc.boolean(),
  wrap: fc.constantFrom('assignment', 'aliases', 'entry', 'fragment', 'settings-file', 'dict-call'),
});
type DjangoEntry = typeof djangoEntry extends fc.Arbitrary<infer T> ? T : never;

function render(e: DjangoEntry): string {
  const s = (value: string, i: number) => pyString(value, e.styles[i] ?? 0);
  const comma = e.trailingComma ? ',' : '';
  const note = (text: string) => (e.comments ? `  # ${text}` : '');
  const options: string[] = [];
  if (e.sslmode !== undefined) options.push(`${s('sslmode', 8)}: ${s(e.sslmode, 9)}`);
  if (e.rootcert !== undefined) options.push(`${s('sslrootcert', 10)}: ${s(e.rootcert, 11)}`);
  const port = e.port === undefined ? [] : [`${s('PORT', 6)}: ${e.portAsString ? s(String(e.port), 7) : String(e.port)}`];
  const fields = [
    `${s('ENGINE', 0)}: ${s(e.engine, 1)}`,
    `${s('NAME', 2)}: ${s(e.name, 3)}`,
    `'USER': ${s(e.user, 4)}`,
    `'PASSWORD': ${s(e.password, 5)}`,
    `"HOST": ${s(e.host, 6)}`,
    ...port,
    ...(options.length ? [`'OPTIONS': {${options.join(', ')}${comma}}`] : []),
  ];
  // A comment goes after the comma that ends its line, as people write them.
  const lines = fields.map((field, i) => `${field}${i < fields.length - 1 ? ',' : comma}${i === 3 ? note('rotate me') : ''}`);
  const body = `{\n        ${lines.join('\n        ')}\n    }`;
  switch (e.wrap) {
    case 'assignment':
      return `DATABASES = {\n    'default': ${body}${comma}\n}\n`;
    case 'aliases':
      return `{"default": ${body}}`;
    case 'entry':
      return body;
    case 'fragment':
      return `'default': ${body}${comma}`;
    case 'dict-call':
      return `DATABASES = dict(default=${body})`;
    case 'settings-file':
      return `import os\n${note('settings')}\nDEBUG = os.environ.get("DEBUG") == "1"\nINSTALLED_APPS = [\n    "django.contrib.admin",\n]\nDATABASES: dict = {'default': ${body}}\nUSE_TZ = True\n`;
  }
}

describe('fuzzed Django import', () => {
  it(`reads every rendering of a DATABASES entry back to the same connection (${RUNS} cases)`, () => {
    timed('importDjangoSettings, generated settings (round trip)', RUNS, () =>
      fc.assert(
        fc.property(djangoEntry, (e) => {
          const result = importDjangoSettings(render(e));
          if (result.kind !== 'entry') throw new Error('expected an entry');
          const pg = !e.engine.includes('mysql');
          expect(result.password).toBe(e.password);
          expect(result.draft).toMatchObject({ dialect: pg ? 'postgres' : 'mysql', host: e.host, port: e.port ?? (pg ? 5432 : 3306), database: e.name, user: e.user });
          if (pg && e.sslmode !== undefined) {
            // OPTIONS mean exactly what the same libpq parameters mean in a URL.
            const params = new URLSearchParams({ sslmode: e.sslmode, ...(e.rootcert ? { sslrootcert: e.rootcert } : {}) });
            expect(result.draft.ssl).toEqual(sslFromParams(params));
          }
          for (const warning of result.warnings) expect(warning).not.toContain(e.password);
        }),
        { numRuns: RUNS },
      ),
    );
  });

  it(`answers mutated settings with a draft or DJANGO_SETTINGS_INVALID, never leaking the password (${RUNS} cases)`, () => {
    const cases = djangoEntry.chain((e) => mutated(render(e)).map((text) => ({ text, secret: e.password })));
    timed('importDjangoSettings, mutated settings', RUNS, () =>
      fc.assert(
        fc.property(cases, ({ text, secret }) => {
          let warnings: string[] = [];
          const error = outcome(() => (warnings = importDjangoSettings(text).warnings));
          if (error) expect(error.code).toBe('DJANGO_SETTINGS_INVALID');
          expectNoSecret(error, secret, warnings);
        }),
        { numRuns: RUNS },
      ),
    );
  });

  const token = fc.oneof(
    fc.constantFrom('{', '}', '[', ']', '(', ')', ':', ',', '=', '**', '*', '.', '+', '-', '/', '%', '#c\n', '\n', '\\\n', ' ', 'DATABASES', 'DATABASES =', 'DATABASES[', "'default'", "'ENGINE'", "'django.db.backends.mysql'", "'django.db.backends.postgresql'", "'NAME'", "'HOST'", "'PORT'", "'OPTIONS'", "'ssl'", "'ca'", "'sslmode'", "'verify-full'", '"x"', "'''", '"""', "r'\\'", "b''", "f'{x}'", 'u"é"', 'True', 'None', 'False', '0x1F', '1_000', '3.5e2', '5432', '-1', '99999999999999999999', 'os.environ[', 'env(', 'os.getenv(', 'dj_database_url.config(', 'default=', 'dict(', 'lambda', 'for', 'in', 'if', 'else', 'not', '\'\\N{BULLET}\'', "'\\x4'", "'\\U0011FFFF'"),
    fc.string({ maxLength: 4, unit: 'binary' }),
  );

  it(`answers Python token soup with a draft or DJANGO_SETTINGS_INVALID (${RUNS} cases)`, () => {
    timed('importDjangoSettings, Python token soup', RUNS, () =>
      fc.assert(
        fc.property(fc.array(token, { maxLength: 60 }).map((t) => t.join(' ')), (text) => {
          const error = outcome(() => importDjangoSettings(text));
          if (error) expect(error.code).toBe('DJANGO_SETTINGS_INVALID');
        }),
        { numRuns: RUNS },
      ),
    );
  });

  it(`answers arbitrary text (either importer) with a result or its own typed error (${RUNS} cases)`, () => {
    timed('importConnectionText, arbitrary text', RUNS, () =>
      fc.assert(
        fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => {
          const error = outcome(() => importConnectionText(text));
          if (error) expect(['INVALID_URL', 'DJANGO_SETTINGS_INVALID']).toContain(error.code);
        }),
        { numRuns: RUNS },
      ),
    );
  });
});
