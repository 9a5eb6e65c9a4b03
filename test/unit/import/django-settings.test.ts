import { describe, expect, it } from 'vitest';
import { SluiceError } from '../../../app/api/errors';
import { importDjangoSettings, type DjangoImport } from '../../../app/connections/import/django-settings';
import { importConnectionText } from '../../../app/connections/import/import-text';

function entry(text: string, options: { alias?: string } = {}): Extract<DjangoImport, { kind: 'entry' }> {
  const result = importDjangoSettings(text, options);
  if (result.kind !== 'entry') throw new Error(`expected an entry, got ${result.kind}`);
  return result;
}

function errorOf(fn: () => unknown): SluiceError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SluiceError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

const DIGITALOCEAN = `
"""Django settings for shop."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS: list[str] = ["shop.example.com"]

# Managed PostgreSQL on DigitalOcean
DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'defaultdb',
        'USER': 'doadmin',
        'PASSWORD': 'AVNS_Xy9-secret',   # shown once in the control panel
        'HOST': 'db-postgresql-fra1-41234-do-user-1-0.b.db.ondigitalocean.com',
        'PORT': '25060',
        'OPTIONS': {
            'sslmode': 'verify-full',
            'sslrootcert': '/etc/ssl/do/ca-certificate.crt',
        },
        'CONN_MAX_AGE': 600,
        'TEST': {'NAME': 'test_defaultdb'},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.UserAttributeSimilarityValidator'},
]
`;

const RDS_MYSQL = `DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": "orders",
        "USER": "admin",
        "PASSWORD": os.environ["RDS_PASSWORD"],
        "HOST": "orders.c1abcdef.eu-west-1.rds.amazonaws.com",
        "PORT": 3306,
        "OPTIONS": {
            "ssl": {"ca": "/opt/certs/eu-west-1-bundle.pem", "check_hostname": True},
            "charset": "utf8mb4",
            "init_command": "SET sql_mode='STRICT_TRANS_TABLES'",
        },
    },
    "replica": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": "orders",
        "USER": "admin",
        "PASSWORD": os.environ["RDS_PASSWORD"],
        "HOST": "orders-ro.c1abcdef.eu-west-1.rds.amazonaws.com",
        "PORT": 3306,
    },
    "analytics": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "warehouse",
        "HOST": "warehouse.internal",
    },
}`;

const AZURE = `DATABASES = {
  'default': {
    'ENGINE': 'django.contrib.gis.db.backends.postgis',
    'NAME': os.getenv('AZURE_POSTGRESQL_NAME', 'geo'),
    'HOST': os.getenv('AZURE_POSTGRESQL_HOST', 'geo-prod.postgres.database.azure.com'),
    'USER': os.getenv('AZURE_POSTGRESQL_USER', 'geoadmin'),
    'PASSWORD': os.getenv('AZURE_POSTGRESQL_PASSWORD'),
    'PORT': int(os.getenv('AZURE_POSTGRESQL_PORT', 5432)),
    'OPTIONS': {'sslmode': 'require'},
  }
}`;

