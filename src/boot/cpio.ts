// A newc ("070701") cpio archive, the format the kernel unpacks as an
// initramfs. Written here rather than by cpio(1) so that a device node
// (/dev/console) can go in without root and without mknod, and so that the
// archive carries no owner, time or inode number of this machine.

import { InputError } from '../errors.ts';

export type CpioEntry =
  | { type: 'dir'; name: string; mode?: number }
  | { type: 'file'; name: string; data: Buffer; mode?: number }
  | { type: 'char'; name: string; major: number; minor: number; mode?: number };

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFCHR = 0o020000;

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');
const pad4 = (n: number): number => (4 - (n % 4)) % 4;

function record(ino: number, mode: number, data: Buffer, name: string, rdev: { major: number; minor: number } = { major: 0, minor: 0 }): Buffer {
  const nameBytes = Buffer.from(`${name}\0`, 'utf8');
  const header = '070701' + [ino, mode, 0, 0, 1, 0, data.length, 0, 0, rdev.major, rdev.minor, nameBytes.length, 0].map(hex8).join('');
  const headLen = header.length + nameBytes.length;
  return Buffer.concat([Buffer.from(header, 'latin1'), nameBytes, Buffer.alloc(pad4(headLen)), data, Buffer.alloc(pad4(data.length))]);
}

/** The archive: entries in the order given (a directory before what it holds), then the trailer. */
export function newcArchive(entries: CpioEntry[]): Buffer {
  const parts = entries.map((e, i) => {
    if (e.name.startsWith('/') || e.name.split('/').includes('..')) throw new InputError(`cpio entry '${e.name}' must be a relative path inside the archive`);
    const ino = i + 1;
    if (e.type === 'dir') return record(ino, S_IFDIR | (e.mode ?? 0o755), Buffer.alloc(0), e.name);
    if (e.type === 'file') return record(ino, S_IFREG | (e.mode ?? 0o644), e.data, e.name);
    return record(ino, S_IFCHR | (e.mode ?? 0o600), Buffer.alloc(0), e.name, e);
  });
  return Buffer.concat([...parts, record(0, 0, Buffer.alloc(0), 'TRAILER!!!')]);
}
