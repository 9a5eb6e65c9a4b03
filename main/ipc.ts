/**
 * The Electron door: one invoke channel bound to the core's dispatch, one event channel fed
 * by the core's event hub. Every call is checked against the sender before anything runs.
 */
import { BrowserWindow, ipcMain } from 'electron';
import type { CallContext } from '../app/api/dispatch';
import { SluiceError, toApiError } from '../app/api/errors';
import type { EventHub } from '../app/api/event-hub';
import { fail, type Result } from '../app/api/result';
import { CALL_CHANNEL, EVENT_CHANNEL } from './ipc-channels';
import { isTrustedSender, type SenderEventLike, type WindowLike } from './trusted-sender';
import { isAppUrl } from './window-options';

/** What the door needs from the core (app/core.ts's Core satisfies it). */
export interface DoorCore {
  dispatch(method: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  readonly events: Pick<EventHub, 'subscribe'>;
}

/** A window the door may talk to: the trust-check shape plus what sending an event needs. */
export interface DoorWindow extends WindowLike {
  readonly webContents: WindowLike['webContents'] & {
    getURL(): string;
    send(channel: string, ...args: unknown[]): void;
  };
}

/** The Electron pieces the door uses; injectable so tests run without Electron. */
export interface DoorElectron {
  ipcMain: {
    handle(channel: string, listener: (event: SenderEventLike, ...args: unknown[]) => Promise<unknown>): void;
    removeHandler(channel: string): void;
  };
  windows(): readonly DoorWindow[];
  /** Where refusals are reported; never given inputs or secrets, only the sender URL. */
  warn(message: string): void;
}

const IPC_CTX: CallContext = Object.freeze({ door: 'ipc' });

const electronDeps = (): DoorElectron => ({
  ipcMain,
  windows: () => BrowserWindow.getAllWindows(),
  warn: (message) => console.warn(message),
});

/**
 * Serves `core` over IPC to windows showing `appOrigin` (see isAppUrl). Returns the function
 * that unbinds the handler and stops forwarding events.
 */
export function bindIpc(core: DoorCore, appOrigin: string, deps: DoorElectron = electronDeps()): () => void {
  deps.ipcMain.handle(CALL_CHANNEL, async (event, method, input) => {
    if (!isTrustedSender(event, deps.windows(), appOrigin)) {
      deps.warn(`Sluice refused an IPC call from an untrusted frame: ${senderUrl(event)}`);
      return fail(
        new SluiceError('FORBIDDEN_ORIGIN', {
          message: 'IPC call from a frame that is not a Sluice window refused.',
          hint: 'Only the Sluice window itself may call the core.',
        }).toApiError(),
      );
    }
    try {
      return await core.dispatch(method, input, IPC_CTX);
    } catch (err) {
      // dispatch already wraps handler errors; this only guards a broken core.
      return fail(toApiError(err));
    }
  });

  const unsubscribe = core.events.subscribe((name, payload) => {
    for (const window of deps.windows()) {
      try {
        if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
        // A window that somehow left the app must not receive data from the core.
        if (!isAppUrl(window.webContents.getURL(), appOrigin)) continue;
        window.webContents.send(EVENT_CHANNEL, name, payload);
      } catch {
        // One closing window must not stop delivery to the others.
      }
    }
  });

  return () => {
    unsubscribe();
    deps.ipcMain.removeHandler(CALL_CHANNEL);
  };
}

function senderUrl(event: SenderEventLike): string {
  try {
    return (event.senderFrame?.url ?? '(destroyed frame)').slice(0, 200);
  } catch {
    return '(detached frame)';
  }
}
