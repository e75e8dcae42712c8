import { defineConfig } from 'vitest/config';

/**
 * The kernel layer: files that extract, configure or compile Debian's kernel.
 * They run one at a time after the unit layer, so two kernel builds never
 * fight over the two cores (test/layers.test.ts keeps this list complete).
 */
export const KERNEL_LAYER = [
  'test/integration.test.ts',
  'test/cross.test.ts',
  'test/check/check-mode.test.ts',
  'test/check/config-check.test.ts',
  'test/kconfig/kconfig-tree.test.ts',
  'test/pipeline/configure.test.ts',
  'test/npm-package.test.ts',
  'test/faults/disk.test.ts',
  'test/faults/kbuild-paths.test.ts',
  'test/faults/interrupt-build.test.ts',
  'test/windows/kernel-dll.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          maxWorkers: 2,
          include: ['test/**/*.test.ts'],
          exclude: KERNEL_LAYER,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'kernel',
          include: KERNEL_LAYER,
          // Kernel builds take minutes, not milliseconds.
          testTimeout: 60_000,
          hookTimeout: 900_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
