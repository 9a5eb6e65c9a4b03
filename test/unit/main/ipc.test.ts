import { beforeEach, describe, expect, it, vi } from 'vitest';

// ipc.ts imports electron for its defaults; the tests inject fakes, so electron is never loaded.
vi.mock('electron', () => ({ BrowserWindow: {}, ipcMain: {} }));

import { EventHub } from '../../../app/api/event-hub';
import { bindIpc, type DoorCore, type DoorElectron, type DoorWindow } from '../../../main/ipc';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../main/ipc-channels';
import type { FrameLike, SenderEventLike } from '../../../main/trusted-sender';

const APP = 'file:///opt/Sluice/out/renderer/index.html';

function fakeWindow(url = APP) {
  const mainFrame: { url: string; parent: FrameLike | null } = { url, parent: null };
  let destroyed = false;
  const webContents = {
    mainFrame,
    isDestroyed: () => destroyed,
    getURL: () => mainFrame.url,
    send: vi.fn<(channel: string, ...args: unknown[]) => void>(),
  };
  const window: DoorWindow = { isDestroyed: () => destroyed, webContents };
  return { window, webContents, mainFrame, destroy: () => (destroyed = true) };
}

type Handler = (event: SenderEventLike, ...args: unknown[]) => Promise<unknown>;

function setup(windows: DoorWindow[]) {
  const handlers = new Map<string, Handler>();
  const door: DoorElectron = {
    ipcMain: {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    },
    windows: () => windows,
    warn: vi.fn(),
  };
  const events = new EventHub();
  const core = {
    dispatch: vi.fn<DoorCore['dispatch']>(async () => ({ ok: true, value: 'done' })),
    events,
  };
  const unbind = bindIpc(core, APP, door);
  const callFrom = (event: SenderEventLike, method: unknown, input: unknown) => {
    const handler = handlers.get(CALL_CHANNEL);
    if (!handler) throw new Error('no handler bound');
    return handler(event, method, input);
  };
  return { core, door, events, handlers, unbind, callFrom };
}

describe('IPC door', () => {
  let ours: ReturnType<typeof fakeWindow>;
  beforeEach(() => {
    ours = fakeWindow();
  });

  it('runs a call from our window through dispatch with door ipc', async () => {
    const { core, callFrom } = setup([ours.window]);
    const answer = await callFrom({ sender: ours.webContents, senderFrame: ours.mainFrame }, 'app.info', {});
    expect(answer).toEqual({ ok: true, value: 'done' });
    expect(core.dispatch).toHaveBeenCalledExactlyOnceWith('app.info', {}, { door: 'ipc' });
  });

  it('refuses a foreign URL with FORBIDDEN_ORIGIN and runs nothing', async () => {
    const { core, door, callFrom } = setup([ours.window]);
    ours.mainFrame.url = 'https://evil.example/';
    const answer = await callFrom({ sender: ours.webContents, senderFrame: ours.mainFrame }, 'app.info', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(core.dispatch).not.toHaveBeenCalled();
    expect(door.warn).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'));
  });

  it('refuses a subframe and an unknown window', async () => {
    const stranger = fakeWindow();
    const { core, callFrom } = setup([ours.window]);
    const sub = await callFrom({ sender: ours.webContents, senderFrame: { url: APP, parent: ours.mainFrame } }, 'app.info', {});
    const foreign = await callFrom({ sender: stranger.webContents, senderFrame: stranger.mainFrame }, 'app.info', {});
    expect(sub).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(core.dispatch).not.toHaveBeenCalled();
  });

  it('turns a throwing core into an INTERNAL envelope', async () => {
    const { core, callFrom } = setup([ours.window]);
    core.dispatch.mockRejectedValueOnce(new Error('boom'));
    await expect(callFrom({ sender: ours.webContents, senderFrame: ours.mainFrame }, 'app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('forwards core events to every live app window as (name, payload)', () => {
    const second = fakeWindow(`${APP}#/query`);
    const gone = fakeWindow();
    gone.destroy();
    const elsewhere = fakeWindow('https://evil.example/');
    const { events } = setup([ours.window, second.window, gone.window, elsewhere.window]);
    const payload = { sessionId: 's1', code: 'CONNECTION_LOST' };
    events.emit('session.lost', payload);
    expect(ours.webContents.send).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, 'session.lost', payload);
    expect(second.webContents.send).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, 'session.lost', payload);
    expect(gone.webContents.send).not.toHaveBeenCalled();
    expect(elsewhere.webContents.send).not.toHaveBeenCalled();
  });

  it('keeps delivering when one window throws', () => {
    const second = fakeWindow();
    ours.webContents.send.mockImplementation(() => {
      throw new Error('Object has been destroyed');
    });
    const { events } = setup([ours.window, second.window]);
    events.emit('session.lost', { sessionId: 's1', code: 'X' });
    expect(second.webContents.send).toHaveBeenCalledOnce();
  });

  it('unbinds the handler and the event forwarding', () => {
    const { events, handlers, unbind } = setup([ours.window]);
    unbind();
    expect(handlers.has(CALL_CHANNEL)).toBe(false);
    events.emit('session.lost', { sessionId: 's1', code: 'X' });
    expect(ours.webContents.send).not.toHaveBeenCalled();
  });
});
