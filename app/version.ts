/** Sluice's version, read once from package.json so every door reports the same. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The running version, as in package.json. */
export const SLUICE_VERSION: string = (require('../package.json') as { version: string }).version;
