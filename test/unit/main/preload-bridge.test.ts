import { describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, METHODS } from '../../../app/api/contract';
import { createBridge, type Invoke, type Subscribe } from '../../../main/preload-bridge';

/** A fake main side: records invokes and lets the test push events like webContents.send. */
function fakeMain(answer: unknown = { ok: true, value: 'pong' }) {
  const invoke = vi.fn<Invoke>(async () => answer);
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const subscribe = vi.fn<Subscribe>((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  });
  const emit = (name: string, payload: unknown) => {
    for (const listener of listeners) listener(name, payload);
  };
  return { invoke, subscribe, emit, listeners };
}

describe('preload bridge', () => {
  it('exposes exactly call and on, frozen', () => {
    const main = fakeMain();
    const bridge = createBridge(main.invoke, main.subscribe);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it.each(METHODS)('passes the contract method %s through with its input and returns main’s envelope', async (method) => {
    const main = fakeMain({ ok: true, value: { method } });
    const bridge = createBridge(main.invoke, main.subscribe);
    const input = { any: 'thing' };
    await expect(bridge.call(method, input)).resolves.toEqual({ ok: true, value: { method } });
    expect(main.invoke).toHaveBeenCalledExactlyOnceWith(method, input);
  });

  it.each(['nope', 'app.info ', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '', 'APP.INFO'])(
    'answers UNKNOWN_METHOD for %j without reaching main',
    async (method) => {
      const main = fakeMain();
      const bridge = createBridge(main.invoke, main.subscribe);
      const answer = await bridge.call(method, {});
      expect(answer.ok).toBe(false);
      if (!answer.ok) {
        expect(answer.error.code).toBe('UNKNOWN_METHOD');
        expect(answer.error.message).toBeTruthy();
        expect(answer.error.hint).toBeTruthy();
      }
      expect(main.invoke).not.toHaveBeenCalled();
    },
  );

  it('answers UNKNOWN_METHOD for a method name that is not a string', async () => {
    const main = fakeMain();
    const bridge = createBridge(main.invoke, main.subscribe);
    const answer = await bridge.call({ toString: () => 'app.info' } as unknown as string, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(main.invoke).not.toHaveBeenCalled();
  });

  it('resolves to an INTERNAL envelope, never rejects, when IPC itself fails', async () => {
    const main = fakeMain();
    main.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    const bridge = createBridge(main.invoke, main.subscribe);
    await expect(bridge.call('app.info', { f: () => 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', details: { raw: 'An object could not be cloned.' } },
    });
  });

  it.each(EVENT_NAMES)('delivers only the payload of %s to its listener', (event) => {
    const main = fakeMain();
    const bridge = createBridge(main.invoke, main.subscribe);
    const listener = vi.fn();
    bridge.on(event, listener);
    const payload = { sessionId: 's1', code: 'CONNECTION_LOST' };
    main.emit(event, payload);
    expect(listener).toHaveBeenCalledExactlyOnceWith(payload);
  });

  it('does not deliver other events to a listener', () => {
    const main = fakeMain();
    const bridge = createBridge(main.invoke, main.subscribe);
    const listener = vi.fn();
    bridge.on('session.lost', listener);
    main.emit('something.else', { x: 1 });
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops delivering after unsubscribe', () => {
    const main = fakeMain();
    const bridge = createBridge(main.invoke, main.subscribe);
    const listener = vi.fn();
    const off = bridge.on('session.lost', listener);
    off();
    main.emit('session.lost', { sessionId: 's1', code: 'X' });
    expect(listener).not.toHaveBeenCalled();
    expect(main.listeners.size).toBe(0);
  });

  it.each(['session.found', 'sluice:event', '__proto__', 'toString', ''])('throws a TypeError for the unknown event %j and subscribes nothing', (event) => {
    const main = fakeMain();
    const bridge = createBridge(main.invoke, main.subscribe);
    expect(() => bridge.on(event, () => {})).toThrow(TypeError);
    expect(main.subscribe).not.toHaveBeenCalled();
  });

  it('throws a TypeError when the listener is not a function', () => {
    const main = fakeMain();
    const bridge = createBridge(main.invoke, main.subscribe);
    expect(() => bridge.on('session.lost', 'alert(1)' as unknown as () => void)).toThrow(TypeError);
    expect(main.subscribe).not.toHaveBeenCalled();
  });
});
