import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Kernel builds and ELF fixtures compiled by gcc take minutes, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 600_000,
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
  },
});
