/**
 * The two IPC channels of the Electron door, shared by main/ipc.ts and main/preload.ts.
 * Everything crosses these two: calls are named by the contract inside the payload, so the
 * channel list never grows and the allow-lists live in one place (app/api/contract.ts).
 */

/** Renderer → main, `ipcRenderer.invoke(CALL_CHANNEL, method, input)`; resolves to a Result envelope. */
export const CALL_CHANNEL = 'sluice:call';

/** Main → renderer, `webContents.send(EVENT_CHANNEL, name, payload)` for every core event. */
export const EVENT_CHANNEL = 'sluice:event';
