// A small door over the primitives, run as its own process by the fault tests:
// what a door does with them (interrupt handlers, one error line on stderr, the
// exit code of the error's family), without the pipeline around them.
//   node driver.mjs <action> [args...]
import { mkdirSync } from 'node:fs';
import { extractTarball } from '../../../src/archive/index.ts';
import { exitCodeOf, InterruptedError, LibkrunfwError } from '../../../src/errors.ts';
import { MemoryLog } from '../../../src/platform/types.ts';
import { checkOutDir } from '../../../src/util/dir-checks.ts';
import { readInputFile, type InputKind } from '../../../src/util/input-file.ts';
import { installInterruptHandlers, interruptSignal } from '../../../src/util/interrupt.ts';
import { lockDirectory } from '../../../src/util/lock.ts';
import { removeInBackground } from '../../../src/util/remove.ts';
import { run } from '../../../src/util/run.ts';

/** Waits until a signal comes, then throws its InterruptedError (a stage that is only waiting). */
const untilInterrupted = (): Promise<never> =>
  new Promise((_, reject) => {
    const keepAlive = setInterval(() => {}, 1 << 30);
    interruptSignal().addEventListener('abort', () => {
      clearInterval(keepAlive);
      reject(interruptSignal().reason);
    });
  });

async function main(action: string, args: string[]): Promise<unknown> {
  switch (action) {
    case 'lock': {
      // Takes the lock, says so, and holds it until told to stop (or killed).
      const [dir, purpose, hold] = args as [string, string, string?];
      const log = new MemoryLog();
      const lock = lockDirectory(dir, { purpose, log });
      process.stdout.write(`${JSON.stringify({ locked: lock.file, pid: process.pid, notes: log.lines.map((l) => l.message) })}\n`);
      if (hold === 'hold') await untilInterrupted();
      return undefined;
    }
    case 'process-tree': {
      // A stage running a tree of processes: make -j3 of three recipes that each start a sleep.
      const [dir, pidFile] = args as [string, string];
      mkdirSync(dir, { recursive: true });
      const makefile = ['all: a b c', ...['a', 'b', 'c'].map((t) => `${t}:\n\techo $$$$ >> '${pidFile}'; sleep 300 & echo $$! >> '${pidFile}'; wait`)].join(
        '\n',
      );
      process.stdout.write('started\n');
      const r = await run('make', ['-j3', '-f', '-'], { cwd: dir, input: `${makefile}\n` });
      return { exitCode: r.exitCode };
    }
    case 'extract': {
      const [archive, dest, logFile] = args as [string, string, string];
      const r = await extractTarball(archive, dest, { logFile });
      return { root: r.root, entries: r.entries };
    }
    case 'check-out-dir': {
      const [outDir, workDir] = args as [string, string];
      checkOutDir(outDir, { workDir });
      return { ok: true };
    }
    case 'read-input': {
      const [file, kind] = args as [string, InputKind];
      return { bytes: readInputFile(file, { input: kind, kind }).length };
    }
    case 'remove-in-background': {
      // Starts the deletion and exits at once: the deletion must go on without us.
      const [dir] = args as [string];
      const log = new MemoryLog();
      const removal = removeInBackground(dir, log);
      return { pid: removal.pid, trash: removal.trash, said: log.lines.map((l) => l.message) };
    }
    default:
      throw new Error(`unknown action ${action}`);
  }
}

installInterruptHandlers();
const [action = '', ...args] = process.argv.slice(2);
try {
  const result = await main(action, args);
  if (result !== undefined) process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = 0;
} catch (e) {
  // As a door would: the stage that was running, one line, the family's exit code.
  const error = e instanceof InterruptedError ? e.during(action) : e;
  process.stderr.write(error instanceof LibkrunfwError ? `error: ${error.message}\n` : `unexpected: ${(error as Error).stack}\n`);
  process.exitCode = exitCodeOf(error);
}
