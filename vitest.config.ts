import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default leaves one core to itself, which on a two-core machine runs the files one at a time: its own
    // work is light, and two files at once took the suite from 8.4 to 5.7 minutes here.
    maxWorkers: availableParallelism(),
  },
});
