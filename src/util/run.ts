// Runs a program with an argument array (never a shell), streaming its output
// line by line to a log file and, optionally, to the platform log.
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { execa } from 'execa';
import { InfrastructureError, ToolMissingError } from '../errors.ts';
import type { Log } from '../platform/types.ts';

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Where the whole output goes; kept for the failure message and for artifacts. */
  logFile?: string;
  /** Echo each line to this log (inside the stage's group). */
  echo?: Log;
  /** Keep this many trailing lines for error messages. */
  tail?: number;
  input?: string | Buffer;
  /** stdout is data (a tar stream): keep it as bytes, and log only stderr. */
  binaryStdout?: boolean;
}

export interface RunResult {
  exitCode: number;
  /** The last `tail` lines of the logged output, in the order they came. */
  tail: string[];
  stdout: string;
  stdoutBuffer?: Buffer;
}

/** Calls onLine for each complete line of a stream, and once for a last unterminated one. */
function eachLine(stream: Readable, onLine: (line: string) => void): Promise<void> {
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      onLine(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  });
  return new Promise((resolve) =>
    stream.on('close', () => {
      if (pending) onLine(pending);
      resolve();
    }),
  );
}

/** Run and return the result whatever the exit code; throws only when the program cannot start. */
export async function run(file: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const keep = options.tail ?? 200;
  const tail: string[] = [];
  let logStream: ReturnType<typeof createWriteStream> | undefined;
  if (options.logFile) {
    mkdirSync(path.dirname(options.logFile), { recursive: true });
    logStream = createWriteStream(options.logFile, { flags: 'a' });
  }
  const onLine = (line: string): void => {
    tail.push(line);
    if (tail.length > keep) tail.shift();
    logStream?.write(`${line}\n`);
    options.echo?.info(line);
  };
  try {
    const child = execa(file, args, {
      cwd: options.cwd,
      env: options.env,
      reject: false,
      all: !options.binaryStdout,
      input: options.input,
      encoding: options.binaryStdout ? 'buffer' : 'utf8',
      buffer: { stdout: true, stderr: false, all: false },
      maxBuffer: { stdout: 512 * 1024 * 1024 },
    });
    const logged = options.binaryStdout ? child.stderr : child.all;
    const lines = logged ? eachLine(logged, onLine) : Promise.resolve();
    const result = await child;
    await lines;
    if (result.exitCode === undefined) {
      if ((result as { code?: string }).code === 'ENOENT') {
        throw new ToolMissingError(file, 'Install it (README: set-up), or run `bash scripts/setup.sh` as root.');
      }
      throw new InfrastructureError(`${file} could not run: ${result.message}`);
    }
    const out = result.stdout as unknown;
    return {
      exitCode: result.exitCode,
      tail,
      stdout: typeof out === 'string' ? out : '',
      stdoutBuffer: out instanceof Uint8Array ? Buffer.from(out) : undefined,
    };
  } finally {
    if (logStream) await new Promise<void>((resolve) => logStream!.end(resolve));
  }
}

/** Run and throw an InfrastructureError with the output's tail when it fails. */
export async function runChecked(file: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await run(file, args, options);
  if (result.exitCode !== 0) {
    throw new InfrastructureError(
      `${[file, ...args].join(' ')} failed (exit ${result.exitCode}):\n${result.tail.slice(-30).join('\n')}`,
    );
  }
  return result;
}
