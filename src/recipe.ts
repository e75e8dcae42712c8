// The project's own recipe: what `build` makes when given no options. These are
// the facts libkrunfw v5.4.0 is built from; bump them together.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, found from this module both in src/ and in the dist/ bundle. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const RECIPE = {
  kernelVersion: '6.12.87',
  abiVersion: 5,
  version: '5.4.0',
  /**
   * SOURCE_DATE_EPOCH when the caller gives none: 2026-01-01T00:00:00Z. Fixed, so that
   * two builds of the same inputs give the same bytes whenever they run.
   */
  sourceDateEpoch: 1767225600,
  buildUser: 'libkrunfw',
  buildHost: 'libkrunfw',
  /** Fragments merged onto allnoconfig, per architecture; <arch>-<variant> adds a variant's. */
  configDir: (arch: string): string => path.join(PROJECT_ROOT, 'kernel-config', arch),
  patchesDir: path.join(PROJECT_ROOT, 'patches'),
  /** What SEV and TDX guests add to the series. */
  teePatchesDir: path.join(PROJECT_ROOT, 'patches-tee'),
} as const;
