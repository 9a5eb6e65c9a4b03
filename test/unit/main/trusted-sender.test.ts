import { describe, expect, it } from 'vitest';
import { isTrustedSender, type FrameLike, type SenderEventLike, type WindowLike } from '../../../main/trusted-sender';

const APP = 'file:///opt/Sluice/out/renderer/index.html';

/** A fake BrowserWindow whose main frame shows `url`. */
function fakeWindow(url = APP, opts: { destroyed?: boolean } = {}) {
  const mainFrame: { url: string; parent: FrameLike | null } = { url, parent: null };
  const webContents = { mainFrame, isDestroyed: () => opts.destroyed ?? false };
  const window: WindowLike = { isDestroyed: () => opts.destroyed ?? false, webContents };
  return { window, webContents, mainFrame };
}

const eventFrom = (sender: unknown, senderFrame: FrameLike | null): SenderEventLike => ({ sender, senderFrame });

describe('isTrustedSender', () => {
  it('trusts the main frame of our window showing the app', () => {
    const w = fakeWindow();
    expect(isTrustedSender(eventFrom(w.webContents, w.mainFrame), [w.window], APP)).toBe(true);
  });

  it('trusts a route change within the app', () => {
    const w = fakeWindow();
    w.mainFrame.url = `${APP}#/query`;
    expect(isTrustedSender(eventFrom(w.webContents, w.mainFrame), [w.window], APP)).toBe(true);
  });

  it('refuses our main frame once it shows a foreign URL', () => {
    const w = fakeWindow('https://evil.example/');
    expect(isTrustedSender(eventFrom(w.webContents, w.mainFrame), [w.window], APP)).toBe(false);
  });

  it('refuses a subframe of our window, even on the app URL', () => {
    const w = fakeWindow();
    const subframe: FrameLike = { url: APP, parent: w.mainFrame };
    expect(isTrustedSender(eventFrom(w.webContents, subframe), [w.window], APP)).toBe(false);
  });

  it('refuses contents that are not one of our windows', () => {
    const ours = fakeWindow();
    const stranger = fakeWindow();
    expect(isTrustedSender(eventFrom(stranger.webContents, stranger.mainFrame), [ours.window], APP)).toBe(false);
    expect(isTrustedSender(eventFrom(ours.webContents, ours.mainFrame), [], APP)).toBe(false);
  });

  it('refuses a frame that claims our contents but is not its main frame', () => {
    const w = fakeWindow();
    const lookalike: FrameLike = { url: APP, parent: null };
    expect(isTrustedSender(eventFrom(w.webContents, lookalike), [w.window], APP)).toBe(false);
  });

  it('refuses a destroyed or navigated-away frame (senderFrame null)', () => {
    const w = fakeWindow();
    expect(isTrustedSender(eventFrom(w.webContents, null), [w.window], APP)).toBe(false);
  });

  it('refuses a window that is being destroyed', () => {
    const w = fakeWindow(APP, { destroyed: true });
    expect(isTrustedSender(eventFrom(w.webContents, w.mainFrame), [w.window], APP)).toBe(false);
  });

  it('refuses, rather than throws, when reading the frame throws', () => {
    const w = fakeWindow();
    const detached = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(isTrustedSender(eventFrom(w.webContents, detached), [w.window], APP)).toBe(false);
  });

  it('picks the right window among several', () => {
    const a = fakeWindow();
    const b = fakeWindow();
    expect(isTrustedSender(eventFrom(b.webContents, b.mainFrame), [a.window, b.window], APP)).toBe(true);
    expect(isTrustedSender(eventFrom(a.webContents, b.mainFrame), [a.window, b.window], APP)).toBe(false);
  });
});