describe('importDjangoSettings: realistic settings.py', () => {
  it('reads a whole DigitalOcean settings.py with a verify-full CA file', () => {
    const r = entry(DIGITALOCEAN);
    expect(r.alias).toBe('default');
    expect(r.password).toBe('AVNS_Xy9-secret');
    expect(r.draft).toMatchObject({
      dialect: 'postgres',
      host: 'db-postgresql-fra1-41234-do-user-1-0.b.db.ondigitalocean.com',
      port: 25060,
      database: 'defaultdb',
      user: 'doadmin',
      ssl: { mode: 'verify-full', ca: { kind: 'file', path: '/etc/ssl/do/ca-certificate.crt' } },
      environment: 'production',
      replicas: [],
    });
    expect(JSON.stringify(r.warnings)).not.toContain('AVNS_Xy9-secret');
  });

  it('reads RDS MySQL with an ssl dict, a password from the environment and a replica alias', () => {
    const r = entry(RDS_MYSQL);
    expect(r.password).toBeUndefined();
    expect(r.draft).toMatchObject({
      dialect: 'mysql',
      host: 'orders.c1abcdef.eu-west-1.rds.amazonaws.com',
      port: 3306,
      database: 'orders',
      user: 'admin',
      // check_hostname=True with a CA: the MySQL client's VERIFY_IDENTITY.
      ssl: { mode: 'verify-full', ca: { kind: 'file', path: '/opt/certs/eu-west-1-bundle.pem' } },
      replicas: [{ name: 'replica', host: 'orders-ro.c1abcdef.eu-west-1.rds.amazonaws.com', port: 3306 }],
    });
    expect(r.aliases).toEqual(['default', 'replica', 'analytics']);
    expect(r.warnings).toContainEqual(expect.stringMatching(/PASSWORD .*RDS_PASSWORD/));
    expect(r.warnings).toContainEqual(expect.stringMatching(/also defines analytics/));
  });

  it('imports another alias on request', () => {
    const r = entry(RDS_MYSQL, { alias: 'analytics' });
    expect(r.draft).toMatchObject({ dialect: 'postgres', host: 'warehouse.internal', database: 'warehouse', port: 5432, name: 'analytics' });
  });

  it('reads Azure-style os.getenv defaults, naming each variable, and maps PostGIS to PostgreSQL', () => {
    const r = entry(AZURE);
    expect(r.draft).toMatchObject({ dialect: 'postgres', host: 'geo-prod.postgres.database.azure.com', port: 5432, database: 'geo', user: 'geoadmin', ssl: { mode: 'require' } });
    expect(r.password).toBeUndefined();
    const text = r.warnings.join('\n');
    expect(text).toMatch(/HOST is read from the environment variable AZURE_POSTGRESQL_HOST/);
    expect(text).toMatch(/PASSWORD is computed by the environment variable AZURE_POSTGRESQL_PASSWORD/);
    expect(text).toMatch(/require encrypts but verifies nothing/);
  });

  it('reads a bare dict, a single entry, and the inside of a dict', () => {
    const inner = `{'ENGINE': 'django.db.backends.postgresql_psycopg2', 'NAME': 'app', 'USER': 'u', 'PASSWORD': 'pw-1234', 'HOST': 'db', 'PORT': 5433}`;
    expect(entry(inner).draft).toMatchObject({ host: 'db', port: 5433, database: 'app' });
    expect(entry(`{'default': ${inner}}`).draft.port).toBe(5433);
    expect(entry(`'default': ${inner},`).draft.port).toBe(5433);
    expect(entry(`'ENGINE': 'django.db.backends.mysql', 'NAME': 'x', 'HOST': 'h', # comment\n`).draft).toMatchObject({ dialect: 'mysql', host: 'h', port: 3306 });
  });

  it('understands Python quoting, comments, trailing commas and literals', () => {
    const r = entry(`DATABASES = {  # main
      "default": dict(
          ENGINE="django.db.backends.postgresql",
          NAME='''app''',
          USER=r"us\\er",
          PASSWORD="pa" 'ss' """word""" "\\x21\\u00e9\\n",
          HOST=("db."
                "example.com"),
          PORT=None,
          ATOMIC_REQUESTS=True,
          OPTIONS={'connect_timeout': 5, 'sslmode': "verify-ca", 'sslrootcert': '~/ca.pem',},
      ),
    }`);
    expect(r.draft).toMatchObject({ database: 'app', user: 'us\\er', host: 'db.example.com', port: 5432, connectTimeoutMs: 5000 });
    expect(r.draft.ssl).toMatchObject({ mode: 'verify-ca', ca: { kind: 'file' } });
    expect(r.password).toBe('password!é\n');
  });

  it('reads a dj_database_url default URL, with a warning that the app reads DATABASE_URL', () => {
    const r = importConnectionText(`DATABASES = {'default': dj_database_url.config(default='postgres://app:p%40ss@db.internal:6432/app?sslmode=verify-full', conn_max_age=600)}`);
    expect(r.source).toBe('django');
    expect(r.password).toBe('p@ss');
    expect(r.draft).toMatchObject({ host: 'db.internal', port: 6432, ssl: { mode: 'verify-full' } });
    expect(r.warnings[0]).toMatch(/DATABASE_URL/);
  });

  it('takes the first DATABASES assignment and reports later changes it did not run', () => {
    const r = entry(`if DEBUG:
    DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'dev', 'HOST': 'localhost'}}
else:
    DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'prod', 'HOST': 'prod.db'}}
DATABASES['default']['CONN_MAX_AGE'] = 60
`);
    expect(r.draft.database).toBe('dev');
    expect(r.draft.environment).toBe('development');
    expect(r.warnings.join('\n')).toMatch(/assigned again on line 4/);
    expect(r.warnings.join('\n')).toMatch(/changed on line 5/);
  });

  it('uses verify-full by default for a remote server and prefer for localhost, saying why', () => {
    const remote = entry(`{'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com', 'NAME': 'x'}`);
    expect(remote.draft.ssl).toEqual({ mode: 'verify-full', ca: { kind: 'system' } });
    expect(remote.warnings.join()).toMatch(/verify-full/);
    const local = entry(`{'ENGINE': 'django.db.backends.postgresql', 'HOST': '', 'NAME': 'x'}`);
    expect(local.draft).toMatchObject({ host: 'localhost', ssl: { mode: 'prefer' } });
  });
});

