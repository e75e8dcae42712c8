import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { StageContext } from '../../src/pipeline/stage.ts';
import type { BundleRequest } from '../../src/request/types.ts';
import { directoryCacheStore } from '../../src/platform/local/cache-store.ts';
import { MemoryLog, type Platform } from '../../src/platform/types.ts';

/** A platform with no network; with `cacheDir`, a directory cache there. */
export function testPlatform(tempDir: string, options: { cacheDir?: string; log?: MemoryLog } = {}): Platform & { log: MemoryLog } {
  const log = options.log ?? new MemoryLog();
  return {
    log,
    downloader: {
      download: () => Promise.reject(new Error('no network in tests')),
    },
    tempDir,
    cacheStore: options.cacheDir ? (dir) => directoryCacheStore(dir ?? options.cacheDir!, log) : undefined,
  };
}

export function stageContext(workDir: string): StageContext & { log: MemoryLog } {
  mkdirSync(workDir, { recursive: true });
  const platform = testPlatform(workDir);
  return { platform, log: platform.log, workDir, logFile: path.join(workDir, 'stage.log') };
}

/**
 * A request to bundle an image the test made, under root/name: x86_64 generic,
 * no boot (test-made images are not kernels), the recipe's versions.
 */
export function bundleRequest(root: string, image: string, name: string, extra: Partial<BundleRequest> = {}): BundleRequest {
  return {
    mode: 'bundle',
    image,
    upload: false,
    arch: 'x86_64',
    variant: 'generic',
    bootTest: 'off',
    abiVersion: 5,
    version: '5.4.0',
    reproducibility: { sourceDateEpoch: 1767225600, user: 'libkrunfw', host: 'libkrunfw' },
    outDir: path.join(root, name, 'out'),
    workDir: path.join(root, name, 'work'),
    keepWorkDir: false,
    ...extra,
  };
}
