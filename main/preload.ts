/**
 * The preload of the Sluice window. Runs sandboxed (bundled as CommonJS, only `electron` is
 * importable) and exposes exactly `window.sluice = { call, on }` through the context bridge.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from './ipc-channels';
import { createBridge } from './preload-bridge';

const bridge = createBridge(
  (method, input) => ipcRenderer.invoke(CALL_CHANNEL, method, input),
  (listener) => {
    // Strip the IpcRendererEvent: it carries `sender` (ipcRenderer) and must not reach the page.
    const onEvent = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, onEvent);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, onEvent);
    };
  },
);

contextBridge.exposeInMainWorld('sluice', bridge);
