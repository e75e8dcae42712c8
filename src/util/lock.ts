// An exclusive lock on a directory (or any path): a lock file that only one
// process can create, holding who made it. A lock whose process is gone (same
// host, and the pid dead, reused, or from before a reboot) is stale and taken
// over with a note; a live one refuses at once, naming its holder, or is waited
// for a bounded time when the caller holds it only for moments (cache renames).
// Held locks are released when Node exits, however it exits short of SIGKILL,
// unless they are held for another process (`owner`: the action's job).
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LockedError } from '../errors.ts';
import type { Log } from '../platform/types.ts';
import { makeDirs } from './dir-checks.ts';
import { rethrowAsFault } from './faults.ts';

/** The lock file a locked directory holds: cleaning the directory must leave it. */
export const LOCK_FILE_NAME = '.libkrunfw-action.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** The kernel's boot id: a lock from before a reboot is stale whatever its pid. */
  bootId?: string;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat): tells a reused pid apart. */
  startTicks?: number;
  /** When the lock was taken (ISO 8601). */
  started: string;
  /** What the run is, for the message another run shows: "build x86_64 generic". */
  purpose: string;
  /** Tells this process's locks apart. */
  token: string;
}

export interface HeldLock {
  file: string;
  holder: LockHolder;
  /** Removes the lock file if it is still this lock's; safe to call twice. */
  release(): void;
}

export interface LockOptions {
  purpose: string;
  /** Where the note about a stale lock taken over goes. */
  log?: Pick<Log, 'notice'>;
  /** Wait up to this long for a live holder to let go (default 0: refuse at once). */
  waitMs?: number;
  /** How the message names what is locked (default: the lock file's directory). */
  what?: string;
  /**
   * The process the lock is held for, when it outlives this one (default: this
   * process). The action's work dir is its job's, from main to post: held for
   * the runner's worker, which starts both steps. Such a lock is not released
   * when this process exits; its owner's death makes it stale.
   */
  owner?: number;
  /** Take over a lock its owner holds (the post step taking what its main step locked). */
  adopt?: boolean;
}

const held = new Map<string, HeldLock>();
let exitHook = false;

function readProc(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat, read after the command name (which may hold spaces and parentheses). */
function startTicksOf(pid: number | 'self'): number | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); a zombie has exited already.
  if (fields[0] === 'Z') return undefined;
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks : undefined;
}

const BOOT_ID = readProc('/proc/sys/kernel/random/boot_id')?.trim();

function me(purpose: string, owner?: number): LockHolder {
  return {
    pid: owner ?? process.pid,
    host: os.hostname(),
    bootId: BOOT_ID,
    startTicks: startTicksOf(owner ?? 'self'),
    started: new Date().toISOString(),
    purpose,
    token: randomBytes(8).toString('hex'),
  };
}

/** "pid 1234 on vm (build x86_64 generic, since 2026-01-01T10:00:00.000Z)". */
export function describeHolder(h: Pick<LockHolder, 'pid' | 'host' | 'purpose' | 'started'>): string {
  return `pid ${h.pid} on ${h.host} (${h.purpose}, since ${h.started})`;
}

