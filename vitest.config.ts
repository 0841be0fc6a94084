import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // On 2 cores Vitest would run one file at a time; most files wait on PostgreSQL, Chromium or a timer,
    // so three at a time keeps `npm test` under four minutes.
    maxWorkers: 3,
  },
});
