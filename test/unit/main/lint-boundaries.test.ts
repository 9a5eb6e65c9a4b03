import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The boundary rules fired by `code` if it lived at `filePath` (the file need not exist). */
async function boundaryErrors(eslint: ESLint, filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.ruleId ?? '');
}

describe('lint keeps the architecture', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: repoRoot });
  });

  const cases: Array<[string, string, boolean]> = [
    ['app/core-thing.ts', "import { app } from 'electron'; app.quit();", false],
    ['app/core-thing.ts', "import { x } from 'electron/main'; x();", false],
    ['app/core-thing.ts', "import { useState } from 'react'; useState();", false],
    ['renderer/src/thing.ts', "import { ipcRenderer } from 'electron'; ipcRenderer.send('x');", false],
    ['renderer/src/thing.tsx', "import { useState } from 'react'; useState();", true],
    ['main/secrets.ts', "import { safeStorage } from 'electron'; safeStorage.isEncryptionAvailable();", true],
    ['main/secrets.ts', "import { ipcMain } from 'electron'; ipcMain.handle('x', () => 1);", false],
    ['main/secrets.ts', "import * as electron from 'electron'; electron.ipcMain.handle('x', () => 1);", false],
    ['main/secrets.ts', "import { useState } from 'react'; useState();", false],
    ['main/ipc.ts', "import { ipcMain } from 'electron'; ipcMain.handle('x', () => 1);", true],
    ['main/preload.ts', "import { ipcRenderer } from 'electron'; ipcRenderer.send('x');", true],
    ['test/unit/app/thing.test.ts', "import { app } from 'electron'; app.quit();", false],
  ];

  it.each(cases)('%s: `%s` allowed=%s', async (filePath, code, allowed) => {
    const errors = await boundaryErrors(eslint, filePath, code);
    if (allowed) expect(errors).toEqual([]);
    else expect(errors.length).toBeGreaterThan(0);
  });
});
