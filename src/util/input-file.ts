// Input files are regular files of a sane size. A FIFO would block the read (or
// feed it forever), /dev/zero would be read until memory runs out, a directory
// is not a file: each is refused by name before a byte is read, and a file
// larger than its kind can be is refused by its size.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { InputFileError } from '../errors.ts';
import { formatBytes } from './dir-checks.ts';
import { faultCodeOf, faultError } from './faults.ts';

export type InputKind = 'config' | 'patch' | 'series' | 'qboot' | 'initrd' | 'kernel-source' | 'vmlinux';

/**
 * The largest file of each kind, well above any real one:
 * config: a full .config of 6.12 allyesconfig is under 0.5 MB (about 19,000 options);
 * patch: one patch of a series, up to a whole mainline release diff;
 * series: a list of patch names; qboot: exactly 64 KiB (checked exactly by the bundle stage);
 * initrd: libkrunfw's is a few MB, and it is mapped into every guest;
 * kernel-source: a kernel tarball (about 150 MB as .tar.xz, 1.5 GB as .tar);
 * vmlinux: an image with full debug info.
 */
export const INPUT_LIMITS: Record<InputKind, number> = {
  config: 4 * 2 ** 20,
  patch: 256 * 2 ** 20,
  series: 2 ** 20,
  qboot: 64 * 2 ** 10,
  initrd: 512 * 2 ** 20,
  'kernel-source': 4 * 2 ** 30,
  vmlinux: 2 * 2 ** 30,
};

const KIND_NAMES: Record<InputKind, string> = {
  config: 'a kernel config',
  patch: 'a patch',
  series: 'a series file',
  qboot: 'the qboot firmware',
  initrd: 'an initrd',
  'kernel-source': 'a kernel tarball',
  vmlinux: 'a kernel image',
};

export interface InputFileOptions {
  /** The input's name, as the user gave it: kernel-config, patches, qboot... */
  input: string;
  kind: InputKind;
  /** Instead of INPUT_LIMITS[kind]. */
  maxBytes?: number;
}

/** What a non-regular file is, in words. */
function typeOf(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

function refuse(file: string, st: Stats, o: InputFileOptions): void {
  const type = typeOf(st);
  if (type) throw new InputFileError(o.input, file, `is ${type}, not a regular file; give ${KIND_NAMES[o.kind]} as a file`);
  const max = o.maxBytes ?? INPUT_LIMITS[o.kind];
  if (st.size > max) {
    throw new InputFileError(o.input, file, `is ${formatBytes(st.size)}; ${KIND_NAMES[o.kind]} is at most ${formatBytes(max)} here, so this is not one`);
  }
}

function unreadable(error: unknown, file: string, o: InputFileOptions): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') throw new InputFileError(o.input, file, 'does not exist');
  if (code === 'ENOTDIR') throw new InputFileError(o.input, file, 'does not exist (a part of its path is not a directory)');
  if (code === 'EACCES' || code === 'EPERM') throw new InputFileError(o.input, file, 'cannot be read by this user (permission denied)');
  if (code === 'ELOOP') throw new InputFileError(o.input, file, 'is a symbolic link loop');
  const fault = faultCodeOf(error);
  if (fault) throw faultError(fault, { doing: `reading ${o.input}`, path: file });
  throw error;
}

/** Refuses anything but a regular file within the size limit; returns its size. Reads nothing. */
export function checkInputFile(file: string, o: InputFileOptions): number {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (error) {
    unreadable(error, file, o);
  }
  refuse(file, st, o);
  return st.size;
}

/**
 * Reads an input file, checked as checkInputFile does, on the descriptor it
 * reads from (opened without blocking, so a FIFO is refused, not waited on).
 * Reads at most the limit, even if the file grows meanwhile.
 */
export function readInputFile(file: string, o: InputFileOptions): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    unreadable(error, file, o);
  }
  try {
    const st = fstatSync(fd);
    refuse(file, st, o);
    const max = o.maxBytes ?? INPUT_LIMITS[o.kind];
    // One byte more than it says, to notice a file that grows while it is read.
    let buf = Buffer.alloc(Math.min(st.size, max) + 1);
    let got = 0;
    for (;;) {
      if (got === buf.length) {
        if (got > max) throw new InputFileError(o.input, file, `grew past ${formatBytes(max)} while it was read; ${KIND_NAMES[o.kind]} is not that large`);
        const bigger = Buffer.alloc(Math.min(buf.length * 2, max + 1));
        buf.copy(bigger);
        buf = bigger;
      }
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    unreadable(error, file, o);
  } finally {
    closeSync(fd);
  }
}

/** readInputFile as UTF-8 text. */
export function readInputText(file: string, o: InputFileOptions): string {
  return readInputFile(file, o).toString('utf8');
}
