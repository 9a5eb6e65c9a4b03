/** The desktop door: calls go through the preload bridge to ipcMain in the main process. */
import { doorFailure, doorUnreachable, isEnvelope } from './envelope';
import type { SluiceBridge } from './sluice-bridge';
import type { Transport } from './transport';

/** Wraps `window.sluice` so that a broken bridge still answers with an envelope. */
export function createIpcTransport(bridge: SluiceBridge): Transport {
  return {
    door: 'ipc',
    async call(method, input) {
      try {
        const answer: unknown = await bridge.call(method, input);
        return isEnvelope(answer) ? answer : doorFailure('INTERNAL', 'The core sent an answer Sluice could not read.', { door: 'ipc', method });
      } catch (err) {
        return doorUnreachable('ipc', err);
      }
    },
    on(event, listener) {
      try {
        return bridge.on(event, listener);
      } catch {
        return () => {};
      }
    },
  };
}
