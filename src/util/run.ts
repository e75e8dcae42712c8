// Runs a program with an argument array (never a shell), streaming its output
// line by line to a log file and, optionally, to the platform log.
//
// A child that can be stopped (a signal is given, or the door installed the
// interrupt handlers) gets a process group of its own: stopping it kills make
// and everything make started, not only make. A group still alive when Node
// exits is killed then, so nothing outlives the run.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { constants as osConstants } from 'node:os';
import { InfrastructureError, ToolMissingError } from '../errors.ts';
import type { Log } from '../platform/types.ts';
import { faultInLine, faultOfRun, type FaultCode, type FaultPlace } from './faults.ts';
import { interruptHandlersInstalled, interruptSignal } from './interrupt.ts';

export interface RunOptions {
  cwd?: string;
  /** Added to this process's environment. */
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
  /**
   * Stops the child and its whole process group when aborted; run() then throws
   * the signal's reason. Default: the interrupt signal (SIGINT/SIGTERM).
   */
  signal?: AbortSignal;
  /** Called with each logged line; true stops the child at once (a fatal line, e.g. a full disk). */
  stopOn?: (line: string) => boolean;
}

export interface RunResult {
  /** The exit status; 128 + the signal's number when a signal ended it. */
  exitCode: number;
  /** The signal that ended it, if one did. */
  signal?: NodeJS.Signals;
  /** The last `tail` lines of the logged output, in the order they came. */
  tail: string[];
  stdout: string;
  stdoutBuffer?: Buffer;
  /** The line that made stopOn stop the child. */
  stoppedOn?: string;
  /** The first logged line that reports a machine fault (no space left, read-only...). */
  fault?: { code: FaultCode; line: string };
}

/** How long a stopped group has between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 3000;
/** How long output pipes may stay open after the child exited (a grandchild that left the group holds them). */
const PIPE_GRACE_MS = 1000;
const MAX_STDOUT = 512 * 1024 * 1024;

const liveGroups = new Set<number>();
let exitHook = false;

/** Kills what is left of every child group when Node exits, however it exits. */
function killGroupsOnExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // gone already
  }
}

/** Calls onLine for each complete line of a stream, and once for a last unterminated one. */
function eachLine(stream: Readable, onLine: (line: string) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += decoder.write(chunk);
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      onLine(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  });
  return new Promise((resolve) => {
    const done = (): void => {
      pending += decoder.end();
      if (pending) onLine(pending);
      pending = '';
      resolve();
    };
    stream.once('close', done);
    stream.once('error', done);
  });
}

/** Opens the log file; a log that cannot be written (a full disk) is not fatal by itself: `lost` says why it stopped. */
function openLog(file: string | undefined) {
  if (!file) return undefined;
  let lost: string | undefined;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    lost = `(the log ${file} could not be written: ${(error as Error).message})`;
  }
  const stream = lost === undefined ? createWriteStream(file, { flags: 'a' }) : undefined;
  stream?.on('error', (error) => {
    lost ??= `(the log ${file} could not be written: ${error.message})`;
  });
  return {
    write: (line: string) => {
      if (lost === undefined) stream?.write(`${line}\n`);
    },
    lost: () => lost,
    close: () => new Promise<void>((resolve) => (lost !== undefined || !stream ? resolve() : stream.end(resolve))),
  };
}

/** Each logged line: kept in the tail, written to the log, echoed, checked for a fault and for stopOn. */
class Lines {
  readonly tail: string[] = [];
  fault: RunResult['fault'];
  stoppedOn: string | undefined;
  constructor(
    private readonly keep: number,
    private readonly options: RunOptions,
    private readonly log: ReturnType<typeof openLog>,
    private readonly stop: () => void,
  ) {}

  remember(line: string): void {
    this.tail.push(line);
    if (this.tail.length > this.keep) this.tail.shift();
  }

  take(line: string): void {
    this.remember(line);
    this.log?.write(line);
    this.options.echo?.info(line);
    if (!this.fault) {
      const code = faultInLine(line);
      if (code) this.fault = { code, line };
    }
    if (this.stoppedOn === undefined && this.options.stopOn?.(line)) {
      this.stoppedOn = line;
      this.stop();
    }
  }
}

/** Stops a child: its whole group when it has one, SIGTERM then SIGKILL after the grace. */
function stopperOf(child: ChildProcess, ownGroup: boolean): { stop: () => void; clear: () => void } {
  const pid = child.pid;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    if (child.exitCode !== null || child.signalCode !== null || pid === undefined) return;
    if (ownGroup) signalGroup(pid, 'SIGTERM');
    else child.kill('SIGTERM');
    killTimer ??= setTimeout(() => (ownGroup ? signalGroup(pid, 'SIGKILL') : child.kill('SIGKILL')), KILL_GRACE_MS);
  };
  return { stop, clear: () => clearTimeout(killTimer) };
}

