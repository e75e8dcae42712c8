// Types for the parts of elfy 1.0.0 (CommonJS, untyped) that src/elf/elf64.ts uses.
// Only what is declared here may be used: elfy reads 64-bit fields into JS numbers,
// which lose precision above 2^53, so those fields are re-read as bigint by us.
declare module 'elfy' {
  namespace elfy {
    /** What Parser#parseHeader returns. Numbers from 64-bit fields are lossy. */
    interface Header {
      /** '32' or '64' (from EI_CLASS). */
      class: string;
      /** 'lsb' or 'msb' (from EI_DATA). */
      endian: string;
      osabi: string | undefined;
      abiversion: string | undefined;
      /** e_type as a name ('exec', 'dyn', ...), undefined when elfy has no name for it. */
      type: string | undefined;
      /** e_machine as a name ('amd64', 'AArch64', ...), undefined when elfy has no name for it. */
      machine: string | undefined;
      version: number;
      entry: number;
      phoff: number;
      shoff: number;
      flags: number;
      ehsize: number;
      phentsize: number;
      phnum: number;
      shentsize: number;
      shnum: number;
      shstrndx: number;
    }

    class Parser {
      constructor();
      /** Sets the byte order of later reads: 'lsb' or 'msb'. */
      setEndian(endian: string): void;
      /**
       * Reads the ELF header. Throws a plain Error on a class or data encoding it
       * does not know; reads past the end of `buf` throw RangeError.
       */
      parseHeader(buf: Buffer): Header;
      /** Cuts `count` entries of `size` bytes from `off`; throws when they pass the end of `buf`. */
      sliceChunks(buf: Buffer, off: number, count: number, size: number): Buffer[];
      readUInt16(buf: Buffer, offset: number): number;
      readUInt32(buf: Buffer, offset: number): number;
    }

    const constants: {
      class: Record<number, string | undefined>;
      endian: Record<number, string | undefined>;
      machine: Record<number, string | undefined>;
      type: Record<number, string | undefined>;
      entryType: Record<number, string | undefined>;
      entryFlags: Record<number, string | undefined>;
    };

    /** Parses the whole file, sections included; throws on files without a section name table. */
    function parse(buf: Buffer): unknown;
  }
  export = elfy;
}
