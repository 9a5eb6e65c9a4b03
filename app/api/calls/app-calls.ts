/** app.* calls: facts about the running Sluice. */
import { z } from 'zod';

/** Calls in the app domain. */
export const appCalls = {
  'app.info': { input: z.object({}).strict(), doc: 'Version and which door is serving.' },
} as const;

/** What app calls return. */
export interface AppOutputs {
  'app.info': { name: 'sluice'; version: string; door: 'ipc' | 'http' | 'cli' };
}

/** Events in the app domain. */
export const appEvents = {} as const;
