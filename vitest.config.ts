import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Three projects: plain-Node unit and integration tests (real SQLite, real
 * servers on loopback), renderer component tests in jsdom, and end-to-end
 * tests that drive Chromium through the browser preview.
 */
export default defineConfig({
  test: {
    projects: [
      {
        // Code that imports 'electron' runs against its test double (the runtime is not installed).
        resolve: { alias: { electron: fileURLToPath(new URL('./tests/support/electron-double/index.ts', import.meta.url)) } },
        test: {
          name: 'node',
          // Memory-bound tests force collections to measure retained bytes, not garbage.
          execArgv: ['--expose-gc'],
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/renderer/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // One browser at a time: the machines have two cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
