// What the fault tests' child processes share: an entry bundled by esbuild for
// node (Node 20 cannot run .ts), and a child whose output can be waited on.
import type { ChildProcess } from 'node:child_process';
import * as esbuild from 'esbuild';

/** `entry` bundled into one .mjs at `outfile`, its packages left to node_modules beside or above it. */
export async function bundleForNode(entry: string, outfile: string): Promise<string> {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface WatchedChild {
  child: ChildProcess;
  /** Resolves once it exited, with everything it wrote. */
  done: Promise<Ended>;
  /** Resolves with the first line of `stream` matching `pattern`, once there is one. */
  waitFor(pattern: RegExp): Promise<string>;
}

/** Collects a child's output; `waitFor` watches `stream` (spawned with stdio pipes). */
export function watched(child: ChildProcess, stream: 'stdout' | 'stderr', name: string): WatchedChild {
  const text = { stdout: '', stderr: '' };
  const watchers: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const lineOf = (pattern: RegExp): string | undefined => text[stream].split('\n').find((l) => pattern.test(l));
  for (const s of ['stdout', 'stderr'] as const) {
    child[s]!.on('data', (d: Buffer) => {
      text[s] += d.toString();
      if (s !== stream) return;
      for (const w of [...watchers]) {
        const line = lineOf(w.pattern);
        if (line === undefined) continue;
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(line);
      }
    });
  }
  const done = new Promise<Ended>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, ...text })));
  return {
    child,
    done,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const line = lineOf(pattern);
        if (line !== undefined) return resolve(line);
        watchers.push({ pattern, resolve });
        void done.then((r) => reject(new Error(`${name} exited (${r.code}) before writing ${pattern}:\n${r.stderr}`)));
      }),
  };
}