/** The holder recorded in a lock file; undefined when there is none or it cannot be read as one. */
export function lockHolder(file: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? (h as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether two holders are the same process (the same pid, started at the same time, on the same host and boot). */
function sameProcess(a: LockHolder, b: LockHolder): boolean {
  return a.pid === b.pid && a.host === b.host && a.bootId === b.bootId && a.startTicks === b.startTicks;
}

/** Whether the holder is running: undefined when it is on another host and cannot be asked. */
export function holderAlive(h: LockHolder): boolean | undefined {
  if (h.host !== os.hostname()) return undefined;
  if (h.bootId && BOOT_ID && h.bootId !== BOOT_ID) return false;
  try {
    process.kill(h.pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (h.startTicks !== undefined) {
    const now = startTicksOf(h.pid);
    if (now === undefined) return process.platform === 'linux' ? false : true;
    return now === h.startTicks;
  }
  return true;
}

function releaseAllOnExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const lock of [...held.values()]) lock.release();
  });
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Blocks for `ms`: lock waits are short and happen between steps, so the event loop loses nothing. */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Creates `file` holding `content` only if it does not exist, never visible half-written. */
function createExclusive(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content);
  try {
    linkSync(tmp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    // A file system without hard links: O_EXCL, with a moment where the file is empty.
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    writeSync(fd, content);
    closeSync(fd);
    return true;
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
}

/** A lock file that is empty or unreadable this long is a crashed creation, not one in progress. */
const UNREADABLE_STALE_MS = 5000;
/** A takeover guard this old was left by a process that died while taking over. */
const GUARD_STALE_MS = 30_000;

/**
 * Removes the lock `file` if it still holds `stale` (a holder that is gone, or
 * one the caller adopts), checked under a guard, so two runs taking over the
 * same lock cannot remove each other's fresh one. Returns true when removed.
 */
function removeLockOf(file: string, stale: LockHolder | undefined): boolean {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, String(process.pid))) {
    const age = Date.now() - (statSync(guard, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > GUARD_STALE_MS) unlinkSync(guard);
    return false;
  }
  try {
    const now = lockHolder(file);
    if (stale ? now?.token !== stale.token || now.pid !== stale.pid : now !== undefined) return false;
    unlinkSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  } finally {
    unlinkSync(guard);
  }
}

/** Takes the lock file `file` (its directory must exist), or throws LockedError naming the holder. */
export function lockFile(file: string, options: LockOptions): HeldLock {
  const what = options.what ?? path.dirname(file);
  const holder = me(options.purpose, options.owner);
  const content = `${JSON.stringify(holder)}\n`;
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    let created: boolean;
    try {
      created = createExclusive(file, content);
    } catch (error) {
      rethrowAsFault(error, { doing: 'locking', path: what });
    }
    if (created) break;
    const other = lockHolder(file);
    if (other && options.adopt && sameProcess(other, holder)) {
      removeLockOf(file, other);
      continue;
    }
    const alive = other ? holderAlive(other) : undefined;
    if (other && alive === false) {
      if (removeLockOf(file, other)) {
        options.log?.notice(`took over the lock on ${what}: ${describeHolder(other)} is no longer running`);
      }
      continue;
    }
    if (!other) {
      const age = Date.now() - (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > UNREADABLE_STALE_MS && removeLockOf(file, undefined)) {
        options.log?.notice(`took over the lock on ${what}: its lock file ${file} was left unreadable by a run that died`);
        continue;
      }
    }
    if (Date.now() >= deadline) {
      const who = other ? describeHolder(other) : `a run whose lock file ${file} is being written`;
      const elsewhere =
        other && alive === undefined ? ` (a lock from another host cannot be checked from here: if no run is going on there, delete ${file})` : '';
      throw new LockedError(what, `${who}${elsewhere}`);
    }
    sleepSync(100);
  }
  let released = false;
  const lock: HeldLock = {
    file,
    holder,
    release() {
      if (released) return;
      released = true;
      held.delete(file);
      if (lockHolder(file)?.token !== holder.token) return;
      try {
        unlinkSync(file);
      } catch {
        // gone with its directory
      }
    },
  };
  if (options.owner !== undefined && options.owner !== process.pid) return lock;
  held.set(file, lock);
  releaseAllOnExit();
  return lock;
}

/** Locks the directory `dir` (made if missing) with a lock file inside it, LOCK_FILE_NAME. */
export function lockDirectory(dir: string, options: LockOptions): HeldLock {
  try {
    makeDirs(dir);
  } catch (error) {
    rethrowAsFault(error, { doing: 'creating', path: dir });
  }
  return lockFile(path.join(dir, LOCK_FILE_NAME), { what: dir, ...options });
}
