// @ts-check
/**
 * Lint for the whole repo (flat config, not type-aware so it stays fast). Besides the
 * recommended rules it keeps the architecture true: `electron` only under main/, `react`
 * only under renderer/, and the raw IPC objects only in main/ipc.ts and main/preload.ts.
 */
import js from '@eslint/js';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const IPC_FILES = ['main/ipc.ts', 'main/preload.ts'];

const electronBan = {
  paths: [{ name: 'electron', message: 'Electron is imported only under main/ (the core and the renderer stay portable).' }],
  patterns: [{ group: ['electron/*'], message: 'Electron is imported only under main/.' }],
};
const reactBan = {
  paths: [
    { name: 'react', message: 'React is imported only under renderer/.' },
    { name: 'react-dom', message: 'React is imported only under renderer/.' },
  ],
  patterns: [{ group: ['react/*', 'react-dom/*'], message: 'React is imported only under renderer/.' }],
};
const ipcObjectsBan = {
  paths: [
    {
      name: 'electron',
      importNames: ['ipcMain', 'ipcRenderer'],
      message: 'Raw IPC lives only in main/ipc.ts and main/preload.ts; go through the typed door.',
    },
  ],
};
/** Catches `electron.ipcMain`, `require('electron').ipcRenderer` and the like. */
const ipcPropertyBan = {
  selector: 'MemberExpression[property.name=/^(ipcMain|ipcRenderer)$/]',
  message: 'Raw IPC lives only in main/ipc.ts and main/preload.ts; go through the typed door.',
};

export default defineConfig(
  {
    ignores: ['out/', 'dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/', '.tsbuild/', 'test/.harness/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Playwright fixtures that use no other fixture must destructure `{}` (Playwright reads the pattern).
    files: ['test/e2e/**'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },

  // Architecture boundaries. Later blocks override the rule for their files, so each
  // block states the complete ban for its area.
  {
    // Everything outside main/ and renderer/: the core, the CLI, tests, scripts, configs.
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: ['main/**', 'renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...electronBan.paths, ...reactBan.paths], patterns: [...electronBan.patterns, ...reactBan.patterns] }],
      'no-restricted-syntax': ['error', ipcPropertyBan],
    },
  },
  {
    // Renderer tests may render components.
    files: ['test/**/renderer/**'],
    rules: {
      'no-restricted-imports': ['error', electronBan],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', electronBan],
      'no-restricted-syntax': ['error', ipcPropertyBan],
    },
  },
  {
    files: ['main/**'],
    ignores: IPC_FILES,
    rules: {
      'no-restricted-imports': ['error', { paths: [...reactBan.paths, ...ipcObjectsBan.paths], patterns: reactBan.patterns }],
      'no-restricted-syntax': ['error', ipcPropertyBan],
    },
  },
  {
    files: IPC_FILES,
    rules: {
      'no-restricted-imports': ['error', reactBan],
    },
  },
);
