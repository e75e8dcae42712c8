// Checks on the directories a run uses, made before any download or
// extraction: out-dir can be made and written, the directories do not nest
// (a work dir is cleaned after the run, and whatever is inside it goes too),
// and the work dir's file system has room for a kernel build.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  statfsSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import type { Log } from '../platform/types.ts';
import { faultCodeOf, faultError } from './faults.ts';
import type { BackgroundRemoval } from './remove.ts';

/**
 * Room a build needs in its work dir: the extracted tree, the objects, the
 * ccache directory and the library, measured with `du -sb` after a build of
 * Debian's 6.12 (README: "What the action promises under faults"), plus a
 * margin for the cache restored beside them and for the next kernel being a
 * little larger. The project's config needs more than the small test config.
 */
export const WORK_DIR_NEED = {
  /** The project's libkrun guest config (kernel-config/x86_64): measured 3.1 GB. */
  build: 4 * 2 ** 30,
  /** bundle --vmlinux: a copy of the payload, the library and the package. */
  bundle: 512 * 2 ** 20,
} as const;

/** The nearest existing directory at or above `dir`, resolved through symlinks. */
function existingAncestor(dir: string): string {
  let p = path.resolve(dir);
  while (!existsSync(p)) {
    const up = path.dirname(p);
    if (up === p) break;
    p = up;
  }
  return p;
}

/** `dir` with symlinks resolved as far as it exists, the rest as written: two spellings of one place compare equal. */
export function canonicalPath(dir: string): string {
  const abs = path.resolve(dir);
  const base = existingAncestor(abs);
  let real: string;
  try {
    real = realpathSync(base);
  } catch {
    real = base;
  }
  return path.join(real, path.relative(base, abs));
}

