import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * A temp directory removed after the file's tests. The removal runs in its own
 * process, not waited for: kernel trees are tens of thousands of files, and
 * on a throttled disk deleting them took minutes of the suite's time.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `libkrunfw-test-${prefix}-`));
  afterAll(() => {
    spawn('rm', ['-rf', '--', dir], { detached: true, stdio: 'ignore' }).unref();
  });
  return dir;
}
