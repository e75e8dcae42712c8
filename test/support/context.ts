import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { StageContext } from '../../src/pipeline/stage.ts';
import { MemoryLog, type Platform } from '../../src/platform/types.ts';

export function testPlatform(tempDir: string): Platform & { log: MemoryLog } {
  return {
    log: new MemoryLog(),
    downloader: {
      download: () => Promise.reject(new Error('no network in tests')),
    },
    tempDir,
  };
}

export function stageContext(workDir: string): StageContext & { log: MemoryLog } {
  mkdirSync(workDir, { recursive: true });
  const platform = testPlatform(workDir);
  return { platform, log: platform.log, workDir, logFile: path.join(workDir, 'stage.log') };
}