describe('importDjangoSettings: errors are typed and never echo the text', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['an unterminated password', `{'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': 'Hunter2-SECRET}`, /never closed.*line 1, column 57/],
    ['a missing comma', `{'ENGINE': 'django.db.backends.postgresql' 'NAME': 'x'}`, /Expected "," or "}".*line 1, column 50/],
    ['a set instead of a dict', `{'ENGINE' 'django.db.backends.postgresql'}`, /this is a set; is a ":" missing/],
    ['a key without a value', `{'ENGINE': }`, /Expected a value/],
    ['sqlite', `{'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': BASE_DIR / 'db.sqlite3'}}`, /sqlite3\) is none of them/],
    ['no ENGINE', `{'NAME': 'x', 'PASSWORD': 'Hunter2-SECRET'}`, /no ENGINE/],
    ['a computed ENGINE', `{'ENGINE': os.environ['ENGINE']}`, /ENGINE must be a literal/],
    ['a bad port', `{'ENGINE': 'django.db.backends.mysql', 'PORT': 'Hunter2-SECRET'}`, /PORT must be a number/],
    ['a list as HOST', `{'ENGINE': 'django.db.backends.mysql', 'HOST': ['a']}`, /HOST must be a string/],
    ['an unknown alias', `{'default': {'ENGINE': 'django.db.backends.mysql'}}`, /no alias other/],
    ['plain prose', 'hello there', /No DATABASES setting/],
    ['a computed DATABASES', 'DATABASES = get_databases(env)', /computed by get_databases/],
    ['an unclosed dict', `DATABASES = {'default': {'ENGINE': 'x'}`, /never closed/],
    ['a client cert without a key', `{'ENGINE': 'django.db.backends.postgresql', 'OPTIONS': {'sslcert': '/c.pem'}}`, /both a certificate and a key/],
  ];
  for (const [what, text, message] of cases) {
    it(`rejects ${what} with DJANGO_SETTINGS_INVALID`, () => {
      const err = errorOf(() => importDjangoSettings(text, what === 'an unknown alias' ? { alias: 'other' } : {}));
      expect(err.code).toBe('DJANGO_SETTINGS_INVALID');
      expect(err.message).toMatch(message);
      expect(JSON.stringify(err.toApiError())).not.toContain('Hunter2');
    });
  }

  it('bounds nesting depth', () => {
    const deep = `{'ENGINE': 'django.db.backends.mysql', 'OPTIONS': ${'['.repeat(100)}${']'.repeat(100)}}`;
    expect(errorOf(() => importDjangoSettings(deep)).message).toMatch(/nested more than 32/);
  });

  it('bounds the length of the text', () => {
    expect(errorOf(() => importDjangoSettings(`{${' '.repeat(1_000_001)}}`)).code).toBe('DJANGO_SETTINGS_INVALID');
  });
});
