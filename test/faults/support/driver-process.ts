// Bundles driver.ts for node (Node 20 cannot run .ts) and runs it as a child
// process: lock contention, signals and another user need a process of their own.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { chmodSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { tempDir } from '../../support/tmp.ts';

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
    const outfile = path.join(dir, 'driver.mjs');
    await esbuild.build({
      entryPoints: [path.join(import.meta.dirname, 'driver.ts')],
      outfile,
      bundle: true,
      packages: 'external',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
    });
    return outfile;
  })();
  return built;
}

export interface DriverRun {
  child: ChildProcess;
  /** Resolves with the exit code and everything written, once it exited. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Resolves once stdout has a line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
}

/** Starts the driver; `prefix` runs it under another program (setpriv, to be another user). */
export async function startDriver(action: string, args: string[], options: { prefix?: string[]; spawn?: SpawnOptions } = {}): Promise<DriverRun> {
  const script = await driverScript();
  const [cmd, ...rest] = [...(options.prefix ?? []), process.execPath, script, action, ...args];
  const child = spawn(cmd!, rest, { stdio: ['ignore', 'pipe', 'pipe'], ...options.spawn });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    for (const w of [...watchers]) {
      const line = stdout.split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    child,
    done,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const line = stdout.split('\n').find((l) => pattern.test(l));
        if (line !== undefined) return resolve(line);
        watchers.push({ pattern, resolve });
        void done.then((r) => reject(new Error(`the driver exited (${r.code}) before printing ${pattern}: ${r.stderr}`)));
      }),
  };
}

/** Runs the driver to its end. */
export async function runDriver(action: string, args: string[], options: { prefix?: string[] } = {}) {
  return (await startDriver(action, args, options)).done;
}
