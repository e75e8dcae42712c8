// Safe extraction of a kernel source tarball.
//
//   archive --(xz | bzip2 | zstd | zlib)--> TarStreamGuard --> GNU tar -x -f - -C dest
//
// The decompressed stream passes through our own header parser, which hands
// each entry to EntryPolicy before tar sees its header. GNU tar does the file
// system work (it is fast, and its own defences stay on as a second line).
// Refusal, corruption or a tool failure kills both processes and leaves dest
// absent (if we made it) or empty. So does the first line in which tar reports
// a machine fault (no space left, a read-only file system...): it becomes one
// FaultError line, and tar's own lines go to the log file. An interrupt
// (SIGINT/SIGTERM) stops both at once too.

import { createReadStream, createWriteStream } from 'node:fs';
import { access, chmod, constants, lstat, open, readdir, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { execa } from 'execa';
import { ArchiveError, LibkrunfwError, ToolMissingError } from '../errors.ts';
import { makeDirs } from '../util/dir-checks.ts';
import { asFault, faultError, faultInLine, pathInLine, rethrowAsFault } from '../util/faults.ts';
import { interruptSignal } from '../util/interrupt.ts';
import { EntryPolicy } from './entry-policy.ts';
import { TarStreamGuard, displayName, looksLikeTar } from './tar-stream-guard.ts';

export interface ExtractOptions {
  /**
   * Called now and then (at most about four times a second, and once at the
   * end) with the entries extracted so far and the bytes of file data in them.
   */
  onProgress?: (entries: number, bytes: number) => void;
  /** Where tar's and the decompressor's own lines go (appended); the error names it. */
  logFile?: string;
  /** Stops the extraction (and leaves dest as a refusal does) when aborted. Default: the interrupt signal. */
  signal?: AbortSignal;
}

export interface ExtractResult {
  /** Absolute path of the archive's single top-level directory, e.g. dest/linux-6.12.87. */
  root: string;
  /** Entries extracted (files, directories, links). */
  entries: number;
  /** Bytes of regular-file data extracted. */
  bytes: number;
}

export type Compression = 'xz' | 'gzip' | 'bzip2' | 'zstd' | 'none';

const TOOL_HINTS: Record<string, string> = {
  tar: 'Install GNU tar (apt-get install tar).',
  xz: 'Install xz (apt-get install xz-utils).',
  bzip2: 'Install bzip2 (apt-get install bzip2).',
  zstd: 'Install zstd (apt-get install zstd) to extract .tar.zst archives.',
};

const PROGRESS_INTERVAL_MS = 250;
const STDERR_TAIL_CHARS = 4000;

/** Identifies the archive's compression by its first bytes. */
export async function detectCompression(archive: string): Promise<Compression> {
  let head: Buffer;
  try {
    const fh = await open(archive, 'r');
    try {
      head = Buffer.alloc(512);
      const { bytesRead } = await fh.read(head, 0, 512, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (error) {
    throw new ArchiveError(`cannot read the archive ${archive}: ${(error as Error).message}`);
  }
  if (head.length === 0) throw new ArchiveError(`the archive ${archive} is empty.`);
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz';
  if (starts(0x1f, 0x8b)) return 'gzip';
  if (starts(0x42, 0x5a, 0x68) && head[3] !== undefined && head[3] >= 0x31 && head[3] <= 0x39) return 'bzip2';
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd';
  if (looksLikeTar(head)) return 'none';
  throw new ArchiveError(
    `${archive} is not a tarball this can extract: its first bytes are not those of an xz, gzip, bzip2 or zstd ` + 'stream, nor of a tar header.',
  );
}

/**
 * Extracts `archive` into `dest` (created if missing; it must be empty),
 * refusing entries that could write outside it. See EntryPolicy for the rules.
 */
export async function extractTarball(archive: string, dest: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const archivePath = path.resolve(archive);
  const destPath = path.resolve(dest);
  const compression = await detectCompression(archivePath);
  await requireTools(compression);
  const signal = options.signal ?? interruptSignal();
  signal.throwIfAborted();
  const created = await prepareDestination(destPath, dest);
  const log = openToolLog(options.logFile);
  // extractInto registers how to stop its processes; an abort calls it.
  const stop: { now?: () => void } = {};
  const onAbort = (): void => stop.now?.();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await extractInto(archive, archivePath, compression, destPath, options, { signal, log, stop });
  } catch (error) {
    await clearDestination(destPath, created);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    await log.close();
  }
}

interface ToolLog {
  line(text: string): void;
  close(): Promise<void>;
  file?: string;
}

/** The tools' stderr, line by line, in the stage's log; a log that cannot be written (a full disk) is dropped. */
function openToolLog(file: string | undefined): ToolLog {
  if (!file) return { line: () => {}, close: async () => {} };
  const stream = createWriteStream(file, { flags: 'a' });
  let failed = false;
  stream.on('error', () => {
    failed = true;
  });
  return {
    file,
    line: (text) => {
      // Each tool names itself at the start of its lines ("tar: ...", "xz: ...").
      if (!failed) stream.write(`${text}\n`);
    },
    close: () => new Promise<void>((resolve) => (failed ? resolve() : stream.end(resolve))),
  };
}

interface Source {
  stream: Readable;
  /** Resolves to a description of the failure, or undefined when the decompressor succeeded. */
  outcome(): Promise<string | undefined>;
  stop(): void;
}

/** GNU tar reading the guarded stream on stdin; `onLine` sees each stderr line as it comes. */
function startTar(destPath: string, onLine: (line: string) => void) {
  const tar = execa('tar', ['-x', '-f', '-', '-C', destPath, '--no-same-owner', '--no-same-permissions', '--delay-directory-restore'], {
    stdin: 'pipe',
    stdout: 'ignore',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    env: { LC_ALL: 'C' },
  });
  const stderrTail = collectTail(tar.stderr, onLine);
  let done = false;
  const result = tar.then((r) => {
    done = true;
    return r;
  });
  const stdin = tar.stdin as Writable;
  // EPIPE when tar died early: its exit status and stderr tell why.
  stdin.on('error', () => {});
  return { tar, result, stdin, stderrTail, done: () => done };
}

/** onProgress at most every PROGRESS_INTERVAL_MS (or when forced); an error it throws is remembered as the caller's. */
function progressOf(options: ExtractOptions, policy: EntryPolicy) {
  let lastReport = Date.now();
  let callerError: { error: unknown } | undefined;
  const report = (force: boolean): void => {
    if (!options.onProgress) return;
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    try {
      options.onProgress(policy.entries, policy.bytes);
    } catch (error) {
      callerError = { error };
      throw error;
    }
  };
  return { report, isCallers: (error: unknown): boolean => callerError?.error === error };
}

/** Feeds the decompressed stream through the guard into tar; true when tar stopped reading before the end. */
async function pump(source: Source, guard: TarStreamGuard, stdin: Writable, report: (force: boolean) => void, tarDone: () => boolean): Promise<boolean> {
  for await (const chunk of source.stream as AsyncIterable<Buffer>) {
    // After the end-of-archive marker the rest is read (so the decompressor
    // can verify its checksums) but not passed on.
    if (guard.ended) continue;
    let ready = true;
    for (const piece of guard.write(chunk)) ready = stdin.write(piece);
    report(false);
    if (guard.ended) {
      stdin.end();
      continue;
    }
    if (!ready) await drained(stdin);
    if (tarDone() || stdin.destroyed) return true;
  }
  return false;
}

/** The archive's one top-level directory, which must be all that dest holds. */
async function topLevel(archive: string, destPath: string, policy: EntryPolicy): Promise<string> {
  const top = policy.top;
  if (top === undefined) throw new ArchiveError(`${archive} contains no files.`);
  const root = path.join(destPath, displayName(top));
  const rootStat = await lstat(root).catch(() => undefined);
  const present = await readdir(destPath);
  if (!rootStat?.isDirectory() || present.length !== 1) {
    throw new ArchiveError(
      `extracting ${archive} did not leave exactly one top-level directory in ${destPath} ` + `(found: ${present.join(', ') || 'nothing'}).`,
    );
  }
  return root;
}

async function extractInto(
  archive: string,
  archivePath: string,
  compression: Compression,
  destPath: string,
  options: ExtractOptions,
  { signal, log, stop }: { signal: AbortSignal; log: ToolLog; stop: { now?: () => void } },
): Promise<ExtractResult> {
  const policy = new EntryPolicy(archive, [destPath, await realpath(destPath)]);
  const guard = new TarStreamGuard(archive, (entry) => policy.check(entry));
  /** The first line in which tar reports a machine fault: it ends the extraction at once. */
  let fatal: string | undefined;
  const tar = startTar(destPath, (line) => {
    log.line(line);
    if (fatal === undefined && faultInLine(line)) {
      fatal = line;
      stopEarly();
    }
  });
  const source = openSource(compression, archivePath, log);
  /** Kills both at once; the code below notices and says why. */
  function stopEarly(): void {
    source.stop();
    tar.tar.kill('SIGKILL');
    tar.stdin.destroy();
  }
  const stopAll = async (): Promise<void> => {
    stopEarly();
    await Promise.allSettled([source.outcome(), tar.result]);
  };
  stop.now = stopEarly;
  const toolOutput = log.file ? ` (tar's output: ${log.file})` : '';
  /** The error for a stop we caused: the signal's reason, or the fault tar reported. */
  const stopped = (): Error | undefined => {
    if (signal.aborted) return signal.reason instanceof Error ? signal.reason : new ArchiveError(`extracting ${archive} was stopped`);
    if (fatal === undefined) return undefined;
    return faultError(faultInLine(fatal)!, { doing: `extracting ${archive} into`, path: destPath, tool: 'tar', logFile: log.file }, pathInLine(fatal));
  };
  const progress = progressOf(options, policy);

  let tarBroke: boolean;
  try {
    tarBroke = await pump(source, guard, tar.stdin, progress.report, tar.done);
  } catch (error) {
    await stopAll();
    if (error instanceof LibkrunfwError || progress.isCallers(error)) throw error;
    throw stopped() ?? new ArchiveError(`cannot decompress ${archive} (${compression}): ${(error as Error).message}`);
  }
  if (tarBroke || stopped()) {
    // tar stopped reading before the end of the archive, or we stopped it.
    source.stop();
    await source.outcome();
    const result = await tar.result;
    throw stopped() ?? new ArchiveError(`tar failed while extracting ${archive}: ${describeExit(result)}${firstLine(tar.stderrTail())}${toolOutput}`);
  }
  const decompressFailure = await source.outcome();
  if (decompressFailure !== undefined) {
    await stopAll();
    // The decompressor running out of memory is the machine's fault, not the archive's.
    const code = faultInLine(decompressFailure);
    const fault = code ? faultError(code, { doing: `decompressing ${archive} into`, path: destPath, tool: compression }) : undefined;
    throw stopped() ?? fault ?? new ArchiveError(`${archive} is corrupt or truncated: ${decompressFailure}`);
  }
  try {
    guard.finish();
  } catch (error) {
    await stopAll();
    throw error;
  }
  const result = await tar.result;
  const late = stopped();
  if (late) throw late;
  if (result.exitCode !== 0) throw new ArchiveError(`tar failed to extract ${archive}: ${describeExit(result)}${firstLine(tar.stderrTail())}${toolOutput}`);
  progress.report(true);
  return { root: await topLevel(archive, destPath, policy), entries: policy.entries, bytes: policy.bytes };
}

function openSource(compression: Compression, archivePath: string, log: ToolLog): Source {
  switch (compression) {
    case 'xz':
      // -T0: xz 5.4+ decodes multi-block files (Debian's and kernel.org's
      // tarballs are) on all cores; older xz ignores it when decoding.
      return toolSource('xz', ['-d', '-c', '-T0', '--', archivePath], log);
    case 'bzip2':
      return toolSource('bzip2', ['-d', '-c', '--', archivePath], log);
    case 'zstd':
      return toolSource('zstd', ['-d', '-c', '-q', '--', archivePath], log);
    case 'gzip': {
      const file = createReadStream(archivePath, { highWaterMark: 1 << 20 });
      const gunzip = createGunzip({ chunkSize: 1 << 16 });
      file.on('error', (error) => gunzip.destroy(error));
      // Errors reach the reader through iteration; these listeners only keep
      // a late one (after the reader stopped) from being unhandled.
      gunzip.on('error', () => {});
      file.pipe(gunzip);
      return {
        stream: gunzip,
        outcome: async () => undefined,
        stop: () => {
          file.destroy();
          gunzip.destroy();
        },
      };
    }
    case 'none': {
      const file = createReadStream(archivePath, { highWaterMark: 1 << 20 });
      file.on('error', () => {});
      return { stream: file, outcome: async () => undefined, stop: () => file.destroy() };
    }
  }
}

function toolSource(tool: string, args: string[], log: ToolLog): Source {
  const proc = execa(tool, args, { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', buffer: false, reject: false });
  const stderr = collectTail(proc.stderr, (line) => log.line(line));
  const done = proc.then(
    (result) => (result.exitCode === 0 ? undefined : `${tool} ${describeExit(result)}${tail(stderr())}`),
    (error: Error) => `${tool} failed: ${error.message}`,
  );
  return {
    stream: proc.stdout as Readable,
    outcome: () => done,
    stop: () => {
      proc.kill('SIGKILL');
      (proc.stdout as Readable).destroy();
    },
  };
}

function describeExit(result: { exitCode?: number; signal?: string; failed?: boolean; message?: string }): string {
  if (result.signal) return `killed by ${result.signal}`;
  if (result.exitCode !== undefined) return `exit code ${result.exitCode}`;
  return result.message ?? 'failed';
}

function tail(text: string): string {
  const trimmed = text.trim();
  return trimmed ? `\n${trimmed}` : '';
}

/** The first line a tool wrote, for a one-line message (the rest is in the log). */
function firstLine(text: string): string {
  const line = text
    .trim()
    .split('\n')[0]
    ?.replace(/^\.\.\./, '');
  return line ? `: ${line}` : '';
}

/** Keeps the last few thousand characters a stream writes, and hands each whole line to `onLine`. */
function collectTail(stream: Readable | null | undefined, onLine?: (line: string) => void): () => string {
  let text = '';
  let pending = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (data: string) => {
    text += data;
    if (text.length > 2 * STDERR_TAIL_CHARS) text = text.slice(-STDERR_TAIL_CHARS);
    if (!onLine) return;
    pending += data;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      onLine(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  });
  stream?.on('end', () => {
    if (pending && onLine) onLine(pending);
    pending = '';
  });
  return () => (text.length > STDERR_TAIL_CHARS ? `...${text.slice(-STDERR_TAIL_CHARS)}` : text);
}

function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

let gnuTarChecked: Promise<void> | undefined;

async function requireTools(compression: Compression): Promise<void> {
  const tools = ['tar'];
  if (compression === 'xz' || compression === 'bzip2' || compression === 'zstd') tools.push(compression);
  for (const tool of tools) {
    if (!(await onPath(tool))) throw new ToolMissingError(tool, TOOL_HINTS[tool] ?? '');
  }
  gnuTarChecked ??= execa('tar', ['--version'], { reject: false, env: { LC_ALL: 'C' } }).then((r) => {
    if (r.exitCode !== 0 || !String(r.stdout).includes('GNU tar')) {
      gnuTarChecked = undefined;
      throw new ToolMissingError('GNU tar', `The 'tar' on PATH is not GNU tar. ${TOOL_HINTS.tar}`);
    }
  });
  await gnuTarChecked;
}

async function onPath(tool: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      await access(path.join(dir, tool), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

/** Makes sure `destPath` is an empty directory. Returns true when it had to be created. */
async function prepareDestination(destPath: string, shown: string): Promise<boolean> {
  let st;
  try {
    st = await stat(destPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw (
        asFault(error, { doing: 'extracting into', path: destPath }) ?? new ArchiveError(`cannot use ${shown} as the destination: ${(error as Error).message}`)
      );
    }
    try {
      makeDirs(destPath);
    } catch (e) {
      rethrowAsFault(e, { doing: 'creating the extraction directory', path: destPath });
    }
    return true;
  }
  if (!st.isDirectory()) throw new ArchiveError(`the destination ${shown} exists and is not a directory.`);
  const present = await readdir(destPath);
  if (present.length > 0) {
    throw new ArchiveError(
      `the destination ${shown} is not empty (it has ${present.slice(0, 3).join(', ')}` +
        `${present.length > 3 ? ', ...' : ''}); extract into a new or empty directory.`,
    );
  }
  return false;
}

/** Leaves `destPath` absent (when we created it) or empty. */
async function clearDestination(destPath: string, created: boolean): Promise<void> {
  if (created) {
    await forceRemove(destPath);
    return;
  }
  const present = await readdir(destPath).catch(() => [] as string[]);
  for (const name of present) await forceRemove(path.join(destPath, name));
}

async function forceRemove(target: string): Promise<void> {
  try {
    await rm(target, { recursive: true, force: true });
  } catch {
    // A directory the archive made read-only: open it up and try again.
    await makeWritable(target);
    await rm(target, { recursive: true, force: true });
  }
}

async function makeWritable(target: string): Promise<void> {
  const st = await lstat(target).catch(() => undefined);
  if (!st?.isDirectory()) return;
  await chmod(target, 0o700).catch(() => {});
  const children = await readdir(target).catch(() => [] as string[]);
  for (const child of children) await makeWritable(path.join(target, child));
}
