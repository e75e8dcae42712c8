// The firmware and initrd SEV/TDX libraries carry: refused early, by the input
// that named them, when libkrun could not use them.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors.ts';
import type { BlobName } from './types.ts';

/** libkrun maps qboot as the last 64 KiB below 4 GiB: it must be exactly that big. */
export const QBOOT_SIZE = 0x10000;

/** Refuse a blob libkrun cannot use; `input` names where it was given. */
export function checkBlob(name: BlobName, file: string, input: string): void {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new InputError(`${input}: ${file} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${input}: ${file} does not exist`);
  }
  if (name === 'qboot' && size !== QBOOT_SIZE) {
    throw new InputError(`${input}: ${file} is ${size} bytes; libkrun maps qboot as exactly 64 KiB (65536 bytes) of firmware`);
  }
  if (name === 'initrd') {
    if (size === 0) throw new InputError(`${input}: ${file} is empty`);
    const fd = openSync(file, 'r');
    const magic = Buffer.alloc(6);
    readSync(fd, magic, 0, 6, 0);
    closeSync(fd);
    // gzip, or a newc/crc cpio archive: the formats the kernel unpacks as an initramfs.
    if (!(magic[0] === 0x1f && magic[1] === 0x8b) && !magic.toString('latin1').startsWith('07070')) {
      throw new InputError(`${input}: ${file} is neither gzip nor a cpio archive, so the kernel cannot unpack it as an initrd`);
    }
  }
}