/** stdout kept as bytes (bounded: past MAX_STDOUT the child is stopped), and as log lines unless it is data. */
function collectStdout(pipe: Readable, binary: boolean, onLine: (line: string) => void, stop: () => void) {
  const chunks: Buffer[] = [];
  let total = 0;
  let overflow = false;
  pipe.on('data', (chunk: Buffer) => {
    if (total + chunk.length <= MAX_STDOUT) chunks.push(chunk);
    else if (binary) {
      overflow = true;
      stop();
    }
    total += chunk.length;
  });
  const done = binary ? new Promise<void>((resolve) => pipe.once('close', () => resolve())) : eachLine(pipe, onLine);
  return { done, overflow: () => overflow, bytes: () => Buffer.concat(chunks) };
}

/** The child's exit; a program that cannot start is a named error. */
function exitOf(child: ChildProcess, file: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, sig) => resolve({ code, signal: sig }));
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      throw new ToolMissingError(file, 'Install it (README: set-up), or run `bash scripts/setup.sh` as root.');
    }
    throw new InfrastructureError(`${file} could not run: ${error.message}`);
  });
}

/**
 * Run and return the result whatever the exit code. Throws when the program
 * cannot start, and the signal's reason when it was stopped by `signal`.
 */
export async function run(file: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const keep = options.tail ?? 200;
  const signal = options.signal ?? interruptSignal();
  signal.throwIfAborted();
  // Ctrl-C in a terminal reaches the whole foreground group; a child of its own
  // group is left to us, so it gets one only when we will stop it ourselves.
  const ownGroup = options.signal !== undefined || options.stopOn !== undefined || interruptHandlersInstalled();

  const log = openLog(options.logFile);

  const child = spawn(file, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: [options.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    detached: ownGroup,
  });
  const pid = child.pid;
  if (ownGroup && pid !== undefined) {
    killGroupsOnExit();
    liveGroups.add(pid);
  }
  const { stop, clear } = stopperOf(child, ownGroup);
  const lines = new Lines(keep, options, log, stop);
  const onLine = (line: string): void => lines.take(line);
  const stdout = collectStdout(child.stdout!, options.binaryStdout === true, onLine, stop);
  const pipes = [eachLine(child.stderr!, onLine), stdout.done];
  if (options.input !== undefined && child.stdin) {
    child.stdin.on('error', () => {}); // EPIPE when the child does not read it all: its exit says why
    child.stdin.end(options.input);
  }
  signal.addEventListener('abort', stop, { once: true });

  try {
    const exit = await exitOf(child, file);
    // Whatever is left of the group (a daemonised grandchild) goes with it.
    if (ownGroup && pid !== undefined && (signal.aborted || lines.stoppedOn !== undefined)) signalGroup(pid, 'SIGKILL');
    await settleWithin(Promise.all(pipes), PIPE_GRACE_MS, () => {
      child.stdout!.destroy();
      child.stderr!.destroy();
    });
    if (signal.aborted) {
      const reason: unknown = signal.reason;
      throw reason instanceof Error ? reason : new InfrastructureError(`${file} was stopped`);
    }
    if (stdout.overflow()) throw new InfrastructureError(`${file} wrote more than ${MAX_STDOUT} bytes to stdout`);
    const bytes = stdout.bytes();
    // Last, so a long output cannot push it out of the tail.
    const lost = log?.lost();
    if (lost) lines.remember(lost);
    return {
      exitCode: exit.code ?? 128 + (exit.signal ? (osConstants.signals[exit.signal] ?? 0) : 0),
      signal: exit.signal ?? undefined,
      tail: lines.tail,
      stdout: options.binaryStdout ? '' : bytes.toString('utf8').replace(/\r?\n$/, ''),
      stdoutBuffer: options.binaryStdout ? bytes : undefined,
      stoppedOn: lines.stoppedOn,
      fault: lines.fault,
    };
  } finally {
    signal.removeEventListener('abort', stop);
    clear();
    if (pid !== undefined) liveGroups.delete(pid);
    await log?.close();
  }
}

/** Waits for `work`, but no longer than `ms`; then calls `giveUp` and returns. */
async function settleWithin(work: Promise<unknown>, ms: number, giveUp: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      giveUp();
      resolve();
    }, ms);
  });
  await Promise.race([work.then(() => undefined), late]);
  clearTimeout(timer);
}

/**
 * Run and throw when it fails: a FaultError when its output reports a machine
 * fault (with `place`, or the program and its directory), else an
 * InfrastructureError with the output's tail.
 */
export async function runChecked(file: string, args: string[], options: RunOptions & { place?: FaultPlace } = {}): Promise<RunResult> {
  const result = await run(file, args, options);
  if (result.exitCode !== 0) {
    const place = options.place ?? { doing: `running ${file} in`, path: options.cwd ?? process.cwd(), tool: path.basename(file), logFile: options.logFile };
    const fault = faultOfRun(result, place);
    if (fault) throw fault;
    throw new InfrastructureError(`${[file, ...args].join(' ')} failed (exit ${result.exitCode}):\n${result.tail.slice(-30).join('\n')}`);
  }
  return result;
}
