/** Sluice's version, from package.json so every door reports the same. */
// A static import (not a require relative to this file) so the CLI bundle in out/cli carries it too.
import packageJson from '../package.json' with { type: 'json' };

/** The running version, as in package.json. */
export const SLUICE_VERSION: string = packageJson.version;
