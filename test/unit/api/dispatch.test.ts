import { describe, expect, it } from 'vitest';
import { METHODS } from '../../../app/api/contract';
import { dispatch, type Handlers } from '../../../app/api/dispatch';
import { SluiceError } from '../../../app/api/errors';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const notUsed = async (): Promise<never> => {
    throw new Error('not used');
  };
  const all = Object.fromEntries(METHODS.map((m) => [m, notUsed])) as unknown as Handlers;
  const info: Handlers['app.info'] = async (_input, ctx) => ({ name: 'sluice', version: '0.0.0', door: ctx.door });
  return { ...all, 'app.info': info, ...overrides } as Handlers;
}

describe('dispatch', () => {
  it('runs a known call and wraps its value', async () => {
    expect(await dispatch(handlers(), 'app.info', {}, { door: 'http' })).toEqual({ ok: true, value: { name: 'sluice', version: '0.0.0', door: 'http' } });
  });

  it('refuses an unknown method without running anything', async () => {
    const res = await dispatch(handlers(), 'fs.readFile', {}, { door: 'ipc' });
    expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses a prototype key posing as a method', async () => {
    expect(await dispatch(handlers(), 'constructor', {}, { door: 'ipc' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('validates input before the handler runs and names the bad field', async () => {
    let ran = false;
    const h = handlers({
      'query.run': async () => {
        ran = true;
        return { columns: [], rows: [], rowCount: 0, command: 'SELECT', durationMs: 0 };
      },
    });
    const res = await dispatch(h, 'query.run', { sessionId: 'x', sql: '', extra: 1 }, { door: 'http' });
    expect(ran).toBe(false);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('BAD_INPUT');
      expect(JSON.stringify(res.error.details)).toContain('sql');
    }
  });

  it('passes typed errors through with code and hint', async () => {
    const h = handlers({
      'sessions.close': async () => {
        throw new SluiceError('SESSION_NOT_FOUND');
      },
    });
    const res = await dispatch(h, 'sessions.close', { sessionId: 'gone' }, { door: 'ipc' });
    expect(res).toMatchObject({ ok: false, error: { code: 'SESSION_NOT_FOUND', hint: expect.any(String) } });
  });

  it('turns unexpected exceptions into INTERNAL', async () => {
    const h = handlers({
      'sessions.close': async () => {
        throw new TypeError('boom');
      },
    });
    expect(await dispatch(h, 'sessions.close', { sessionId: 's' }, { door: 'ipc' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
