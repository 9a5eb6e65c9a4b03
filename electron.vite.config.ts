/**
 * Build of the desktop app: main (ESM, Node target) → out/main, the sandboxed preload
 * (CommonJS, dependencies bundled) → out/preload/index.cjs, the renderer → out/renderer.
 * renderer/vite.config.ts builds the same renderer for the browser door.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { devCspNonce } from './renderer/vite.config';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // package.json dependencies (pg, mysql2, zod…) stay in node_modules, loaded at run time.
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: resolve(root, 'main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require only `electron`: bundle everything else (the contract, zod).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset paths: the packaged window loads index.html over file://.
    base: './',
    // devCspNonce: in `electron-vite dev` only, lets React Refresh's inline preamble past the meta CSP.
    plugins: [react(), devCspNonce()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
