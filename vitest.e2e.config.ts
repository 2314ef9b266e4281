import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/setup/global.ts'],
    pool: 'forks',
    // A worker imports the app once for all its files, not once per file (import took more time than the tests).
    // Each file still starts its own app on its own database; the code keeps no per-process state that a file
    // could leave behind for the next (the one cache there was, the public hromada name, is now per app).
    isolate: false,
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
