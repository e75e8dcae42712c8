// The real CLI door (src/entry/cli.ts) as a child process: bundled into .cache/
// (one level below the root, as dist/ is, so the project's files are found),
// one file per test process so parallel test files do not race.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { bundleForNode, watched, type WatchedChild } from './child.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
let built: Promise<string> | undefined;

function cliScript(): Promise<string> {
  built ??= (async () => {
    const outfile = path.join(ROOT, '.cache', `faults-cli-${process.pid}.mjs`);
    mkdirSync(path.dirname(outfile), { recursive: true });
    return bundleForNode(path.join(ROOT, 'src', 'entry', 'cli.ts'), outfile);
  })();
  return built;
}

export interface CliRun extends WatchedChild {
  pid: number;
  kill(signal: NodeJS.Signals): void;
}

/** Starts the CLI; its log (stderr) is what `waitFor` watches. */
export async function startCli(args: string[], cwd: string): Promise<CliRun> {
  const child = spawn(process.execPath, [await cliScript(), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  return { ...watched(child, 'stderr', 'the CLI'), pid: child.pid!, kill: (signal) => child.kill(signal) };
}

export async function runCli(args: string[], cwd: string) {
  return (await startCli(args, cwd)).done;
}
