// The real CLI door (src/entry/cli.ts) as a child process: bundled with esbuild
// into .cache/ (one level below the root, as dist/ is, so the project's files
// are found), one file per test process so parallel test files do not race.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
let built: Promise<string> | undefined;

function cliScript(): Promise<string> {
  built ??= (async () => {
    const outfile = path.join(ROOT, '.cache', `faults-cli-${process.pid}.mjs`);
    mkdirSync(path.dirname(outfile), { recursive: true });
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'src', 'entry', 'cli.ts')],
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

export interface CliRun {
  pid: number;
  /** Resolves once stderr (the log) has a line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

export async function startCli(args: string[], cwd: string): Promise<CliRun> {
  const child = spawn(process.execPath, [await cliScript(), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of [...watchers]) {
      if (w.pattern.test(stderr)) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
  return {
    pid: child.pid!,
    done,
    kill: (signal) => child.kill(signal),
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        if (pattern.test(stderr)) return resolve();
        watchers.push({ pattern, resolve });
        void done.then((r) => reject(new Error(`the CLI exited (${r.code}) before logging ${pattern}:\n${r.stderr}`)));
      }),
  };
}

export async function runCli(args: string[], cwd: string) {
  return (await startCli(args, cwd)).done;
}
