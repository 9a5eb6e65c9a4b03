/** Two suites: unit (no servers) and integration (private PostgreSQL and MariaDB over SSL). */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/vitest-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Files share the servers; run them one after another so timings stay honest on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
