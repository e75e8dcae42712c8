// Runs driver.ts as a child process: lock contention, signals and another user
// need a process of their own.
import { spawn, type SpawnOptions } from 'node:child_process';
import { chmodSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../support/tmp.ts';
import { bundleForNode, watched, type WatchedChild } from './child.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
let built: Promise<string> | undefined;
// Made (and removed after the file's tests) when a test file imports this module.
const dir = tempDir('driver');

/** The driver as one .mjs in a temp dir, beside a link to the project's node_modules for its packages. */
export function driverScript(): Promise<string> {
  built ??= (async () => {
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    // Readable by the other user some tests run it as.
    chmodSync(dir, 0o755);
    return bundleForNode(path.join(import.meta.dirname, 'driver.ts'), path.join(dir, 'driver.mjs'));
  })();
  return built;
}

export type DriverRun = WatchedChild;

/** Starts the driver; `prefix` runs it under another program (setpriv, to be another user). `waitFor` watches stdout. */
export async function startDriver(action: string, args: string[], options: { prefix?: string[]; spawn?: SpawnOptions } = {}): Promise<DriverRun> {
  const script = await driverScript();
  const [cmd, ...rest] = [...(options.prefix ?? []), process.execPath, script, action, ...args];
  return watched(spawn(cmd!, rest, { stdio: ['ignore', 'pipe', 'pipe'], ...options.spawn }), 'stdout', 'the driver');
}

/** Runs the driver to its end. */
export async function runDriver(action: string, args: string[], options: { prefix?: string[] } = {}) {
  return (await startDriver(action, args, options)).done;
}
