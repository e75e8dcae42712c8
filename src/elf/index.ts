// The ELF64 reader: headers and PT_LOAD segments of a kernel vmlinux, 64-bit fields as bigint.
export {
  EM_AARCH64,
  EM_RISCV,
  EM_X86_64,
  ET_DYN,
  ET_EXEC,
  ET_REL,
  PT_LOAD,
  PT_NOTE,
  loadSegments,
  machineName,
  parseElf64,
  readElf64,
  segmentBytes,
  segmentTypeName,
} from './elf64.ts';
export type { Elf64, ProgramHeader } from './elf64.ts';
