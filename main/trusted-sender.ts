/**
 * Who may call the core over IPC: the main frame of one of our own windows, showing the app.
 * A subframe, a frame that navigated elsewhere, or contents we never created are refused.
 * Pure (structural types only) so the rule is tested without Electron.
 */
import { isAppUrl } from './window-options';

/** The parts of Electron's WebFrameMain the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** The parts of an IpcMainInvokeEvent the check reads. */
export interface SenderEventLike {
  readonly sender: unknown;
  readonly senderFrame: FrameLike | null;
}

/** The parts of a BrowserWindow the check reads. */
export interface WindowLike {
  isDestroyed(): boolean;
  readonly webContents: {
    isDestroyed(): boolean;
    readonly mainFrame: FrameLike;
  };
}

/** True when the event comes from the main frame of one of `windows`, on an app URL. */
export function isTrustedSender(event: SenderEventLike, windows: Iterable<WindowLike>, appOrigin: string): boolean {
  try {
    const frame = event.senderFrame;
    // null once the frame navigated away or was destroyed while the call was in flight.
    if (!frame || frame.parent !== null) return false;
    if (!isAppUrl(frame.url, appOrigin)) return false;
    for (const window of windows) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
      if (event.sender === window.webContents && frame === window.webContents.mainFrame) return true;
    }
    return false;
  } catch {
    // Reading a detached WebFrameMain can throw while a window is being torn down.
    return false;
  }
}
