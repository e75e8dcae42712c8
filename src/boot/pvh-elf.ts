// An ELF that QEMU can boot, made from nothing but the bytes a libkrunfw hands
// out: one PT_LOAD with the payload at load_addr, and a PT_NOTE over the PVH
// entry note (Xen, type 18) that the kernel carries inside its own payload.
// So the boot test runs the library's bytes, not the vmlinux they came from.
import { ElfError } from '../errors.ts';

/** XEN_ELFNOTE_PHYS32_ENTRY: where a PVH loader enters the kernel. */
export const XEN_ELFNOTE_PHYS32_ENTRY = 18;

export interface PvhNote {
  /** Offset of the note header in the payload. */
  offset: number;
  /** Size of the whole note: header, name and descriptor, padded to 4. */
  size: number;
  entry: number;
}

/** Finds the PVH entry note in a kernel payload. */
export function findPvhNote(payload: Buffer): PvhNote | undefined {
  const name = Buffer.from('Xen\0');
  for (let at = payload.indexOf(name); at >= 0; at = payload.indexOf(name, at + 1)) {
    const off = at - 12;
    if (off < 0 || off % 4 !== 0) continue;
    const namesz = payload.readUInt32LE(off);
    const descsz = payload.readUInt32LE(off + 4);
    const type = payload.readUInt32LE(off + 8);
    if (namesz !== 4 || type !== XEN_ELFNOTE_PHYS32_ENTRY || (descsz !== 4 && descsz !== 8)) continue;
    const entry = payload.readUInt32LE(off + 16);
    return { offset: off, size: 16 + Math.ceil(descsz / 4) * 4, entry };
  }
  return undefined;
}

const EHDR = 64;
const PHDR = 56;

/** ELF64 x86_64 executable: [header][PT_LOAD][PT_NOTE][padding][payload]. */
export function pvhElf(payload: Buffer, loadAddr: bigint, entryAddr: bigint, source = 'the payload'): Buffer {
  const note = findPvhNote(payload);
  if (!note) throw new ElfError(source, 'has no PVH entry note (Xen, type 18): QEMU cannot boot it, and neither can a PVH loader');
  const dataOff = 0x1000;
  const out = Buffer.alloc(dataOff + payload.length);
  out.write('\x7fELF', 0, 'latin1');
  out[4] = 2; // ELFCLASS64
  out[5] = 1; // little-endian
  out[6] = 1; // EV_CURRENT
  out.writeUInt16LE(2, 16); // ET_EXEC
  out.writeUInt16LE(62, 18); // EM_X86_64
  out.writeUInt32LE(1, 20);
  out.writeBigUInt64LE(entryAddr, 24);
  out.writeBigUInt64LE(BigInt(EHDR), 32); // e_phoff
  out.writeUInt16LE(EHDR, 52);
  out.writeUInt16LE(PHDR, 54);
  out.writeUInt16LE(2, 56); // e_phnum
  const ph = (i: number, type: number, flags: number, offset: number, addr: bigint, size: number, align: number): void => {
    const o = EHDR + i * PHDR;
    out.writeUInt32LE(type, o);
    out.writeUInt32LE(flags, o + 4);
    out.writeBigUInt64LE(BigInt(offset), o + 8);
    out.writeBigUInt64LE(addr, o + 16);
    out.writeBigUInt64LE(addr, o + 24);
    out.writeBigUInt64LE(BigInt(size), o + 32);
    out.writeBigUInt64LE(BigInt(size), o + 40);
    out.writeBigUInt64LE(BigInt(align), o + 48);
  };
  ph(0, 1, 7, dataOff, loadAddr, payload.length, 0x1000); // PT_LOAD rwx
  ph(1, 4, 4, dataOff + note.offset, loadAddr + BigInt(note.offset), note.size, 4); // PT_NOTE
  payload.copy(out, dataOff);
  return out;
}
