/** `sluice profiles …` and `sluice check --profile`, run in-process against a temp data dir. */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../app/cli';
import { freePorts } from '../../support/free-ports';

const PASSWORD = 'S3cret!pass-word';

describe('sluice profiles', () => {
  let dataDir: string;
  let out: string[];
  let err: string[];
  const run = (args: string[], env: Record<string, string> = {}) => {
    out = [];
    err = [];
    return main(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: { SLUICE_DATA_DIR: dataDir, ...env }, isTty: false });
  };
  const everything = async () => {
    const files = await Promise.all((await readdir(dataDir)).map((f) => readFile(path.join(dataDir, f), 'utf8')));
    return [...out, ...err, ...files].join('\n');
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sluice-cli-'));
  });

  it('adds, lists, exports and removes a profile; the password is not kept without SLUICE_SECRET_KEY', async () => {
    const url = `postgresql://app:${encodeURIComponent(PASSWORD)}@db.example.com:25060/orders?sslmode=verify-full&sslrootcert=/ca.pem`;
    expect(await run(['profiles', 'add', url, '--name', 'Orders', '--env', 'staging'])).toBe(0);
    expect(out[0]).toBe(`Saved ${out[0]?.match(/orders-[0-9a-f]{4}/)?.[0]}  Orders  [staging]  postgres app@db.example.com:25060/orders  ssl=verify-full  password=none`);
    expect(err.join('\n')).toMatch(/password was not saved.*SLUICE_SECRET_KEY/);
    expect(await everything()).not.toContain(PASSWORD);

    expect(await run(['profiles', 'list', '--json'])).toBe(0);
    const listed = JSON.parse(out[0] as string);
    expect(listed.value.profiles).toHaveLength(1);
    const id = listed.value.profiles[0].id as string;

    expect(await run(['profiles', 'export', 'Orders'])).toBe(0);
    expect(out).toEqual(['postgresql://app@db.example.com:25060/orders?sslmode=verify-full&sslrootcert=%2Fca.pem']);
    expect(await run(['profiles', 'export', id, '--with-password'])).toBe(0);
    expect(err.join('\n')).toMatch(/No password is saved/);

    expect(await run(['profiles', 'remove', id])).toBe(0);
    expect(await run(['profiles', 'list'])).toBe(0);
    expect(out).toEqual(['No saved profiles.']);
  });

  it('keeps the password in the encrypted file when SLUICE_SECRET_KEY is set, and exports it only when asked', async () => {
    const env = { SLUICE_SECRET_KEY: 'a long passphrase for tests' };
    expect(await run(['profiles', 'add', `mysql://shop:${encodeURIComponent(PASSWORD)}@mysql.example.com/shop?ssl-mode=REQUIRED`], env)).toBe(0);
    expect(out[0]).toMatch(/password=saved/);
    expect(await everything()).not.toContain(PASSWORD);
    expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['profiles.json', 'secrets.enc.json']));
    expect(await run(['profiles', 'export', 'shop on mysql.example.com'], env)).toBe(0);
    expect(out[0]).toBe('mysql://shop@mysql.example.com:3306/shop?ssl-mode=REQUIRED');
    expect(await run(['profiles', 'export', 'shop on mysql.example.com', '--with-password'], env)).toBe(0);
    expect(decodeURIComponent(new URL(out[0] as string).password)).toBe(PASSWORD);
    // A wrong key is a typed failure, not a crash, and leaves the file alone.
    const before = await readFile(path.join(dataDir, 'secrets.enc.json'));
    expect(await run(['profiles', 'export', 'shop on mysql.example.com', '--with-password', '--json'], { SLUICE_SECRET_KEY: 'wrong' })).toBe(1);
    expect(JSON.parse(out[0] as string).error.code).toBe('SECRET_KEY_WRONG');
    expect(await readFile(path.join(dataDir, 'secrets.enc.json'))).toEqual(before);
  });

  it('adds from a file of Django settings', async () => {
    const file = path.join(dataDir, 'settings.py');
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(file, `DATABASES = {\n  'default': {\n    'ENGINE': 'django.db.backends.postgresql',\n    'NAME': 'app',\n    'USER': 'app',\n    'PASSWORD': '${PASSWORD}',\n    'HOST': 'pg.internal',\n    'OPTIONS': {'sslmode': 'verify-ca', 'sslrootcert': '/ca.pem'},\n  }\n}\n`),
    );
    expect(await run(['profiles', 'add', '--from-file', file, '--env', 'development'])).toBe(0);
    expect(out[0]).toContain('app on pg.internal  [development]  postgres app@pg.internal:5432/app  ssl=verify-ca');
  });

  it('prints what is missing when a draft cannot be saved', async () => {
    expect(await run(['profiles', 'add', '--from-file', '/nonexistent/settings.py'])).toBe(1);
    expect(await run(['profiles', 'add', "{'ENGINE': 'django.db.backends.mysql', 'HOST': 'h', 'NAME': 'x'}"])).toBe(1);
    expect(err.join('\n')).toMatch(/BAD_INPUT[\s\S]*user/);
  });

  it('checks a saved profile, taking the password from PGPASSWORD, and never prints it', async () => {
    const port = (await freePorts(1))[0] as number;
    expect(await run(['profiles', 'add', `postgresql://app@127.0.0.1:${port}/app?sslmode=require&connect_timeout=2`, '--name', 'local'])).toBe(0);
    expect(await run(['check', '--profile', 'local', '--json'], { PGPASSWORD: PASSWORD })).toBe(1);
    expect(JSON.parse(out[0] as string).error.code).toBe('UNREACHABLE');
    expect(await everything()).not.toContain(PASSWORD);
    expect(await run(['check', '--profile', 'nope'])).toBe(1);
    expect(err[0]).toMatch(/PROFILE_NOT_FOUND/);
  });

  it('exits 2 on bad usage', async () => {
    expect(await run(['profiles'])).toBe(2);
    expect(await run(['profiles', 'frobnicate'])).toBe(2);
    expect(await run(['profiles', 'add'])).toBe(2);
    expect(await run(['profiles', 'add', 'postgres://h/db', '--env', 'prod'])).toBe(2);
    expect(await run(['check', '--replica', 'r-1', 'postgres://h/db'])).toBe(2);
    expect(await run(['check', '--profile', 'x', 'postgres://h/db'])).toBe(2);
  });
});