/** Whether `inner` is `outer` or lies inside it. */
export function isWithin(inner: string, outer: string): boolean {
  const rel = path.relative(canonicalPath(outer), canonicalPath(inner));
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

export interface RunDirs {
  outDir: string;
  workDir: string;
  cacheDir?: string;
}

/**
 * Refuses directories that nest: the work dir is emptied and removed, so an
 * out-dir or cache dir inside it would lose its files; an out-dir holding the
 * work or cache dir would mix scratch and caches with the run's files.
 */
export function checkRelation(dirs: RunDirs): void {
  const pairs: [string, string, string, string, string][] = [
    ['out-dir', dirs.outDir, 'work-dir', dirs.workDir, 'the work dir is emptied after the run, and the library would go with it'],
    ['cache-dir', dirs.cacheDir ?? '', 'work-dir', dirs.workDir, 'the work dir is emptied before and after each run, and the caches would go with it'],
    ['out-dir', dirs.outDir, 'cache-dir', dirs.cacheDir ?? '', 'cache entries are replaced and pruned, and the library could go with them'],
  ];
  for (const [aName, a, bName, b, why] of pairs) {
    if (!a || !b) continue;
    if (isWithin(a, b)) {
      const how = canonicalPath(a) === canonicalPath(b) ? 'is the same directory as' : 'is inside';
      throw new InputError(`${aName} ${a} ${how} ${bName} ${b}: ${why}; choose an ${aName} outside it`);
    }
    if (isWithin(b, a)) {
      throw new InputError(`${bName} ${b} is inside ${aName} ${a}: ${aName} would hold the ${bName}'s files; choose directories that do not nest`);
    }
  }
}

/**
 * mkdir -p that reports what the file system said: level by level, because a
 * recursive mkdir reports ENOENT where it was EROFS or EACCES. Returns the
 * directories it made, outermost first.
 */
export function makeDirs(dir: string): string[] {
  const made: string[] = [];
  for (let p = path.resolve(dir); !existsSync(p); p = path.dirname(p)) made.unshift(p);
  for (const p of made) {
    try {
      mkdirSync(p);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return made;
}

/** Creates `dir` if needed, then proves it writable by creating and removing a file in it. */
export function checkWritableDir(dir: string, name: string): void {
  const abs = path.resolve(dir);
  const made: string[] = [];
  try {
    const st = statOrUndefined(abs);
    if (st && !st.isDirectory()) throw new InputError(`${name} ${dir} exists and is not a directory`);
    if (!st) {
      // Note which levels are new, so a refused check leaves nothing behind.
      let blocker = path.dirname(abs);
      while (!existsSync(blocker)) blocker = path.dirname(blocker);
      if (!statSync(blocker).isDirectory()) throw new InputError(`${name} ${dir}: ${blocker} is not a directory`);
      for (let p = abs; p !== blocker; p = path.dirname(p)) made.unshift(p);
      makeDirs(abs);
    }
    // As root, modes do not refuse a write; only a real write shows a read-only mount or a full disk.
    const probe = path.join(abs, `.libkrunfw-action-write-test-${process.pid}`);
    const fd = openSync(probe, 'wx');
    try {
      writeSync(fd, 'x');
    } finally {
      closeSync(fd);
      unlinkSync(probe);
    }
  } catch (error) {
    for (const p of made.reverse()) {
      try {
        rmdirSync(p);
      } catch {
        break;
      }
    }
    if (error instanceof InputError) throw error;
    // The place is the directory, whichever file (ours, the probe) the errno names.
    const code = faultCodeOf(error);
    throw code ? faultError(code, { doing: `writing to ${name}`, path: dir }) : error;
  }
}

/** stat, following symlinks; undefined when nothing is there (or a file is in the way above it: said by the caller). */
function statOrUndefined(p: string): Stats | undefined {
  try {
    return statSync(p, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Out-dir: not nested with the work or cache dir, and creatable and writable. */
export function checkOutDir(outDir: string, others: { workDir: string; cacheDir?: string }): void {
  checkRelation({ outDir, ...others });
  checkWritableDir(outDir, 'out-dir');
}

export interface FreeSpace {
  /** Bytes this user may still write. */
  available: number;
  /** The file system's size. */
  total: number;
  /** The directory statfs was asked about (dir, or its nearest existing parent). */
  measuredAt: string;
}

/** Free space on the file system that holds `dir` (or would, once it is made). */
export function freeSpace(dir: string): FreeSpace {
  const at = existingAncestor(dir);
  const s = statfsSync(at);
  return { available: s.bavail * s.bsize, total: s.blocks * s.bsize, measuredAt: at };
}

export function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(0)} MiB`;
  return `${n} bytes`;
}

/** Refuses, as a machine fault (ENOSPC), a directory whose file system has less than `need` bytes free. */
export function checkFreeSpace(dir: string, need: number, name: string, what = 'a kernel build'): FreeSpace {
  const free = freeSpace(dir);
  if (free.available < need) {
    throw faultError('ENOSPC', { doing: `checking ${name}`, path: dir }, `${formatBytes(free.available)} free, ${what} needs ${formatBytes(need)}`);
  }
  return free;
}

/**
 * checkFreeSpace, for a directory whose earlier contents are still being
 * deleted in the background: while short of room and a deletion is running,
 * wait for it (a line every 10 s says how far it got) before refusing.
 */
export async function awaitFreeSpace(
  dir: string,
  need: number,
  name: string,
  options: { removals?: BackgroundRemoval[]; log?: Log; timeoutMs?: number; what?: string } = {},
): Promise<FreeSpace> {
  const removals = options.removals ?? [];
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  let lastLine = 0;
  for (;;) {
    const free = freeSpace(dir);
    const running = removals.filter((r) => !r.done());
    if (free.available >= need || running.length === 0 || Date.now() >= deadline) break;
    if (Date.now() - lastLine >= 10_000) {
      lastLine = Date.now();
      options.log?.info(`waiting for the earlier files to be deleted: ${formatBytes(free.available)} free in ${name}, ${formatBytes(need)} needed`);
    }
    await Promise.race(running.map((r) => r.wait(1000)));
  }
  return checkFreeSpace(dir, need, name, options.what);
}

/**
 * Characters the kernel's own build takes in the path of its tree: letters and
 * digits of any script, and / . _ + @ ~ -. Linux's Makefile refuses whitespace
 * and colons itself, and hands its directory to the shell and to make
 * unquoted, so quotes, $, ;, backticks, &, |, <, ( and \ break it (each
 * tried with make kernelversion); the rest of ASCII punctuation is refused too,
 * as untried.
 */
const KBUILD_SAFE = /^[\p{L}\p{M}\p{N}/._+@~-]$/u;

const CHAR_NAMES: Record<string, string> = {
  ' ': 'a space',
  ':': 'a colon',
  '\t': 'a tab',
  '\n': 'a newline',
  "'": 'a single quote',
  '"': 'a double quote',
  '`': 'a backtick',
  $: 'a dollar sign',
  ';': 'a semicolon',
  '\\': 'a backslash',
};

/** What in `dir`'s real path (symlinks resolved, as kbuild does) the kernel's build cannot take, in words; undefined when nothing. */
export function kbuildPathProblem(dir: string): string | undefined {
  const bad = [...canonicalPath(dir)].find((ch) => !KBUILD_SAFE.test(ch));
  if (bad === undefined) return undefined;
  return CHAR_NAMES[bad] ?? (/\s/u.test(bad) ? 'whitespace' : `the character ${bad}`);
}

/** Refuses, as the caller's choice, a directory the kernel cannot be built in. */
export function checkKbuildPath(dir: string, name: string): void {
  const problem = kbuildPathProblem(dir);
  if (problem) {
    throw new InputError(
      `${name} ${dir}: the kernel cannot be built in a path with ${problem} in it (Linux's Makefile hands its directory to the shell unquoted); ` +
        `choose a ${name} whose path has only letters, digits and / . _ + @ ~ -`,
    );
  }
}

/** Decodes the octal escapes mountinfo uses for spaces, tabs, newlines and backslashes. */
function unescapeMount(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/**
 * Whether `dir` is a mount point (a volume, a tmpfs, a bind mount): such a
 * directory can be emptied but not removed or renamed (EBUSY).
 */
export function isMountPoint(dir: string): boolean {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return false;
  }
  const info = (() => {
    try {
      return readFileSync('/proc/self/mountinfo', 'utf8');
    } catch {
      return undefined;
    }
  })();
  if (info !== undefined) {
    // Field 5 is the mount point. A bind mount of the same file system shows only here, not in st_dev.
    return info.split('\n').some((line) => {
      const mountPoint = line.split(' ')[4];
      return mountPoint !== undefined && unescapeMount(mountPoint) === real;
    });
  }
  const parent = path.dirname(real);
  return parent === real || statSync(parent).dev !== statSync(real).dev;
}
