import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  ARCHES,
  ArchiveError,
  BootError,
  ChecksumError,
  CompileError,
  ConfigError,
  DownloadError,
  ElfError,
  InfrastructureError,
  InputError,
  InternalError,
  LibkrunfwError,
  LinkError,
  LostConfigOptionsError,
  NotReproducedError,
  OUTPUT_EXTRAS,
  PatchError,
  PublishError,
  SourceReleaseError,
  TEE_VARIANTS,
  ToolMissingError,
  TreeCache,
  UnsafeArchiveError,
  VARIANTS,
  VerifyError,
  __commonJS,
  __require,
  __toESM,
  archFacts,
  archOfHost,
  execa,
  finishRun,
  isArch,
  isVariant,
  libraryBase,
  libraryNames,
  missingToolHint,
  prepareWorkDir,
  run,
  runChecked,
  sizeOf,
  tarballName,
  targetTools,
  treeRoot
} from "./chunk-WGU5ILM7.js";

// node_modules/elfy/lib/elfy/constants.js
var require_constants = __commonJS({
  "node_modules/elfy/lib/elfy/constants.js"(exports) {
    var constants3 = exports;
    constants3.class = {
      0: "none",
      1: "32",
      2: "64",
      3: "num"
    };
    constants3.endian = {
      0: "none",
      1: "lsb",
      2: "msb",
      3: "num"
    };
    constants3.version = {
      0: "none",
      1: "current",
      2: "num"
    };
    constants3.osabi = {
      0: "sysv",
      1: "hpux",
      2: "netbsd",
      3: "linux",
      4: "unknown4",
      5: "unknown5",
      6: "solaris",
      7: "aix",
      8: "irix",
      9: "freebsd",
      10: "tru64",
      11: "modesto",
      12: "openbsd",
      13: "openvms",
      14: "nsk",
      15: "aros",
      97: "arm",
      255: "standalone"
    };
    constants3.abiversion = {
      0: "none",
      1: "current",
      2: "num"
    };
    constants3.machine = {
      0: "none",
      1: "m32",
      2: "sparc",
      3: "386",
      4: "68k",
      5: "88k",
      6: "486",
      7: "860",
      8: "mips",
      9: "s370",
      10: "mips_rs3_le",
      11: "rs6000",
      12: "unknown12",
      13: "unknown13",
      14: "unknown14",
      15: "pa_risc",
      16: "ncube",
      17: "vpp500",
      18: "sparc32plus",
      19: "960",
      20: "ppc",
      21: "ppc64",
      22: "s390",
      23: "unknown23",
      24: "unknown24",
      25: "unknown25",
      26: "unknown26",
      27: "unknown27",
      28: "unknown28",
      29: "unknown29",
      30: "unknown30",
      31: "unknown31",
      32: "unknown32",
      33: "unknown33",
      34: "unknown34",
      35: "unknown35",
      36: "v800",
      37: "fr20",
      38: "rh32",
      39: "rce",
      40: "arm",
      41: "alpha",
      42: "sh",
      43: "sparcv9",
      44: "tricore",
      45: "arc",
      46: "h8_300",
      47: "h8_300h",
      48: "h8s",
      49: "h8_500",
      50: "ia_64",
      51: "mips_x",
      52: "coldfire",
      53: "68hc12",
      54: "mma",
      55: "pcp",
      56: "ncpu",
      57: "ndr1",
      58: "starcore",
      59: "me16",
      60: "st100",
      61: "tinyj",
      62: "amd64",
      63: "pdsp",
      64: "unknown64",
      65: "unknown65",
      66: "fx66",
      67: "st9plus",
      68: "st7",
      69: "68hc16",
      70: "68hc11",
      71: "68hc08",
      72: "68hc05",
      73: "svx",
      74: "st19",
      75: "vax",
      76: "cris",
      77: "javelin",
      78: "firepath",
      79: "zsp",
      80: "mmix",
      81: "huany",
      82: "prism",
      83: "avr",
      84: "fr30",
      85: "d10v",
      86: "d30v",
      87: "v850",
      88: "m32r",
      89: "mn10300",
      90: "mn10200",
      91: "pj",
      92: "openrisc",
      93: "arc_a5",
      94: "xtensa",
      95: "num",
      183: "AArch64"
    };
    constants3.type = {
      0: "none",
      1: "rel",
      2: "exec",
      3: "dyn",
      4: "core",
      5: "num"
    };
    constants3.entryType = {
      0: "null",
      1: "load",
      2: "dynamic",
      3: "interp",
      4: "note",
      5: "shlib",
      6: "phdr",
      7: "tls",
      1684333904: "sunw_unwind",
      1685382480: "sunw_eh_frame",
      1685382481: "gnu_stack",
      1685382482: "gnu_relro",
      1879048186: "losunw",
      1879048186: "sunwbss",
      1879048187: "sunwstack",
      1879048188: "sunwdtrace",
      1879048189: "sunwcap"
    };
    constants3.entryFlags = {
      4: "r",
      2: "w",
      1: "x",
      1048576: "sunw_failure",
      2097152: "sunw_killed",
      4194304: "sunw_siginfo"
    };
    constants3.sectType = {
      0: "undef",
      0: "null",
      1: "progbits",
      2: "symtab",
      3: "strtab",
      4: "rela",
      5: "hash",
      6: "dynamic",
      7: "note",
      8: "nobits",
      9: "rel",
      10: "shlib",
      11: "dynsym",
      12: "unknown12",
      13: "unknown13",
      14: "init_array",
      15: "fini_array",
      16: "preinit_array",
      17: "group",
      18: "symtab_shndx",
      19: "num",
      1610612736: "loos",
      1879048175: "sunw_capchain",
      1879048176: "sunw_capinfo",
      1879048177: "sunw_symsort",
      1879048178: "sunw_tlssort",
      1879048179: "sunw_ldynsym",
      1879048180: "sunw_dof",
      1879048181: "sunw_cap",
      1879048182: "sunw_signature",
      1879048183: "sunw_annotate",
      1879048184: "sunw_debugstr",
      1879048185: "sunw_debug",
      1879048186: "sunw_move",
      1879048187: "sunw_comdat",
      1879048188: "sunw_syminfo",
      1879048189: "sunw_verdef",
      1879048190: "sunw_verneed",
      1879048191: "sunw_versym",
      1879048191: "hisunw",
      1879048191: "hios",
      1879048181: "gnu_attributes",
      1879048182: "gnu_hash",
      1879048183: "gnu_liblist",
      1879048184: "checksum"
    };
    constants3.sectFlags = {
      1: "write",
      2: "alloc",
      4: "execinstr",
      16: "merge",
      32: "strings",
      64: "info_link",
      128: "link_order",
      256: "os_nonconforming",
      512: "group",
      1024: "tls"
    };
  }
});

// node_modules/endian-reader/index.js
var require_endian_reader = __commonJS({
  "node_modules/endian-reader/index.js"(exports, module) {
    function Reader2(endian, word) {
      this.endian = null;
      this.word = 4;
      if (endian)
        this.setEndian(endian);
      if (word)
        this.setWord(word);
    }
    module.exports = Reader2;
    Reader2.prototype.setEndian = function setEndian(endian) {
      this.endian = /le|lsb|little/i.test(endian) ? "le" : "be";
    };
    Reader2.prototype.setWord = function setWord(word) {
      this.word = word;
    };
    Reader2.prototype.readUInt8 = function readUInt8(buf, offset) {
      return buf.readUInt8(offset);
    };
    Reader2.prototype.readInt8 = function readInt8(buf, offset) {
      return buf.readInt8(offset);
    };
    Reader2.prototype.readUInt16 = function readUInt16(buf, offset) {
      if (this.endian === "le")
        return buf.readUInt16LE(offset);
      else
        return buf.readUInt16BE(offset);
    };
    Reader2.prototype.readInt16 = function readInt16(buf, offset) {
      if (this.endian === "le")
        return buf.readInt16LE(offset);
      else
        return buf.readInt16BE(offset);
    };
    Reader2.prototype.readUInt32 = function readUInt32(buf, offset) {
      if (this.endian === "le")
        return buf.readUInt32LE(offset);
      else
        return buf.readUInt32BE(offset);
    };
    Reader2.prototype.readInt32 = function readInt32(buf, offset) {
      if (this.endian === "le")
        return buf.readInt32LE(offset);
      else
        return buf.readInt32BE(offset);
    };
    Reader2.prototype.readUInt64 = function readUInt64(buf, offset) {
      var a = this.readUInt32(buf, offset);
      var b = this.readUInt32(buf, offset + 4);
      if (this.endian === "le")
        return a + b * 4294967296;
      else
        return b + a * 4294967296;
    };
    Reader2.prototype.readInt64 = function readInt64(buf, offset) {
      if (this.endian === "le") {
        var a = this.readUInt32(buf, offset);
        var b = this.readInt32(buf, offset + 4);
        return a + b * 4294967296;
      } else {
        var a = this.readInt32(buf, offset);
        var b = this.readUInt32(buf, offset + 4);
        return b + a * 4294967296;
      }
    };
    Reader2.prototype.readHalf = function readHalf(buf, offset) {
      if (this.word === 2)
        return this.readInt8(buf, offset);
      else if (this.word === 4)
        return this.readInt16(buf, offset);
      else
        return this.readInt32(buf, offset);
    };
    Reader2.prototype.readUHalf = function readUHalf(buf, offset) {
      if (this.word === 2)
        return this.readUInt8(buf, offset);
      else if (this.word === 4)
        return this.readUInt16(buf, offset);
      else
        return this.readUInt32(buf, offset);
    };
    Reader2.prototype.readWord = function readWord(buf, offset) {
      if (this.word === 1)
        return this.readInt8(buf, offset);
      else if (this.word === 2)
        return this.readInt16(buf, offset);
      else if (this.word === 4)
        return this.readInt32(buf, offset);
      else
        return this.readInt64(buf, offset);
    };
    Reader2.prototype.readUWord = function readUWord(buf, offset) {
      if (this.word === 1)
        return this.readUInt8(buf, offset);
      else if (this.word === 2)
        return this.readUInt16(buf, offset);
      else if (this.word === 4)
        return this.readUInt32(buf, offset);
      else
        return this.readUInt64(buf, offset);
    };
  }
});

// node_modules/elfy/lib/elfy/parser.js
var require_parser = __commonJS({
  "node_modules/elfy/lib/elfy/parser.js"(exports, module) {
    var assert = __require("assert");
    var util = __require("util");
    var Reader2 = require_endian_reader();
    var elfy2 = require_elfy();
    var constants3 = elfy2.constants;
    function Parser() {
      Reader2.call(this);
    }
    util.inherits(Parser, Reader2);
    module.exports = Parser;
    Parser.prototype.mapFlags = function mapFlags(value, map) {
      var res = {};
      for (var bit = 1; (value < 0 || bit <= value) && bit !== 0; bit <<= 1)
        if (value & bit)
          res[map[bit] || bit] = true;
      return res;
    };
    Parser.prototype.execute = function execute(buf) {
      if (buf.length < 16)
        throw new Error("Not enough bytes to parse ident");
      var magic = buf.slice(0, 4).toString();
      if (magic !== "\x7FELF")
        throw new Error("Invalid magic: " + magic);
      var header = this.parseHeader(buf);
      header.body = this.parseBody(buf, header);
      header.body = this.resolveBody(header.body, header);
      return header;
    };
    Parser.prototype.parseHeader = function parseHeader(buf) {
      var class_ = constants3.class[buf[4]];
      var endian = constants3.endian[buf[5]];
      var osabi = constants3.osabi[buf[6]];
      var abiversion = constants3.abiversion[buf[7]];
      if (class_ !== "32" && class_ !== "64")
        throw new Error("Invalid class: " + class_);
      if (endian !== "lsb" && endian !== "msb")
        throw new Error("Invalid endian: " + endian);
      this.setEndian(endian);
      if (class_ === "32")
        this.setWord(4);
      else
        this.setWord(8);
      if (class_ === "32") {
        var type = constants3.type[this.readUInt16(buf, 16)];
        var machine = constants3.machine[this.readUInt16(buf, 18)];
        var version = this.readUInt32(buf, 20);
        var entry = this.readUInt32(buf, 24);
        var phoff = this.readUInt32(buf, 28);
        var shoff = this.readUInt32(buf, 32);
        var flags = this.readUInt32(buf, 36);
        var ehsize = this.readUInt16(buf, 40);
        var phentsize = this.readUInt16(buf, 42);
        var phnum = this.readUInt16(buf, 44);
        var shentsize = this.readUInt16(buf, 46);
        var shnum = this.readUInt16(buf, 48);
        var shstrndx = this.readUInt16(buf, 50);
      } else {
        var type = constants3.type[this.readUInt16(buf, 16)];
        var machine = constants3.machine[this.readUInt16(buf, 18)];
        var version = this.readUInt32(buf, 20);
        var entry = this.readUInt64(buf, 24);
        var phoff = this.readUInt64(buf, 32);
        var shoff = this.readUInt64(buf, 40);
        var flags = this.readUInt32(buf, 48);
        var ehsize = this.readUInt16(buf, 52);
        var phentsize = this.readUInt16(buf, 54);
        var phnum = this.readUInt16(buf, 56);
        var shentsize = this.readUInt16(buf, 58);
        var shnum = this.readUInt16(buf, 60);
        var shstrndx = this.readUInt16(buf, 62);
      }
      return {
        class: class_,
        endian,
        version: buf[7],
        osabi,
        abiversion,
        type,
        machine,
        version,
        entry,
        phoff,
        shoff,
        flags,
        ehsize,
        phentsize,
        phnum,
        shentsize,
        shnum,
        shstrndx
      };
    };
    Parser.prototype.parseBody = function parseBody(buf, header) {
      return {
        programs: this.parsePrograms(buf, header),
        sections: this.parseSections(buf, header)
      };
    };
    Parser.prototype.sliceChunks = function sliceChunks(buf, off, count, size) {
      var start = off;
      var end = start + count * size;
      if (end > buf.length)
        throw new Error("Failed to slice chunks");
      var chunks = [];
      for (var off = start; off < end; off += size)
        chunks.push(buf.slice(off, off + size));
      return chunks;
    };
    Parser.prototype.parsePrograms = function parsePrograms(buf, header) {
      if (header.phoff === 0 || header.phnum === 0)
        return [];
      var programs = this.sliceChunks(
        buf,
        header.phoff,
        header.phnum,
        header.phentsize
      );
      return programs.map(function(program) {
        return this.parseProgram(program, header, buf);
      }, this);
    };
    Parser.prototype.parseProgram = function parseProgram(ent, header, buf) {
      var type = constants3.entryType[this.readUInt32(ent, 0)];
      if (header.class === "32") {
        var offset = this.readUInt32(ent, 4);
        var vaddr = this.readUInt32(ent, 8);
        var paddr = this.readUInt32(ent, 12);
        var filesz = this.readUInt32(ent, 16);
        var memsz = this.readUInt32(ent, 20);
        var flags = this.readUInt32(ent, 24);
        var align = this.readUInt32(ent, 28);
      } else {
        var flags = this.readUInt32(ent, 4);
        var offset = this.readUInt64(ent, 8);
        var vaddr = this.readUInt64(ent, 16);
        var paddr = this.readUInt64(ent, 24);
        var filesz = this.readUInt64(ent, 32);
        var memsz = this.readUInt64(ent, 40);
        var align = this.readUInt64(ent, 48);
      }
      return {
        type,
        offset,
        vaddr,
        paddr,
        filesz,
        memsz,
        flags: this.mapFlags(flags, constants3.entryFlags),
        align,
        data: buf.slice(offset, offset + filesz)
      };
    };
    Parser.prototype.parseSections = function parseSections(buf, header) {
      if (header.shoff === 0 || header.shnum === 0)
        return [];
      var sections = this.sliceChunks(
        buf,
        header.shoff,
        header.shnum,
        header.shentsize
      );
      return sections.map(function(section) {
        return this.parseSection(section, header, buf);
      }, this);
    };
    Parser.prototype.parseSection = function parseSection(section, header, buf) {
      var name = this.readUInt32(section, 0);
      var type = this.readUInt32(section, 4);
      if (header.class === "32") {
        var flags = this.readUInt32(section, 8);
        var addr = this.readUInt32(section, 12);
        var off = this.readUInt32(section, 16);
        var size = this.readUInt32(section, 20);
        var link2 = this.readUInt32(section, 24);
        var info = this.readUInt32(section, 28);
        var addralign = this.readUInt32(section, 32);
        var entsize = this.readUInt32(section, 36);
      } else {
        var flags = this.readUInt64(section, 8);
        var addr = this.readUInt64(section, 16);
        var off = this.readUInt64(section, 24);
        var size = this.readUInt64(section, 32);
        var link2 = this.readUInt32(section, 40);
        var info = this.readUInt32(section, 44);
        var addralign = this.readUInt64(section, 46);
        var entsize = this.readUInt64(section, 54);
      }
      return {
        name,
        type: constants3.sectType[type] || type,
        flags: this.mapFlags(flags, constants3.sectFlags),
        addr,
        off,
        size,
        link: link2,
        info,
        addralign,
        entsize,
        data: buf.slice(off, off + size)
      };
    };
    Parser.prototype.resolveStr = function resolveStr(strtab, off) {
      for (var i = off; i < strtab.length && strtab[i] != 0; i++) ;
      return strtab.slice(off, i).toString();
    };
    Parser.prototype.resolveBody = function resolveBody(body, header) {
      var strtab = body.sections[header.shstrndx];
      assert.equal(strtab.type, "strtab");
      return {
        programs: body.programs,
        sections: body.sections.map(function(section) {
          section.name = this.resolveStr(strtab.data, section.name);
          return section;
        }, this)
      };
    };
  }
});

// node_modules/elfy/lib/elfy.js
var require_elfy = __commonJS({
  "node_modules/elfy/lib/elfy.js"(exports) {
    var elfy2 = exports;
    elfy2.constants = require_constants();
    elfy2.Parser = require_parser();
    elfy2.parse = function parse(buf) {
      return new elfy2.Parser().execute(buf);
    };
  }
});

// src/request/inputs.ts
var MODES = ["build", "bundle", "verify-source", "check"];
var SOURCE = ["build", "check"];
var BUILD = ["build"];
var LIBRARY = ["build", "bundle"];
var TARGET = ["build", "bundle", "check"];
var ALL = MODES;
var BUILD_INPUTS = [
  {
    name: "kernel-version",
    modes: SOURCE,
    description: "Kernel release to build from kernel.org, e.g. 6.12.87. Default: the project's recipe. Versions the project does not know need kernel-sha256."
  },
  {
    name: "kernel-source",
    modes: SOURCE,
    description: "A kernel source tarball instead of a kernel.org release: an https URL (needs kernel-sha256) or a local path (.tar.xz, .tar.gz, .tar.bz2, .tar)."
  },
  {
    name: "kernel-sha256",
    modes: SOURCE,
    description: "The sha256 the tarball must have. Checked before anything is extracted. Required for URLs and unknown versions; optional for a local file."
  },
  {
    name: "kernel-config",
    modes: SOURCE,
    description: "Kernel config: one full .config, or fragments (files or directories of *.config) merged onto allnoconfig. Newline-separated. Default: the project's fragments for the architecture.",
    multiple: true
  },
  {
    name: "kernel-config-mode",
    modes: SOURCE,
    description: "How to read kernel-config: 'full' (one complete config, then olddefconfig), 'fragments' (merged onto allnoconfig), or 'auto' (a single file written by kconfig is full, anything else fragments).",
    default: "auto"
  },
  {
    name: "patches",
    modes: SOURCE,
    description: "The patch series: a directory of *.patch files (applied in name order, or in the order of its series file) or a series file. 'none' applies nothing. Default: the project's patches/."
  },
  {
    name: "libkrunfw-dir",
    modes: SOURCE,
    description: "A libkrunfw source tree to build as its Makefile says: the kernel version, ABI and version from its Makefile, its patches/ (and patches-tee/ for sev/tdx), its config-libkrunfw[-sev|-tdx]_<arch>, and for sev/tdx its qboot/<variant>/bios.bin and initrd/initrd.gz. Inputs given explicitly win."
  },
  {
    name: "libkrunfw-ref",
    modes: SOURCE,
    description: "A branch, tag or commit of libkrunfw-repository to check out and build as with libkrunfw-dir (the commit is recorded in the source release)."
  },
  {
    name: "libkrunfw-repository",
    modes: SOURCE,
    description: "The git repository libkrunfw-ref is fetched from (a URL or a local path).",
    default: "https://github.com/containers/libkrunfw"
  },
  {
    name: "vmlinux",
    modes: ["bundle"],
    description: "An already built kernel image to package instead of building one: skips source, patch, configure and compile."
  },
  {
    name: "verify-source",
    modes: ["verify-source"],
    description: "A source release (libkrunfw-\u2026-source.tar.gz) to verify instead of building: check it against its manifest, rebuild the library from it alone and compare the sha256."
  },
  {
    name: "check",
    description: "Check instead of building: try every patch of the series and every option of the config against the kernel, without compiling, and write check-report.json to out-dir. Fails when a patch does not apply or an option does not land.",
    default: "false",
    boolean: true,
    modes: ["check"]
  },
  {
    name: "arch",
    modes: TARGET,
    description: "Target architecture: x86_64, aarch64 or riscv64. Default: the runner's. Other than the runner's, it is cross-compiled (Debian's gcc-<arch>-linux-gnu) and verified under qemu-user."
  },
  {
    name: "variant",
    modes: TARGET,
    description: "generic, sev (AMD SEV guests) or tdx (Intel TDX guests; both x86_64 only). sev and tdx make libkrunfw-sev/-tdx.so with the qboot firmware and an initrd bundled, and add the project's patches-tee/ and kernel-config/x86_64-<variant>.",
    default: "generic"
  },
  {
    name: "qboot",
    modes: LIBRARY,
    description: "sev/tdx: the qboot firmware (bios.bin, exactly 64 KiB) that krunfw_get_qboot() hands out. Default: the libkrunfw tree's, when building from one."
  },
  {
    name: "initrd",
    modes: LIBRARY,
    description: "sev/tdx: the initrd (gzip or cpio) that krunfw_get_initrd() hands out. Default: the libkrunfw tree's, when building from one."
  },
  {
    name: "abi-version",
    modes: LIBRARY,
    description: "libkrunfw ABI version: the number krunfw_get_version() returns and the soname carries. Default: the recipe's (5), or the libkrunfw tree's ABI_VERSION."
  },
  {
    name: "version",
    modes: LIBRARY,
    description: "libkrunfw version in the file name, e.g. 5.4.0 gives libkrunfw.so.5.4.0. Default: the recipe's (5.4.0), or the libkrunfw tree's FULL_VERSION."
  },
  {
    name: "source-date-epoch",
    modes: LIBRARY,
    description: "Build timestamp (seconds since 1970) for a reproducible build. Default: SOURCE_DATE_EPOCH from the environment, else the recipe's fixed date."
  },
  {
    name: "jobs",
    modes: ["build", "verify-source"],
    description: "Parallel make jobs. Default: the number of CPUs."
  },
  {
    name: "out-dir",
    modes: TARGET,
    description: "Where the library, install tarball and source release are written (relative to the workspace in the action, to the current directory in the CLI).",
    default: "libkrunfw-out"
  },
  {
    name: "work-dir",
    modes: ALL,
    description: "Scratch space for the kernel tree. Default: a directory under the runner's temp."
  },
  {
    name: "cache-source",
    modes: SOURCE,
    description: "Cache the kernel tarball by its sha256; a hit never touches the network.",
    default: "true"
  },
  {
    name: "cache-compiler",
    modes: BUILD,
    description: "Compile through ccache and cache its directory (by arch, variant, kernel version and toolchain). The library's bytes are the same either way.",
    default: "true"
  },
  {
    name: "cache-output",
    modes: BUILD,
    description: "Cache the finished library by a hash of every input that can change it; a hit skips source, patch, configure and compile, and still verifies and packages.",
    default: "true"
  },
  {
    name: "cache-tree",
    modes: SOURCE,
    description: "With a directory cache (the CLI, or cache-dir): keep the built kernel tree, objects included, between runs of the same tarball, arch and work-dir. The next build reverses the last run's patches, applies its own and recompiles only what changed; the library's bytes are the same either way.",
    default: "true"
  },
  {
    name: "ccache-max-size",
    modes: BUILD,
    description: "ccache's max_size, e.g. 2G or 500M.",
    default: "2G"
  },
  {
    name: "cache-dir",
    modes: SOURCE,
    description: "Keep caches in this directory instead of GitHub's cache service (for self-hosted runners with a persistent disk). The CLI's default: $XDG_CACHE_HOME/libkrunfw-action."
  },
  {
    name: "boot-test",
    modes: LIBRARY,
    description: "Boot the kernel from the bytes the built library hands out, under QEMU's microvm (TCG), to a test init. 'auto': when qemu-system-x86_64 is installed; 'true': required; 'false': never.",
    default: "auto"
  },
  {
    name: "measure-vcpus",
    description: "sev: the vCPU counts to compute launch digests for (comma-separated), each with every measure-memory size. Written to measurements.json.",
    default: "1,2,4,8",
    modes: LIBRARY
  },
  {
    name: "measure-memory",
    description: "sev: the guest memory sizes in MiB to compute launch digests for (comma-separated).",
    default: "2048",
    modes: LIBRARY
  },
  {
    name: "upload",
    modes: LIBRARY,
    description: "Upload the source release, then (only if that succeeded) the library, install tarball and SHA256SUMS, as workflow artifacts. The CLI never uploads.",
    default: "true"
  },
  {
    name: "retention-days",
    modes: BUILD,
    description: "Days to keep the uploaded artifacts; 0 means the repository's default.",
    default: "0"
  },
  {
    name: "keep-work-dir",
    modes: ALL,
    description: "Keep the kernel tree after the build (for debugging).",
    default: "false",
    boolean: true
  }
];
function inputDefault(name) {
  const spec = BUILD_INPUTS.find((s) => s.name === name);
  return spec.default;
}
var OUTPUTS = {
  library: "Path of the built library, e.g. libkrunfw-out/libkrunfw.so.5.4.0.",
  soname: "The library soname, e.g. libkrunfw.so.5.",
  variant: "The variant built: generic, sev or tdx.",
  arch: "The architecture built: x86_64, aarch64 or riscv64.",
  version: "The library version, e.g. 5.4.0.",
  sha256: "The library's sha256.",
  "kernel-version": "The kernel version built, read from the kernel Makefile.",
  tarball: "Path of the install tarball (lib64/ with the library and its symlinks).",
  "tarball-sha256": "The install tarball's sha256.",
  "prebuilt-tarball": "aarch64 only: path of libkrunfw-prebuilt-aarch64.tgz, the sources macOS compiles into libkrunfw.5.dylib without a kernel build.",
  "source-release": "Path of the GPL source release (libkrunfw-<version>-<variant>-<arch>-source.tar.gz) that rebuilds the library.",
  "source-release-sha256": "The source release's sha256.",
  "artifact-id": "Id of the uploaded artifact with the library, install tarball and SHA256SUMS.",
  "artifact-digest": "That artifact's sha256 digest.",
  "source-artifact-id": "Id of the uploaded source release artifact.",
  "source-artifact-digest": "That artifact's sha256 digest.",
  sha256sums: "Path of SHA256SUMS for the uploaded files.",
  "source-cache-hit": "'true' when the kernel tarball came from the cache.",
  "compiler-cache-hit": "'true' when a ccache entry was restored (the exact key or a fallback).",
  "output-cache-hit": "'true' when the finished library came from the cache and no kernel was built.",
  "tree-cache-hit": "'true' when the last build's kernel tree was reused (directory caches only).",
  measurements: "sev: path of measurements.json, the SEV, SEV-ES and SNP launch digests of the library for each measure-vcpus \xD7 measure-memory.",
  "check-report": "check: path of check-report.json, the verdict on every patch and every config option."
};

// src/pipeline/stages/bundle.ts
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// src/elf/elf64.ts
var import_elfy = __toESM(require_elfy(), 1);
import { readFile } from "node:fs/promises";
var EM_X86_64 = 62;
var PT_LOAD = 1;
var ET_REL = 1;
var ELF_MAGIC = Buffer.from([127, 69, 76, 70]);
var EI_NIDENT = 16;
var ELFCLASS32 = 1;
var ELFCLASS64 = 2;
var ELFDATA2LSB = 1;
var ELFDATA2MSB = 2;
var EV_CURRENT = 1;
var EHDR64_SIZE = 64;
var PHDR64_SIZE = 56;
var SHDR64_SIZE = 64;
var PN_XNUM = 65535;
var ADDRESS_SPACE_END = 1n << 64n;
var MACHINE_NAMES = {
  3: "i386",
  8: "MIPS",
  20: "PowerPC",
  21: "PowerPC64",
  22: "S/390",
  40: "ARM",
  62: "x86_64",
  183: "AArch64",
  243: "RISC-V",
  258: "LoongArch"
};
var SEGMENT_TYPE_NAMES = {
  1685382480: "PT_GNU_EH_FRAME",
  1685382483: "PT_GNU_PROPERTY"
};
function machineName(machine) {
  const ours = MACHINE_NAMES[machine];
  if (ours !== void 0) return ours;
  const theirs = import_elfy.default.constants.machine[machine];
  if (theirs !== void 0 && !/^(none|num|unknown\d+)$/.test(theirs)) return theirs;
  return "an unknown machine";
}
function describeMachine(machine) {
  return `${machineName(machine)} (EM ${machine})`;
}
function segmentTypeName(type) {
  const ours = SEGMENT_TYPE_NAMES[type];
  if (ours !== void 0) return ours;
  const theirs = import_elfy.default.constants.entryType[type];
  if (theirs !== void 0) return `PT_${theirs.toUpperCase()}`;
  return `PT_0x${type.toString(16)}`;
}
function hex(value) {
  return `0x${value.toString(16)}`;
}
function hexBytes(bytes) {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}
function checkIdent(data, file) {
  if (data.length === 0) throw new ElfError(file, "is empty, not an ELF file");
  const head = data.subarray(0, Math.min(ELF_MAGIC.length, data.length));
  if (!head.equals(ELF_MAGIC.subarray(0, head.length))) {
    throw new ElfError(
      file,
      `is not an ELF file (bad magic: starts with ${hexBytes(head)}, an ELF file starts with 7f 45 4c 46 "\\x7fELF")`
    );
  }
  if (data.length < EI_NIDENT) {
    throw new ElfError(
      file,
      `is truncated: ${data.length} bytes, shorter than the ${EI_NIDENT}-byte ELF identification`
    );
  }
  const elfClass = data[4];
  if (elfClass === ELFCLASS32) {
    throw new ElfError(
      file,
      "is a 32-bit ELF file (ELFCLASS32); a 64-bit kernel image (ELFCLASS64) is needed"
    );
  }
  if (elfClass !== ELFCLASS64) {
    throw new ElfError(file, `has an invalid ELF class ${elfClass} (EI_CLASS); expected 2 (ELFCLASS64)`);
  }
  const encoding = data[5];
  if (encoding === ELFDATA2MSB) {
    throw new ElfError(
      file,
      "is a big-endian ELF file (ELFDATA2MSB); only little-endian images (ELFDATA2LSB) are supported"
    );
  }
  if (encoding !== ELFDATA2LSB) {
    throw new ElfError(file, `has an invalid data encoding ${encoding} (EI_DATA); expected 1 (ELFDATA2LSB)`);
  }
  if (data[6] !== EV_CURRENT) {
    throw new ElfError(file, `has ELF identification version ${data[6]} (EI_VERSION); expected 1 (EV_CURRENT)`);
  }
  if (data.length < EHDR64_SIZE) {
    throw new ElfError(
      file,
      `is truncated: ${data.length} bytes, shorter than the ${EHDR64_SIZE}-byte ELF64 header`
    );
  }
}
function programHeaderCount(data, file, phnum) {
  if (phnum !== PN_XNUM) return phnum;
  const shoff = data.readBigUInt64LE(40);
  if (shoff === 0n) {
    throw new ElfError(
      file,
      "has e_phnum 0xffff (PN_XNUM: the count is in section header 0) but no section header table (e_shoff is 0)"
    );
  }
  if (shoff + BigInt(SHDR64_SIZE) > BigInt(data.length)) {
    throw new ElfError(
      file,
      `is truncated: section header 0 at ${hex(shoff)}, which holds the program header count (e_phnum is PN_XNUM), extends past the end of the file (${data.length} bytes)`
    );
  }
  return data.readUInt32LE(Number(shoff) + 44);
}
function readProgramHeader(entry, index) {
  const type = entry.readUInt32LE(0);
  return {
    index,
    type,
    typeName: segmentTypeName(type),
    flags: entry.readUInt32LE(4),
    offset: entry.readBigUInt64LE(8),
    vaddr: entry.readBigUInt64LE(16),
    paddr: entry.readBigUInt64LE(24),
    filesz: entry.readBigUInt64LE(32),
    memsz: entry.readBigUInt64LE(40),
    align: entry.readBigUInt64LE(48)
  };
}
function checkProgramHeader(ph, fileSize, file) {
  const what = `segment ${ph.index} (${ph.typeName})`;
  if (ph.filesz > 0n && ph.offset + ph.filesz > BigInt(fileSize)) {
    throw new ElfError(
      file,
      `is truncated: ${what} has file bytes ${hex(ph.offset)}..${hex(ph.offset + ph.filesz)} (p_offset ${hex(ph.offset)} + p_filesz ${hex(ph.filesz)}) but the file ends at ${hex(fileSize)} (${fileSize} bytes)`
    );
  }
  if (ph.type !== PT_LOAD) return;
  if (ph.memsz < ph.filesz) {
    throw new ElfError(
      file,
      `${what} has p_memsz ${hex(ph.memsz)} smaller than p_filesz ${hex(ph.filesz)}`
    );
  }
  for (const [field, address] of [
    ["p_vaddr", ph.vaddr],
    ["p_paddr", ph.paddr]
  ]) {
    if (address + ph.memsz > ADDRESS_SPACE_END) {
      throw new ElfError(
        file,
        `${what} wraps past the end of the 64-bit address space (${field} ${hex(address)} + p_memsz ${hex(ph.memsz)})`
      );
    }
  }
}
function parseElf64(data, file, expect) {
  checkIdent(data, file);
  const parser = new import_elfy.default.Parser();
  let header;
  try {
    header = parser.parseHeader(data);
  } catch (error) {
    throw new ElfError(file, `has an unreadable ELF header (${error.message})`);
  }
  const type = data.readUInt16LE(16);
  const machine = data.readUInt16LE(18);
  const version = data.readUInt32LE(20);
  const entry = data.readBigUInt64LE(24);
  const phoff = data.readBigUInt64LE(32);
  if (expect?.machine !== void 0 && machine !== expect.machine) {
    throw new ElfError(file, `is ${describeMachine(machine)}, expected ${describeMachine(expect.machine)}`);
  }
  if (version !== EV_CURRENT) {
    throw new ElfError(file, `has e_version ${version}; expected 1 (EV_CURRENT)`);
  }
  const count = programHeaderCount(data, file, header.phnum);
  if (count === 0) {
    const why = type === ET_REL ? ": it is a relocatable object file (ET_REL), not a linked image" : "";
    throw new ElfError(file, `has no program headers (e_phnum is 0)${why}`);
  }
  if (header.phentsize !== PHDR64_SIZE) {
    throw new ElfError(
      file,
      `has e_phentsize ${header.phentsize}; ELF64 program headers are ${PHDR64_SIZE} bytes`
    );
  }
  if (phoff === 0n) {
    throw new ElfError(file, `has ${count} program headers but e_phoff is 0`);
  }
  const tableEnd = phoff + BigInt(count) * BigInt(PHDR64_SIZE);
  if (tableEnd > BigInt(data.length)) {
    throw new ElfError(
      file,
      `is truncated: its program header table (${count} entries of ${PHDR64_SIZE} bytes at ${hex(phoff)}..${hex(tableEnd)}) extends past the end of the file (${data.length} bytes)`
    );
  }
  const entries2 = parser.sliceChunks(data, Number(phoff), count, PHDR64_SIZE);
  const programs = entries2.map((entry2, index) => readProgramHeader(entry2, index));
  for (const ph of programs) checkProgramHeader(ph, data.length, file);
  return { file, machine, machineName: machineName(machine), type, entry, programs, data };
}
async function readElf64(file, expect) {
  let data;
  try {
    data = await readFile(file);
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT") throw new ElfError(file, "does not exist");
    if (code === "EISDIR") throw new ElfError(file, "is a directory, not an ELF file");
    if (code === "ENOTDIR") throw new ElfError(file, "does not exist (a component of its path is not a directory)");
    throw error;
  }
  return parseElf64(data, file, expect);
}
function segmentBytes(elf, ph) {
  if (ph.filesz === 0n) return Buffer.alloc(0);
  const end = ph.offset + ph.filesz;
  if (ph.offset < 0n || ph.filesz < 0n || end > BigInt(elf.data.length)) {
    throw new ElfError(
      elf.file,
      `is truncated: segment ${ph.index} (${ph.typeName}) has file bytes ${hex(ph.offset)}..${hex(end)} but the file ends at ${hex(elf.data.length)} (${elf.data.length} bytes)`
    );
  }
  return elf.data.subarray(Number(ph.offset), Number(end));
}

// src/request/blobs.ts
import { closeSync, openSync, readSync, statSync } from "node:fs";
var QBOOT_SIZE = 65536;
function checkBlob(name, file, input) {
  let size;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new InputError(`${input}: ${file} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${input}: ${file} does not exist`);
  }
  if (name === "qboot" && size !== QBOOT_SIZE) {
    throw new InputError(`${input}: ${file} is ${size} bytes; libkrun maps qboot as exactly 64 KiB (65536 bytes) of firmware`);
  }
  if (name === "initrd") {
    if (size === 0) throw new InputError(`${input}: ${file} is empty`);
    const fd = openSync(file, "r");
    const magic = Buffer.alloc(6);
    readSync(fd, magic, 0, 6, 0);
    closeSync(fd);
    if (!(magic[0] === 31 && magic[1] === 139) && !magic.toString("latin1").startsWith("07070")) {
      throw new InputError(`${input}: ${file} is neither gzip nor a cpio archive, so the kernel cannot unpack it as an initrd`);
    }
  }
}

// src/util/hash.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
async function sha256File(file) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk);
  return hash.digest("hex");
}
function sha256(data) {
  return createHash("sha256").update(data).digest("hex");
}

// src/pipeline/stages/bundle.ts
var PAYLOAD_ALIGN = 65536;
var IMAGE_LOAD_ADDR = 0x80000000n;
function padTo(size, align) {
  return Math.ceil(size / align) * align;
}
function kernelPayloadFromElf(elf) {
  const loads = elf.programs.filter((p) => p.type === PT_LOAD);
  if (loads.length === 0) throw new ElfError(elf.file, "has no PT_LOAD program headers: nothing to load");
  const loadAddr = loads[0].paddr;
  for (let i = 1; i < loads.length; i++) {
    const prev = loads[i - 1];
    const cur = loads[i];
    if (cur.paddr < prev.paddr) {
      throw new ElfError(
        elf.file,
        `PT_LOAD segments are out of order: program header ${cur.index} (paddr 0x${cur.paddr.toString(16)}) comes after program header ${prev.index} (paddr 0x${prev.paddr.toString(16)})`
      );
    }
    if (cur.paddr < prev.paddr + prev.filesz) {
      throw new ElfError(
        elf.file,
        `PT_LOAD segments overlap: program header ${cur.index} starts at paddr 0x${cur.paddr.toString(16)}, inside program header ${prev.index} (0x${prev.paddr.toString(16)}..0x${(prev.paddr + prev.filesz).toString(16)})`
      );
    }
  }
  const last = loads[loads.length - 1];
  const end = last.paddr + last.filesz - loadAddr;
  if (end > BigInt(2 ** 31)) {
    throw new ElfError(elf.file, `its PT_LOAD segments span ${end} bytes; a kernel payload over 2 GiB is not plausible`);
  }
  const payload = Buffer.alloc(padTo(Number(end), PAYLOAD_ALIGN));
  for (const ph of loads) segmentBytes(elf, ph).copy(payload, Number(ph.paddr - loadAddr));
  return {
    payload,
    loadAddr,
    entryAddr: elf.entry,
    segments: loads.map((p) => ({ paddr: p.paddr, filesz: p.filesz, memsz: p.memsz }))
  };
}
var IMAGE_MAGIC = {
  aarch64: [{ offset: 56, bytes: Buffer.from("ARMd", "latin1"), name: "'ARM\\x64' at 0x38" }],
  riscv64: [
    { offset: 48, bytes: Buffer.from("RISCV\0\0\0", "latin1"), name: "'RISCV' at 0x30" },
    { offset: 56, bytes: Buffer.from("RSC", "latin1"), name: "'RSC\\x05' at 0x38" }
  ]
};
function kernelPayloadFromImage(file, arch, image = readFileSync(file)) {
  const head = image.subarray(0, 64);
  if (head.subarray(0, 4).equals(Buffer.from("\x7FELF", "latin1"))) {
    throw new ElfError(file, `is an ELF file (a vmlinux?); ${arch} takes the raw Image (arch/*/boot/Image)`);
  }
  for (const m of IMAGE_MAGIC[arch] ?? []) {
    if (!head.subarray(m.offset, m.offset + m.bytes.length).equals(m.bytes)) {
      throw new ElfError(file, `is not a ${arch} kernel Image: the header lacks the magic ${m.name}`);
    }
  }
  const payload = Buffer.alloc(padTo(image.length, PAYLOAD_ALIGN));
  image.copy(payload);
  return {
    payload,
    loadAddr: IMAGE_LOAD_ADDR,
    entryAddr: IMAGE_LOAD_ADDR,
    segments: [{ paddr: IMAGE_LOAD_ADDR, filesz: BigInt(image.length), memsz: BigInt(image.length) }]
  };
}
async function bundleKernelImage(input) {
  if (input.arch !== "x86_64") return kernelPayloadFromImage(input.image, input.arch);
  return kernelPayloadFromElf(await readElf64(input.image, { machine: EM_X86_64 }));
}
function bundleBlob(name, src, dir) {
  checkBlob(name, src.file, name);
  const bytes = readFileSync(src.file);
  const padded = Buffer.alloc(padTo(bytes.length, PAYLOAD_ALIGN));
  bytes.copy(padded);
  const payloadFile = path.join(dir, `${name}.bin`);
  writeFileSync(payloadFile, padded);
  return { name, payloadFile, size: padded.length, sha256: sha256(padded), source: { size: bytes.length, sha256: sha256(bytes), origin: src.origin } };
}
var bundleStage = {
  name: "bundle",
  title: "take the loadable bytes of the kernel",
  async run(input, ctx) {
    const kp = await bundleKernelImage(input);
    const first = kp.segments[0];
    ctx.log.info(
      input.arch === "x86_64" ? `${kp.segments.length} PT_LOAD segment(s) from paddr 0x${first.paddr.toString(16)}; entry 0x${kp.entryAddr.toString(16)}; payload ${kp.payload.length} bytes` : `raw Image of ${first.filesz} bytes at 0x${kp.loadAddr.toString(16)}; payload ${kp.payload.length} bytes`
    );
    const dir = path.join(ctx.workDir, "bundle");
    mkdirSync(dir, { recursive: true });
    const payloadFile = path.join(dir, "kernel.bin");
    writeFileSync(payloadFile, kp.payload);
    const blobs = ["qboot", "initrd"].flatMap((n) => input.blobs?.[n] ? [bundleBlob(n, input.blobs[n], dir)] : []);
    for (const b of blobs) ctx.log.info(`${b.name}: ${b.source.size} bytes from ${b.source.origin}, bundled as ${b.size}`);
    return {
      payloadFile,
      loadAddr: kp.loadAddr,
      entryAddr: kp.entryAddr,
      size: kp.payload.length,
      sha256: sha256(kp.payload),
      blobs
    };
  },
  produces: (o) => [o.payloadFile, ...o.blobs.map((b) => b.payloadFile)],
  summary: (o) => `load 0x${o.loadAddr.toString(16)}, entry 0x${o.entryAddr.toString(16)}, ${o.size} bytes` + o.blobs.map((b) => `; ${b.name} ${b.size} bytes`).join("")
};

// src/request/resolve.ts
import { existsSync as existsSync4, readdirSync as readdirSync4, readFileSync as readFileSync4, statSync as statSync5 } from "node:fs";
import path6 from "node:path";

// src/kernel-versions.ts
var KNOWN = {
  "6.12.6": "d450ab215de4e1f8bb85e0f4216760fa33fd024b4526b144f4ce0d9012b29c9e",
  "6.12.16": "5f81362a694f51520bff9faecb73f1cc9bc7bece6fdd10d5c27e348df39d7dc4",
  "6.12.23": "d8d95404f8deeb7ff6992c0df855025062e9e8182bca6daa27ef2e9275d27749",
  "6.12.28": "e8a099182562aecff781de72ce769461e706d97af42d740dff20eb450dd5771e",
  "6.12.33": "c0a575630f2603a20bb0641f8df8f955e46c9d7ac1fae8b54b21316e6b52a254",
  "6.12.34": "a7f3fe381f67eca4172e9b63efb61a14bd7f9e1278e03603d0ff5a93f270c24d",
  "6.12.45": "8f95a8549cfbdfb89c1181a1f55a971f04dfcd629508a2ed70b777ab92f9db3e",
  "6.12.47": "e82fe40871743048226987bd349ef107168b15aab90140e872ca4ed470922e25",
  "6.12.58": "5f1c4c546660a6a81046fdfa6195306bad2c8d17c0d69876dc100a85ad4613ac",
  "6.12.59": "a1d2cd7327f10eec022615c1bb12c06439bd110d2020164be97f698f43ca58be",
  "6.12.60": "a63096b2147411d683cecbf87622bb2ff4885bac2b3641d3d4f10250c89cdcf8",
  "6.12.63": "9502c5ffe4b894383c97abfccf74430a84732f04ee476b9c0d87635b29df7db3",
  "6.12.66": "ba3897a1c060b05a03cb4dda6f20d8c75e6f73c88b217744823a915056536eaf",
  "6.12.68": "d367c7504bd4da520dd01eb08125d2d0ac088bc8af4cd56d236f2074dd4225b7",
  "6.12.74": "3b56eeb1dc9a437f189ca56b823be3769994f59a4ea0895b08ec0d20acaca13e",
  "6.12.87": "cc12a7644b4cef9e06627b29de8753e22b3d076703a9b52be84263e05c8b9830",
  "6.12.91": "0ff2ab9e169f9f1948557471fbb450d3018f8c5b77caf288e1a3982582597969",
  "6.12.92": "0fe376b7db3cac4456b38291bee4faa7091cb8befaa6f9870314f5d1282f9e3e",
  "6.12.94": "e998a232b9418db3301cb58468e291a4f41d6ab8306029b30d991f56251dc8d2",
  "6.12.109": "5484e552a334e15019f4aeba89e5b58f04651cf2f4e24e04de9f152f1c38e3fa"
};
var VERSION_PATTERN = /^(\d+)\.(\d+)(?:\.(\d+))?$/;
function knownKernelSha256(version) {
  return KNOWN[version];
}
function knownKernelVersions() {
  return Object.keys(KNOWN);
}
function kernelOrgUrl(version) {
  const m = VERSION_PATTERN.exec(version);
  if (!m) throw new InputError(`kernel-version '${version}' is not a version like 6.12.87`);
  return `https://cdn.kernel.org/pub/linux/kernel/v${m[1]}.x/linux-${version}.tar.xz`;
}
function requireKernelSha256(version, given) {
  if (given) return given;
  const known = knownKernelSha256(version);
  if (known) return known;
  throw new InputError(
    `kernel-version ${version} has no sha256 this project knows, so its tarball cannot be verified. Pin it: set kernel-sha256 (--kernel-sha256) to the value for linux-${version}.tar.xz in https://cdn.kernel.org/pub/linux/kernel/v${version.split(".")[0]}.x/sha256sums.asc (check its signature). Known versions: ${knownKernelVersions().join(", ")}.`
  );
}

// src/measure/options.ts
var MAX_VCPUS = 255;
var MAX_MEMORY_MIB = 4294967295;
function defaultMeasureOptions() {
  return { vcpus: parseVcpus(inputDefault("measure-vcpus"), "measure-vcpus"), memoryMiB: parseMemoryMiB(inputDefault("measure-memory"), "measure-memory") };
}
function parseNumberList(text, where2, max2, unit) {
  const items = text.split(/[\s,]+/).filter((s) => s !== "");
  if (items.length === 0) throw new InputError(`${where2}: no ${unit} given (expected e.g. 1,2,4)`);
  const values = items.map((item) => {
    if (!/^[0-9]+$/.test(item)) throw new InputError(`${where2}: '${item}' is not a whole number of ${unit}`);
    const n = Number(item);
    if (n < 1 || n > max2) throw new InputError(`${where2}: ${item} ${unit} is out of range; libkrun takes 1 to ${max2}`);
    return n;
  });
  return [...new Set(values)].sort((a, b) => a - b);
}
function parseVcpus(text, where2 = "--vcpus") {
  return parseNumberList(text, where2, MAX_VCPUS, "vCPUs");
}
function parseMemoryMiB(text, where2 = "--memory") {
  return parseNumberList(text, where2, MAX_MEMORY_MIB, "MiB");
}
function kernelNrCpus(dotConfig) {
  const nr = /^CONFIG_NR_CPUS=([0-9]+)$/m.exec(dotConfig);
  if (nr) return Number(nr[1]);
  if (/^# CONFIG_SMP is not set$/m.test(dotConfig)) return 1;
  return void 0;
}
function vcpuWarnings(vcpus, nrCpus) {
  if (nrCpus === void 0) return [];
  const over = vcpus.filter((n) => n > nrCpus);
  if (over.length === 0) return [];
  return [
    `measured ${over.join(", ")} vCPUs, but the kernel is configured for at most ${nrCpus} (CONFIG_NR_CPUS): such a guest launches with that measurement and leaves the extra vCPUs offline`
  ];
}

// src/pipeline/macos-bundle.ts
var MACOS_ASM_FILE = "kernel-macos.S";
var MACOS_SCRIPT_FILE = "build-macos.sh";
var MAX_SECTNAME = 16;
var C_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
var SAFE_FILE = /^[A-Za-z0-9_.][A-Za-z0-9_.+/-]*$/;
function sectionName(symbol) {
  return `__${symbol.replace(/_payload$/, "")}`;
}
function checkBlobs(blobs) {
  if (blobs.length === 0) throw new InternalError("macOS bundle: no payload blobs given");
  const symbols = /* @__PURE__ */ new Set();
  const sections = /* @__PURE__ */ new Set();
  for (const b of blobs) {
    if (!C_IDENT.test(b.symbol)) {
      throw new InternalError(`macOS bundle: blob symbol ${JSON.stringify(b.symbol)} is not a C identifier`);
    }
    if (!SAFE_FILE.test(b.file) || b.file.split("/").includes("..")) {
      throw new InternalError(
        `macOS bundle: blob file ${JSON.stringify(b.file)} must be a relative path of letters, digits and ._+-/ (no "..")`
      );
    }
    if (!Number.isSafeInteger(b.size) || b.size <= 0) {
      throw new InternalError(`macOS bundle: blob ${b.symbol} has size ${b.size}; expected a positive integer`);
    }
    const sect = sectionName(b.symbol);
    if (sect.length > MAX_SECTNAME) {
      throw new InternalError(
        `macOS bundle: section ${sect} for ${b.symbol} is longer than the ${MAX_SECTNAME} bytes Mach-O allows; use a shorter symbol`
      );
    }
    if (symbols.has(b.symbol)) throw new InternalError(`macOS bundle: blob symbol ${b.symbol} given twice`);
    if (sections.has(sect)) throw new InternalError(`macOS bundle: two blobs would share section ${sect}`);
    symbols.add(b.symbol);
    sections.add(sect);
  }
}
function macosAsm(blobs) {
  checkBlobs(blobs);
  const parts = blobs.map((b) => {
    const sym = `_${b.symbol}`;
    return `	/* ${b.file}: ${b.size} bytes */
	.section __DATA,${sectionName(b.symbol)},regular
	.p2align 16
	.globl ${sym}
	.private_extern ${sym}
${sym}:
	.incbin "${b.file}"
`;
  });
  return `/* Generated by libkrunfw-action. SPDX-License-Identifier: LGPL-2.1-only
 * The payloads for the macOS (Mach-O) build of libkrunfw, for clang's integrated
 * assembler. Each blob has a section of its own in the __DATA segment, which is
 * writable (libkrun hands these pages to the guest as its memory), and starts at
 * offset 0 of that section, 64 KiB aligned (.p2align 16, the section's alignment
 * becomes 2^16) so it can be mapped as whole pages on any host page size.
 * Mach-O prefixes C names with an underscore: krunfw.c's krunfw_kernel_payload is
 * _krunfw_kernel_payload here. .private_extern is Mach-O's hidden visibility: the
 * symbol links with krunfw.c but is not exported from the dylib.
 * No .type/.size (ELF only): the sizes are constants in krunfw.c. */
${parts.join("\n")}
/* MH_SUBSECTIONS_VIA_SYMBOLS lets ld64 cut sections at symbols into atoms that it
 * may reorder or dead-strip one by one. clang sets it on every C object; for these
 * blobs it changes nothing, because each section holds exactly one symbol, at its
 * first byte, with no bytes before it and no label after: the atom is the whole
 * blob and keeps the section's 2^16 alignment (offset 0, so modulus 0). It would
 * matter if an end label (_payload_end) were added: that would become an atom of
 * its own, free to be placed elsewhere. Hence no end labels, and sizes in C. */
	.subsections_via_symbols
`;
}
function checkDylibVersion(what, version) {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(version);
  const bad = (why) => new InputError(`macOS bundle: ${what} ${JSON.stringify(version)} is not a Mach-O dylib version: ${why}`);
  if (!m) throw bad("expected X[.Y[.Z]], at most three dot-separated decimal numbers");
  const [x, y, z] = [m[1], m[2], m[3]].map((s) => s === void 0 ? 0 : Number(s));
  if (x > 65535) throw bad(`X is ${x}, at most 65535`);
  if (y > 255) throw bad(`Y is ${y}, at most 255`);
  if (z > 255) throw bad(`Z is ${z}, at most 255`);
  return version;
}
var SAFE_BASE = /^[A-Za-z0-9][A-Za-z0-9_+-]*$/;
function macosLibraryNames(opts) {
  if (!SAFE_BASE.test(opts.base)) {
    throw new InternalError(`macOS bundle: library base name ${JSON.stringify(opts.base)} must be letters, digits and _+- (e.g. krunfw-sev)`);
  }
  if (!Number.isSafeInteger(opts.abiVersion) || opts.abiVersion < 0 || opts.abiVersion > 65535) {
    throw new InternalError(`macOS bundle: ABI version ${opts.abiVersion} must be an integer from 0 to 65535 (a Mach-O compatibility version)`);
  }
  return { file: `lib${opts.base}.${opts.abiVersion}.dylib`, link: `lib${opts.base}.dylib` };
}
function macosBuildScript(opts) {
  const names = macosLibraryNames(opts);
  const current = checkDylibVersion("version", opts.version);
  const compat = String(opts.abiVersion);
  if (opts.blobs) checkBlobs(opts.blobs);
  const sizeChecks = (opts.blobs ?? []).map((b) => `check_size '${b.file}' ${b.size}
`).join("");
  return `#!/bin/sh
# Generated by libkrunfw-action. SPDX-License-Identifier: LGPL-2.1-only
# Builds ${names.file} for macOS (Apple silicon) from the sources next to this
# script: krunfw.c, ${MACOS_ASM_FILE} and the payload it includes. Needs only the
# system C compiler (Xcode or its Command Line Tools), no kernel build.
#   sh ${MACOS_SCRIPT_FILE}                      # cc from PATH
#   CC="xcrun clang" CFLAGS=... LDFLAGS=... sh ${MACOS_SCRIPT_FILE}
set -eu
cd "$(dirname "$0")"

me=${MACOS_SCRIPT_FILE}
die() {
	echo "$me: $*" >&2
	exit 1
}

host=$(uname -s)
[ "$host" = Darwin ] || die "builds a macOS dylib (${names.file}) with the macOS toolchain and must run on macOS (Darwin); this host is $host"

check_size() {
	[ -f "$1" ] || die "$1 is missing"
	actual=$(wc -c < "$1" | tr -d ' ')
	[ "$actual" = "$2" ] || die "$1 is $actual bytes, expected $2: not the payload these sources were made for"
}
${sizeChecks}
CC=\${CC:-cc}
LIB=${names.file}

# -install_name is the name programs linked against the library record, and the
# file name libkrun dlopen()s. -compatibility_version is the ABI version,
# -current_version the release (ld64: X[.Y[.Z]], X <= 65535, Y and Z <= 255).
# -fvisibility=hidden keeps all but krunfw.c's KRUNFW_EXPORT functions out of the
# export table; -Wl,-x drops the local symbols (the hidden payload symbols among
# them) from the symbol table. It is the linker that strips, not strip(1) run
# afterwards, so nothing rewrites the file after ld has ad-hoc signed it.
# CC, CFLAGS and LDFLAGS are split into words on purpose ("xcrun clang").
# shellcheck disable=SC2086
$CC -dynamiclib -O2 -fvisibility=hidden -ffile-prefix-map="$PWD"=. \${CFLAGS:-} \\
	-install_name "$LIB" -current_version ${current} -compatibility_version ${compat} \\
	-Wl,-x \${LDFLAGS:-} -o "$LIB" krunfw.c ${MACOS_ASM_FILE}

rm -f ${names.link}
ln -s "$LIB" ${names.link}
echo "$me: built $LIB (and ${names.link} -> $LIB)"
`;
}

// src/recipe.ts
import { fileURLToPath } from "node:url";
import path2 from "node:path";
var PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
var RECIPE = {
  kernelVersion: "6.12.87",
  abiVersion: 5,
  version: "5.4.0",
  /**
   * SOURCE_DATE_EPOCH when the caller gives none: 2026-01-01T00:00:00Z. Fixed, so that
   * two builds of the same inputs give the same bytes whenever they run.
   */
  sourceDateEpoch: 1767225600,
  buildUser: "libkrunfw",
  buildHost: "libkrunfw",
  /** Fragments merged onto allnoconfig, per architecture; <arch>-<variant> adds a variant's. */
  configDir: (arch) => path2.join(PROJECT_ROOT, "kernel-config", arch),
  patchesDir: path2.join(PROJECT_ROOT, "patches"),
  /** What SEV and TDX guests add to the series. */
  teePatchesDir: path2.join(PROJECT_ROOT, "patches-tee")
};

// src/recipe/checkout.ts
import { existsSync, mkdirSync as mkdirSync2, readdirSync, statSync as statSync2 } from "node:fs";
import path3 from "node:path";
var GIT_ENV = { GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
var FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
function isUrl(repository) {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(repository) || /^[^/]+:/.test(repository);
}
function checkRefArguments(opts) {
  const { repository, ref: ref3 } = opts;
  if (!ref3.trim()) throw new InputError("libkrunfw ref is empty; give a branch, tag or commit sha");
  if (ref3.startsWith("-")) {
    throw new InputError(`libkrunfw ref '${ref3}' starts with '-'; refs cannot, and git would read it as an option`);
  }
  if (/[\s:]/.test(ref3)) {
    throw new InputError(`libkrunfw ref '${ref3}' is not a branch, tag or commit sha (it has a space or ':')`);
  }
  if (!repository.trim()) throw new InputError("libkrunfw repository is empty; give a git URL or a local path");
  if (repository.startsWith("-")) {
    throw new InputError(`libkrunfw repository '${repository}' starts with '-'; git would read it as an option`);
  }
}
function prepareDest(dest) {
  const dir = path3.resolve(dest);
  if (existsSync(dir)) {
    if (!statSync2(dir).isDirectory()) {
      throw new InputError(`${dir} exists and is not a directory; cannot check libkrunfw out there`);
    }
    if (readdirSync(dir).length > 0) {
      throw new InputError(`${dir} is not empty; check libkrunfw out into a new or empty directory`);
    }
  }
  mkdirSync2(dir, { recursive: true });
  return dir;
}
async function checkoutLibkrunfw(opts) {
  checkRefArguments(opts);
  const repository = isUrl(opts.repository) ? opts.repository : path3.resolve(opts.repository);
  const dir = prepareDest(opts.dest);
  const git = (args) => run("git", args, { cwd: dir, env: GIT_ENV, tail: 40 });
  await runChecked("git", ["init", "--quiet"], { cwd: dir, env: GIT_ENV });
  const fetch = await git(["fetch", "--quiet", "--depth", "1", "--no-tags", "--", repository, opts.ref]);
  if (fetch.exitCode !== 0) {
    throw new InputError(
      `could not fetch ref '${opts.ref}' from ${opts.repository}:
${fetch.tail.slice(-10).join("\n")}`
    );
  }
  await runChecked("git", ["-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", "FETCH_HEAD"], {
    cwd: dir,
    env: GIT_ENV
  });
  const commit = (await runChecked("git", ["rev-parse", "--verify", "HEAD^{commit}"], { cwd: dir, env: GIT_ENV })).stdout.trim();
  if (FULL_SHA.test(opts.ref) && commit.toLowerCase() !== opts.ref.toLowerCase()) {
    throw new InputError(`asked ${opts.repository} for commit ${opts.ref} but checked out ${commit}`);
  }
  return { dir, commit };
}

// src/recipe/libkrunfw-tree.ts
import { existsSync as existsSync2, readdirSync as readdirSync2, readFileSync as readFileSync2, realpathSync, statSync as statSync3 } from "node:fs";
import path4 from "node:path";
var LAYOUT = {
  generic: { suffix: "", teePatches: [], qboot: [] },
  sev: { suffix: "-sev", teePatches: ["patches-tee", "patches-sev"], qboot: ["qboot/sev/bios.bin", "qboot/bios.bin"] },
  tdx: { suffix: "-tdx", teePatches: ["patches-tee"], qboot: ["qboot/tdx/bios.bin"] }
};
var INITRD = "initrd/initrd.gz";
var KERNEL_VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-rc\d+)?$/;
var FULL_VERSION = /^\d+\.\d+\.\d+$/;
var Unevaluable = class extends Error {
  constructor(reason, at) {
    super(reason);
    this.reason = reason;
    this.at = at;
  }
};
function logicalLines(text) {
  const raw = text.split("\n").map((l) => l.replace(/\r$/, ""));
  const out = [];
  for (let i = 0; i < raw.length; i++) {
    const line = i + 1;
    let joined = raw[i];
    while (/(^|[^\\])(\\\\)*\\$/.test(joined) && i + 1 < raw.length) {
      joined = `${joined.slice(0, -1).trimEnd()} ${raw[++i].trimStart()}`;
    }
    out.push({ text: joined, line });
  }
  return out;
}
function stripComment(text) {
  const m = /(^|[^\\])#/.exec(text);
  const cut = m ? text.slice(0, m.index + m[1].length) : text;
  return cut.replace(/\\#/g, "#");
}
var CONDITIONAL = /^(ifeq|ifneq|ifdef|ifndef)\b/;
var ASSIGNMENT = /^(?:(?:export|override)\s+)*([A-Za-z0-9_.-]+)\s*(:::=|::=|:=|\?=|\+=|!=|=)\s*(.*)$/;
function closing(text, open2) {
  const [o, c] = text[open2] === "(" ? ["(", ")"] : ["{", "}"];
  let depth = 0;
  for (let i = open2; i < text.length; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === c && --depth === 0) return i;
  }
  return -1;
}
function expand(text, lookup) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "$") {
      out += text[i];
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i++;
    } else if (next === "(" || next === "{") {
      const end = closing(text, i + 1);
      if (end < 0) throw new Unevaluable(`has an unclosed '${text.slice(i)}'`);
      const inner = text.slice(i + 2, end);
      if (!/^[A-Za-z0-9_.-]+$/.test(inner)) {
        throw new Unevaluable(`uses '${text.slice(i, end + 1)}', which only make can evaluate`);
      }
      out += lookup(inner);
      i = end;
    } else {
      throw new Unevaluable(`uses '$${next ?? ""}', which only make can evaluate`);
    }
  }
  return out;
}
var Makefile = class {
  constructor(file) {
    this.file = file;
    let depth = 0;
    let inDefine = false;
    let inRule = false;
    for (const { text: raw, line } of logicalLines(readFileSync2(file, "utf8"))) {
      if (inRule && raw.startsWith("	")) continue;
      const text = stripComment(raw).trim();
      if (!text) continue;
      const word = text.split(/\s/, 1)[0];
      if (inDefine) {
        if (word === "endef") inDefine = false;
      } else if (CONDITIONAL.test(text)) {
        depth++;
      } else if (word === "endif") {
        depth = Math.max(0, depth - 1);
      } else if (word === "define") {
        inDefine = true;
        const name = text.split(/\s+/)[1];
        if (name) this.assign(name, "define", "", line, depth > 0);
      } else if (word !== "else") {
        const m = ASSIGNMENT.exec(text);
        if (m) {
          inRule = false;
          this.assign(m[1], m[2], m[3].trim(), line, depth > 0);
        } else if (text.includes(":")) {
          inRule = true;
        }
      }
    }
  }
  vars = /* @__PURE__ */ new Map();
  /** Variables assigned inside ifeq/ifdef blocks, which are not evaluated: name → first line. */
  conditional = /* @__PURE__ */ new Map();
  assign(name, op, value, line, conditional) {
    if (conditional) {
      if (!this.conditional.has(name)) this.conditional.set(name, line);
      return;
    }
    const old = this.vars.get(name);
    const at = { name, line };
    if (op === "define") {
      this.vars.set(name, { flavor: "simple", value, line, problem: new Unevaluable("is set by a 'define' block", at) });
    } else if (op === "!=") {
      const problem = new Unevaluable("is set with '!=', a shell command's output", at);
      this.vars.set(name, { flavor: "simple", value, line, problem });
    } else if (op === "?=") {
      if (!old) this.vars.set(name, { flavor: "recursive", value, line });
    } else if (op === "+=" && old) {
      const added = old.flavor === "simple" ? this.simple(name, value, line) : { value };
      this.vars.set(name, {
        flavor: old.flavor,
        value: [old.value, added.value].filter(Boolean).join(" "),
        line: old.line,
        problem: old.problem ?? added.problem
      });
    } else if (op === "=" || op === "+=") {
      this.vars.set(name, { flavor: "recursive", value, line });
    } else {
      this.vars.set(name, { flavor: "simple", line, ...this.simple(name, value, line) });
    }
  }
  /** A `:=` value, expanded now with what is set so far, as make does. */
  simple(name, value, line) {
    try {
      return { value: expand(value, (ref3) => this.resolve(ref3, [], line)) };
    } catch (e) {
      if (!(e instanceof Unevaluable)) throw e;
      return { value, problem: e.at ? e : new Unevaluable(e.reason, { name, line }) };
    }
  }
  /** The value of a variable the recipe needs, or an InputError naming what is in the way. */
  get(name) {
    if (!this.vars.has(name)) {
      const cond = this.conditional.get(name);
      const only = cond !== void 0 ? ` outside conditionals (it is set only inside one, at line ${cond})` : "";
      throw new InputError(`${this.file} does not set ${name}${only}`, [{ file: this.file, title: `${name} missing` }]);
    }
    try {
      return this.resolve(name, [], void 0).trim();
    } catch (e) {
      if (!(e instanceof Unevaluable) || !e.at) throw e;
      const subject = e.at.name === name ? name : `${e.at.name} (which ${name} uses)`;
      throw new InputError(`${this.file}:${e.at.line}: ${subject} ${e.reason} (the Makefile is read, never run)`, [
        { file: this.file, line: e.at.line, title: `cannot evaluate ${e.at.name}` }
      ]);
    }
  }
  /**
   * `chain` holds the variables being expanded, to catch a loop; `before` limits
   * the lookup to what was set above that line (for a `:=` value).
   */
  resolve(name, chain, before) {
    const v = this.vars.get(name);
    if (!v || before !== void 0 && v.line > before) {
      const cond2 = this.conditional.get(name);
      const only = cond2 !== void 0 ? ` (it is set only inside a conditional, at line ${cond2})` : "";
      const above = before !== void 0 ? ` above line ${before}` : "";
      throw new Unevaluable(`refers to $(${name}), which the Makefile does not set${above}${only}`);
    }
    if (chain.includes(name)) throw new Unevaluable(`refers to itself through $(${name})`);
    const cond = this.conditional.get(name);
    if (cond !== void 0) {
      const reason = `is also set inside a conditional (ifeq/ifdef) at line ${cond}, so its value depends on how make is run`;
      throw new Unevaluable(reason, { name, line: v.line });
    }
    if (v.problem) throw v.problem;
    if (v.flavor === "simple") return v.value;
    try {
      return expand(v.value, (ref3) => this.resolve(ref3, [...chain, name], before));
    } catch (e) {
      if (e instanceof Unevaluable && !e.at) throw new Unevaluable(e.reason, { name, line: v.line });
      throw e;
    }
  }
};
function inTree(root, rel, kind) {
  const file = path4.join(root, rel);
  if (!existsSync2(file)) return void 0;
  const real = realpathSync(file);
  const realRoot = realpathSync(root);
  if (real !== realRoot && !real.startsWith(realRoot + path4.sep)) {
    throw new InputError(`${file} leads out of the libkrunfw tree (to ${real}); refusing to use it`, [
      { file, title: "symlink out of the tree" }
    ]);
  }
  const stat2 = statSync3(real);
  return (kind === "dir" ? stat2.isDirectory() : stat2.isFile()) ? file : void 0;
}
var byCodePoint = (a, b) => a < b ? -1 : a > b ? 1 : 0;
function findPatches(root, rel) {
  const found = [];
  const walk2 = (relDir) => {
    const entries2 = readdirSync2(path4.join(root, relDir), { withFileTypes: true });
    for (const e of entries2) {
      const relPath = `${relDir}/${e.name}`;
      if (e.isDirectory()) walk2(relPath);
      else if (/^0.*\.patch$/s.test(e.name) && inTree(root, relPath, "file")) found.push(relPath);
    }
  };
  walk2(rel);
  return found.sort(byCodePoint).map((p) => path4.join(root, p));
}
function patchDir(root, candidates, makefile) {
  for (const rel of candidates) if (inTree(root, rel, "dir")) return rel;
  throw new InputError(
    `${root} has no ${candidates.map((c) => `${c}/`).join(" or ")} directory, which ${makefile} takes patches from`,
    [{ file: root, title: "patch directory missing" }]
  );
}
function configFor(root, variant, arch) {
  const name = `config-libkrunfw${LAYOUT[variant].suffix}_${arch}`;
  const file = inTree(root, name, "file");
  if (file) return file;
  const present = readdirSync2(root).filter((f) => f.startsWith("config-libkrunfw")).sort(byCodePoint);
  throw new InputError(
    `${root} has no ${name}, the kernel config for ${variant} on ${arch}; config files there: ${present.length ? present.join(", ") : "none"}`,
    [{ file: root, title: `${name} missing` }]
  );
}
function blob(root, candidates, variant, what) {
  for (const rel of candidates) {
    const file = inTree(root, rel, "file");
    if (file) return file;
  }
  throw new InputError(`${root} has no ${candidates.join(" or ")}, the ${what} libkrunfw-${variant} bundles`, [
    { file: root, title: `${what} missing` }
  ]);
}
function versions(makefile) {
  const bad = (name, value, like) => new InputError(`${makefile.file}: ${name} is '${value}', which is not a version like ${like}`, [
    { file: makefile.file, title: `bad ${name}` }
  ]);
  const kernel = makefile.get("KERNEL_VERSION");
  const kernelVersion = kernel.replace(/^linux-/, "");
  if (!KERNEL_VERSION.test(kernelVersion)) throw bad("KERNEL_VERSION", kernel, "linux-6.12.44");
  const abi = makefile.get("ABI_VERSION");
  if (!/^\d+$/.test(abi) || !Number.isSafeInteger(Number(abi))) throw bad("ABI_VERSION", abi, "5");
  const version = makefile.get("FULL_VERSION");
  if (!FULL_VERSION.test(version)) throw bad("FULL_VERSION", version, "5.1.0");
  return { kernelVersion, abiVersion: Number(abi), version };
}
function readLibkrunfwTree(dir, opts) {
  const { variant, arch } = opts;
  if (!Object.hasOwn(LAYOUT, variant)) {
    throw new InputError(`unknown libkrunfw variant '${variant}'; use one of ${Object.keys(LAYOUT).join(", ")}`);
  }
  if (!ARCHES.includes(arch)) throw new InputError(`unknown libkrunfw arch '${arch}'; use one of ${ARCHES.join(", ")}`);
  if (variant !== "generic" && arch !== "x86_64") {
    throw new InputError(`libkrunfw's ${variant} variant is built for x86_64 only, not ${arch}`);
  }
  const root = path4.resolve(dir);
  if (!existsSync2(root) || !statSync3(root).isDirectory()) {
    throw new InputError(`${root} is not a directory; expected a libkrunfw source tree`, [{ file: root }]);
  }
  const makefilePath = inTree(root, "Makefile", "file");
  if (!makefilePath) {
    throw new InputError(`${root} has no Makefile; expected a libkrunfw source tree`, [{ file: root, title: "no Makefile" }]);
  }
  const makefile = new Makefile(makefilePath);
  const recipe2 = {
    dir: root,
    ...versions(makefile),
    patches: findPatches(root, patchDir(root, ["patches"], makefilePath)),
    config: configFor(root, variant, arch)
  };
  if (variant === "generic") return recipe2;
  recipe2.patches.push(...findPatches(root, patchDir(root, LAYOUT[variant].teePatches, makefilePath)));
  recipe2.qboot = blob(root, LAYOUT[variant].qboot, variant, "qboot firmware");
  recipe2.initrd = blob(root, [INITRD], variant, "initrd");
  return recipe2;
}

// src/request/series.ts
import { existsSync as existsSync3, readdirSync as readdirSync3, readFileSync as readFileSync3, statSync as statSync4 } from "node:fs";
import path5 from "node:path";
function readSeries(series) {
  let seriesFile;
  let dir;
  if (statSync4(series).isDirectory()) {
    dir = series;
    if (existsSync3(path5.join(dir, "series"))) seriesFile = path5.join(dir, "series");
  } else {
    seriesFile = series;
    dir = path5.dirname(series);
  }
  if (!seriesFile) {
    return readdirSync3(dir).filter((f) => f.endsWith(".patch")).sort((a, b) => a < b ? -1 : a > b ? 1 : 0).map((f) => path5.join(dir, f));
  }
  const patches = [];
  readFileSync3(seriesFile, "utf8").split("\n").forEach((raw, i) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) return;
    const [name, ...opts] = line.split(/\s+/);
    if (opts.some((o) => o !== "-p1")) {
      throw new InputError(`${seriesFile}:${i + 1}: only -p1 patches are supported, not '${opts.join(" ")}'`);
    }
    const file = path5.resolve(dir, name);
    if (!existsSync3(file)) throw new InputError(`${seriesFile}:${i + 1}: ${name} does not exist`);
    patches.push(file);
  });
  return patches;
}

// src/request/types.ts
var BLOB_NAMES = ["qboot", "initrd"];

// src/request/resolve.ts
var SHA256 = /^[0-9a-f]{64}$/;
var LIB_VERSION = /^\d+\.\d+\.\d+$/;
var Values = class _Values {
  constructor(raw) {
    this.raw = raw;
  }
  static spec(name) {
    return BUILD_INPUTS.find((s) => s.name === name);
  }
  static declaredDefault(name) {
    const spec = _Values.spec(name);
    return "default" in spec ? spec.default : void 0;
  }
  /** What the caller wrote, trimmed; undefined when empty. */
  givenText(name) {
    const v = this.raw[name];
    if (Array.isArray(v)) return v.join("\n").trim() || void 0;
    if (typeof v === "boolean") return String(v);
    return v?.trim() || void 0;
  }
  /**
   * Whether the caller chose this input. A runner passes every action.yml
   * default as if given, so a value equal to its default is not a choice.
   */
  given(name) {
    const v = this.givenText(name);
    return v !== void 0 && v !== _Values.declaredDefault(name);
  }
  text(name) {
    return this.givenText(name) ?? _Values.declaredDefault(name);
  }
  list(name) {
    const v = this.raw[name];
    const parts = Array.isArray(v) ? v : typeof v === "string" ? v.split("\n") : [];
    return parts.map((p) => p.trim()).filter((p) => p.length > 0);
  }
  flag(name) {
    const v = this.raw[name];
    if (typeof v === "boolean") return v;
    const t = this.text(name);
    if (t !== void 0 && ["true", "True", "TRUE", "1", "yes"].includes(t)) return true;
    if (t === void 0 || ["false", "False", "FALSE", "0", "no"].includes(t)) return false;
    throw new InputError(`${name} must be true or false, not '${t}'`);
  }
};
function positiveInt(value, name) {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new InputError(`${name} must be a positive whole number, not '${value}'`);
  }
  return Number(value);
}
function existing(file, input) {
  if (!existsSync4(file)) throw new InputError(`${input}: ${file} does not exist`);
  return file;
}
function modeOf(v) {
  const chosen = ["vmlinux", "verify-source", "check"].filter((n) => v.given(n));
  if (chosen.length > 1) throw new InputError(`give one of ${chosen.join(", ")}, not several: they ask for different runs`);
  return v.given("verify-source") ? "verify-source" : v.given("vmlinux") ? "bundle" : v.flag("check") ? "check" : "build";
}
var DOING = {
  build: "building a kernel",
  bundle: "packaging an existing vmlinux",
  "verify-source": "verifying a source release",
  check: "checking a series and config without building"
};
function refuseStrays(v, mode) {
  const applies = (spec) => spec.modes.includes(mode);
  const stray = BUILD_INPUTS.filter((s) => !applies(s) && v.given(s.name)).map((s) => s.name);
  if (stray.length > 0) throw new InputError(`${stray.join(", ")} ${stray.length === 1 ? "does" : "do"} not apply when ${DOING[mode]}`);
}
function resolveRequest(raw, env) {
  const v = new Values(raw);
  const mode = modeOf(v);
  refuseStrays(v, mode);
  if (mode === "verify-source") return resolveVerifySource(v, env);
  if (mode === "bundle") {
    const file = path6.resolve(env.cwd, v.text("vmlinux"));
    if (!existsSync4(file) || !statSync5(file).isFile()) throw new InputError(`vmlinux: ${file} is not a file`);
    return { mode, image: file, upload: v.flag("upload"), ...libraryRequest(parseLibrary(v, env), projectVersions()) };
  }
  return resolveBuild(v, env, mode);
}
function workDirOf(v, env, mode) {
  const given = v.text("work-dir");
  return given ? path6.resolve(env.cwd, given) : path6.join(env.tempDir, mode === "verify-source" ? "libkrunfw-verify-source" : "libkrunfw-work");
}
function jobsOf(v, env) {
  const jobs = v.text("jobs");
  return jobs === void 0 ? Math.max(1, env.cpuCount) : positiveInt(jobs, "jobs");
}
function resolveVerifySource(v, env) {
  return {
    mode: "verify-source",
    release: path6.resolve(env.cwd, v.text("verify-source")),
    workDir: workDirOf(v, env, "verify-source"),
    keepWorkDir: v.flag("keep-work-dir"),
    jobs: jobsOf(v, env)
  };
}
function parseArch(v, env) {
  const given = v.text("arch");
  if (given === void 0) {
    const host = archOfHost(env.hostArch);
    if (!host) throw new InputError(`this machine (${env.hostArch}) is not one we build on natively; set arch to one of ${ARCHES.join(", ")}`);
    return host;
  }
  if (!isArch(given)) throw new InputError(`arch '${given}' is not supported; supported: ${ARCHES.join(", ")}`);
  return given;
}
function parseVariant(v, arch) {
  const given = v.text("variant");
  if (!isVariant(given)) throw new InputError(`variant must be one of ${VARIANTS.join(", ")}, not '${given}'`);
  if (TEE_VARIANTS.includes(given) && arch !== "x86_64") {
    throw new InputError(`variant ${given} is for x86_64 confidential guests; it does not exist for ${arch}`);
  }
  return given;
}
function parseBlobs(v, env, variant) {
  const given = BLOB_NAMES.filter((n) => v.given(n));
  if (!TEE_VARIANTS.includes(variant)) {
    if (given.length > 0) throw new InputError(`${given.join(" and ")} only apply to the sev and tdx variants, not ${variant}`);
    return {};
  }
  const blobs = {};
  for (const name of given) {
    const file = path6.resolve(env.cwd, v.text(name));
    checkBlob(name, file, name);
    blobs[name] = { file, origin: `input ${name}: ${path6.basename(file)}` };
  }
  return blobs;
}
function parseEpoch(v, env) {
  const given = v.text("source-date-epoch") ?? env.sourceDateEpoch?.trim();
  if (!given) return RECIPE.sourceDateEpoch;
  if (!/^\d+$/.test(given) || !Number.isSafeInteger(Number(given))) {
    throw new InputError(`source-date-epoch must be whole seconds since 1970, not '${given}'`);
  }
  return Number(given);
}
function parseBootTest(v, arch) {
  const boot2 = v.text("boot-test");
  if (!["auto", "true", "false"].includes(boot2)) throw new InputError(`boot-test must be auto, true or false, not '${boot2}'`);
  if (boot2 === "true" && !archFacts(arch).bootEmulator) {
    throw new InputError(`boot-test: true, but there is no boot test for ${arch} yet; use auto or false`);
  }
  return boot2 === "auto" ? "auto" : boot2 === "true" ? "on" : "off";
}
function parseMeasure(v, variant) {
  if (variant !== "sev") {
    const stray = ["measure-vcpus", "measure-memory"].filter((n) => v.given(n));
    if (stray.length > 0) throw new InputError(`${stray.join(" and ")} only apply to the sev variant, not ${variant}`);
    return void 0;
  }
  return { vcpus: parseVcpus(v.text("measure-vcpus"), "measure-vcpus"), memoryMiB: parseMemoryMiB(v.text("measure-memory"), "measure-memory") };
}
function parseLibrary(v, env) {
  const arch = parseArch(v, env);
  const variant = parseVariant(v, arch);
  const abi = v.text("abi-version");
  const version = v.text("version");
  if (version !== void 0 && !LIB_VERSION.test(version)) throw new InputError(`version must look like 5.4.0, not '${version}'`);
  return {
    arch,
    variant,
    blobs: parseBlobs(v, env, variant),
    abiVersion: abi === void 0 ? void 0 : positiveInt(abi, "abi-version"),
    version,
    bootTest: parseBootTest(v, arch),
    measure: parseMeasure(v, variant),
    sourceDateEpoch: parseEpoch(v, env),
    outDir: path6.resolve(env.cwd, v.text("out-dir")),
    workDir: workDirOf(v, env, "build"),
    keepWorkDir: v.flag("keep-work-dir")
  };
}
function projectVersions() {
  return { abiVersion: RECIPE.abiVersion, version: RECIPE.version };
}
function libraryRequest(g, recipe2, needsBlobs = true) {
  const abiVersion = g.abiVersion ?? recipe2.abiVersion;
  const version = g.version ?? recipe2.version;
  if (!version.startsWith(`${abiVersion}.`)) {
    throw new InputError(`version ${version} does not belong to abi-version ${abiVersion} (it must start with '${abiVersion}.')`);
  }
  if (g.arch === "aarch64") checkDylibVersion("version", version);
  let blobs;
  if (TEE_VARIANTS.includes(g.variant) && needsBlobs) {
    const all = { ...recipe2.blobs, ...g.blobs };
    for (const name of BLOB_NAMES) {
      if (all[name]) continue;
      throw new InputError(
        `the ${g.variant} variant needs ${name === "qboot" ? "the qboot firmware (a 64 KiB bios.bin)" : "an initrd (initrd.gz)"}: set ${name}, or build from a libkrunfw source tree (libkrunfw-dir or libkrunfw-ref) that has one`
      );
    }
    blobs = { qboot: all.qboot, initrd: all.initrd };
  }
  return {
    arch: g.arch,
    variant: g.variant,
    blobs,
    bootTest: g.bootTest,
    measure: g.measure,
    abiVersion,
    version,
    reproducibility: { sourceDateEpoch: g.sourceDateEpoch, user: RECIPE.buildUser, host: RECIPE.buildHost },
    outDir: g.outDir,
    workDir: g.workDir,
    keepWorkDir: g.keepWorkDir
  };
}
function parseKernel(v, env) {
  const version = v.text("kernel-version");
  const source2 = v.text("kernel-source");
  const sha2562 = v.text("kernel-sha256")?.toLowerCase();
  if (sha2562 !== void 0 && !SHA256.test(sha2562)) throw new InputError(`kernel-sha256 must be 64 hex digits, not '${sha2562}'`);
  if (version !== void 0 && source2 !== void 0) throw new InputError("give kernel-version or kernel-source, not both");
  if (version !== void 0 && !VERSION_PATTERN.test(version)) throw new InputError(`kernel-version '${version}' is not a version like 6.12.87`);
  if (source2 === void 0) return { version, sha256: sha2562 };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source2)) {
    let url;
    try {
      url = new URL(source2);
    } catch {
      throw new InputError(`kernel-source '${source2}' is not a valid URL`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new InputError(`kernel-source: only https and http URLs are supported, not ${url.protocol}`);
    }
    if (!sha2562) {
      throw new InputError(
        `kernel-source is a URL (${source2}) but kernel-sha256 is not set: a downloaded kernel must be pinned. Set kernel-sha256 to the tarball's published sha256.`
      );
    }
    return { source: { kind: "url", url: source2 }, sha256: sha2562 };
  }
  const file = path6.resolve(env.cwd, source2);
  if (!existsSync4(file) || !statSync5(file).isFile()) throw new InputError(`kernel-source: ${file} is not a file`);
  return { source: { kind: "file", path: file }, sha256: sha2562 };
}
function configFiles(entries2, cwd) {
  const files = [];
  for (const entry of entries2) {
    const p = existing(path6.resolve(cwd, entry), "kernel-config");
    if (statSync5(p).isDirectory()) {
      const inDir = configsIn(p);
      if (inDir.length === 0) throw new InputError(`kernel-config: directory ${p} holds no *.config files`);
      files.push(...inDir);
    } else {
      files.push(p);
    }
  }
  return files;
}
function configsIn(dir) {
  return readdirSync4(dir).filter((f) => f.endsWith(".config")).sort((a, b) => a < b ? -1 : a > b ? 1 : 0).map((f) => path6.join(dir, f));
}
function looksLikeFullConfig(file) {
  const head = readFileSync4(file, "utf8").slice(0, 4096);
  return /^# Automatically generated file; DO NOT EDIT\./m.test(head) || /^CONFIG_CC_VERSION_TEXT=/m.test(head);
}
function parseConfig(v, env) {
  const mode = v.text("kernel-config-mode");
  if (mode !== "auto" && mode !== "full" && mode !== "fragments") {
    throw new InputError(`kernel-config-mode must be auto, full or fragments, not '${mode}'`);
  }
  const entries2 = v.list("kernel-config");
  const files = configFiles(entries2, env.cwd);
  if (mode === "full" && files.length > 1) {
    throw new InputError(`kernel-config-mode is full, which takes one file, but ${files.length} were given`);
  }
  return { mode, files, entries: entries2.length };
}
function parseCache(v) {
  const ccacheMaxSize = v.text("ccache-max-size");
  if (!/^\d+(\.\d+)?[KMGT]?i?B?$/i.test(ccacheMaxSize)) {
    throw new InputError(`ccache-max-size must be a size like 2G or 500M, not '${ccacheMaxSize}'`);
  }
  return { source: v.flag("cache-source"), compiler: v.flag("cache-compiler"), output: v.flag("cache-output"), tree: v.flag("cache-tree"), ccacheMaxSize };
}
function parseRetention(v) {
  const days = v.text("retention-days");
  if (!/^\d+$/.test(days) || Number(days) > 400) throw new InputError(`retention-days must be a whole number of days (0 for the default), not '${days}'`);
  return Number(days);
}
function parseRecipe(v, env) {
  const dir = v.text("libkrunfw-dir");
  const ref3 = v.text("libkrunfw-ref");
  if (dir !== void 0 && ref3 !== void 0) throw new InputError("give libkrunfw-dir or libkrunfw-ref, not both");
  if (v.given("libkrunfw-repository") && ref3 === void 0) {
    throw new InputError("libkrunfw-repository is set but libkrunfw-ref is not: say which branch, tag or commit of it to build");
  }
  if (dir !== void 0) return { kind: "dir", dir: path6.resolve(env.cwd, dir) };
  if (ref3 === void 0) return { kind: "project" };
  const repository = v.text("libkrunfw-repository");
  checkRefArguments({ repository, ref: ref3 });
  return { kind: "ref", repository: /^[A-Za-z][A-Za-z0-9+.-]*:\/\/|^[^/]+:/.test(repository) ? repository : path6.resolve(env.cwd, repository), ref: ref3 };
}
function parseBuild(v, env) {
  const library = parseLibrary(v, env);
  const patches = v.text("patches");
  const cacheDir = v.text("cache-dir");
  return {
    ...library,
    recipe: parseRecipe(v, env),
    kernel: parseKernel(v, env),
    patches: patches === void 0 ? void 0 : patches === "none" ? [] : readSeries(existing(path6.resolve(env.cwd, patches), "patches")),
    config: parseConfig(v, env),
    jobs: jobsOf(v, env),
    cache: parseCache(v),
    cacheDir: cacheDir === void 0 ? void 0 : path6.resolve(env.cwd, cacheDir),
    upload: v.flag("upload"),
    retentionDays: parseRetention(v)
  };
}
function resolveBuild(v, env, mode) {
  const given = { ...parseBuild(v, env), mode };
  const { recipe: recipe2 } = given;
  if (recipe2.kind === "project") return applyRecipe(given, projectRecipe(given.arch, given.variant), { kind: "project" });
  if (recipe2.kind === "dir") return applyRecipe(given, treeRecipe(recipe2.dir, given), { kind: "libkrunfw-tree", dir: recipe2.dir });
  return {
    mode,
    checkout: { repository: recipe2.repository, ref: recipe2.ref },
    workDir: given.workDir,
    keepWorkDir: given.keepWorkDir,
    outDir: given.outDir,
    cacheDir: given.cacheDir,
    settle: (tree) => applyRecipe(given, treeRecipe(tree.dir, given), { kind: "libkrunfw-tree", dir: tree.dir, repository: tree.repository, ref: tree.ref, commit: tree.commit })
  };
}
function projectRecipe(arch, variant) {
  const tee = TEE_VARIANTS.includes(variant);
  const files = [];
  for (const dir of [RECIPE.configDir(arch), ...tee ? [RECIPE.configDir(`${arch}-${variant}`)] : []]) {
    const inDir = existsSync4(dir) ? configsIn(dir) : [];
    if (inDir.length === 0) throw new InputError(`the project has no kernel config for ${path6.basename(dir)} (expected *.config files in ${dir})`);
    files.push(...inDir);
  }
  return {
    ...projectVersions(),
    kernelVersion: RECIPE.kernelVersion,
    patches: [RECIPE.patchesDir, ...tee ? [RECIPE.teePatchesDir] : []].flatMap((dir) => readSeries(dir)),
    config: { mode: "fragments", files }
  };
}
function treeRecipe(dir, g) {
  const tree = readLibkrunfwTree(dir, { arch: g.arch, variant: g.variant });
  const where2 = (f) => `libkrunfw tree: ${path6.relative(tree.dir, f)}`;
  const blobs = {};
  if (tree.qboot) blobs.qboot = { file: tree.qboot, origin: where2(tree.qboot) };
  if (tree.initrd) blobs.initrd = { file: tree.initrd, origin: where2(tree.initrd) };
  for (const [name, b] of Object.entries(blobs)) checkBlob(name, b.file, where2(b.file));
  return {
    kernelVersion: tree.kernelVersion,
    abiVersion: tree.abiVersion,
    version: tree.version,
    blobs,
    patches: tree.patches,
    config: { mode: "full", files: [tree.config] }
  };
}
function applyRecipe(g, recipe2, source2) {
  let kernel;
  if (g.kernel.source) {
    kernel = { source: g.kernel.source, sha256: g.kernel.sha256 };
  } else {
    const version = g.kernel.version ?? recipe2.kernelVersion;
    kernel = { source: { kind: "url", url: kernelOrgUrl(version), version }, sha256: requireKernelSha256(version, g.kernel.sha256) };
  }
  let config;
  if (g.config.files.length === 0) {
    if (g.config.mode === "full" && recipe2.config.mode !== "full") throw new InputError("kernel-config-mode is full but no kernel-config was given");
    config = recipe2.config;
  } else if (g.config.mode === "full" || g.config.mode === "auto" && g.config.entries === 1 && g.config.files.length === 1 && looksLikeFullConfig(g.config.files[0])) {
    config = { mode: "full", files: g.config.files };
  } else {
    config = { mode: "fragments", files: g.config.files };
  }
  return {
    mode: g.mode,
    // A check makes no library: the blobs a sev or tdx library carries are not needed.
    ...libraryRequest(g, recipe2, g.mode === "build"),
    recipe: source2,
    kernel,
    patches: g.patches ?? recipe2.patches,
    config,
    jobs: g.jobs,
    cache: g.cache,
    cacheDir: g.cacheDir,
    upload: g.upload,
    retentionDays: g.retentionDays
  };
}

// src/run.ts
import os from "node:os";
import path34 from "node:path";

// src/out-dir.ts
import { appendFileSync, existsSync as existsSync5, readFileSync as readFileSync5, rmSync } from "node:fs";
import path7 from "node:path";
var RECORD = ".libkrunfw-action-files";
function clearOutputs(outDir) {
  const record = path7.join(outDir, RECORD);
  if (!existsSync5(record)) return [];
  const names = [...new Set(readFileSync5(record, "utf8").split("\n").map((l) => path7.basename(l.trim())).filter((n) => n && n !== "." && n !== ".."))];
  for (const n of names) {
    rmSync(path7.join(outDir, n), { force: true });
    rmSync(path7.join(outDir, `${n}.partial`), { force: true });
  }
  rmSync(record, { force: true });
  return names.filter((n) => n !== RECORD);
}
function recordOutputs(outDir, files) {
  const ours = files.filter((f) => path7.dirname(path7.resolve(f)) === path7.resolve(outDir)).map((f) => path7.basename(f));
  if (ours.length > 0) appendFileSync(path7.join(outDir, RECORD), ours.map((n) => `${n}
`).join(""));
}

// src/pipeline/plan.ts
import { existsSync as existsSync6, mkdirSync as mkdirSync3 } from "node:fs";
import path8 from "node:path";

// src/toolchain.ts
async function firstLine(tool) {
  const r = await run(tool, ["--version"], { env: { LC_ALL: "C" } });
  return r.exitCode === 0 ? (r.stdout.split("\n")[0] ?? "").trim() : `${tool}: unavailable`;
}
async function toolchainIdentity(cc = "gcc", binutilsPrefix = "") {
  const names = [cc, `${binutilsPrefix}ld`, `${binutilsPrefix}objcopy`, "make"];
  const tools = {};
  for (const n of names) tools[n] = await firstLine(n);
  return { tools, id: sha256(JSON.stringify(tools)).slice(0, 16) };
}

// src/pipeline/plan.ts
function step(stage, d) {
  return {
    kind: "step",
    name: stage.name,
    title: stage.title,
    needs: d.needs,
    produces: d.produces,
    // The runtime checks `needs` before calling these: the state has those slots.
    skip: d.skip && ((s, rt) => d.skip(s, rt)),
    async run(s, ctx, rt) {
      const o = await stage.run(await d.input(s, rt), ctx);
      return { out: d.output(o, s), files: stage.produces?.(o) ?? [], summary: stage.summary?.(o) };
    }
  };
}
function cached(level, ...steps) {
  return { kind: "cached", level, steps };
}
var Runtime = class {
  constructor(platform, workDir, store, outDir) {
    this.platform = platform;
    this.workDir = workDir;
    this.store = store;
    this.outDir = outDir;
  }
  records = [];
  caches = [];
  pending = [];
  toolchains = /* @__PURE__ */ new Map();
  get log() {
    return this.platform.log;
  }
  /** Where cache entries are restored to and saved from: fixed paths, since a GitHub cache entry is tied to its paths. */
  cacheDir(level) {
    return path8.join(this.workDir, "cache", level === "compiler" ? "ccache" : level);
  }
  /** The compiler, binutils and make that build for `arch`: part of cache keys and of the release manifest. */
  toolchain(arch) {
    let t = this.toolchains.get(arch);
    if (!t) {
      const tools = targetTools(arch);
      t = toolchainIdentity(tools.cc, tools.crossCompile);
      this.toolchains.set(arch, t);
    }
    return t;
  }
  report(r) {
    this.caches.push(r);
    const what = { hit: "hit", partial: `partial hit (${r.matchedKey})`, miss: "miss", off: "off" }[r.state];
    this.log.info(`${r.level} cache: ${what}${r.key ? ` for ${r.key}` : ""}${r.detail ? `; ${r.detail}` : ""}`);
  }
  skip(name, why) {
    this.records.push({ name, status: "skipped", durationMs: 0, summary: why });
    this.log.info(`- ${name} skipped: ${why}`);
  }
};
async function runRoute(route, s, rt) {
  try {
    await runItems(route, s, rt, void 0);
    return s;
  } catch (e) {
    if (e instanceof LibkrunfwError) e.stages = rt.records;
    throw e;
  }
}
async function runItems(items, s, rt, skippedBy) {
  for (const item of items) {
    if (item.kind === "cached") await runCached(item, s, rt, skippedBy);
    else if (skippedBy) rt.skip(item.name, skippedBy);
    else await runStep(item, s, rt);
  }
}
async function runCached(c, s, rt, skippedBy) {
  const level = c.level;
  if (skippedBy) return runItems(c.steps, s, rt, skippedBy);
  const off = await level.off(s, rt);
  if (off !== void 0) {
    rt.report({ level: level.name, state: "off", detail: off || void 0 });
    return runItems(c.steps, s, rt, void 0);
  }
  const restored = await level.restore(s, rt);
  rt.report(restored.report);
  if (restored.pending) rt.pending.push(restored.pending);
  Object.assign(s, restored.fills);
  if (restored.hit && level.kind === "provides") {
    return runItems(c.steps, s, rt, `the ${level.name} cache provided ${Object.keys(restored.fills).join(", ")}`);
  }
  const started = performance.now();
  await runItems(c.steps, s, rt, void 0);
  const keep = await level.keep?.(s, rt, performance.now() - started);
  if (keep) rt.pending.push(keep);
}
async function runStep(st, s, rt) {
  const missing = st.needs.filter((k) => s[k] === void 0);
  if (missing.length > 0) throw new InternalError(`step ${st.name} needs ${missing.join(", ")}, which no step before it produced`);
  const why = await st.skip?.(s, rt);
  if (why !== void 0) return rt.skip(st.name, why);
  const logFile = path8.join(rt.workDir, "logs", `${st.name}.log`);
  mkdirSync3(path8.dirname(logFile), { recursive: true });
  const ctx = { platform: rt.platform, log: rt.log, workDir: rt.workDir, logFile };
  const record = { name: st.name, status: "failed", durationMs: 0, logFile };
  rt.records.push(record);
  const started = performance.now();
  try {
    const { out, files, summary } = await rt.log.group(`${st.name}: ${st.title}`, async () => {
      const result = await st.run(s, ctx, rt);
      const unfilled = st.produces.filter((k) => result.out[k] === void 0);
      const absent = result.files.filter((f) => !existsSync6(f));
      if (unfilled.length > 0 || absent.length > 0) {
        throw new InternalError(`step ${st.name} finished but did not produce ${[...unfilled, ...absent].join(", ")}`);
      }
      return result;
    });
    Object.assign(s, out);
    if (rt.outDir) recordOutputs(rt.outDir, files);
    record.status = "passed";
    record.summary = summary;
  } catch (e) {
    if (e instanceof LibkrunfwError) e.stage ??= st.name;
    throw e;
  } finally {
    record.durationMs = performance.now() - started;
    const secs = (record.durationMs / 1e3).toFixed(1);
    rt.log.info(`${record.status === "passed" ? "\u2713" : "\u2717"} ${st.name} ${record.status} in ${secs}s${record.summary ? `: ${record.summary}` : ""}`);
  }
}

// src/pipeline/route.ts
import path32 from "node:path";

// src/cache/levels.ts
import { cpSync, existsSync as existsSync7, mkdirSync as mkdirSync4, readFileSync as readFileSync8, rmSync as rmSync3, writeFileSync as writeFileSync2 } from "node:fs";
import path12 from "node:path";

// src/pipeline/stages/extract.ts
import { readFileSync as readFileSync6, rmSync as rmSync2 } from "node:fs";
import path10 from "node:path";

// src/archive/extract.ts
import { createReadStream as createReadStream2 } from "node:fs";
import { access, chmod, constants, lstat, mkdir, open, readdir, realpath, rm, stat } from "node:fs/promises";
import path9 from "node:path";
import { createGunzip } from "node:zlib";

// src/archive/tar-stream-guard.ts
var BLOCK = 512;
var RECORD2 = 20 * BLOCK;
var MAX_META_SIZE = 1024 * 1024;
var ZERO_BLOCKS = Buffer.alloc(2 * BLOCK);
function displayName(binary) {
  return Buffer.from(binary, "latin1").toString("utf8");
}
function cString(b, start, end) {
  const nul = b.indexOf(0, start);
  return b.toString("latin1", start, nul >= 0 && nul < end ? nul : end);
}
function isSpace(c) {
  return c === 32 || c >= 9 && c <= 13;
}
function parseNumericField(b, start, length) {
  const end = start + length;
  const first = b[start];
  if (first === 128) {
    let value2 = 0;
    for (let i2 = start + 1; i2 < end; i2++) {
      value2 = value2 * 256 + b[i2];
      if (value2 > Number.MAX_SAFE_INTEGER) return void 0;
    }
    return value2;
  }
  let i = start;
  if (first === 0) i++;
  while (i < end && isSpace(b[i])) i++;
  if (i === end) return void 0;
  let value = 0;
  while (i < end) {
    const c = b[i];
    if (c < 48 || c > 55) break;
    value = value * 8 + (c - 48);
    i++;
  }
  if (value > Number.MAX_SAFE_INTEGER) return void 0;
  if (i < end && b[i] !== 0 && !isSpace(b[i])) return void 0;
  return value;
}
function blockShape(b, at) {
  let unsigned = 0;
  let high = 0;
  for (let i = at; i < at + BLOCK; i++) {
    const c = b[i];
    unsigned += c;
    if (c >= 128) high++;
  }
  for (let i = at + 148; i < at + 156; i++) {
    const c = b[i];
    unsigned -= c;
    if (c >= 128) high--;
  }
  unsigned += 8 * 32;
  if (unsigned === 8 * 32) return "zero";
  const recorded = parseNumericField(b, at + 148, 8);
  if (recorded === void 0) return "bad-checksum";
  return recorded === unsigned || recorded === unsigned - 256 * high ? "header" : "bad-checksum";
}
function looksLikeTar(b) {
  if (b.length < BLOCK) return false;
  const shape = blockShape(b, 0);
  return shape !== "bad-checksum";
}
function kindOf(typeflag) {
  switch (typeflag) {
    case "0":
    case "\0":
    case "7":
      return "file";
    case "1":
      return "hardlink";
    case "2":
      return "symlink";
    case "3":
      return "char-device";
    case "4":
      return "block-device";
    case "5":
      return "directory";
    case "6":
      return "fifo";
    default:
      return void 0;
  }
}
function parsePaxRecords(data) {
  const records = /* @__PURE__ */ new Map();
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === 0) break;
    const space = data.indexOf(32, pos);
    if (space < 0 || space - pos > 12) return `a malformed pax record at byte ${pos}`;
    const lengthText = data.toString("latin1", pos, space);
    if (!/^[0-9]+$/.test(lengthText)) return `a malformed pax record length '${lengthText}'`;
    const length = Number(lengthText);
    const end = pos + length;
    if (length <= space - pos + 1 || end > data.length || data[end - 1] !== 10) {
      return `a pax record whose length (${length}) does not match its contents`;
    }
    const equals = data.indexOf(61, space + 1);
    if (equals < 0 || equals >= end - 1) return "a pax record without a keyword=value";
    const keyword = data.toString("latin1", space + 1, equals);
    const value = data.toString("latin1", equals + 1, end - 1);
    if (keyword === "") return "a pax record with an empty keyword";
    if (records.has(keyword) && (keyword === "path" || keyword === "linkpath" || keyword === "size")) {
      return `two '${keyword}' records`;
    }
    records.set(keyword, value);
    pos = end;
  }
  return records;
}
function unsupportedPaxKeyword(keyword) {
  return keyword.startsWith("GNU.");
}
var TarStreamGuard = class {
  constructor(archive, check2) {
    this.archive = archive;
    this.check = check2;
  }
  state = "header";
  /** Offset in the uncompressed stream of the next byte to be parsed. */
  offset = 0;
  /** Member data (with padding) left to pass through. */
  dataLeft = 0;
  /** A header split across chunks. */
  header = Buffer.alloc(BLOCK);
  headerFill = 0;
  /** An extended header's data being collected. */
  metaType = "";
  metaSize = 0;
  metaLeft = 0;
  metaParts = [];
  metaOffset = 0;
  pending = { problems: [] };
  /** Bytes from earlier chunks that wait for the current entry's check. */
  held = [];
  holding = false;
  forwarded = 0;
  lastName = "";
  entryCount = 0;
  /** True once the end-of-archive marker went by; later input is ignored. */
  get ended() {
    return this.state === "end";
  }
  /**
   * Feeds the next chunk of the uncompressed archive. Returns the pieces that
   * are safe to pass on to tar, in order (views of `chunk` and of earlier
   * chunks; nothing is copied except a split header).
   */
  write(chunk) {
    const out = [];
    if (this.state === "end") return out;
    const length = chunk.length;
    let holdFrom = 0;
    let i = 0;
    while (i < length) {
      if (this.state === "data") {
        const take = Math.min(this.dataLeft, length - i);
        i += take;
        this.dataLeft -= take;
        this.offset += take;
        if (this.dataLeft === 0) this.state = "header";
        continue;
      }
      if (this.state === "meta") {
        const take = Math.min(this.metaLeft, length - i);
        this.metaParts.push(chunk.subarray(i, i + take));
        i += take;
        this.metaLeft -= take;
        this.offset += take;
        if (this.metaLeft === 0) this.finishMeta();
        continue;
      }
      if (!this.holding) {
        this.holding = true;
        holdFrom = i;
      }
      const header = this.nextHeader(chunk, i);
      i = header.next;
      if (!header.block) break;
      const headerOffset = this.offset;
      this.offset += BLOCK;
      const released = this.onHeader(header.block, header.at, headerOffset);
      if (released === "end") return this.endOfArchive(chunk, holdFrom, out);
      if (released) {
        if (this.held.length > 0) {
          out.push(...this.held);
          this.held = [];
        }
        this.holding = false;
      }
    }
    if (this.holding) {
      if (holdFrom > 0) out.push(chunk.subarray(0, holdFrom));
      if (holdFrom < length) this.held.push(chunk.subarray(holdFrom));
    } else {
      out.push(chunk);
    }
    this.forwarded += sizeOf2(out);
    return out;
  }
  /** The next header block: in place when the chunk holds it whole, else gathered across chunks (no block yet when incomplete). */
  nextHeader(chunk, i) {
    if (this.headerFill === 0 && chunk.length - i >= BLOCK) return { block: chunk, at: i, next: i + BLOCK };
    const take = Math.min(BLOCK - this.headerFill, chunk.length - i);
    chunk.copy(this.header, this.headerFill, i, i + take);
    this.headerFill += take;
    if (this.headerFill < BLOCK) return { at: 0, next: i + take };
    this.headerFill = 0;
    return { block: this.header, at: 0, next: i + take };
  }
  /** Pass on what came before the end marker, then a clean end of archive padded to a whole record, and nothing after it. */
  endOfArchive(chunk, holdFrom, out) {
    if (holdFrom > 0) out.push(chunk.subarray(0, holdFrom));
    const before = this.forwarded + sizeOf2(out) + ZERO_BLOCKS.length;
    out.push(ZERO_BLOCKS);
    const pad = (RECORD2 - before % RECORD2) % RECORD2;
    if (pad > 0) out.push(Buffer.alloc(pad));
    this.forwarded += sizeOf2(out);
    this.held = [];
    this.holding = false;
    return out;
  }
  /** Call at the end of input: throws ArchiveError unless the archive ended properly. */
  finish() {
    if (this.state === "end") return;
    const after = this.lastName ? ` (after '${displayName(this.lastName)}')` : "";
    if (this.state === "data") {
      throw new ArchiveError(
        `${this.archive} is truncated: it ends inside the data of '${displayName(this.lastName)}' (${this.dataLeft} more bytes expected).`
      );
    }
    if (this.state === "meta" || this.headerFill > 0 || this.pending.longName !== void 0 || this.pending.pax) {
      throw new ArchiveError(`${this.archive} is truncated: it ends inside a header${after}.`);
    }
    throw new ArchiveError(`${this.archive} is truncated: it ends without the end-of-archive marker${after}.`);
  }
  /** Handles one header block. Returns true when held bytes may go out, 'end' at the end marker. */
  onHeader(b, at, headerOffset) {
    const shape = blockShape(b, at);
    if (shape === "zero") {
      if (this.hasPendingMeta()) {
        throw new ArchiveError(
          `${this.archive} is corrupt: an extended header at the end is not followed by an entry.`
        );
      }
      this.state = "end";
      return "end";
    }
    if (shape === "bad-checksum") {
      const after = this.lastName ? `, after '${displayName(this.lastName)}'` : "";
      throw new ArchiveError(
        `${this.archive} is corrupt or not a tar archive: bad header checksum at byte ${headerOffset} (entry ${this.entryCount + 1}${after}).`
      );
    }
    const typeflag = String.fromCharCode(b[at + 156]);
    const headerName = cString(b, at, at + 100);
    const sizeField = parseNumericField(b, at + 124, 12);
    if (sizeField === void 0) {
      throw new ArchiveError(
        `${this.archive} is corrupt: the header of '${displayName(headerName)}' at byte ${headerOffset} has an unreadable size field.`
      );
    }
    if (typeflag === "L" || typeflag === "K" || typeflag === "x" || typeflag === "X" || typeflag === "g") {
      this.startMeta(typeflag, sizeField, headerOffset);
      return false;
    }
    const { name, linkName, size, problems } = this.member(b, at, headerName, sizeField);
    const kind = memberKind(typeflag, name, size, problems);
    this.lastName = name;
    this.entryCount++;
    const shown = displayName(name === "" ? headerName : name);
    if (problems.length > 0) throw new UnsafeArchiveError(this.archive, shown, problems[0]);
    if (name === "") throw new UnsafeArchiveError(this.archive, shown, "has an empty name");
    this.check({ name, linkName, kind, typeflag, size, offset: headerOffset });
    const dataSize = kind === "file" ? size : 0;
    this.dataLeft = roundUp(dataSize);
    this.state = this.dataLeft > 0 ? "data" : "header";
    return true;
  }
  /** An extended header (GNU long name or link, pax): its data follows, read in the 'meta' state. */
  startMeta(typeflag, size, headerOffset) {
    if (size > MAX_META_SIZE) {
      throw new ArchiveError(`${this.archive}: the extended header at byte ${headerOffset} is ${size} bytes, more than the ${MAX_META_SIZE} accepted.`);
    }
    this.metaType = typeflag;
    this.metaSize = size;
    this.metaLeft = roundUp(size);
    this.metaParts = [];
    this.metaOffset = headerOffset;
    if (this.metaLeft === 0) this.finishMeta();
    else this.state = "meta";
  }
  /** A member's name, link name and size as tar will use them: the header's, then the extended headers' over them. */
  member(b, at, headerName, sizeField) {
    let name = headerName;
    const posix = b[at + 257] === 117 && b.toString("latin1", at + 257, at + 263) === "ustar\0";
    if (posix && b[at + 345] !== 0) name = `${cString(b, at + 345, at + 500)}/${headerName}`;
    let linkName = cString(b, at + 157, at + 257);
    const { longName, longLink, pax, problems } = this.pending;
    this.pending = { problems: [] };
    if (longName !== void 0) name = longName;
    if (longLink !== void 0) linkName = longLink;
    let size = sizeField;
    if (pax) {
      const paxPath = pax.get("path");
      if (paxPath !== void 0) {
        if (longName !== void 0 && longName !== paxPath) {
          problems.push(`has both a GNU long name and a different pax path ('${displayName(paxPath)}')`);
        }
        name = paxPath;
      }
      const paxLink = pax.get("linkpath");
      if (paxLink !== void 0) {
        if (longLink !== void 0 && longLink !== paxLink) {
          problems.push(`has both a GNU long link name and a different pax linkpath ('${displayName(paxLink)}')`);
        }
        linkName = paxLink;
      }
      const paxSize = pax.get("size");
      if (paxSize !== void 0) {
        if (!/^[0-9]{1,15}$/.test(paxSize)) {
          throw new ArchiveError(`${this.archive} is corrupt: the pax size '${paxSize}' of '${displayName(name)}' is not a number.`);
        }
        size = Number(paxSize);
      }
      for (const key of ["path", "linkpath", "size"]) {
        const v = pax.get(key);
        if (v === "") problems.push(`has an empty pax '${key}' record`);
        if (v !== void 0 && v.includes("\0")) problems.push(`has a NUL byte in its pax '${key}' record`);
      }
    }
    return { name, linkName, size, problems };
  }
  hasPendingMeta() {
    const p = this.pending;
    return p.longName !== void 0 || p.longLink !== void 0 || p.pax !== void 0 || p.problems.length > 0;
  }
  /** An extended header's data is complete: decode it into `pending`. */
  finishMeta() {
    this.state = "header";
    const data = Buffer.concat(this.metaParts).subarray(0, this.metaSize);
    this.metaParts = [];
    const type = this.metaType;
    const p = this.pending;
    if (type === "L" || type === "K") {
      const nul = data.indexOf(0);
      const value = data.toString("latin1", 0, nul >= 0 ? nul : data.length);
      const which = type === "L" ? "longName" : "longLink";
      if (p[which] !== void 0) p.problems.push(`has two GNU long ${type === "L" ? "name" : "link"} headers`);
      p[which] = value;
      return;
    }
    const records = parsePaxRecords(data);
    if (typeof records === "string") {
      throw new ArchiveError(
        `${this.archive} is corrupt: the pax header at byte ${this.metaOffset} has ${records}.`
      );
    }
    if (type === "g") {
      for (const keyword of records.keys()) {
        if (keyword === "path" || keyword === "linkpath" || keyword === "size" || unsupportedPaxKeyword(keyword)) {
          throw new UnsafeArchiveError(
            this.archive,
            "pax global header",
            `sets '${keyword}' for every later entry, which is not accepted`
          );
        }
      }
      return;
    }
    if (p.pax !== void 0) p.problems.push("has two pax extended headers");
    for (const keyword of records.keys()) {
      if (unsupportedPaxKeyword(keyword)) p.problems.push(`uses the pax keyword '${keyword}', which is not supported`);
    }
    p.pax = records;
  }
};
function roundUp(n) {
  return Math.ceil(n / BLOCK) * BLOCK;
}
function sizeOf2(pieces) {
  let n = 0;
  for (const p of pieces) n += p.length;
  return n;
}
function memberKind(typeflag, name, size, problems) {
  let kind = kindOf(typeflag);
  if (kind === void 0) {
    const shown = /^[ -~]$/.test(typeflag) ? `'${typeflag}'` : `0x${typeflag.charCodeAt(0).toString(16)}`;
    problems.unshift(`has the unsupported tar entry type ${shown}`);
    kind = "file";
  }
  if (kind === "file" && name.endsWith("/")) {
    if (size !== 0) problems.push(`is a ${size}-byte file whose name ends in '/'`);
    kind = "directory";
  }
  if ((kind === "hardlink" || kind === "symlink" || kind === "directory") && size !== 0) {
    problems.push(`is a ${kind} that carries ${size} bytes of data`);
  }
  return kind;
}

// src/archive/entry-policy.ts
var DEVICES = { "char-device": "is a character device", "block-device": "is a block device", fifo: "is a fifo" };
var EntryPolicy = class {
  /**
   * @param archive the archive's name, for messages
   * @param destRoots absolute paths of the destination (as given and resolved)
   */
  constructor(archive, destRoots) {
    this.archive = archive;
    this.roots = [...new Set(destRoots.map((r) => Buffer.from(r.replace(/\/+$/, ""), "utf8").toString("latin1")))];
  }
  /** Paths (binary strings, normalized, relative to dest) the archive has created. */
  nodes = /* @__PURE__ */ new Map();
  symlinkTargets = /* @__PURE__ */ new Map();
  /** Parent path of the last entry checked, known to be free of symlinks. */
  lastParent;
  /** Destination roots (as binary strings) that absolute symlink targets may point into. */
  roots;
  topName;
  entries = 0;
  bytes = 0;
  /** The single top-level name (binary string), once an entry has been seen. */
  get top() {
    return this.topName;
  }
  check(entry) {
    const raw = entry.name;
    const refuse = (reason) => {
      throw new UnsafeArchiveError(this.archive, displayName(raw), reason);
    };
    const device = DEVICES[entry.kind];
    if (device) refuse(device);
    if (raw.startsWith("/")) refuse("has an absolute path");
    const comps = splitPath(raw);
    if (comps === void 0) return refuse("has a '..' component, which would leave the destination");
    if (comps.length === 0) {
      if (entry.kind !== "directory") refuse("names the destination directory itself");
      this.entries++;
      return;
    }
    const path35 = comps.join("/");
    const slash = path35.lastIndexOf("/");
    const parent = slash < 0 ? "" : path35.slice(0, slash);
    this.checkParents(path35, parent, refuse);
    const existing2 = this.nodes.get(path35);
    if (existing2 === "symlink") refuse(`replaces '${displayName(path35)}', which an earlier entry made a symlink`);
    const kind = this.nodeKind(entry, comps, existing2, refuse);
    this.checkTop(comps, kind);
    this.nodes.set(path35, kind);
    this.lastParent = parent;
    this.entries++;
    if (entry.kind === "file") this.bytes += entry.size;
  }
  /** Nothing may be created beneath a symlink. */
  checkParents(path35, parent, refuse) {
    if (parent === "" || parent === this.lastParent) return;
    let from = 0;
    for (; ; ) {
      const next = path35.indexOf("/", from);
      if (next < 0 || next > parent.length) break;
      const prefix = path35.slice(0, next);
      const kind = this.nodes.get(prefix);
      if (kind === "symlink") refuse(`is beneath '${displayName(prefix)}', which an earlier entry made a symlink`);
      if (kind !== "dir" && kind !== "implicit-dir") this.nodes.set(prefix, "implicit-dir");
      from = next + 1;
    }
  }
  /** What the entry makes, once checked against what is already there. */
  nodeKind(entry, comps, existing2, refuse) {
    switch (entry.kind) {
      case "directory":
        return "dir";
      case "file":
        return "file";
      case "symlink":
        if (existing2 === "dir" || existing2 === "implicit-dir") refuse("is a symlink that would replace a directory");
        this.checkSymlinkTarget(comps, entry.linkName, refuse, "is a symlink");
        this.symlinkTargets.set(comps.join("/"), entry.linkName);
        return "symlink";
      case "hardlink":
        return this.checkHardLink(comps, existing2, entry.linkName, refuse);
      default:
        return refuse("has an unsupported type");
    }
  }
  /** A kernel source tarball has exactly one top-level directory. */
  checkTop(comps, kind) {
    const first = comps[0];
    if (this.topName === void 0) {
      this.topName = first;
    } else if (first !== this.topName) {
      throw new ArchiveError(
        `${this.archive} has more than one top-level entry ('${displayName(this.topName)}' and '${displayName(first)}'); a kernel source tarball has exactly one top-level directory.`
      );
    }
    if (comps.length === 1 && kind !== "dir") {
      throw new ArchiveError(
        `${this.archive}: its top-level entry '${displayName(first)}' is not a directory; a kernel source tarball has exactly one top-level directory.`
      );
    }
  }
  /** Refuses a symlink at `linkComps` to `target` that could leave the destination. */
  checkSymlinkTarget(linkComps, target, refuse, what) {
    const shownTarget = displayName(target);
    if (target === "") refuse(`${what} with an empty target`);
    let depth;
    let rest;
    if (target.startsWith("/")) {
      const root = this.roots.find((r) => target === r || target.startsWith(`${r}/`));
      if (root === void 0) return refuse(`${what} to '${shownTarget}', outside the destination`);
      rest = target.slice(root.length);
      depth = 0;
    } else {
      rest = target;
      depth = linkComps.length - 1;
    }
    let ups = 0;
    let named = false;
    for (const c of rest.split("/")) {
      if (c === "" || c === ".") continue;
      if (c === "..") {
        if (named) {
          refuse(
            `${what} to '${shownTarget}', which goes back up with '..' after a directory name; only leading ".." components are accepted in link targets`
          );
        }
        ups++;
        if (ups > depth) refuse(`${what} to '${shownTarget}', which points outside the destination`);
      } else {
        named = true;
      }
    }
  }
  checkHardLink(comps, existing2, target, refuse) {
    const shownTarget = displayName(target);
    if (target === "") refuse("is a hard link with an empty target");
    if (target.startsWith("/")) refuse(`is a hard link to '${shownTarget}', an absolute path outside the destination`);
    const parts = splitPath(target);
    if (parts === void 0) return refuse(`is a hard link to '${shownTarget}', which has a '..' component`);
    const targetPath = parts.join("/");
    const kind = this.nodes.get(targetPath);
    if (kind === "dir" || kind === "implicit-dir") refuse(`is a hard link to the directory '${shownTarget}'`);
    if (kind === void 0) refuse(`is a hard link to '${shownTarget}', which is not an earlier entry of the archive`);
    if (kind === "symlink") {
      if (existing2 === "dir" || existing2 === "implicit-dir") refuse("is a link that would replace a directory with a symlink");
      const linkTarget = this.symlinkTargets.get(targetPath);
      this.checkSymlinkTarget(comps, linkTarget, refuse, `is a hard link to the symlink '${shownTarget}', so a symlink`);
      this.symlinkTargets.set(comps.join("/"), linkTarget);
      return "symlink";
    }
    return "file";
  }
};
function splitPath(name) {
  const out = [];
  for (const c of name.split("/")) {
    if (c === "..") return void 0;
    if (c !== "" && c !== ".") out.push(c);
  }
  return out;
}

// src/archive/extract.ts
var TOOL_HINTS = {
  tar: "Install GNU tar (apt-get install tar).",
  xz: "Install xz (apt-get install xz-utils).",
  bzip2: "Install bzip2 (apt-get install bzip2).",
  zstd: "Install zstd (apt-get install zstd) to extract .tar.zst archives."
};
var PROGRESS_INTERVAL_MS = 250;
var STDERR_TAIL_CHARS = 4e3;
async function detectCompression(archive) {
  let head;
  try {
    const fh = await open(archive, "r");
    try {
      head = Buffer.alloc(512);
      const { bytesRead } = await fh.read(head, 0, 512, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (error) {
    throw new ArchiveError(`cannot read the archive ${archive}: ${error.message}`);
  }
  if (head.length === 0) throw new ArchiveError(`the archive ${archive} is empty.`);
  const starts = (...bytes) => bytes.every((b, i) => head[i] === b);
  if (starts(253, 55, 122, 88, 90, 0)) return "xz";
  if (starts(31, 139)) return "gzip";
  if (starts(66, 90, 104) && head[3] !== void 0 && head[3] >= 49 && head[3] <= 57) return "bzip2";
  if (starts(40, 181, 47, 253)) return "zstd";
  if (looksLikeTar(head)) return "none";
  throw new ArchiveError(
    `${archive} is not a tarball this can extract: its first bytes are not those of an xz, gzip, bzip2 or zstd stream, nor of a tar header.`
  );
}
async function extractTarball(archive, dest, options = {}) {
  const archivePath = path9.resolve(archive);
  const destPath = path9.resolve(dest);
  const compression = await detectCompression(archivePath);
  await requireTools(compression);
  const created = await prepareDestination(destPath, dest);
  try {
    return await extractInto(archive, archivePath, compression, destPath, options);
  } catch (error) {
    await clearDestination(destPath, created);
    throw error;
  }
}
async function extractInto(archive, archivePath, compression, destPath, options) {
  const realDest = await realpath(destPath);
  const policy = new EntryPolicy(archive, [destPath, realDest]);
  const guard = new TarStreamGuard(archive, (entry) => policy.check(entry));
  const tar = execa(
    "tar",
    ["-x", "-f", "-", "-C", destPath, "--no-same-owner", "--no-same-permissions", "--delay-directory-restore"],
    { stdin: "pipe", stdout: "ignore", stderr: "pipe", buffer: false, reject: false, env: { LC_ALL: "C" } }
  );
  const tarStderr = collectTail(tar.stderr);
  let tarDone = false;
  const tarResult = tar.then((result2) => {
    tarDone = true;
    return result2;
  });
  const stdin = tar.stdin;
  stdin.on("error", () => {
  });
  const source2 = openSource(compression, archivePath);
  const stopAll = async () => {
    source2.stop();
    tar.kill("SIGKILL");
    stdin.destroy();
    await Promise.allSettled([source2.outcome(), tarResult]);
  };
  let lastReport = Date.now();
  let callerError;
  const report = (force) => {
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
  let tarBroke = false;
  try {
    for await (const chunk of source2.stream) {
      if (guard.ended) continue;
      const pieces = guard.write(chunk);
      let ready = true;
      for (const piece of pieces) ready = stdin.write(piece);
      report(false);
      if (guard.ended) {
        stdin.end();
        continue;
      }
      if (!ready) await drained(stdin);
      if (tarDone || stdin.destroyed) {
        tarBroke = true;
        break;
      }
    }
  } catch (error) {
    await stopAll();
    if (error instanceof LibkrunfwError || callerError?.error === error) throw error;
    throw new ArchiveError(`cannot decompress ${archive} (${compression}): ${error.message}`);
  }
  if (tarBroke) {
    source2.stop();
    await source2.outcome();
    const result2 = await tarResult;
    throw new ArchiveError(`tar failed while extracting ${archive}: ${describeExit(result2)}${tail(tarStderr())}`);
  }
  const decompressFailure = await source2.outcome();
  if (decompressFailure !== void 0) {
    await stopAll();
    throw new ArchiveError(`${archive} is corrupt or truncated: ${decompressFailure}`);
  }
  try {
    guard.finish();
  } catch (error) {
    await stopAll();
    throw error;
  }
  const result = await tarResult;
  if (result.exitCode !== 0) {
    throw new ArchiveError(`tar failed to extract ${archive}: ${describeExit(result)}${tail(tarStderr())}`);
  }
  report(true);
  const top = policy.top;
  if (top === void 0) throw new ArchiveError(`${archive} contains no files.`);
  const root = path9.join(destPath, displayName(top));
  const rootStat = await lstat(root).catch(() => void 0);
  const present = await readdir(destPath);
  if (!rootStat?.isDirectory() || present.length !== 1) {
    throw new ArchiveError(
      `extracting ${archive} did not leave exactly one top-level directory in ${destPath} (found: ${present.join(", ") || "nothing"}).`
    );
  }
  return { root, entries: policy.entries, bytes: policy.bytes };
}
function openSource(compression, archivePath) {
  switch (compression) {
    case "xz":
      return toolSource("xz", ["-d", "-c", "-T0", "--", archivePath]);
    case "bzip2":
      return toolSource("bzip2", ["-d", "-c", "--", archivePath]);
    case "zstd":
      return toolSource("zstd", ["-d", "-c", "-q", "--", archivePath]);
    case "gzip": {
      const file = createReadStream2(archivePath, { highWaterMark: 1 << 20 });
      const gunzip = createGunzip({ chunkSize: 1 << 16 });
      file.on("error", (error) => gunzip.destroy(error));
      gunzip.on("error", () => {
      });
      file.pipe(gunzip);
      return {
        stream: gunzip,
        outcome: async () => void 0,
        stop: () => {
          file.destroy();
          gunzip.destroy();
        }
      };
    }
    case "none": {
      const file = createReadStream2(archivePath, { highWaterMark: 1 << 20 });
      file.on("error", () => {
      });
      return { stream: file, outcome: async () => void 0, stop: () => file.destroy() };
    }
  }
}
function toolSource(tool, args) {
  const proc = execa(tool, args, { stdin: "ignore", stdout: "pipe", stderr: "pipe", buffer: false, reject: false });
  const stderr = collectTail(proc.stderr);
  const done = proc.then(
    (result) => result.exitCode === 0 ? void 0 : `${tool} ${describeExit(result)}${tail(stderr())}`,
    (error) => `${tool} failed: ${error.message}`
  );
  return {
    stream: proc.stdout,
    outcome: () => done,
    stop: () => {
      proc.kill("SIGKILL");
      proc.stdout.destroy();
    }
  };
}
function describeExit(result) {
  if (result.signal) return `killed by ${result.signal}`;
  if (result.exitCode !== void 0) return `exit code ${result.exitCode}`;
  return result.message ?? "failed";
}
function tail(text) {
  const trimmed = text.trim();
  return trimmed ? `
${trimmed}` : "";
}
function collectTail(stream) {
  let text = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (data) => {
    text += data;
    if (text.length > 2 * STDERR_TAIL_CHARS) text = text.slice(-STDERR_TAIL_CHARS);
  });
  return () => text.length > STDERR_TAIL_CHARS ? `...${text.slice(-STDERR_TAIL_CHARS)}` : text;
}
function drained(stream) {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      stream.off("error", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
    stream.on("error", done);
  });
}
var gnuTarChecked;
async function requireTools(compression) {
  const tools = ["tar"];
  if (compression === "xz" || compression === "bzip2" || compression === "zstd") tools.push(compression);
  for (const tool of tools) {
    if (!await onPath(tool)) throw new ToolMissingError(tool, TOOL_HINTS[tool] ?? "");
  }
  gnuTarChecked ??= execa("tar", ["--version"], { reject: false, env: { LC_ALL: "C" } }).then((r) => {
    if (r.exitCode !== 0 || !String(r.stdout).includes("GNU tar")) {
      gnuTarChecked = void 0;
      throw new ToolMissingError("GNU tar", `The 'tar' on PATH is not GNU tar. ${TOOL_HINTS.tar}`);
    }
  });
  await gnuTarChecked;
}
async function onPath(tool) {
  for (const dir of (process.env.PATH ?? "").split(path9.delimiter)) {
    if (!dir) continue;
    try {
      await access(path9.join(dir, tool), constants.X_OK);
      return true;
    } catch {
    }
  }
  return false;
}
async function prepareDestination(destPath, shown) {
  let st;
  try {
    st = await stat(destPath);
  } catch (error) {
    if (error.code !== "ENOENT") {
      throw new ArchiveError(`cannot use ${shown} as the destination: ${error.message}`);
    }
    await mkdir(destPath, { recursive: true });
    return true;
  }
  if (!st.isDirectory()) throw new ArchiveError(`the destination ${shown} exists and is not a directory.`);
  const present = await readdir(destPath);
  if (present.length > 0) {
    throw new ArchiveError(
      `the destination ${shown} is not empty (it has ${present.slice(0, 3).join(", ")}${present.length > 3 ? ", ..." : ""}); extract into a new or empty directory.`
    );
  }
  return false;
}
async function clearDestination(destPath, created) {
  if (created) {
    await forceRemove(destPath);
    return;
  }
  const present = await readdir(destPath).catch(() => []);
  for (const name of present) await forceRemove(path9.join(destPath, name));
}
async function forceRemove(target) {
  try {
    await rm(target, { recursive: true, force: true });
  } catch {
    await makeWritable(target);
    await rm(target, { recursive: true, force: true });
  }
}
async function makeWritable(target) {
  const st = await lstat(target).catch(() => void 0);
  if (!st?.isDirectory()) return;
  await chmod(target, 448).catch(() => {
  });
  const children = await readdir(target).catch(() => []);
  for (const child of children) await makeWritable(path9.join(target, child));
}

// src/pipeline/stages/extract.ts
function kernelVersionOf(tree) {
  let makefile;
  try {
    makefile = readFileSync6(path10.join(tree, "Makefile"), "utf8").slice(0, 4096);
  } catch {
    throw new ArchiveError(`${tree} has no Makefile: the tarball is not a Linux kernel source tree`);
  }
  const field = (name) => new RegExp(`^${name}\\s*=[ \\t]*(\\S*)[ \\t]*$`, "m").exec(makefile)?.[1];
  const [v, p, s] = [field("VERSION"), field("PATCHLEVEL"), field("SUBLEVEL")];
  if (!v || !p || s === void 0) {
    throw new ArchiveError(`${tree}/Makefile has no VERSION/PATCHLEVEL/SUBLEVEL: not a Linux kernel source tree`);
  }
  return `${v}.${p}${s ? `.${s}` : ""}${field("EXTRAVERSION") ?? ""}`;
}
function kernelTree(root) {
  const preferred = path10.join(root, "LICENSES", "preferred");
  return { tree: root, kernelVersion: kernelVersionOf(root), licenses: { gpl: path10.join(preferred, "GPL-2.0"), lgpl: path10.join(preferred, "LGPL-2.1") } };
}
var extractStage = {
  name: "extract",
  title: "unpack the kernel source safely",
  async run(input, ctx) {
    const dest = path10.join(ctx.workDir, "src");
    rmSync2(dest, { recursive: true, force: true });
    const started = performance.now();
    const extracted = await extractTarball(input.tarball, dest);
    ctx.log.info(
      `extracted ${extracted.entries} entries (${(extracted.bytes / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - started) / 1e3).toFixed(1)}s`
    );
    const tree = kernelTree(extracted.root);
    if (input.expectVersion && input.expectVersion !== tree.kernelVersion) {
      throw new ArchiveError(`${input.tarball} holds kernel ${tree.kernelVersion}, but kernel-version ${input.expectVersion} was asked for`);
    }
    return tree;
  },
  produces: (o) => [path10.join(o.tree, "Makefile")],
  summary: (o) => `linux ${o.kernelVersion}`
};

// src/cache/fingerprint.ts
import { readdirSync as readdirSync5, readFileSync as readFileSync7 } from "node:fs";
import path11 from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";

// src/cache/keys.ts
var BUNDLE_FORMAT = 3;
function sourceCacheKey(tarballSha256) {
  return `libkrunfw-source-${tarballSha256}`;
}
function compilerCacheKeys(k, now) {
  const exact = `libkrunfw-ccache-${k.arch}-${k.variant}-${k.kernelVersion}-${k.toolchainId}-`;
  const stamp = now.toISOString().replace(/[-:.]/g, "");
  return { primary: `${exact}${stamp}`, restore: [exact, `libkrunfw-ccache-${k.arch}-${k.variant}-`] };
}
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries2 = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries2.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
function outputCacheKey(f) {
  return `libkrunfw-output-${f.arch}-${f.variant}-${sha256(canonicalJson(f)).slice(0, 32)}`;
}

// src/cache/fingerprint.ts
function filesUnder(dir, ext) {
  const out = [];
  for (const e of readdirSync5(dir, { withFileTypes: true })) {
    const p = path11.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}
var identity;
function actionIdentity() {
  if (identity) return identity;
  const here = fileURLToPath2(import.meta.url);
  const bundled = here.split(path11.sep).includes("dist");
  const dir = path11.join(PROJECT_ROOT, bundled ? "dist" : "src");
  const digest = sha256(filesUnder(dir, bundled ? ".js" : ".ts").map((f) => `${path11.relative(dir, f)}\0${sha256(readFileSync7(f))}`).join("\n"));
  const { version } = JSON.parse(readFileSync7(path11.join(PROJECT_ROOT, "package.json"), "utf8"));
  identity = `${version}+${digest.slice(0, 16)}`;
  return identity;
}
var fileEntry = (file) => ({
  name: path11.basename(file),
  sha256: sha256(readFileSync7(file))
});
function outputFingerprint(request, toolchain, kernelSha256) {
  return {
    format: BUNDLE_FORMAT,
    action: actionIdentity(),
    arch: request.arch,
    variant: request.variant,
    kernelSha256,
    patches: request.patches.map(fileEntry),
    config: { mode: request.config.mode, files: request.config.files.map(fileEntry) },
    blobs: request.blobs ? Object.entries(request.blobs).map(([name, b]) => ({ name, sha256: fileEntry(b.file).sha256 })) : void 0,
    toolchain: toolchain.tools,
    abiVersion: request.abiVersion,
    version: request.version,
    reproducibility: request.reproducibility
  };
}

// src/cache/levels.ts
function reportOf(rt, level) {
  return rt.caches.find((r) => r.level === level);
}
var sourceCache = {
  name: "source",
  kind: "assists",
  off(s, rt) {
    if (s.build?.kernel.source.kind !== "url") return "a local tarball needs no cache";
    if (!s.build.cache.source) return "cache-source is false";
    if (!rt.store) return "no cache here";
    return void 0;
  },
  async restore(s, rt) {
    const { kernel } = s.build;
    const sha2562 = kernel.sha256;
    const url = kernel.source.kind === "url" ? kernel.source.url : "";
    const file = path12.join(rt.cacheDir("source"), `${sha2562}-${path12.basename(new URL(url).pathname) || "linux.tar"}`);
    const key = sourceCacheKey(sha2562);
    mkdirSync4(path12.dirname(file), { recursive: true });
    const shelf = rt.platform.tarballShelf;
    const kept = shelf?.find(sha2562, path12.basename(file));
    if (kept && existsSync7(kept)) {
      cpSync(kept, file);
      return { fills: { downloadTo: file }, hit: true, report: { level: "source", state: "hit", key, matchedKey: kept, bytes: sizeOf(file), detail: "from the runner's tool cache" } };
    }
    const matched = await rt.store.restore([file], key);
    const hit = matched !== void 0 && existsSync7(file);
    return { fills: { downloadTo: file }, hit, report: { level: "source", state: hit ? "hit" : "miss", key, matchedKey: matched, bytes: hit ? sizeOf(file) : void 0 } };
  },
  keep(s, rt) {
    if (reportOf(rt, "source")?.state !== "miss") return void 0;
    return { level: "source", key: sourceCacheKey(s.fetched.sha256), paths: [s.downloadTo], sha256: s.fetched.sha256 };
  }
};
var treeCache = {
  name: "tree",
  kind: "provides",
  off(s, rt) {
    if (!s.build?.cache.tree) return "cache-tree is false";
    if (rt.store?.kind !== "directory" || !rt.store.dir) return "kept only with a directory cache (the CLI, or cache-dir)";
    return void 0;
  },
  async restore(s, rt) {
    const sha2562 = s.fetched.sha256;
    const key = `tree of ${sha2562.slice(0, 16)}`;
    const taken = await new TreeCache(treeRoot(rt.store), rt.log).take(sha2562, s.request.arch, path12.join(rt.workDir, "src"), rt.cacheDir("tree"));
    if (!taken) return { fills: {}, hit: false, report: { level: "tree", state: "miss", key } };
    const detail = taken.cleanedArch ? `${taken.reversed} patch(es) reversed; built for ${taken.cleanedArch} before, cleaned with make mrproper (sources reused, everything recompiled)` : `${taken.reversed} patch(es) reversed; only what changed is recompiled`;
    return { fills: { extracted: kernelTree(taken.tree) }, hit: true, report: { level: "tree", state: taken.cleanedArch ? "partial" : "hit", key, detail } };
  },
  keep(s) {
    const root = s.extracted.tree;
    return {
      level: "tree",
      key: `tree of ${s.fetched.sha256.slice(0, 16)}`,
      paths: [root],
      // The patches on it now, which the next run reverses (none after a check, which takes its own off).
      tree: { tarballSha256: s.fetched.sha256, arch: s.request.arch, srcDir: path12.dirname(root), root: path12.basename(root), applied: s.patched?.series.map((p) => p.path) ?? [] }
    };
  }
};
async function ccacheInstalled(rt) {
  const found = (await run("ccache", ["--version"]).catch(() => void 0))?.exitCode === 0;
  if (!found) rt.log.warning("ccache is not installed: compiling without the compiler cache (apt-get install ccache)");
  return found;
}
var compilerCache = {
  name: "compiler",
  kind: "assists",
  async off(s, rt) {
    if (!s.build?.cache.compiler) return "cache-compiler is false";
    if (!rt.store) return "no cache here";
    if (!await ccacheInstalled(rt)) return "ccache is not installed";
    return void 0;
  },
  async restore(s, rt) {
    const { arch, variant } = s.request;
    const toolchain = await rt.toolchain(arch);
    const { primary, restore } = compilerCacheKeys({ arch, variant, kernelVersion: s.extracted.kernelVersion, toolchainId: toolchain.id }, /* @__PURE__ */ new Date());
    const dir = rt.cacheDir("compiler");
    mkdirSync4(dir, { recursive: true });
    const matched = await rt.store.restore([dir], primary, restore);
    return {
      fills: { ccache: { dir, maxSize: s.build.cache.ccacheMaxSize } },
      hit: matched !== void 0,
      report: { level: "compiler", state: matched ? matched === primary ? "hit" : "partial" : "miss", key: primary, matchedKey: matched, bytes: matched ? sizeOf(dir) : void 0 },
      // ccache's entries are content-addressed, so even a failed build's are sound: saved whatever happens.
      pending: { level: "compiler", key: primary, paths: [dir] }
    };
  },
  keep(s, rt) {
    const stats = s.compiled?.ccache;
    const report = reportOf(rt, "compiler");
    if (stats && report) {
      report.detail = `ccache: ${stats.hits} hits, ${stats.misses} misses`;
      rt.log.info(report.detail);
    }
    return void 0;
  }
};
async function outputKey(s, rt) {
  return outputCacheKey(outputFingerprint(s.build, await rt.toolchain(s.request.arch), s.fetched.sha256));
}
async function intactOutput(dir) {
  try {
    const meta = JSON.parse(readFileSync8(path12.join(dir, "meta.json"), "utf8"));
    if (meta.format !== 1) return void 0;
    for (const name of OUTPUT_EXTRAS) if (!existsSync7(path12.join(dir, "extras", name))) return void 0;
    const lib = path12.join(dir, "libkrunfw");
    if (await sha256File(path12.join(lib, meta.fileName)) !== meta.librarySha256) return void 0;
    if (await sha256File(path12.join(lib, "kernel.bin")) !== meta.payloadSha256) return void 0;
    for (const b of meta.blobs) if (await sha256File(path12.join(lib, `${b.name}.bin`)) !== b.sha256) return void 0;
    return meta;
  } catch {
    return void 0;
  }
}
var outputCache = {
  name: "output",
  kind: "provides",
  off(s, rt) {
    if (!s.build?.cache.output) return "cache-output is false";
    if (!rt.store) return "no cache here";
    return void 0;
  },
  async restore(s, rt) {
    const key = await outputKey(s, rt);
    const dir = rt.cacheDir("output");
    rmSync3(dir, { recursive: true, force: true });
    mkdirSync4(dir, { recursive: true });
    const matched = await rt.store.restore([dir], key);
    const meta = matched ? await intactOutput(dir) : void 0;
    if (matched && !meta) rt.log.warning(`output cache entry ${key} is incomplete or does not match its record; building instead`);
    if (!meta) {
      rmSync3(dir, { recursive: true, force: true });
      return { fills: {}, hit: false, report: { level: "output", state: "miss", key } };
    }
    const lib = path12.join(dir, "libkrunfw");
    const extra = (name) => path12.join(dir, "extras", name);
    const fills = {
      kernel: { version: meta.kernelVersion, finalConfig: extra("final.config"), licenses: { gpl: extra("GPL-2.0"), lgpl: extra("LGPL-2.1") } },
      bundled: {
        payloadFile: path12.join(lib, "kernel.bin"),
        loadAddr: BigInt(meta.loadAddr),
        entryAddr: BigInt(meta.entryAddr),
        size: meta.size,
        sha256: meta.payloadSha256,
        blobs: meta.blobs.map((b) => ({ ...b, payloadFile: path12.join(lib, `${b.name}.bin`) }))
      },
      linked: { library: path12.join(lib, meta.fileName), fileName: meta.fileName, soname: meta.soname, sourceDir: lib }
    };
    return { fills, hit: true, report: { level: "output", state: "hit", key, matchedKey: matched, bytes: sizeOf(dir), savedMs: meta.buildMs } };
  },
  async keep(s, rt, tookMs) {
    const dir = rt.cacheDir("output");
    const { kernel, bundled, linked } = s;
    const meta = {
      format: 1,
      kernelVersion: kernel.version,
      fileName: linked.fileName,
      soname: linked.soname,
      loadAddr: `0x${bundled.loadAddr.toString(16)}`,
      entryAddr: `0x${bundled.entryAddr.toString(16)}`,
      size: bundled.size,
      payloadSha256: bundled.sha256,
      librarySha256: await sha256File(linked.library),
      blobs: bundled.blobs.map((b) => ({ name: b.name, size: b.size, sha256: b.sha256, source: b.source })),
      buildMs: tookMs
    };
    rmSync3(dir, { recursive: true, force: true });
    mkdirSync4(path12.join(dir, "extras"), { recursive: true });
    cpSync(linked.sourceDir, path12.join(dir, "libkrunfw"), { recursive: true });
    const extras = { "final.config": kernel.finalConfig, "GPL-2.0": kernel.licenses.gpl, "LGPL-2.1": kernel.licenses.lgpl };
    for (const [name, file] of Object.entries(extras)) cpSync(file, path12.join(dir, "extras", name));
    writeFileSync2(path12.join(dir, "meta.json"), `${JSON.stringify(meta, null, 2)}
`);
    return { level: "output", key: await outputKey(s, rt), paths: [dir] };
  }
};

// src/pipeline/stages/boot.ts
import { spawn } from "node:child_process";
import { accessSync, constants as constants2, mkdirSync as mkdirSync5, readFileSync as readFileSync9, writeFileSync as writeFileSync3 } from "node:fs";
import path13 from "node:path";

// src/boot/pvh-elf.ts
var XEN_ELFNOTE_PHYS32_ENTRY = 18;
function findPvhNote(payload) {
  const name = Buffer.from("Xen\0");
  for (let at = payload.indexOf(name); at >= 0; at = payload.indexOf(name, at + 1)) {
    const off = at - 12;
    if (off < 0 || off % 4 !== 0) continue;
    const namesz = payload.readUInt32LE(off);
    const descsz = payload.readUInt32LE(off + 4);
    const type = payload.readUInt32LE(off + 8);
    if (namesz !== 4 || type !== XEN_ELFNOTE_PHYS32_ENTRY || descsz !== 4 && descsz !== 8) continue;
    const entry = payload.readUInt32LE(off + 16);
    return { offset: off, size: 16 + Math.ceil(descsz / 4) * 4, entry };
  }
  return void 0;
}
var EHDR = 64;
var PHDR = 56;
function pvhElf(payload, loadAddr, entryAddr, source2 = "the payload") {
  const note = findPvhNote(payload);
  if (!note) throw new ElfError(source2, "has no PVH entry note (Xen, type 18): QEMU cannot boot it, and neither can a PVH loader");
  const dataOff = 4096;
  const out = Buffer.alloc(dataOff + payload.length);
  out.write("\x7FELF", 0, "latin1");
  out[4] = 2;
  out[5] = 1;
  out[6] = 1;
  out.writeUInt16LE(2, 16);
  out.writeUInt16LE(62, 18);
  out.writeUInt32LE(1, 20);
  out.writeBigUInt64LE(entryAddr, 24);
  out.writeBigUInt64LE(BigInt(EHDR), 32);
  out.writeUInt16LE(EHDR, 52);
  out.writeUInt16LE(PHDR, 54);
  out.writeUInt16LE(2, 56);
  const ph = (i, type, flags, offset, addr, size, align) => {
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
  ph(0, 1, 7, dataOff, loadAddr, payload.length, 4096);
  ph(1, 4, 4, dataOff + note.offset, loadAddr + BigInt(note.offset), note.size, 4);
  payload.copy(out, dataOff);
  return out;
}

// src/pipeline/stages/boot.ts
var BOOT_MARKER = "LIBKRUNFW-ACTION-BOOT-OK";
var INIT_C = `/* PID 1 of the boot test: say so, then power off (or halt, without ACPI). */
#include <fcntl.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	static const char msg[] = "\\n${BOOT_MARKER}\\n";
	int fd = open("/dev/console", O_WRONLY);
	if (fd < 0)
		fd = 1;
	write(fd, msg, sizeof(msg) - 1);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
`;
async function makeRootfs(dir) {
  const root = path13.join(dir, "root");
  mkdirSync5(path13.join(root, "dev"), { recursive: true });
  writeFileSync3(path13.join(dir, "init.c"), INIT_C);
  await runChecked("gcc", ["-static", "-O2", "-o", path13.join(root, "init"), path13.join(dir, "init.c")]);
  const image = path13.join(dir, "rootfs.ext2");
  await runChecked("mke2fs", ["-q", "-F", "-t", "ext2", "-d", root, image, "8M"], { env: { E2FSPROGS_FAKE_TIME: "0" } });
  return image;
}
function kvmUsable() {
  try {
    accessSync("/dev/kvm", constants2.R_OK | constants2.W_OK);
    return true;
  } catch {
    return false;
  }
}
var KVM_TRY_MS = 2e4;
function hasAcpi(payload) {
  return payload.includes("ACPI: Core revision");
}
function bootKernel(o) {
  const args = [
    "-M",
    `microvm,x-option-roms=off,rtc=off,acpi=${o.acpi ? "on" : "off"}`,
    // Instruction counting makes TCG's clocks steady, so the kernel's PIT
    // calibration of the TSC succeeds even on a loaded host; without it the
    // boot hangs now and then.
    ...o.accel === "kvm" ? ["-accel", "kvm", "-cpu", "host"] : ["-accel", "tcg", "-icount", "shift=auto"],
    "-m",
    "512",
    "-smp",
    "1",
    "-nodefaults",
    "-no-user-config",
    "-nographic",
    "-no-reboot",
    "-serial",
    "stdio",
    "-kernel",
    o.elf,
    "-append",
    `console=ttyS0 root=/dev/vda rw init=/init panic=-1${o.acpi ? "" : " acpi=off"}`,
    "-drive",
    `id=root,file=${o.rootfs},format=raw,if=none`,
    "-device",
    "virtio-blk-device,drive=root"
  ];
  return new Promise((resolve, reject) => {
    const qemu = spawn(o.qemu ?? "qemu-system-x86_64", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let settled = false;
    const finish = (ok, why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      qemu.kill("SIGKILL");
      if (ok) resolve(out);
      else reject(new BootError(`${why}; the guest console ended with:
${out.split("\n").slice(-25).join("\n")}`, out));
    };
    const timer = setTimeout(() => finish(false, `the kernel did not reach init within ${o.timeoutMs / 1e3}s`), o.timeoutMs);
    const onData = (chunk) => {
      out += chunk.toString("utf8");
      if (out.includes(BOOT_MARKER)) finish(true, "");
      else if (o.accel === "kvm" && out.includes("KVM internal error")) finish(false, "KVM stopped the guest (KVM internal error)");
    };
    qemu.stdout.on("data", onData);
    qemu.stderr.on("data", onData);
    qemu.on("error", (e) => finish(false, `QEMU could not start: ${e.message}`));
    qemu.on("exit", (code) => finish(false, `QEMU exited (${code}) before init printed ${BOOT_MARKER}`));
  });
}
async function whyNotBoot(r) {
  if (r.bootTest === "off") return "boot-test is false";
  const emulator = archFacts(r.arch).bootEmulator;
  if (!emulator) return `there is no boot test for ${r.arch} yet; verify checked its bytes`;
  if (r.bootTest === "on") return void 0;
  const found = (await run(emulator, ["--version"]).catch(() => void 0))?.exitCode === 0;
  return found ? void 0 : `${emulator} is not installed (boot-test: auto)`;
}
var bootStage = {
  name: "boot",
  title: "boot the kernel from the library's own bytes under QEMU",
  async run(input, ctx) {
    const dir = path13.join(ctx.workDir, "boot");
    mkdirSync5(dir, { recursive: true });
    const elf = path13.join(dir, "kernel-from-library.elf");
    const payload = readFileSync9(input.payloadFile);
    writeFileSync3(elf, pvhElf(payload, input.loadAddr, input.entryAddr, input.payloadFile));
    const rootfs = await makeRootfs(dir);
    const acpi = hasAcpi(payload);
    ctx.log.info(`booting with microvm, ${acpi ? "ACPI on (the kernel has ACPI)" : "acpi=off, virtio-mmio devices on the command line"}`);
    const started = performance.now();
    const consoleLog = path13.join(dir, "console.log");
    let consoleText;
    let accel = "tcg";
    if (kvmUsable()) {
      try {
        consoleText = await bootKernel({ elf, rootfs, timeoutMs: KVM_TRY_MS, acpi, accel: "kvm" });
        accel = "kvm";
      } catch (e) {
        if (!(e instanceof BootError)) throw e;
        ctx.log.info(`the boot under KVM did not reach init (${e.message.split(";")[0]}); booting under TCG instead`);
      }
    }
    try {
      consoleText ??= await bootKernel({ elf, rootfs, timeoutMs: input.timeoutMs ?? 18e4, acpi, accel: "tcg" });
    } catch (e) {
      if (e instanceof BootError) writeFileSync3(consoleLog, e.console);
      throw e;
    }
    writeFileSync3(consoleLog, consoleText);
    const seconds = (performance.now() - started) / 1e3;
    ctx.log.info(`the guest ran /init and printed ${BOOT_MARKER} after ${seconds.toFixed(1)}s (${accel})`);
    return { elf, seconds, accel };
  },
  summary: (o) => `reached init in ${o.seconds.toFixed(1)}s (${o.accel})`
};

// src/pipeline/stages/compile.ts
import { rmSync as rmSync4 } from "node:fs";
import path16 from "node:path";

// src/pipeline/stages/configure.ts
import { copyFileSync, mkdirSync as mkdirSync6, readFileSync as readFileSync11, writeFileSync as writeFileSync4 } from "node:fs";
import path15 from "node:path";

// src/kconfig/expr.ts
var KconfigSyntaxError = class extends Error {
};
var WORD = /[A-Za-z0-9_-]/;
var OPERATORS = ["&&", "||", "!=", "<=", ">=", "=", "<", ">", "!", "(", ")"];
function macroEnd(text, start) {
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i + 1;
  }
  throw new KconfigSyntaxError(`unterminated macro in '${text.slice(start)}'`);
}
function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "	" || c === "\r") {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let value = "";
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === "\\" && j + 1 < text.length) j++;
        value += text[j];
      }
      if (j >= text.length) throw new KconfigSyntaxError(`unterminated string in '${text.slice(i)}'`);
      tokens.push({ type: "string", text: value, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (WORD.test(c) || c === "$" && text[i + 1] === "(") {
      let j = i;
      let macro = false;
      while (j < text.length) {
        if (WORD.test(text[j])) j++;
        else if (text[j] === "$" && text[j + 1] === "(") {
          j = macroEnd(text, j);
          macro = true;
        } else break;
      }
      tokens.push({ type: macro ? "macro" : "word", text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw new KconfigSyntaxError(`unexpected '${c}' in '${text}'`);
    tokens.push({ type: op, text: op, start: i, end: i + op.length });
    i += op.length;
  }
  return tokens;
}
function parseTokens(tokens, from = 0, to = tokens.length) {
  let pos = from;
  const peek = () => pos < to ? tokens[pos] : void 0;
  const where2 = () => peek() ? `'${peek().text}'` : "the end";
  const operand = () => {
    const t = peek();
    if (!t) throw new KconfigSyntaxError("expression ends where a symbol was expected");
    pos++;
    if (t.type === "word") return { kind: "symbol", name: t.text };
    if (t.type === "string") return { kind: "string", value: t.text };
    if (t.type === "macro") return { kind: "macro", text: t.text };
    throw new KconfigSyntaxError(`a symbol was expected, not '${t.text}'`);
  };
  const primary = () => {
    const t = peek();
    if (t?.type === "(") {
      pos++;
      const e2 = or();
      if (peek()?.type !== ")") throw new KconfigSyntaxError(`')' expected at ${where2()}`);
      pos++;
      return e2;
    }
    if (t?.type === "!") {
      pos++;
      return { kind: "not", operand: primary() };
    }
    const left = operand();
    const op = peek()?.type;
    if (op === "=" || op === "!=" || op === "<" || op === "<=" || op === ">" || op === ">=") {
      pos++;
      return { kind: "compare", op, left, right: operand() };
    }
    return left;
  };
  const and = () => {
    let e2 = primary();
    while (peek()?.type === "&&") {
      pos++;
      e2 = { kind: "and", left: e2, right: primary() };
    }
    return e2;
  };
  const or = () => {
    let e2 = and();
    while (peek()?.type === "||") {
      pos++;
      e2 = { kind: "or", left: e2, right: and() };
    }
    return e2;
  };
  const e = or();
  if (pos !== to) throw new KconfigSyntaxError(`unexpected ${where2()} after an expression`);
  return e;
}
var PRECEDENCE = { or: 1, and: 2 };
function exprText(e, parent = 0) {
  switch (e.kind) {
    case "symbol":
      return e.name;
    case "string":
      return JSON.stringify(e.value);
    case "macro":
      return e.text;
    case "not":
      return `!${exprText(e.operand, 3)}`;
    case "compare": {
      const text = `${exprText(e.left)} ${e.op} ${exprText(e.right)}`;
      return parent > 2 ? `(${text})` : text;
    }
    case "and":
    case "or": {
      const p = PRECEDENCE[e.kind];
      const text = `${exprText(e.left, p)} ${e.kind === "and" ? "&&" : "||"} ${exprText(e.right, p)}`;
      return parent > p ? `(${text})` : text;
    }
  }
}

// src/kconfig/model.ts
function enclosingBlocks(block) {
  const out = [];
  for (let b = block; b; b = b.parent) out.unshift(b);
  return out;
}
var where = (at) => `${at.file}:${at.line}`;

// src/kconfig/evaluate.ts
var TRI_TEXT = ["n", "m", "y"];
function triOf(value) {
  return value === "y" ? 2 : value === "m" ? 1 : 0;
}
var min = (a, b) => a === 0 || b === 0 ? 0 : a === void 0 || b === void 0 ? void 0 : Math.min(a, b);
var max = (a, b) => a === 2 || b === 2 ? 2 : a === void 0 || b === void 0 ? void 0 : Math.max(a, b);
function dependencyGates(def) {
  const gates = [];
  for (const block of enclosingBlocks(def.block)) {
    for (const cond of block.dependsOn) gates.push({ kind: block.kind, cond, block });
  }
  for (const cond of def.dependsOn) gates.push({ kind: "depends", cond });
  return gates;
}
function promptGates(def) {
  const gates = [];
  for (const block of enclosingBlocks(def.block)) {
    for (const cond of block.dependsOn) gates.push({ kind: block.kind, cond, block });
    for (const cond of block.visibleIf) gates.push({ kind: "visible-if", cond, block });
  }
  for (const cond of def.dependsOn) gates.push({ kind: "depends", cond });
  if (def.prompt?.cond) gates.push({ kind: "prompt-if", cond: def.prompt.cond });
  return gates;
}
var Evaluator = class {
  /**
   * @param values the .config's options by name (CONFIG_FOO), raw as written
   *   ("n" for `# CONFIG_FOO is not set`; strings still quoted).
   */
  constructor(kconfig, values) {
    this.kconfig = kconfig;
    this.values = values;
  }
  symbol(name) {
    const s = this.kconfig.symbols.get(name);
    return s && s.definitions.length > 0 ? s : void 0;
  }
  /** A defined symbol's value as the .config has it; kconfig leaves out n and what is invisible without a default. */
  value(name) {
    const raw = this.values.get(`CONFIG_${name}`);
    const type = this.symbol(name)?.type;
    if (raw === void 0) return type === "int" ? "0" : type === "hex" ? "0x0" : type === "string" ? "" : "n";
    if (type === "string" && raw.startsWith('"')) {
      try {
        return JSON.parse(raw);
      } catch {
        return raw.slice(1, -1);
      }
    }
    return raw;
  }
  /** Whether the .config has a line for the symbol at all. */
  written(name) {
    return this.values.has(`CONFIG_${name}`);
  }
  get modulesOn() {
    return this.kconfig.modules ? triOf(this.value(this.kconfig.modules)) : 0;
  }
  /** A word's tristate: y, m (only with MODULES on) and n are constants; undefined words are n, as in kconfig. */
  wordTri(name) {
    if (name === "y") return 2;
    if (name === "n") return 0;
    if (name === "m") return this.modulesOn === 0 ? 0 : 1;
    const s = this.symbol(name);
    if (!s || s.type !== "bool" && s.type !== "tristate") return 0;
    return triOf(this.value(name));
  }
  tri(e) {
    switch (e.kind) {
      case "symbol":
        return this.wordTri(e.name);
      case "string":
        return 0;
      case "macro":
        return void 0;
      case "not": {
        const v = this.tri(e.operand);
        return v === void 0 ? void 0 : 2 - v;
      }
      case "and":
        return min(this.tri(e.left), this.tri(e.right));
      case "or":
        return max(this.tri(e.left), this.tri(e.right));
      case "compare":
        return this.compare(e.op, e.left, e.right);
    }
  }
  /** An operand's string value and the type kconfig parses it by. */
  operand(o) {
    if (o.kind === "macro") return void 0;
    if (o.kind === "string") return { text: o.value };
    if (o.name === "y" || o.name === "m" || o.name === "n") return { text: o.name, type: "tristate" };
    const s = this.symbol(o.name);
    return s ? { text: this.value(o.name), type: s.type } : { text: o.name };
  }
  compare(op, l, r) {
    const a = this.operand(l);
    const b = this.operand(r);
    if (!a || !b) return void 0;
    const parse = (v) => {
      const t = v.text;
      if (v.type === "bool" || v.type === "tristate") {
        const n = ["n", "m", "y"].indexOf(t);
        return { kind: "number", value: BigInt(n) };
      }
      const re = v.type === "int" ? /^[+-]?\d+$/ : v.type === "hex" ? /^(0x)?[0-9a-f]+$/i : /^([+-]?\d+|0x[0-9a-f]+|0[0-7]*)$/i;
      if (!re.test(t)) return { kind: "string" };
      if (v.type === "hex" && !/^0x/i.test(t)) return { kind: "number", value: BigInt(`0x${t}`) };
      return { kind: "number", value: /^0[0-7]+$/.test(t) ? BigInt(`0o${t.slice(1)}`) : BigInt(t) };
    };
    let res;
    const both = a.type === "string" && b.type === "string";
    const pa = both ? { kind: "string" } : parse(a);
    const pb = both ? { kind: "string" } : parse(b);
    if (pa.kind === "string" || pb.kind === "string") res = a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
    else res = pa.value < pb.value ? -1 : pa.value > pb.value ? 1 : 0;
    const truth = { "=": res === 0, "!=": res !== 0, "<": res < 0, "<=": res <= 0, ">": res > 0, ">=": res >= 0 };
    return truth[op] ? 2 : 0;
  }
  /** The conjunction of gates, undefined when one cannot be evaluated and none is n. */
  all(gates) {
    let v = 2;
    for (const g of gates) v = min(v, this.tri(g.cond.expr));
    return v;
  }
  /** How visible a symbol's prompts are (the highest value a user can give it). */
  visibility(name) {
    const s = this.symbol(name);
    if (!s) return 0;
    let v = 0;
    for (const def of s.definitions) if (def.prompt) v = max(v, this.all(promptGates(def)));
    if (v === 1 && (s.type !== "tristate" || this.modulesOn === 0)) v = 2;
    return v;
  }
  /** What `select`s force on the symbol: the highest of SELECTOR && COND (its dependencies included). */
  selected(name) {
    const s = this.symbol(name) ?? this.kconfig.symbols.get(name);
    let value = 0;
    const by = [];
    for (const r of s?.selectedBy ?? []) {
      const gates = [...dependencyGates(r.definition), ...r.cond ? [{ kind: "select-if", cond: r.cond }] : []];
      const v = min(this.wordTri(r.by), this.all(gates));
      by.push({ by: r.by, value: v, at: r.at, gates });
      value = max(value, v);
    }
    return { value, by };
  }
};

// src/kconfig/reader.ts
import { readFileSync as readFileSync10 } from "node:fs";
import path14 from "node:path";
var TYPES = /* @__PURE__ */ new Set(["bool", "tristate", "string", "int", "hex"]);
function commentStart(text) {
  let quote = "";
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "$" && text[i + 1] === "(") {
      depth++;
      i++;
    } else if (c === "(" && depth > 0) depth++;
    else if (c === ")" && depth > 0) depth--;
    else if (c === "#" && depth === 0) return i;
  }
  return -1;
}
function indentOf(text) {
  let w = 0;
  for (const c of text) {
    if (c === " ") w++;
    else if (c === "	") w = (w & ~7) + 8;
    else break;
  }
  return w;
}
function logicalLines2(text) {
  const raw = text.split("\n");
  const out = [];
  for (let i = 0; i < raw.length; i++) {
    const first = i;
    let line = raw[i].replace(/\r$/, "");
    while (line.endsWith("\\") && i + 1 < raw.length) line = line.slice(0, -1) + raw[++i].replace(/\r$/, "");
    const cut = commentStart(line);
    const code = (cut >= 0 ? line.slice(0, cut) : line).trimEnd();
    if (/^\s*(help|---help---)\s*$/.test(code)) {
      let level = -1;
      while (i + 1 < raw.length) {
        const next = raw[i + 1].replace(/\r$/, "");
        if (next.trim() === "") {
          i++;
          continue;
        }
        const indent = indentOf(next);
        if (level < 0) {
          if (indent === 0) break;
          level = indent;
        } else if (indent < level) break;
        i++;
      }
      continue;
    }
    if (code.trim() !== "") out.push({ text: code, line: first + 1 });
  }
  return out;
}
var Reader = class {
  constructor(tree, options) {
    this.tree = tree;
    this.variables.set("SRCARCH", options.srcArch);
    this.variables.set("ARCH", options.arch);
    this.variables.set("srctree", tree);
  }
  symbols = /* @__PURE__ */ new Map();
  choices = [];
  files = [];
  problems = [];
  modules;
  variables = /* @__PURE__ */ new Map();
  reading = [];
  blocks = [];
  /** The entry that the property lines belong to. */
  current = { kind: "other" };
  symbol(name) {
    let s = this.symbols.get(name);
    if (!s) this.symbols.set(name, s = { name, definitions: [], selectedBy: [], impliedBy: [] });
    return s;
  }
  problem(at, message) {
    this.problems.push({ at, message });
  }
  /** `$(NAME)` replaced by plain variables; undefined when a macro needs more than that. */
  expand(text) {
    let unresolved = false;
    const out = text.replace(/\$\(([A-Za-z0-9_-]+)\)/g, (_, name) => {
      const v = this.variables.get(name);
      if (v === void 0 || v.includes("$(")) unresolved = true;
      return v ?? "";
    });
    return unresolved || out.includes("$(") ? void 0 : out;
  }
  readFile(file, from) {
    if (this.reading.includes(file)) {
      this.problem(from ?? { file, line: 0 }, `${file} sources itself again; not read twice`);
      return;
    }
    let text;
    try {
      text = readFileSync10(path14.join(this.tree, file), "utf8");
    } catch (e) {
      this.problem(from ?? { file, line: 0 }, `cannot read ${file}: ${e.code ?? e.message}`);
      return;
    }
    this.files.push(file);
    this.reading.push(file);
    for (const l of logicalLines2(text)) {
      const at = { file, line: l.line };
      try {
        this.statement(l.text, at);
      } catch (e) {
        if (!(e instanceof KconfigSyntaxError)) throw e;
        this.problem(at, e.message);
      }
    }
    this.reading.pop();
  }
  condition(tokens, from, to, text, at) {
    return { expr: this.expr(tokens, from, to, text, at), text: text.slice(tokens[from].start, tokens[to - 1].end), at };
  }
  /** Parses tokens[from, to); what cannot be parsed becomes a macro, which no one evaluates. */
  expr(tokens, from, to, text, at) {
    if (from >= to) throw new KconfigSyntaxError("an expression was expected");
    try {
      return parseTokens(tokens, from, to);
    } catch (e) {
      if (!(e instanceof KconfigSyntaxError)) throw e;
      this.problem(at, e.message);
      return { kind: "macro", text: text.slice(tokens[from].start, tokens[to - 1].end) };
    }
  }
  /** Splits `VALUE if COND` at its top-level `if`. */
  splitIf(tokens, from, text, at) {
    let depth = 0;
    for (let i = from; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.type === "(") depth++;
      else if (t.type === ")") depth--;
      else if (depth === 0 && t.type === "word" && t.text === "if") {
        return { end: i, cond: this.condition(tokens, i + 1, tokens.length, text, at) };
      }
    }
    return { end: tokens.length };
  }
  prompt(tokens, from, text, at) {
    const t = tokens[from];
    if (!t || t.type !== "string") throw new KconfigSyntaxError("a quoted prompt was expected");
    const { cond } = this.splitIf(tokens, from + 1, text, at);
    return { text: t.text, cond, at };
  }
  innermostBlock() {
    return this.blocks[this.blocks.length - 1];
  }
  pop(kind, at) {
    const top = this.innermostBlock();
    if (top?.kind !== kind) {
      this.problem(at, `end${kind} without a matching ${kind}${top ? ` (the open block is the ${top.kind} at ${top.at.file}:${top.at.line})` : ""}`);
      const i = this.blocks.map((b) => b.kind).lastIndexOf(kind);
      if (i >= 0) this.blocks.length = i;
    } else {
      this.blocks.pop();
    }
    this.current = { kind: "other" };
  }
  statement(text, at) {
    const assign = /^\s*([A-Za-z0-9_-]+)\s*(:=|\+=|=)\s*(.*)$/.exec(text);
    if (assign && !TYPES.has(assign[1])) {
      const [, name, op, value] = assign;
      this.variables.set(name, op === "+=" ? `${this.variables.get(name) ?? ""} ${value}` : value);
      return;
    }
    if (/^\s*\$\(/.test(text)) return;
    const tokens = tokenize(text);
    const head = tokens[0];
    const keyword = head.type === "word" ? head.text : "";
    const word = (i) => tokens[i]?.type === "word" ? tokens[i].text : void 0;
    switch (keyword) {
      case "config":
      case "menuconfig": {
        const name = word(1);
        if (!name || tokens.length !== 2) throw new KconfigSyntaxError(`${keyword} needs one symbol name`);
        const def = { symbol: name, at, dependsOn: [], defaults: [], selects: [], implies: [], ranges: [], block: this.innermostBlock() };
        const sym = this.symbol(name);
        sym.definitions.push(def);
        const choice = [...this.blocks].reverse().find((b) => b.kind !== "if");
        if (choice?.kind === "choice") {
          choice.choice.members.push(name);
          sym.choice = choice.choice;
        }
        this.current = { kind: "config", def };
        return;
      }
      case "choice": {
        const block = { kind: "choice", at, dependsOn: [], visibleIf: [], parent: this.innermostBlock() };
        const choice = { at, block, members: [], defaults: [] };
        block.choice = choice;
        this.choices.push(choice);
        this.blocks.push(block);
        this.current = { kind: "choice", choice };
        return;
      }
      case "endchoice":
        return this.pop("choice", at);
      case "menu": {
        const title = tokens[1]?.type === "string" ? tokens[1].text : void 0;
        const block = { kind: "menu", at, title, dependsOn: [], visibleIf: [], parent: this.innermostBlock() };
        this.blocks.push(block);
        this.current = { kind: "menu", block };
        return;
      }
      case "endmenu":
        return this.pop("menu", at);
      case "if": {
        const block = { kind: "if", at, dependsOn: [this.condition(tokens, 1, tokens.length, text, at)], visibleIf: [], parent: this.innermostBlock() };
        this.blocks.push(block);
        this.current = { kind: "other" };
        return;
      }
      case "endif":
        return this.pop("if", at);
      case "source": {
        const t = tokens[1];
        if (!t || t.type !== "string") throw new KconfigSyntaxError("source needs a quoted path");
        const file = this.expand(t.text);
        if (file === void 0) return this.problem(at, `cannot expand the path in source "${t.text}"`);
        this.current = { kind: "other" };
        return this.readFile(path14.normalize(path14.isAbsolute(file) ? path14.relative(this.tree, file) : file), at);
      }
      case "comment":
      case "mainmenu":
        this.current = { kind: "other" };
        return;
      default:
        return this.property(keyword, tokens, text, at);
    }
  }
  /** A line inside an entry: type, prompt, default, depends on, select... */
  property(keyword, tokens, text, at) {
    const cur = this.current;
    const def = cur.kind === "config" ? cur.def : void 0;
    const choice = cur.kind === "choice" ? cur.choice : void 0;
    const setType = (type) => {
      if (def) {
        def.type ??= type;
        const sym = this.symbol(def.symbol);
        sym.type ??= type;
      } else if (choice) choice.type ??= type;
    };
    if (keyword === "depends" && tokens[1]?.text === "on") {
      const cond = this.condition(tokens, 2, tokens.length, text, at);
      if (def) def.dependsOn.push(cond);
      else if (choice) choice.block.dependsOn.push(cond);
      else if (cur.kind === "menu") cur.block.dependsOn.push(cond);
      return;
    }
    if (keyword === "visible" && tokens[1]?.text === "if") {
      if (cur.kind === "menu") cur.block.visibleIf.push(this.condition(tokens, 2, tokens.length, text, at));
      else this.problem(at, "'visible if' outside a menu");
      return;
    }
    if (!def && !choice) {
      if (cur.kind === "other" && keyword !== "") this.problem(at, `'${keyword}' outside an entry`);
      return;
    }
    if (TYPES.has(keyword)) {
      setType(keyword);
      if (tokens.length > 1) this.setPrompt(this.prompt(tokens, 1, text, at), at);
      return;
    }
    switch (keyword) {
      case "def_bool":
      case "def_tristate": {
        setType(keyword === "def_bool" ? "bool" : "tristate");
        this.addDefault(tokens, text, at);
        return;
      }
      case "prompt":
        return this.setPrompt(this.prompt(tokens, 1, text, at), at);
      case "default":
        return this.addDefault(tokens, text, at);
      case "select":
      case "imply": {
        const target = tokens[1]?.type === "word" ? tokens[1].text : void 0;
        if (!def || !target) throw new KconfigSyntaxError(`${keyword} needs a symbol inside a config entry`);
        const { cond } = this.splitIf(tokens, 2, text, at);
        const list = keyword === "select" ? def.selects : def.implies;
        list.push({ symbol: target, cond, at });
        const rev = { by: def.symbol, cond, at, definition: def };
        (keyword === "select" ? this.symbol(target).selectedBy : this.symbol(target).impliedBy).push(rev);
        return;
      }
      case "range": {
        if (!def) throw new KconfigSyntaxError("range outside a config entry");
        const { end, cond } = this.splitIf(tokens, 1, text, at);
        if (end !== 3) throw new KconfigSyntaxError("range needs two values");
        def.ranges.push({
          min: this.expr(tokens, 1, 2, text, at),
          max: this.expr(tokens, 2, 3, text, at),
          text: text.slice(tokens[1].start, tokens[2].end),
          cond,
          at
        });
        return;
      }
      case "modules":
        if (def) this.modules = def.symbol;
        return;
      case "optional":
      case "transitional":
      case "option":
        return;
      default:
        this.problem(at, `unknown line '${text.trim()}'`);
    }
  }
  setPrompt(prompt, at) {
    const cur = this.current;
    if (cur.kind === "config") {
      if (cur.def.prompt) this.problem(at, `${cur.def.symbol} has a second prompt; the first is kept`);
      else cur.def.prompt = prompt;
    } else if (cur.kind === "choice") cur.choice.prompt ??= prompt;
  }
  addDefault(tokens, text, at) {
    const { end, cond } = this.splitIf(tokens, 1, text, at);
    const cur = this.current;
    if (cur.kind === "choice") {
      const target = tokens[1]?.type === "word" ? tokens[1].text : void 0;
      if (!target || end !== 2) throw new KconfigSyntaxError("a choice's default is one of its symbols");
      cur.choice.defaults.push({ symbol: target, cond, at });
      return;
    }
    if (cur.kind !== "config") return;
    cur.def.defaults.push({ value: this.expr(tokens, 1, end, text, at), valueText: text.slice(tokens[1].start, tokens[end - 1].end), cond, at });
  }
};
function readKconfig(tree, options) {
  const reader = new Reader(tree, options);
  reader.readFile("Kconfig");
  if (reader.files.length === 0) throw new ConfigError(`${tree}/Kconfig cannot be read: not a kernel source tree`);
  return {
    tree,
    srcArch: options.srcArch,
    symbols: reader.symbols,
    choices: reader.choices,
    files: reader.files,
    modules: reader.modules,
    problems: reader.problems
  };
}

// src/kconfig/values.ts
function sameValue(requested, actual) {
  if (requested === actual) return true;
  const num = (v) => /^(0x[0-9a-f]+|-?\d+)$/i.test(v) ? BigInt(v) : void 0;
  const a = num(requested);
  const b = num(actual);
  return a !== void 0 && a === b;
}
function placeText(from) {
  return from ? `${from.file}${from.line ? `:${from.line}` : ""}` : "the config";
}

// src/kconfig/why-not.ts
var MAX_LISTED = 3;
var Explainer = class {
  constructor(ev, requested, maxDepth) {
    this.ev = ev;
    this.requested = requested;
    this.maxDepth = maxDepth;
  }
  visiting = /* @__PURE__ */ new Set();
  explain(name, asked, got, depth) {
    const option = `CONFIG_${name}`;
    const causes = this.causes(name, asked, got, depth);
    return { option, asked, got, causes, text: causes[0]?.text ?? "" };
  }
  causes(name, asked, got, depth) {
    const sym = this.ev.symbol(name);
    if (!sym) return [{ kind: "missing", responsible: [], text: "this kernel has no such option" }];
    if (sameValue(asked, got)) return [];
    this.visiting.add(name);
    try {
      if (sym.type === "bool" || sym.type === "tristate") {
        const a = triOf(asked);
        const g = triOf(got);
        if (asked === "m" && sym.type === "bool") return [{ kind: "bool", responsible: [], text: `a bool option is y or n, never m` }];
        if (a > g) return this.tooLow(sym, a, depth);
        if (a < g) return this.tooHigh(sym, a, g, depth);
        return [];
      }
      return this.otherValue(sym, asked, depth);
    } finally {
      this.visiting.delete(name);
    }
  }
  /** Asked y or m, got less. */
  tooLow(sym, asked, depth) {
    const prompted = sym.definitions.filter((d) => d.prompt);
    const modules = this.ev.kconfig.modules;
    const modulesOff = !modules || triOf(this.ev.value(modules)) === 0;
    const need = sym.type === "tristate" && !modulesOff ? asked : 1;
    if (prompted.length > 0) {
      const vis = this.ev.visibility(sym.name);
      if (vis === void 0 || vis < asked) {
        const causes = [];
        for (const def of prompted) causes.push(...this.gateCauses(promptGates(def), need, depth));
        return dedupe(causes);
      }
      if (sym.choice) return [this.chosen(sym, depth)];
      return [{ kind: "unknown", responsible: [], text: "its prompt is visible, yet kconfig did not take the value; this check cannot tell why" }];
    }
    const gated = sym.definitions.map((d) => this.gateCauses(dependencyGates(d), need, depth));
    if (gated.every((g) => g.length > 0)) return dedupe(gated.flat());
    return [this.noPrompt(sym, need, depth)];
  }
  /** Asked n or m, got more. */
  tooHigh(sym, asked, got, depth) {
    const modules = this.ev.kconfig.modules;
    if (asked === 1 && got === 2 && modules && triOf(this.ev.value(modules)) === 0) {
      const r = this.responsible(modules, depth);
      return [{ kind: "no-modules", responsible: [r], text: `${r.option} is n (${originText(r.origin)}): a tristate is then y or n` }];
    }
    const sel = this.ev.selected(sym.name);
    if (sel.value !== void 0 && sel.value > asked) {
      const by = sel.by.filter((b) => b.value !== void 0 && b.value > asked);
      const responsible = by.slice(0, MAX_LISTED).map((b) => this.responsible(b.by, depth));
      const list = responsible.map((r, i) => `CONFIG_${by[i].by} (${where(by[i].at)}), which is ${r.value} (${originText(r.origin)})`);
      const more = by.length > MAX_LISTED ? ` and ${by.length - MAX_LISTED} more` : "";
      return [{ kind: "selected", at: by[0].at, responsible, text: `selected by ${list.join(", ")}${more}` }];
    }
    if (sym.choice && got === 2) return [this.chosen(sym, depth)];
    const prompted = sym.definitions.filter((d) => d.prompt);
    const vis = this.ev.visibility(sym.name);
    if (vis === void 0 || vis === 0 || prompted.length === 0) {
      const applied = this.appliedDefault(sym);
      const hidden = prompted.length > 0 ? this.gateCauses(prompted.flatMap((d) => promptGates(d)), 1, depth)[0] : void 0;
      const why = hidden ? `its prompt is hidden: ${hidden.text}` : "it has no prompt";
      const dflt = applied ? `, so its default ${applied.valueText} (${where(applied.at)}) applies` : ", so its default applies";
      return [{ kind: "default", at: applied?.at, responsible: hidden?.responsible ?? [], text: `${why}${dflt}` }];
    }
    return [{ kind: "unknown", responsible: [], text: "nothing selects it and its prompt is visible; this check cannot tell why" }];
  }
  /** int, hex, string: asked one value, got another. */
  otherValue(sym, asked, depth) {
    const prompted = sym.definitions.filter((d) => d.prompt);
    const vis = this.ev.visibility(sym.name);
    if (prompted.length === 0) return [{ kind: "default", responsible: [], text: "it has no prompt: only its default sets it" }];
    if (vis === void 0 || vis === 0) {
      const causes = dedupe(prompted.flatMap((d) => this.gateCauses(promptGates(d), 1, depth)));
      const applied = this.appliedDefault(sym);
      if (causes[0] && applied) causes[0] = { ...causes[0], text: `${causes[0].text}, so its default ${applied.valueText} (${where(applied.at)}) applies` };
      return causes;
    }
    for (const def of sym.definitions) {
      for (const r of def.ranges) {
        if (r.cond && this.ev.tri(r.cond.expr) === 0) continue;
        if (this.ev.all(dependencyGates(def)) === 0) continue;
        const lo = this.operandValue(r.min);
        const hi = this.operandValue(r.max);
        const v = toNumber(asked, sym.type);
        if (lo === void 0 || hi === void 0 || v === void 0) break;
        const [l, h] = [toNumber(lo, sym.type), toNumber(hi, sym.type)];
        if (l !== void 0 && h !== void 0 && (v < l || v > h)) {
          return [{ kind: "range", at: r.at, condition: r.text, responsible: [], text: `${asked} is outside its range ${lo}..${hi} (${where(r.at)})` }];
        }
        break;
      }
    }
    if (toNumber(asked, sym.type) === void 0 && (sym.type === "int" || sym.type === "hex")) {
      return [{ kind: "unknown", responsible: [], text: `'${asked}' is not a valid ${sym.type} value` }];
    }
    return [{ kind: "unknown", responsible: [], text: "its prompt is visible, yet kconfig did not take the value; this check cannot tell why" }];
  }
  operandValue(e) {
    if (e.kind === "symbol") return this.ev.symbol(e.name) ? this.ev.value(e.name) : e.name;
    if (e.kind === "string") return e.value;
    return void 0;
  }
  /** The gates whose value is below `need`, each with the symbols that hold it there. */
  gateCauses(gates, need, depth) {
    const causes = [];
    for (const gate of gates) {
      const v = this.ev.tri(gate.cond.expr);
      if (v !== void 0 && v >= need) continue;
      const culprits = v === void 0 ? macrosOf(gate.cond.expr) : this.culprits(gate.cond.expr, true, need);
      const responsible = culprits.filter((o) => o.kind === "symbol" && !["y", "m", "n"].includes(o.name)).slice(0, MAX_LISTED).map((o) => this.responsible(o.name, depth));
      const value = v === void 0 ? "unknown" : TRI_TEXT[v];
      let because;
      if (v === void 0) because = `which only the compiler can evaluate (${culprits.map((c) => exprText(c)).join(", ")}): this check cannot tell`;
      else if (responsible.length === 0) because = `which is ${value}`;
      else because = responsible.map((r) => `${r.option} is ${r.value} (${originText(r.origin)})`).join(" and ");
      const limit = v === 1 ? ": at most m" : "";
      causes.push({
        kind: gate.kind,
        at: gate.cond.at,
        condition: gate.cond.text,
        value,
        responsible,
        text: `${gateText(gate)}, and ${because}${limit}`
      });
    }
    return causes;
  }
  /**
   * The operands that hold `e` below `need` (low) or at or above it (high):
   * for `A && B` too low, those that are too low; for `A || B`, all of them.
   */
  culprits(e, low, need) {
    const v = this.ev.tri(e);
    switch (e.kind) {
      case "symbol":
      case "string":
      case "macro":
        return [e];
      case "compare":
        return [e.left, e.right];
      case "not":
        return this.culprits(e.operand, !low, 3 - need);
      case "and":
      case "or": {
        const kids = [e.left, e.right];
        const bad = (x) => {
          const t = this.ev.tri(x);
          return t === void 0 || (low ? t < need : t >= need);
        };
        const pick = (low ? e.kind === "and" : e.kind === "or") ? kids.filter(bad) : kids;
        if (v === void 0) return kids.flatMap((k) => macrosOf(k));
        return dedupeOperands(pick.flatMap((k) => this.culprits(k, low, need)));
      }
    }
  }
  /** How a symbol named in a condition came to its value. */
  responsible(name, depth) {
    const option = `CONFIG_${name}`;
    const sym = this.ev.symbol(name);
    if (!sym) return { option, value: "n", origin: { kind: "missing" } };
    const value = this.ev.value(name);
    const req = this.requested.get(option);
    const deeper = depth + 1 < this.maxDepth && !this.visiting.has(name);
    if (req) {
      if (sameValue(req.value, value)) return { option, value, origin: { kind: "asked", from: req.from } };
      const why = deeper ? this.explain(name, req.value, value, depth + 1) : void 0;
      return { option, value, origin: why ? { kind: "lost", from: req.from, asked: req.value, why } : { kind: "asked", from: req.from } };
    }
    if (sym.type !== "bool" && sym.type !== "tristate") return { option, value, origin: { kind: "default" } };
    const tri = triOf(value);
    if (tri > 0) {
      const sel = this.ev.selected(name);
      const by = sel.by.find((b) => b.value !== void 0 && b.value >= tri);
      if (by) return { option, value, origin: { kind: "selected", by: `CONFIG_${by.by}`, at: by.at } };
      return { option, value, origin: { kind: "default", at: this.appliedDefault(sym)?.at } };
    }
    if (!sym.definitions.some((d) => d.prompt) && deeper) {
      return { option, value, origin: { kind: "not-asked", why: this.explain(name, "y", value, depth + 1) } };
    }
    return { option, value, origin: { kind: "not-asked" } };
  }
  /** A choice member not taken: which member was, and why. */
  chosen(sym, depth) {
    const choice = sym.choice;
    const title = choice.prompt ? `choice '${choice.prompt.text}'` : "a choice";
    const taken = choice.members.find((m) => m !== sym.name && this.ev.value(m) === "y");
    if (!taken) return { kind: "chosen", at: choice.at, responsible: [], text: `it is a member of ${title} (${where(choice.at)}), and no member is set` };
    const r = this.responsible(taken, depth);
    const both = r.origin.kind === "asked" && this.requested.has(`CONFIG_${sym.name}`) ? ": a choice keeps one member, the last one asked for" : "";
    return {
      kind: "chosen",
      at: choice.at,
      responsible: [r],
      text: `${title} (${where(choice.at)}) has ${r.option} instead (${originText(r.origin)})${both}`
    };
  }
  /** Neither prompt nor dependency held it back: no select is on, no default applies. */
  noPrompt(sym, need, depth) {
    const sel = this.ev.selected(sym.name).by;
    const blocked = sel.filter((b) => this.ev.value(b.by) !== "n" && b.value !== void 0 && b.value < need);
    const listed = [];
    const responsible = [];
    for (const b of blocked.slice(0, MAX_LISTED)) {
      const c = this.gateCauses(b.gates, need, depth)[0];
      if (!c) continue;
      responsible.push(...c.responsible);
      listed.push(`CONFIG_${b.by} is ${this.ev.value(b.by)} but ${c.text}`);
    }
    const asked = sel.filter((b) => !blocked.includes(b) && this.requested.has(`CONFIG_${b.by}`));
    const askedResp = asked.slice(0, MAX_LISTED).map((b) => this.responsible(b.by, depth));
    responsible.push(...askedResp);
    listed.push(...askedResp.map((r) => `${r.option} is ${r.value} (${originText(r.origin)})`));
    const others = sel.filter((b) => !blocked.includes(b) && !asked.includes(b)).map((b) => `CONFIG_${b.by}`);
    if (others.length > MAX_LISTED) listed.push(`${others.length} others, none asked for`);
    else if (others.length > 0) listed.push(`${others.join(", ")} ${others.length === 1 ? "is" : "are"} not asked for`);
    const selects = sel.length === 0 ? "nothing selects it" : `nothing that selects it is ${need === 2 ? "y" : "on"}: ${listed.join(", ")}`;
    const def = sym.definitions.flatMap((d) => d.defaults)[0];
    const dflt = def ? `; its default ${def.valueText}${def.cond ? ` if ${def.cond.text}` : ""} (${where(def.at)}) gives ${this.ev.value(sym.name)}` : "";
    return { kind: "no-prompt", at: sym.definitions[0].at, responsible, text: `it has no prompt, so only a select or its default sets it, and ${selects}${dflt}` };
  }
  /** The default kconfig took: the first whose condition and entry dependencies hold. */
  appliedDefault(sym) {
    for (const def of sym.definitions) {
      if (this.ev.all(dependencyGates(def)) === 0) continue;
      for (const d of def.defaults) if (!d.cond || this.ev.tri(d.cond.expr) !== 0) return d;
    }
    return void 0;
  }
};
function gateText(gate) {
  const at = where(gate.cond.at);
  const name = gate.block?.title ?? gate.block?.choice?.prompt?.text;
  const title = name ? ` '${name}'` : "";
  switch (gate.kind) {
    case "if":
      return `inside 'if ${gate.cond.text}' (${at})`;
    case "menu":
      return `inside menu${title}, which depends on ${gate.cond.text} (${at})`;
    case "choice":
      return `inside choice${title}, which depends on ${gate.cond.text} (${at})`;
    case "visible-if":
      return `inside menu${title}, visible only if ${gate.cond.text} (${at})`;
    case "depends":
      return `depends on ${gate.cond.text} (${at})`;
    case "prompt-if":
      return `its prompt shows only if ${gate.cond.text} (${at})`;
    case "select-if":
      return `selects it only if ${gate.cond.text} (${at})`;
  }
}
function originText(o) {
  switch (o.kind) {
    case "asked":
      return `set by ${placeText(o.from)}`;
    case "lost":
      return `asked ${o.asked} at ${placeText(o.from)}, lost too: ${o.why.text}`;
    case "selected":
      return `selected by ${o.by} (${where(o.at)})`;
    case "default":
      return o.at ? `its default, ${where(o.at)}` : "its default";
    case "not-asked":
      return o.why && o.why.causes.length > 0 ? `not asked for, and cannot be on: ${o.why.text}` : "not asked for";
    case "missing":
      return "no such option in this kernel";
  }
}
function macrosOf(e) {
  switch (e.kind) {
    case "macro":
      return [e];
    case "not":
      return macrosOf(e.operand);
    case "and":
    case "or":
      return [...macrosOf(e.left), ...macrosOf(e.right)];
    case "compare":
      return [e.left, e.right].filter((o) => o.kind === "macro");
    default:
      return [];
  }
}
function dedupeOperands(ops) {
  const seen = /* @__PURE__ */ new Set();
  return ops.filter((o) => {
    const k = exprText(o);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
function dedupe(causes) {
  const seen = /* @__PURE__ */ new Set();
  return causes.filter((c) => {
    const k = c.at ? `${where(c.at)} ${c.kind}` : c.text;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
function toNumber(v, type) {
  if (type === "hex") return /^(0x)?[0-9a-f]+$/i.test(v) ? BigInt(/^0x/i.test(v) ? v : `0x${v}`) : void 0;
  return /^[+-]?\d+$/.test(v) ? BigInt(v) : void 0;
}
function whyNot(ev, name, asked, got, options = {}) {
  return new Explainer(ev, options.requested ?? /* @__PURE__ */ new Map(), options.depth ?? 4).explain(name.replace(/^CONFIG_/, ""), asked, got, 0);
}

// src/pipeline/stages/configure.ts
function archArgs(arch, crossCompile = "") {
  return [`ARCH=${archFacts(arch).kernelArch}`, ...crossCompile ? [`CROSS_COMPILE=${crossCompile}`] : []];
}
var SET = /^(CONFIG_[A-Za-z0-9_]+)=(.*)$/;
var UNSET = /^# (CONFIG_[A-Za-z0-9_]+) is not set$/;
function parseConfig2(text) {
  const out = /* @__PURE__ */ new Map();
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    let m = SET.exec(line);
    if (m) return void out.set(m[1], { value: m[2], line: i + 1 });
    m = UNSET.exec(line);
    if (m) out.set(m[1], { value: "n", line: i + 1 });
  });
  return out;
}
function requestedOptions(files, onOverride) {
  const requested = /* @__PURE__ */ new Map();
  for (const file of files) {
    for (const [option, { value, line }] of parseConfig2(readFileSync11(file, "utf8"))) {
      const prev = requested.get(option);
      const from = { file, line };
      if (prev && prev.value !== value) onOverride?.(option, prev.from, from);
      requested.set(option, { value, from });
    }
  }
  return requested;
}
function configValues(final) {
  return new Map([...final].map(([k, v]) => [k, v.value]));
}
function explainLost(kconfig, lost, requested, final) {
  const ev = new Evaluator(kconfig, configValues(final));
  for (const o of lost) {
    const sym = ev.symbol(o.option.replace(/^CONFIG_/, ""));
    if (sym) o.dependsOn = sym.definitions.flatMap((d) => d.dependsOn.map((c) => c.text));
    const why = whyNot(ev, o.option, o.requested, final.get(o.option)?.value ?? "n", { requested });
    if (why.text) o.cause = why.text;
  }
}
function treeKconfig(tree, arch) {
  const facts = archFacts(arch);
  return readKconfig(tree, { srcArch: facts.srcArch, arch: facts.kernelArch });
}
function isDerived(mode, option, kconfig) {
  const sym = kconfig.symbols.get(option.replace(/^CONFIG_/, ""));
  return mode === "full" && sym !== void 0 && sym.definitions.length > 0 && !sym.definitions.some((d) => d.prompt);
}
async function writeConfig(input, ctx) {
  const { tree, config } = input;
  const make = async (args, what) => {
    const r = await run("make", ["-C", tree, ...archArgs(input.arch, input.crossCompile), ...args], { logFile: ctx.logFile, env: { LC_ALL: "C" } });
    if (r.exitCode !== 0) {
      throw new ConfigError(`make ${args.join(" ")} failed while ${what} (exit ${r.exitCode}):
${r.tail.slice(-25).join("\n")}`);
    }
  };
  const dotConfig = path15.join(tree, ".config");
  const requested = requestedOptions(
    config.files,
    (option, was, now) => ctx.log.notice(`${option} from ${was.file}:${was.line} is overridden by ${now.file}:${now.line}`, now)
  );
  if (config.mode === "full") {
    ctx.log.info(`full config ${config.files[0]} (${requested.size} options), then olddefconfig`);
    copyFileSync(config.files[0], dotConfig);
  } else {
    const merged = path15.join(ctx.workDir, "config", "fragments.config");
    mkdirSync6(path15.dirname(merged), { recursive: true });
    writeFileSync4(
      merged,
      config.files.map((f) => `# --- ${f}
${readFileSync11(f, "utf8").replace(/\n?$/, "\n")}`).join("")
    );
    ctx.log.info(`${config.files.length} fragment(s), ${requested.size} options, merged onto allnoconfig`);
    await make([`KCONFIG_ALLCONFIG=${merged}`, "allnoconfig"], "merging the fragments onto allnoconfig");
  }
  await make(["olddefconfig"], "completing the config");
  return { dotConfig, requested, final: parseConfig2(readFileSync11(dotConfig, "utf8")) };
}
function findLost(requested, final) {
  const lost = [];
  for (const [option, want] of requested) {
    const got = final.get(option)?.value ?? "n";
    if (!sameValue(want.value, got)) {
      lost.push({ option, requested: want.value, actual: final.has(option) ? got : "not set (absent)", from: want.from });
    }
  }
  return lost;
}
var configureStage = {
  name: "configure",
  title: "configure the kernel",
  async run(input, ctx) {
    const { dotConfig, requested, final } = await writeConfig(input, ctx);
    let lost = findLost(requested, final);
    if (lost.length > 0) {
      const kconfig = treeKconfig(input.tree, input.arch);
      const derived = lost.filter((o) => isDerived(input.config.mode, o.option, kconfig));
      if (derived.length > 0) {
        ctx.log.info(`${derived.length} option(s) of the full config have no prompt in this kernel and stay as kconfig derived them: ${derived.map((o) => o.option).join(", ")}`);
        lost = lost.filter((o) => !derived.includes(o));
      }
      if (lost.length > 0) {
        explainLost(kconfig, lost, requested, final);
        throw new LostConfigOptionsError(lost);
      }
    }
    const enabled = [...final.values()].filter((v) => v.value !== "n").length;
    return { dotConfig, requested, enabled };
  },
  produces: (o) => [o.dotConfig],
  summary: (o) => `${o.requested.size} requested options all kept; ${o.enabled} enabled`
};

// src/pipeline/stages/compile.ts
function ccacheEnv(dir, maxSize, tree) {
  return {
    CCACHE_DIR: dir,
    CCACHE_MAXSIZE: maxSize,
    CCACHE_BASEDIR: tree,
    CCACHE_NOHASHDIR: "true",
    CCACHE_COMPILERCHECK: "content"
  };
}
function parseCcacheStats(text) {
  const stat2 = (name) => Number(new RegExp(`^${name}\\t(\\d+)$`, "m").exec(text)?.[1] ?? 0);
  return {
    hits: stat2("direct_cache_hit") + stat2("preprocessed_cache_hit"),
    misses: stat2("cache_miss")
  };
}
function reproducibleEnv(r) {
  return {
    SOURCE_DATE_EPOCH: String(r.sourceDateEpoch),
    // The kernel prints this in its banner (uname -v); any fixed text works.
    KBUILD_BUILD_TIMESTAMP: new Date(r.sourceDateEpoch * 1e3).toUTCString(),
    KBUILD_BUILD_USER: r.user,
    KBUILD_BUILD_HOST: r.host,
    // Without it the build number comes from .version and grows with each build.
    KBUILD_BUILD_VERSION: "1",
    LC_ALL: "C",
    TZ: "UTC"
  };
}
var COMPILER_ERROR = /^(.+?):(\d+):(?:(\d+):)? (?:fatal )?error: (.*)$/;
function compilerErrors(lines, tree) {
  const errors = [];
  const locations = [];
  for (const line of lines) {
    const m = COMPILER_ERROR.exec(line);
    if (m) {
      errors.push(line);
      locations.push({ file: path16.resolve(tree, m[1]), line: Number(m[2]), title: m[4] });
    } else if (/\berror\b|\*\*\*|Error \d+|undefined reference/i.test(line)) {
      errors.push(line);
    }
  }
  return { errors, locations };
}
var compileStage = {
  name: "compile",
  title: "compile the kernel",
  async run(input, ctx) {
    const { tree } = input;
    rmSync4(path16.join(tree, ".version"), { force: true });
    const facts = archFacts(input.arch);
    const cross = input.crossCompile ?? "";
    const args = ["-C", tree, ...archArgs(input.arch, cross), `-j${input.jobs}`];
    let env = reproducibleEnv(input.reproducibility);
    if (input.ccache) {
      env = { ...env, ...ccacheEnv(input.ccache.dir, input.ccache.maxSize, tree) };
      await run("ccache", ["--zero-stats"], { env });
      args.push(`CC=ccache ${cross}gcc`, "HOSTCC=ccache gcc");
    }
    args.push(.../* @__PURE__ */ new Set(["vmlinux", facts.image]));
    ctx.log.info(`make ${args.join(" ")}`);
    const r = await run("make", args, {
      env,
      logFile: ctx.logFile,
      echo: ctx.log,
      tail: 400
    });
    if (r.exitCode !== 0) {
      const { errors, locations } = compilerErrors(r.tail, tree);
      const shown = errors.length > 0 ? errors.slice(0, 40) : r.tail.slice(-40);
      throw new CompileError(
        `the kernel build failed (make exit ${r.exitCode}); ${errors.length > 0 ? "errors" : "last lines"}:
${shown.map((l) => `  ${l}`).join("\n")}
Full log: ${ctx.logFile}`,
        errors,
        locations
      );
    }
    const vmlinux = path16.join(tree, "vmlinux");
    const stats = input.ccache ? parseCcacheStats((await run("ccache", ["--print-stats"], { env })).stdout) : void 0;
    return { vmlinux, image: path16.join(tree, facts.imagePath), ccache: stats };
  },
  produces: (o) => [o.vmlinux, o.image]
};

// src/pipeline/stages/link.ts
import { copyFileSync as copyFileSync2, mkdirSync as mkdirSync7, rmSync as rmSync5, writeFileSync as writeFileSync5 } from "node:fs";
import path17 from "node:path";
function payloadSymbols(input) {
  return [
    { symbol: "krunfw_kernel_payload", file: "kernel.bin", size: input.size },
    ...(input.blobs ?? []).map((b) => ({ symbol: `krunfw_${b.name}_payload`, file: `${b.name}.bin`, size: b.size }))
  ];
}
var hex2 = (v) => `0x${v.toString(16)}`;
function bundleC(input) {
  const blobs = input.blobs ?? [];
  const externs = blobs.map((b) => `extern char krunfw_${b.name}_payload[];
`).join("");
  const getters = blobs.map(
    (b) => `
/* The ${b.name === "qboot" ? "qboot firmware" : "initrd"}, zero-padded to a multiple of 64 KiB. */
KRUNFW_EXPORT char *krunfw_get_${b.name}(size_t *size)
{
	*size = ${b.size}UL;
	return krunfw_${b.name}_payload;
}
`
  ).join("");
  return `/* Generated by libkrunfw-action. SPDX-License-Identifier: LGPL-2.1-only
 * The libkrunfw ABI: libkrun dlopen()s this library, calls these functions and
 * maps the returned pages into the guest at load_addr. */
#include <stddef.h>

#define KRUNFW_EXPORT __attribute__((visibility("default")))

/* Defined in kernel.S: the payloads, 64 KiB aligned, in writable data. */
extern char krunfw_kernel_payload[];
${externs}
KRUNFW_EXPORT char *krunfw_get_kernel(size_t *load_addr, size_t *entry_addr, size_t *size)
{
	*load_addr = ${hex2(input.loadAddr)}UL;
	*entry_addr = ${hex2(input.entryAddr)}UL;
	*size = ${input.size}UL;
	return krunfw_kernel_payload;
}
${getters}
KRUNFW_EXPORT int krunfw_get_version(void)
{
	return ${input.abiVersion};
}
`;
}
function bundleAsm(symbols) {
  const blocks = symbols.map(
    (p) => `	.section .data.${p.symbol}, "aw"
	.balign ${PAYLOAD_ALIGN}
	.globl ${p.symbol}
	.hidden ${p.symbol}
	.type ${p.symbol}, %object
	.size ${p.symbol}, ${p.size}
${p.symbol}:
	.incbin "${p.file}"
`
  );
  return `/* Generated by libkrunfw-action. SPDX-License-Identifier: LGPL-2.1-only
 * Writable ("aw") because libkrun hands these pages to the guest as its memory;
 * 64 KiB aligned so they can be mapped as whole pages on any host page size. */
${blocks.join("\n")}
	/* No executable stack. */
	.section .note.GNU-stack, "", %progbits
`;
}
function bundleMakefile(names, symbols) {
  const bins = symbols.map((p) => p.file).join(" ");
  return `# Generated by libkrunfw-action: builds ${names.file} from ${bins} with
# a C compiler and make. Cross builds: make CC=aarch64-linux-gnu-gcc STRIP=aarch64-linux-gnu-strip
CC = cc
STRIP = strip
LIB = ${names.file}
SONAME = ${names.soname}
# No paths, dates or random ids reach the output: the same inputs give the same bytes.
CFLAGS = -O2 -fPIC -fvisibility=hidden -ffile-prefix-map=$(CURDIR)=.
LDFLAGS = -shared -Wl,-soname,$(SONAME) -Wl,--build-id=sha1 -Wl,-z,noexecstack -Wl,-z,relro -Wl,-z,now

$(LIB): krunfw.c kernel.S ${bins}
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ krunfw.c kernel.S
	$(STRIP) --strip-all $@

clean:
	rm -f $(LIB)

.PHONY: clean
`;
}
function writeMacosSources(dir, input) {
  const symbols = payloadSymbols(input);
  writeFileSync5(path17.join(dir, MACOS_ASM_FILE), macosAsm(symbols));
  const base = libraryBase(input.variant).replace(/^lib/, "");
  writeFileSync5(path17.join(dir, MACOS_SCRIPT_FILE), macosBuildScript({ base, abiVersion: input.abiVersion, version: input.version, blobs: symbols }), { mode: 493 });
  return [MACOS_ASM_FILE, MACOS_SCRIPT_FILE];
}
function writeBundleSources(dir, input) {
  const names = libraryNames(input);
  const symbols = payloadSymbols(input);
  rmSync5(dir, { recursive: true, force: true });
  mkdirSync7(dir, { recursive: true });
  copyFileSync2(input.payloadFile, path17.join(dir, "kernel.bin"));
  for (const b of input.blobs ?? []) copyFileSync2(b.payloadFile, path17.join(dir, `${b.name}.bin`));
  writeFileSync5(path17.join(dir, "krunfw.c"), bundleC(input));
  writeFileSync5(path17.join(dir, "kernel.S"), bundleAsm(symbols));
  writeFileSync5(path17.join(dir, "Makefile"), bundleMakefile(names, symbols));
  if (input.arch === "aarch64") writeMacosSources(dir, input);
  return names;
}
var linkStage = {
  name: "link",
  title: "link the shared library",
  async run(input, ctx) {
    const sourceDir = path17.join(ctx.workDir, "libkrunfw");
    const names = writeBundleSources(sourceDir, input);
    const r = await run("make", ["-C", sourceDir, `CC=${input.cc ?? "gcc"}`, `STRIP=${input.strip ?? "strip"}`], {
      logFile: ctx.logFile,
      env: { LC_ALL: "C" }
    });
    if (r.exitCode !== 0) {
      throw new LinkError(`linking ${names.file} failed (exit ${r.exitCode}):
${r.tail.slice(-20).join("\n")}`);
    }
    return { library: path17.join(sourceDir, names.file), fileName: names.file, soname: names.soname, sourceDir };
  },
  produces: (o) => [o.library],
  summary: (o) => `${o.fileName} (soname ${o.soname})`
};

// src/pipeline/stages/package.ts
import { chmodSync, copyFileSync as copyFileSync3, existsSync as existsSync8, mkdirSync as mkdirSync8, readdirSync as readdirSync6, renameSync, rmSync as rmSync6, symlinkSync, utimesSync, writeFileSync as writeFileSync6 } from "node:fs";
import path18 from "node:path";
import { gzipSync } from "node:zlib";
function prebuiltName(variant) {
  return `${libraryBase(variant)}-prebuilt-aarch64`;
}
var PREBUILT_FILES = (dir) => ["krunfw.c", MACOS_ASM_FILE, MACOS_SCRIPT_FILE, ...readdirSync6(dir).filter((f) => f.endsWith(".bin"))].sort();
async function reproducibleTarball(root, entries2, mtime, level = 9) {
  const tar = await runChecked("tar", [
    "--create",
    "--format=gnu",
    "--sort=name",
    "--owner=0",
    "--group=0",
    "--numeric-owner",
    `--mtime=@${mtime}`,
    "--mode=go-w",
    "-C",
    root,
    "--file=-",
    "--",
    ...entries2
  ], { binaryStdout: true });
  return gzipSync(tar.stdoutBuffer, { level });
}
var packageStage = {
  name: "package",
  title: "package the install tree",
  async run(input, ctx) {
    const stage = path18.join(ctx.workDir, "package");
    const lib64 = path18.join(stage, "lib64");
    rmSync6(stage, { recursive: true, force: true });
    mkdirSync8(lib64, { recursive: true });
    copyFileSync3(input.library, path18.join(lib64, input.fileName));
    chmodSync(path18.join(lib64, input.fileName), 493);
    symlinkSync(input.fileName, path18.join(lib64, input.soname));
    symlinkSync(input.soname, path18.join(lib64, libraryNames(input).dev));
    chmodSync(lib64, 493);
    utimesSync(path18.join(lib64, input.fileName), input.sourceDateEpoch, input.sourceDateEpoch);
    const tgz = await reproducibleTarball(stage, ["lib64"], input.sourceDateEpoch);
    mkdirSync8(input.outDir, { recursive: true });
    const library = path18.join(input.outDir, input.fileName);
    const tarball = path18.join(input.outDir, tarballName(input.variant, input.arch));
    copyFileSync3(input.library, `${library}.partial`);
    chmodSync(`${library}.partial`, 493);
    writeFileSync6(`${tarball}.partial`, tgz);
    let prebuilt;
    if (input.sourceDir && existsSync8(path18.join(input.sourceDir, MACOS_ASM_FILE))) {
      const name = prebuiltName(input.variant);
      const dir = path18.join(ctx.workDir, "prebuilt", name);
      rmSync6(path18.dirname(dir), { recursive: true, force: true });
      mkdirSync8(dir, { recursive: true });
      for (const f of PREBUILT_FILES(input.sourceDir)) {
        copyFileSync3(path18.join(input.sourceDir, f), path18.join(dir, f));
        utimesSync(path18.join(dir, f), input.sourceDateEpoch, input.sourceDateEpoch);
      }
      chmodSync(path18.join(dir, MACOS_SCRIPT_FILE), 493);
      const ptgz = await reproducibleTarball(path18.dirname(dir), [name], input.sourceDateEpoch);
      const out = path18.join(input.outDir, `${name}.tgz`);
      writeFileSync6(`${out}.partial`, ptgz);
      renameSync(`${out}.partial`, out);
      prebuilt = { tarball: out, sha256: sha256(ptgz) };
    }
    renameSync(`${library}.partial`, library);
    renameSync(`${tarball}.partial`, tarball);
    return { library, librarySha256: await sha256File(library), tarball, tarballSha256: sha256(tgz), prebuilt };
  },
  produces: (o) => [o.library, o.tarball, ...o.prebuilt ? [o.prebuilt.tarball] : []],
  summary: (o) => `${path18.basename(o.tarball)} (sha256 ${o.tarballSha256.slice(0, 16)}\u2026)`
};

// src/pipeline/stages/patch.ts
import { readFileSync as readFileSync12 } from "node:fs";
import path19 from "node:path";
function hunkHeaders(patchText) {
  const out = [];
  const lines = patchText.split("\n");
  let oldName;
  let file;
  let count = 0;
  const strip = (name) => name.replace(/\t.*$/, "").split("/").slice(1).join("/");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith("--- ") && lines[i + 1]?.startsWith("+++ ")) {
      oldName = l.slice(4);
    } else if (l.startsWith("+++ ") && oldName !== void 0) {
      const newName = l.slice(4);
      file = newName.startsWith("/dev/null") ? strip(oldName) : strip(newName);
      count = 0;
      oldName = void 0;
    } else if (l.startsWith("@@ ") && file !== void 0) {
      out.push({ file, hunk: ++count, line: i + 1 });
    }
  }
  return out;
}
function parsePatchOutput(output, headers) {
  const failed = /* @__PURE__ */ new Map();
  let current;
  let pendingMissing = false;
  const entry = (file) => {
    let f = failed.get(file);
    if (!f) failed.set(file, f = { file, hunks: [] });
    return f;
  };
  for (const line of output.split("\n")) {
    let m;
    if (m = /^(?:checking|patching) file '?(.+?)'?$/.exec(line)) {
      current = m[1];
      pendingMissing = false;
    } else if ((m = /^Hunk #(\d+) FAILED at (\d+)/.exec(line)) && current) {
      const hunk = Number(m[1]);
      const header = headers.find((h) => h.file === current && h.hunk === hunk);
      entry(current).hunks.push({ hunk, targetLine: Number(m[2]), patchLine: header?.line });
    } else if (/^Reversed \(or previously applied\) patch detected/.test(line) && current) {
      entry(current).reason = "already applied (or reversed)";
    } else if (/^can't find file to patch/.test(line)) {
      pendingMissing = true;
      current = void 0;
    } else if ((m = /^\|\+\+\+ (\S+)/.exec(line)) && pendingMissing) {
      const name = m[1].split("/").slice(1).join("/");
      entry(name).reason = "the file does not exist in the kernel tree";
      pendingMissing = false;
    } else if (m = /^patch: \*\*\*\* (.*)$/.exec(line)) {
      entry("(patch file)").reason = m[1];
    }
  }
  return [...failed.values()];
}
var patchStage = {
  name: "patch",
  title: "apply the patch series",
  async run(input, ctx) {
    if (input.patches.length === 0) {
      ctx.log.info("no patches to apply");
      return { series: [] };
    }
    const applied = [];
    for (const file of input.patches) {
      const text = readFileSync12(file);
      const common = ["-p1", "--batch", "--forward", "--fuzz=0", "--no-backup-if-mismatch", "-r", "-", "-d", input.tree, "-i", file];
      const dry = await run("patch", ["--dry-run", ...common], { env: { LC_ALL: "C" } });
      if (dry.exitCode !== 0) {
        const output = dry.tail.join("\n");
        throw new PatchError(file, parsePatchOutput(output, hunkHeaders(text.toString("utf8"))), output);
      }
      await runChecked("patch", ["--silent", ...common], { env: { LC_ALL: "C" }, logFile: ctx.logFile });
      ctx.log.info(`applied ${path19.basename(file)}`);
      applied.push({ name: path19.basename(file), path: file, sha256: sha256(text) });
    }
    return { series: applied };
  },
  summary: (o) => o.series.length === 0 ? "no patches" : `applied ${o.series.length} patch(es)`
};

// src/pipeline/stages/publish.ts
import { writeFileSync as writeFileSync7 } from "node:fs";
import path20 from "node:path";
async function writeSha256Sums(file, files) {
  const lines = await Promise.all(files.map(async (f) => `${await sha256File(f)}  ${path20.basename(f)}
`));
  writeFileSync7(file, lines.join(""));
}
var publishStage = {
  name: "publish",
  title: "upload the source release, then the library",
  async run(input, ctx) {
    const publisher = ctx.platform.publisher;
    if (!publisher) throw new PublishError("this platform cannot upload artifacts");
    const sha256sums = path20.join(input.outDir, "SHA256SUMS");
    const extra = input.extra ?? [];
    await writeSha256Sums(sha256sums, [input.sourceRelease, input.tarball, ...extra, input.library]);
    const opts = { retentionDays: input.retentionDays };
    let source2;
    try {
      source2 = await publisher.upload(`${input.name}-source`, [input.sourceRelease], input.outDir, opts);
    } catch (e) {
      throw new PublishError(
        `uploading the source release ${input.name}-source failed, so the library was not uploaded either: ${e.message}`
      );
    }
    ctx.log.info(`uploaded ${source2.name} (id ${source2.id}, ${source2.digest})`);
    let binary;
    try {
      binary = await publisher.upload(input.name, [input.library, input.tarball, ...extra, sha256sums], input.outDir, opts);
    } catch (e) {
      throw new PublishError(`the source release was uploaded as ${source2.name}, but uploading the library ${input.name} failed: ${e.message}`);
    }
    ctx.log.info(`uploaded ${binary.name} (id ${binary.id}, ${binary.digest})`);
    return { source: source2, binary, sha256sums };
  },
  produces: (o) => [o.sha256sums],
  summary: (o) => `${o.source.name} then ${o.binary.name}`
};

// src/pipeline/stages/recipe.ts
import path21 from "node:path";
var recipeStage = {
  name: "recipe",
  title: "check out the libkrunfw tree",
  async run(input, ctx) {
    ctx.log.info(`checking out libkrunfw ${input.ref} from ${input.repository}`);
    const { dir, commit } = await checkoutLibkrunfw({ ...input, dest: path21.join(ctx.workDir, "recipe") });
    ctx.log.info(`libkrunfw ${input.ref} is commit ${commit}`);
    return { dir, commit, ...input };
  },
  produces: (o) => [path21.join(o.dir, "Makefile")],
  summary: (o) => `${o.ref} at ${o.commit.slice(0, 12)}`
};

// src/pipeline/stages/release.ts
import { chmodSync as chmodSync2, copyFileSync as copyFileSync4, existsSync as existsSync10, mkdirSync as mkdirSync9, renameSync as renameSync2, rmSync as rmSync7, writeFileSync as writeFileSync8 } from "node:fs";
import path23 from "node:path";

// src/release/manifest.ts
import { existsSync as existsSync9, readdirSync as readdirSync7, readFileSync as readFileSync13, statSync as statSync6 } from "node:fs";
import path22 from "node:path";
var MANIFEST = "manifest.json";
var SBOM = "sbom.spdx.json";
function walk(dir, base = dir) {
  return readdirSync7(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path22.join(dir, e.name);
    return e.isDirectory() ? walk(p, base) : [path22.relative(base, p)];
  });
}
async function listFiles(dir, known = {}) {
  const files = walk(dir).filter((f) => f !== MANIFEST).sort();
  return Promise.all(
    files.map(async (f) => ({ path: f, sha256: known[f] ?? await sha256File(path22.join(dir, f)), size: statSync6(path22.join(dir, f)).size }))
  );
}
async function checkRelease(dir, manifest) {
  const problems = [];
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const p = path22.join(dir, f.path);
    if (!existsSync9(p)) problems.push(`${f.path}: missing (the manifest lists it)`);
    else if (await sha256File(p) !== f.sha256) problems.push(`${f.path}: changed (its sha256 is not the manifest's ${f.sha256})`);
  }
  for (const f of walk(dir)) {
    if (f !== MANIFEST && !listed.has(f)) problems.push(`${f}: not in the manifest`);
  }
  return problems;
}
function readManifest(dir) {
  return JSON.parse(readFileSync13(path22.join(dir, MANIFEST), "utf8"));
}
function manifestKernel(manifest) {
  const m = typeof manifest === "object" && manifest !== null ? manifest : {};
  const kernel = typeof m.kernel === "object" && m.kernel !== null ? m.kernel : {};
  const file = /^linux\/([A-Za-z0-9][A-Za-z0-9._+-]*)$/.exec(String(kernel.tarball ?? ""))?.[1];
  const sha2562 = String(kernel.sha256 ?? "");
  if (!file || !/^[0-9a-f]{64}$/.test(sha2562)) return "names no kernel tarball (linux/<file>) with its sha256";
  const path35 = `linux/${file}`;
  const listed = (Array.isArray(m.files) ? m.files : []).filter((f) => typeof f === "object" && f !== null && f.path === path35);
  if (listed.length !== 1 || listed[0].sha256 !== sha2562) {
    return `lists ${path35} with another sha256 than its kernel.sha256`;
  }
  return { path: path35, file, sha256: sha2562 };
}

// src/release/sbom.ts
import { createHash as createHash2 } from "node:crypto";
var ref = (s) => `SPDXRef-${s.replace(/[^A-Za-z0-9.-]/g, "-")}`;
function spdxDocument(m, created) {
  const sha = (path35) => m.files.find((f) => f.path === path35)?.sha256 ?? "";
  const ns = createHash2("sha256").update(JSON.stringify(m.files)).digest("hex").slice(0, 32);
  const lib = ref(`Package-${m.library.file}`);
  const kernel = ref(`Package-linux-${m.kernel.version}`);
  return {
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: m.name,
    documentNamespace: `https://spdx.org/spdxdocs/libkrunfw-action/${m.name}-${ns}`,
    creationInfo: { created: created.toISOString().replace(/\.\d{3}Z$/, "Z"), creators: ["Tool: libkrunfw-action"] },
    packages: [
      {
        SPDXID: lib,
        name: "libkrunfw",
        versionInfo: m.version,
        downloadLocation: "NOASSERTION",
        filesAnalyzed: false,
        licenseConcluded: "LGPL-2.1-only AND GPL-2.0-only",
        licenseDeclared: "LGPL-2.1-only",
        copyrightText: "NOASSERTION",
        checksums: [{ algorithm: "SHA256", checksumValue: m.library.sha256 }],
        comment: `${m.library.file} (${m.arch}, ${m.variant}); it bundles the Linux kernel below as data.`
      },
      {
        SPDXID: kernel,
        name: "linux",
        versionInfo: m.kernel.version,
        downloadLocation: /^https?:/.test(m.kernel.origin) ? m.kernel.origin : "NOASSERTION",
        filesAnalyzed: false,
        licenseConcluded: "GPL-2.0-only",
        licenseDeclared: "GPL-2.0-only WITH Linux-syscall-note",
        copyrightText: "NOASSERTION",
        checksums: [{ algorithm: "SHA256", checksumValue: m.kernel.sha256 }]
      }
    ],
    files: m.patches.map((p) => ({
      SPDXID: ref(`File-${p}`),
      fileName: `./${p}`,
      checksums: [{ algorithm: "SHA256", checksumValue: sha(p) }],
      licenseConcluded: "GPL-2.0-only",
      copyrightText: "NOASSERTION"
    })),
    relationships: [
      { spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: lib },
      { spdxElementId: lib, relationshipType: "CONTAINS", relatedSpdxElement: kernel },
      ...m.patches.map((p) => ({ spdxElementId: ref(`File-${p}`), relationshipType: "PATCH_APPLIED", relatedSpdxElement: kernel }))
    ]
  };
}

// src/release/templates.ts
var PAYLOAD_PY = `#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-only
# Writes libkrunfw's kernel payload.
#   payload.py vmlinux VMLINUX OUT  (x86_64) the PT_LOAD segments' file bytes of an
#     ELF64 little-endian vmlinux placed at p_paddr minus the first one's p_paddr,
#     zeros between them, no bss, padded to 64 KiB.
#   payload.py image IMAGE OUT  (aarch64, riscv64) the raw Image padded to 64 KiB.
# Prints load and entry address.
import struct, sys

def image(path, out):
    data = open(path, "rb").read()
    payload = bytearray((len(data) + 0xFFFF) // 0x10000 * 0x10000)
    payload[:len(data)] = data
    open(out, "wb").write(payload)
    print(f"load_addr=0x80000000 entry_addr=0x80000000 size={len(payload)}")

def vmlinux(vmlinux, out):
    data = open(vmlinux, "rb").read()
    if data[:4] != b"\\x7fELF" or data[4] != 2 or data[5] != 1:
        sys.exit(f"{vmlinux}: not a little-endian ELF64 file")
    entry, phoff = struct.unpack_from("<QQ", data, 24)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    loads = []
    for i in range(phnum):
        p_type, _, p_offset, _, p_paddr, p_filesz = struct.unpack_from("<IIQQQQ", data, phoff + i * phentsize)
        if p_type == 1:
            loads.append((p_paddr, p_offset, p_filesz))
    base = loads[0][0]
    end = 0
    for (paddr, _, filesz), nxt in zip(loads, loads[1:] + [None]):
        if nxt is not None and nxt[0] < paddr + filesz:
            sys.exit("PT_LOAD segments overlap or are out of order")
        end = paddr + filesz - base
    payload = bytearray((end + 0xFFFF) // 0x10000 * 0x10000)
    for paddr, offset, filesz in loads:
        payload[paddr - base:paddr - base + filesz] = data[offset:offset + filesz]
    open(out, "wb").write(payload)
    print(f"load_addr=0x{base:x} entry_addr=0x{entry:x} size={len(payload)}")

if __name__ == "__main__":
    {"vmlinux": vmlinux, "image": image}[sys.argv[1]](sys.argv[2], sys.argv[3])
`;
function buildScript(m) {
  const payloadMode = m.image === "vmlinux" ? "vmlinux" : "image";
  return `#!/bin/sh
# Rebuilds the library from this source release with standard tools:
# tar, patch, make, a C compiler and python3. Run it in an empty directory:
#   sh path/to/build.sh
# (libkrunfw-action verify-source does the same and compares the sha256.)
# On a machine that is not ${m.arch}, the cross compiler ${m.crossCompile}gcc is used
# (set CROSS_COMPILE to choose another).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(uname -m)" = ${m.arch} ]; then CROSS_COMPILE=\${CROSS_COMPILE-}; else CROSS_COMPILE=\${CROSS_COMPILE-${m.crossCompile}}; fi
tar -xf "$here/${m.kernelTarball}"
cd linux-*/
while read -r p; do
  case "$p" in ''|'#'*) continue ;; esac
  patch -p1 --fuzz=0 < "$here/patches/$p"
done < "$here/patches/series"
cp "$here/config/final.config" .config
make ARCH=${m.kernelArch} CROSS_COMPILE="$CROSS_COMPILE" olddefconfig
rm -f .version
SOURCE_DATE_EPOCH=${m.epoch} KBUILD_BUILD_TIMESTAMP='${new Date(m.epoch * 1e3).toUTCString()}' \\
KBUILD_BUILD_USER=${m.user} KBUILD_BUILD_HOST=${m.host} KBUILD_BUILD_VERSION=1 LC_ALL=C TZ=UTC \\
  make ARCH=${m.kernelArch} CROSS_COMPILE="$CROSS_COMPILE" -j"$(nproc)" ${[.../* @__PURE__ */ new Set(["vmlinux", m.image])].join(" ")}
cd ..
cp -r "$here/libkrunfw" libkrunfw
python3 libkrunfw/payload.py ${payloadMode} linux-*/${m.imagePath} libkrunfw/kernel.bin
make -C libkrunfw CC="\${CROSS_COMPILE}gcc" STRIP="\${CROSS_COMPILE}strip"
# Config given as ${m.configMode}; config/final.config is what kconfig made of it.
`;
}

// src/pipeline/stages/release.ts
function releasePatchNames(patches) {
  const used = /* @__PURE__ */ new Set();
  return patches.map((p, i) => {
    const base = path23.basename(p);
    const name = [base, `${path23.basename(path23.dirname(p))}-${base}`, `${String(i + 1).padStart(3, "0")}-${base}`].find((n) => !used.has(n));
    used.add(name);
    return name;
  });
}
function sourceReleaseName(i) {
  return `libkrunfw-${i.version}-${i.variant}-${i.arch}-source`;
}
function copySources(dir, input) {
  for (const d of ["linux", "patches", "config/given", "libkrunfw", "LICENSES"]) mkdirSync9(path23.join(dir, d), { recursive: true });
  const tarball = `linux/${path23.basename(input.kernel.tarball)}`;
  copyFileSync4(input.kernel.tarball, path23.join(dir, tarball));
  const names = releasePatchNames(input.patches);
  const patches = names.map((n) => `patches/${n}`);
  input.patches.forEach((p, i) => copyFileSync4(p, path23.join(dir, patches[i])));
  writeFileSync8(path23.join(dir, "patches", "series"), names.map((n) => `${n}
`).join(""));
  const given = input.config.files.map((f, i) => `config/given/${String(i + 1).padStart(2, "0")}-${path23.basename(f)}`);
  input.config.files.forEach((f, i) => copyFileSync4(f, path23.join(dir, given[i])));
  copyFileSync4(input.finalConfig, path23.join(dir, "config", "final.config"));
  const blobFiles = input.blobs.map((b) => `${b.name}.bin`);
  const macos = [MACOS_ASM_FILE, MACOS_SCRIPT_FILE].filter((f) => existsSync10(path23.join(input.librarySources, f)));
  for (const f of ["krunfw.c", "kernel.S", "Makefile", ...blobFiles, ...macos]) copyFileSync4(path23.join(input.librarySources, f), path23.join(dir, "libkrunfw", f));
  writeFileSync8(path23.join(dir, "libkrunfw", "payload.py"), PAYLOAD_PY);
  for (const text of [input.licenses.gpl, input.licenses.lgpl]) {
    if (!existsSync10(text)) throw new ArchiveError(`${text} is missing: the kernel tree has no licence text to ship in its source release`);
  }
  copyFileSync4(input.licenses.gpl, path23.join(dir, "LICENSES", "GPL-2.0-only.txt"));
  copyFileSync4(input.licenses.lgpl, path23.join(dir, "LICENSES", "LGPL-2.1-only.txt"));
  if (input.measurements) copyFileSync4(input.measurements, path23.join(dir, path23.basename(input.measurements)));
  return { tarball, patches, given };
}
function writeInstructions(dir, name, tarball, input) {
  const r = input.reproducibility;
  const facts = archFacts(input.arch);
  writeFileSync8(
    path23.join(dir, "build.sh"),
    buildScript({
      kernelTarball: tarball,
      arch: input.arch,
      kernelArch: facts.kernelArch,
      image: facts.image,
      imagePath: facts.imagePath,
      crossCompile: `${facts.triplet}-`,
      epoch: r.sourceDateEpoch,
      user: r.user,
      host: r.host,
      configMode: input.config.mode
    })
  );
  chmodSync2(path23.join(dir, "build.sh"), 493);
  writeFileSync8(
    path23.join(dir, "README"),
    `Source release of ${input.library.file} (libkrunfw ${input.version}, ${input.variant}, ${input.arch}),
sha256 ${input.library.sha256}.

The Linux kernel ${input.kernel.version} (GPL-2.0-only) with the patches in patches/ is bundled
in the library as data; the library's own code in libkrunfw/ is LGPL-2.1-only.
manifest.json lists every file with its sha256. To rebuild and compare:
  libkrunfw-action verify-source ${name}.tar.gz
or, with standard tools only: sh build.sh
`
  );
}
async function writeManifest(dir, base) {
  const before = await listFiles(dir, { [base.kernel.tarball]: base.kernel.sha256 });
  writeFileSync8(path23.join(dir, SBOM), `${JSON.stringify(spdxDocument({ ...base, files: before }, new Date(base.reproducibility.sourceDateEpoch * 1e3)), null, 2)}
`);
  const known = Object.fromEntries(before.map((f) => [f.path, f.sha256]));
  const manifest = { ...base, files: await listFiles(dir, known) };
  writeFileSync8(path23.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}
`);
  return manifest;
}
var releaseStage = {
  name: "release",
  title: "write the GPL source release",
  async run(input, ctx) {
    const name = sourceReleaseName(input);
    const stage = path23.join(ctx.workDir, "release");
    const dir = path23.join(stage, name);
    rmSync7(stage, { recursive: true, force: true });
    const { tarball, patches, given } = copySources(dir, input);
    writeInstructions(dir, name, tarball, input);
    const manifest = await writeManifest(dir, {
      format: 1,
      name,
      arch: input.arch,
      variant: input.variant,
      abiVersion: input.abiVersion,
      version: input.version,
      library: input.library,
      kernel: { version: input.kernel.version, tarball, sha256: input.kernel.sha256, origin: input.kernel.origin },
      patches,
      config: { mode: input.config.mode, given, final: "config/final.config" },
      ...input.recipe ? { recipe: input.recipe } : {},
      blobs: input.blobs.map((b) => ({ name: b.name, path: `libkrunfw/${b.name}.bin`, source: b.source })),
      toolchain: input.toolchain,
      reproducibility: input.reproducibility
    });
    const tgz = await reproducibleTarball(stage, [name], input.reproducibility.sourceDateEpoch, 1);
    mkdirSync9(input.outDir, { recursive: true });
    const out = path23.join(input.outDir, `${name}.tar.gz`);
    writeFileSync8(`${out}.partial`, tgz);
    renameSync2(`${out}.partial`, out);
    return { tarball: out, sha256: sha256(tgz), manifest };
  },
  produces: (o) => [o.tarball],
  summary: (o) => `${path23.basename(o.tarball)} (${o.manifest.files.length} files, sha256 ${o.sha256.slice(0, 16)}\u2026)`
};

// src/pipeline/stages/source.ts
import { existsSync as existsSync11, mkdirSync as mkdirSync10, rmSync as rmSync8 } from "node:fs";
import path24 from "node:path";
var sourceStage = {
  name: "source",
  title: "get and verify the kernel tarball",
  async run(input, ctx) {
    const { log, platform } = ctx;
    let tarball;
    if (input.source.kind === "url") {
      tarball = input.downloadTo ?? path24.join(ctx.workDir, "download", path24.basename(new URL(input.source.url).pathname) || "linux.tar");
      mkdirSync10(path24.dirname(tarball), { recursive: true });
      if (existsSync11(tarball)) {
        log.info(`using ${tarball} (from the cache), not downloading ${input.source.url}`);
      } else {
        log.info(`downloading ${input.source.url}`);
        try {
          await platform.downloader.download(input.source.url, tarball);
        } catch (e) {
          rmSync8(tarball, { force: true });
          if (e instanceof LibkrunfwError) throw e;
          throw new DownloadError(`could not download ${input.source.url}: ${e.message}`);
        }
      }
    } else {
      tarball = input.source.path;
    }
    const actual = await sha256File(tarball);
    if (input.sha256 && actual !== input.sha256) {
      if (input.source.kind === "url") rmSync8(tarball, { force: true });
      throw new ChecksumError(input.source.kind === "url" ? input.source.url : tarball, input.sha256, actual);
    }
    if (input.sha256) {
      log.info(`sha256 ${actual} matches the pinned value`);
    } else {
      log.warning(
        `${tarball} is not pinned: its sha256 is ${actual}. Set kernel-sha256 to that value to make sure later runs build the same source.`,
        { file: tarball, title: "kernel source not pinned" }
      );
    }
    return { tarball, sha256: actual, pinned: Boolean(input.sha256) };
  },
  produces: (o) => [o.tarball],
  summary: (o) => `sha256 ${o.sha256.slice(0, 16)}\u2026 ${o.pinned ? "(pinned)" : "(not pinned)"}`
};

// src/pipeline/stages/verify.ts
import { mkdirSync as mkdirSync11, readFileSync as readFileSync14, writeFileSync as writeFileSync9 } from "node:fs";
import path25 from "node:path";
var PROBE_C = `/* Loads a libkrunfw the way libkrun does and reports what it hands out. */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef char *(*get_kernel_fn)(size_t *, size_t *, size_t *);
typedef char *(*get_blob_fn)(size_t *);
typedef int (*get_version_fn)(void);

/* The permissions of the mapping that holds [start, end), from /proc/self/maps. */
static void mapping_perms(uintptr_t start, uintptr_t end, char perms[5])
{
	FILE *maps = fopen("/proc/self/maps", "r");
	char line[512];
	strcpy(perms, "????");
	if (!maps)
		return;
	while (fgets(line, sizeof(line), maps)) {
		unsigned long lo, hi;
		char p[5];
		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, p) == 3 && lo <= start && start < hi) {
			/* The payload may span several mappings; all must be writable. */
			if (end <= hi) {
				memcpy(perms, p, 5);
				break;
			}
			if (p[1] != 'w') {
				memcpy(perms, p, 5);
				break;
			}
			start = hi;
		}
	}
	fclose(maps);
}

static int dump(const char *file, const char *bytes, size_t size)
{
	FILE *out = fopen(file, "wb");
	if (!out || fwrite(bytes, 1, size, out) != size || fclose(out) != 0) {
		perror(file);
		return 5;
	}
	return 0;
}

/* SEV/TDX libraries also hand out the qboot firmware and the initrd. */
static int report_blob(void *lib, const char *name, const char *out_prefix)
{
	char symbol[64], file[4096], perms[5];
	size_t size = 0;
	snprintf(symbol, sizeof(symbol), "krunfw_get_%s", name);
	get_blob_fn get = (get_blob_fn)dlsym(lib, symbol);
	if (!get)
		return 0;
	char *bytes = get(&size);
	mapping_perms((uintptr_t)bytes, (uintptr_t)bytes + size, perms);
	snprintf(file, sizeof(file), "%s.%s", out_prefix, name);
	if (dump(file, bytes, size))
		return 5;
	printf(",\\"%s\\":{\\"size\\":\\"%zu\\",\\"address\\":\\"%zu\\",\\"perms\\":\\"%s\\"}", name, size, (size_t)(uintptr_t)bytes, perms);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s LIBRARY PAYLOAD_OUT\\n", argv[0]);
		return 2;
	}
	void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		fprintf(stderr, "dlopen: %s\\n", dlerror());
		return 3;
	}
	get_version_fn get_version = (get_version_fn)dlsym(lib, "krunfw_get_version");
	get_kernel_fn get_kernel = (get_kernel_fn)dlsym(lib, "krunfw_get_kernel");
	if (!get_version || !get_kernel) {
		fprintf(stderr, "dlsym: krunfw_get_version=%p krunfw_get_kernel=%p\\n", (void *)get_version, (void *)get_kernel);
		return 4;
	}
	size_t load_addr = 0, entry_addr = 0, size = 0;
	int version = get_version();
	char *kernel = get_kernel(&load_addr, &entry_addr, &size);
	char perms[5];
	mapping_perms((uintptr_t)kernel, (uintptr_t)kernel + size, perms);
	if (dump(argv[2], kernel, size))
		return 5;
	printf("{\\"version\\":%d,\\"load_addr\\":\\"%zu\\",\\"entry_addr\\":\\"%zu\\",\\"size\\":\\"%zu\\",\\"address\\":\\"%zu\\",\\"perms\\":\\"%s\\"",
	       version, load_addr, entry_addr, size, (size_t)(uintptr_t)kernel, perms);
	if (report_blob(lib, "qboot", argv[2]) || report_blob(lib, "initrd", argv[2]))
		return 5;
	printf("}\\n");
	return 0;
}
`;
var PAYLOAD_FROM_LIBRARY = "payload-from-library.bin";
function handedOut(json, file) {
  return { size: BigInt(json.size), address: BigInt(json.address), perms: String(json.perms), bytes: readFileSync14(file) };
}
async function probeLibrary(library, dir, tools = targetTools("x86_64")) {
  mkdirSync11(dir, { recursive: true });
  const src = path25.join(dir, "krunfw-probe.c");
  const probe = path25.join(dir, "krunfw-probe");
  writeFileSync9(src, PROBE_C);
  await runChecked(tools.cc, ["-O1", "-Wall", "-o", probe, src, "-ldl"]).catch((e) => {
    throw missingTool(e, tools.cc, tools);
  });
  const payloadOut = path25.join(dir, PAYLOAD_FROM_LIBRARY);
  const [cmd, ...prefix] = [...tools.runPrefix, probe];
  const r = await run(cmd, [...prefix, path25.resolve(library), payloadOut]).catch((e) => {
    throw missingTool(e, cmd, tools);
  });
  if (r.exitCode !== 0) {
    throw new VerifyError(library, [`loading it failed: ${r.tail.join(" ").trim()} (exit ${r.exitCode})`]);
  }
  const line = r.stdout.trim().split("\n").pop() ?? "";
  let json;
  try {
    json = JSON.parse(line);
  } catch {
    throw new InfrastructureError(`the probe printed no report: ${r.stdout.slice(0, 200)}`);
  }
  const flat = json;
  const blobs = {};
  for (const name of ["qboot", "initrd"]) {
    const b = json[name];
    if (b && typeof b === "object") blobs[name] = handedOut(b, `${payloadOut}.${name}`);
  }
  return {
    version: Number(json.version),
    loadAddr: BigInt(flat.load_addr),
    entryAddr: BigInt(flat.entry_addr),
    ...handedOut(flat, payloadOut),
    blobs
  };
}
function missingTool(e, tool, tools) {
  if (e instanceof ToolMissingError && tools.crossCompile) {
    return new ToolMissingError(tool, `Building for ${tools.arch} on this host needs it: ${missingToolHint(tools.arch)}`);
  }
  return e;
}
function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 4096) {
    const end = Math.min(i + 4096, n);
    if (a.subarray(i, end).equals(b.subarray(i, end))) continue;
    for (let j = i; j < end; j++) if (a[j] !== b[j]) return j;
  }
  return n;
}
async function inspectLibrary(library, readelf = "readelf") {
  const dyn = await runChecked(readelf, ["-dW", library]);
  const soname = /Library soname: \[([^\]]+)\]/.exec(dyn.stdout)?.[1];
  const syms = await runChecked(readelf, ["--dyn-syms", "-W", library]);
  const exports = syms.stdout.split("\n").map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 8 && f[4] === "GLOBAL" && f[6] !== "UND").map((f) => f[7].replace(/@.*$/, ""));
  const sections = await runChecked(readelf, ["-SW", library]);
  return { soname, exports, stripped: !/\s\.symtab\s/.test(sections.stdout) };
}
var hex3 = (v) => `0x${v.toString(16)}`;
function compareRegion(what, got, expected) {
  const bad = [];
  if (got.size !== BigInt(expected.length)) bad.push(`${what} size = ${got.size}, expected ${expected.length}`);
  if (got.size % BigInt(PAYLOAD_ALIGN) !== 0n) bad.push(`${what} size ${got.size} is not a multiple of 64 KiB`);
  if (got.address % BigInt(PAYLOAD_ALIGN) !== 0n) bad.push(`the ${what} is at ${hex3(got.address)}, not 64 KiB aligned`);
  if (got.perms[1] !== "w") bad.push(`the ${what} is mapped '${got.perms}', not writable`);
  if (!got.bytes.equals(expected)) bad.push(`the ${what} bytes differ from what was bundled, first at offset ${firstDifference(got.bytes, expected)}`);
  return bad;
}
function compareReport(input, report, expected, info) {
  const bad = [];
  if (report.version !== input.abiVersion) bad.push(`krunfw_get_version() = ${report.version}, expected ${input.abiVersion}`);
  if (report.loadAddr !== input.loadAddr) bad.push(`load_addr = ${hex3(report.loadAddr)}, expected ${hex3(input.loadAddr)}`);
  if (report.entryAddr !== input.entryAddr) bad.push(`entry_addr = ${hex3(report.entryAddr)}, expected ${hex3(input.entryAddr)}`);
  bad.push(...compareRegion("kernel payload", report, expected.kernel));
  const blobNames = Object.keys(expected.blobs ?? {});
  for (const name of blobNames) {
    const got = report.blobs[name];
    if (!got) bad.push(`krunfw_get_${name} is missing`);
    else bad.push(...compareRegion(name, got, expected.blobs[name]));
  }
  if (expected.blobs?.qboot && report.blobs.qboot && report.blobs.qboot.size !== BigInt(QBOOT_SIZE)) {
    bad.push(`qboot is ${report.blobs.qboot.size} bytes; libkrun requires exactly ${QBOOT_SIZE}`);
  }
  if (info.soname !== input.soname) bad.push(`soname is ${info.soname ?? "missing"}, expected ${input.soname}`);
  const wanted = ["krunfw_get_kernel", "krunfw_get_version", ...blobNames.map((n) => `krunfw_get_${n}`)];
  for (const fn of wanted) {
    if (!info.exports.includes(fn)) bad.push(`${fn} is not exported`);
  }
  const extra = info.exports.filter((s) => s.startsWith("krunfw_") && !wanted.includes(s));
  if (extra.length > 0) bad.push(`unexpected exports: ${extra.join(", ")}`);
  if (!info.stripped) bad.push("the library is not stripped (it has a .symtab)");
  return bad;
}
var verifyStage = {
  name: "verify",
  title: "load the library and check what it hands out",
  async run(input, ctx) {
    const tools = input.tools ?? targetTools("x86_64");
    const probeDir = path25.join(ctx.workDir, "verify");
    if (tools.runPrefix.length > 0) ctx.log.info(`running the ${tools.arch} probe under ${tools.runPrefix.join(" ")}`);
    const report = await probeLibrary(input.library, probeDir, tools);
    const expected = {
      kernel: readFileSync14(input.payloadFile),
      blobs: Object.fromEntries((input.blobs ?? []).map((b) => [b.name, readFileSync14(b.payloadFile)]))
    };
    const info = await inspectLibrary(input.library, tools.readelf);
    const bad = compareReport(input, report, expected, info);
    if (bad.length > 0) throw new VerifyError(input.library, bad);
    const checks = [
      `krunfw_get_version() = ${report.version}`,
      `load_addr 0x${report.loadAddr.toString(16)}, entry_addr 0x${report.entryAddr.toString(16)}`,
      `size ${report.size} (64 KiB multiple), at 0x${report.address.toString(16)} (64 KiB aligned, ${report.perms})`,
      `${expected.kernel.length} bytes equal to the kernel's payload`,
      ...Object.entries(report.blobs).map(([n, b]) => `${n}: ${b.size} bytes at 0x${b.address.toString(16)} (${b.perms}), equal to what was bundled`),
      `soname ${info.soname}, stripped, exports ${info.exports.filter((e) => e.startsWith("krunfw_")).join(", ")}`
    ];
    for (const c of checks) ctx.log.info(`\u2713 ${c}`);
    return { checks, payloadFromLibrary: path25.join(probeDir, PAYLOAD_FROM_LIBRARY) };
  },
  summary: (o) => `${o.checks.length} checks passed`
};

// src/check/config-check.ts
import path27 from "node:path";

// src/check/kconfig-in-patches.ts
import { readFileSync as readFileSync15 } from "node:fs";
import path26 from "node:path";

// src/check/diff.ts
var HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
function strip1(header) {
  let name = header.replace(/\t.*$/, "").trim();
  if (name.startsWith('"') && name.endsWith('"')) name = JSON.parse(name);
  if (name === "/dev/null") return void 0;
  const parts = name.split("/");
  return parts.length > 1 ? parts.slice(1).join("/") : name;
}
function parseDiff(text) {
  const lines = text.split("\n");
  const files = [];
  let file;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith("--- ") && lines[i + 1]?.startsWith("+++ ") && HUNK.test(lines[i + 2] ?? "")) {
      const oldName = strip1(l.slice(4));
      const newName = strip1(lines[i + 1].slice(4));
      file = { path: newName ?? oldName ?? "", headerLine: i + 1, creates: oldName === void 0, deletes: newName === void 0, hunks: [] };
      files.push(file);
      i++;
      continue;
    }
    const m = HUNK.exec(l);
    if (!m || !file) continue;
    const hunk = {
      number: file.hunks.length + 1,
      headerLine: i + 1,
      oldStart: Number(m[1]),
      oldCount: m[2] === void 0 ? 1 : Number(m[2]),
      newStart: Number(m[3]),
      newCount: m[4] === void 0 ? 1 : Number(m[4]),
      lines: []
    };
    let oldLeft = hunk.oldCount;
    let newLeft = hunk.newCount;
    while ((oldLeft > 0 || newLeft > 0) && i + 1 < lines.length) {
      const body = lines[++i];
      const kind = body[0];
      if (body.startsWith("\\")) continue;
      if (kind === "+") newLeft--;
      else if (kind === "-") oldLeft--;
      else if (kind === " " || body === "") {
        oldLeft--;
        newLeft--;
      } else break;
      hunk.lines.push({ kind: kind === "+" || kind === "-" ? kind : " ", text: body.slice(1), patchLine: i + 1 });
    }
    file.hunks.push(hunk);
  }
  return files;
}
function oldSide(hunk) {
  return hunk.lines.filter((l) => l.kind !== "+");
}

// src/check/kconfig-in-patches.ts
var ENTRY = /^\s*(?:menu)?config\s+([A-Za-z0-9_]+)\s*$/;
var PROMPT = /^\s*(?:bool|tristate|string|int|hex|prompt)\s+"((?:[^"\\]|\\.)*)"/;
function entries(lines) {
  const out = [];
  for (const l of lines) {
    const e = ENTRY.exec(l.text);
    if (e) {
      out.push({ symbol: e[1], patchLine: l.patchLine });
      continue;
    }
    const p = PROMPT.exec(l.text);
    const last = out[out.length - 1];
    if (p && last && last.prompt === void 0) last.prompt = p[1].replace(/\\(.)/g, "$1");
  }
  return out;
}
function hunkSides(h) {
  return { before: h.lines.filter((l) => l.kind !== "+"), after: h.lines.filter((l) => l.kind !== "-") };
}
function seriesKconfig(patches) {
  const added = [];
  const removed = [];
  for (const patch2 of patches) {
    const name = path26.basename(patch2);
    for (const file of parseDiff(readFileSync15(patch2, "utf8"))) {
      if (!path26.basename(file.path).startsWith("Kconfig")) continue;
      for (const hunk of file.hunks) {
        const { before, after } = hunkSides(hunk);
        const old = entries(before);
        const now = entries(after);
        for (const e of now) if (!old.some((o) => o.symbol === e.symbol)) added.push({ ...e, file: file.path, patch: patch2, name });
        for (const e of old) if (!now.some((o) => o.symbol === e.symbol)) removed.push({ ...e, file: file.path, patch: patch2, name });
      }
    }
  }
  return { added, removed };
}

// src/check/config-check.ts
var normalPrompt = (p) => p.trim().replace(/\s+/g, " ").toLowerCase();
function renamesOf(kconfig, old, basis) {
  if (!old.prompt) return [];
  const dir = path27.dirname(old.file);
  const want = normalPrompt(old.prompt);
  const out = [];
  for (const sym of kconfig.symbols.values()) {
    if (sym.name === old.symbol) continue;
    for (const def of sym.definitions) {
      if (!def.prompt || normalPrompt(def.prompt.text) !== want) continue;
      const d = path27.dirname(def.at.file);
      if (d !== dir && !d.startsWith(`${dir}/`)) continue;
      out.push({ option: `CONFIG_${sym.name}`, at: def.at, prompt: def.prompt.text, basis });
      break;
    }
  }
  return out;
}
async function checkConfig(input, ctx) {
  const written = await writeConfig(input, ctx);
  const { requested, final } = written;
  const lost = findLost(requested, final);
  const result = {
    mode: input.config.mode,
    files: input.config.files,
    dotConfig: written.dotConfig,
    requested: requested.size,
    kept: requested.size - lost.length,
    verdicts: []
  };
  if (lost.length === 0) return result;
  const started = performance.now();
  const kconfig = treeKconfig(input.tree, input.arch);
  result.kconfig = {
    files: kconfig.files.length,
    symbols: [...kconfig.symbols.values()].filter((s) => s.definitions.length > 0).length,
    ms: Math.round(performance.now() - started),
    problems: kconfig.problems.length
  };
  for (const p of kconfig.problems) ctx.log.debug(`Kconfig: ${p.at.file}:${p.at.line}: ${p.message}`);
  const ev = new Evaluator(kconfig, configValues(final));
  const patched = input.series ? seriesKconfig(input.series.patches) : { added: [], removed: [] };
  const leftOut = new Set(input.series?.leftOut ?? []);
  for (const o of lost) {
    const name = o.option.replace(/^CONFIG_/, "");
    const sym = ev.symbol(name);
    const why = whyNot(ev, o.option, o.requested, final.get(o.option)?.value ?? "n", { requested });
    const verdict = {
      option: o.option,
      requested: o.requested,
      actual: final.has(o.option) ? final.get(o.option).value : "absent",
      from: o.from,
      status: sym ? "lost" : "vanished",
      settable: !sym || sym.definitions.some((d) => d.prompt),
      derived: isDerived(input.config.mode, o.option, kconfig),
      cause: why.text,
      why,
      dependsOn: sym ? sym.definitions.flatMap((d) => d.dependsOn.map((c) => c.text)) : [],
      renames: []
    };
    if (!sym) {
      verdict.cause = "no longer exists in this kernel";
      const adder = patched.added.find((a) => a.symbol === name && leftOut.has(a.name));
      if (adder) {
        verdict.addedBy = { patch: adder.patch, name: adder.name, file: adder.file };
        verdict.cause = `${adder.name} adds it (${adder.file}), and that patch did not apply`;
      }
      const olds = [];
      for (const r of patched.removed.filter((x) => x.symbol === name)) olds.push({ ...r, basis: `${r.name} removes it from ${r.file}` });
      for (const def of input.previous?.symbols.get(name)?.definitions ?? []) {
        olds.push({ symbol: name, file: def.at.file, prompt: def.prompt?.text, basis: `${def.at.file}:${def.at.line} of the previous kernel` });
      }
      for (const old of olds) {
        for (const s of renamesOf(kconfig, old, old.basis)) if (!verdict.renames.some((r) => r.option === s.option)) verdict.renames.push(s);
      }
      if (verdict.renames.length > 0) {
        verdict.cause += `; renamed? ${verdict.renames.map((r) => `${r.option} (${r.at.file}:${r.at.line}) has the same prompt '${r.prompt}'`).join(", ")}`;
      }
    }
    result.verdicts.push(verdict);
  }
  return result;
}

// src/check/hunk-locate.ts
var SHORT = 72;
function shortLine(text) {
  const t = text.replace(/\t/g, "    ").trim();
  return t.length > SHORT ? `${t.slice(0, SHORT - 1)}\u2026` : t;
}
var telling = (text) => text.trim().replace(/[{}();,\s]/g, "").length >= 4;
function lineIndex(fileLines) {
  const index = /* @__PURE__ */ new Map();
  fileLines.forEach((l, i) => {
    const list = index.get(l);
    if (list) list.push(i);
    else index.set(l, [i]);
  });
  return index;
}
function locateHunk(hunk, fileLines, near, index = lineIndex(fileLines)) {
  const expected = oldSide(hunk);
  if (expected.length === 0) return void 0;
  const votes = /* @__PURE__ */ new Map();
  expected.forEach((l, i) => {
    if (!telling(l.text)) return;
    for (const pos of index.get(l.text) ?? []) votes.set(pos - i, (votes.get(pos - i) ?? 0) + 1);
  });
  let best;
  let bestVotes = 0;
  for (const [start, n] of votes) {
    if (n > bestVotes || n === bestVotes && best !== void 0 && Math.abs(start + 1 - near) < Math.abs(best + 1 - near)) {
      best = start;
      bestVotes = n;
    }
  }
  if (best === void 0) return void 0;
  let matching = 0;
  let firstDiff;
  expected.forEach((l, i) => {
    if (fileLines[best + i] === l.text) matching++;
    else firstDiff ??= i;
  });
  const place = { line: Math.max(best, 0) + 1, matching, of: expected.length };
  if (firstDiff !== void 0) {
    const e = expected[firstDiff];
    place.expected = { patchLine: e.patchLine, text: e.text };
    const at = best + firstDiff;
    if (at >= 0 && at < fileLines.length) place.found = { line: at + 1, text: fileLines[at] };
  }
  return place;
}

// src/check/describe.ts
var signed = (n) => n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : "0";
function movedText(moved) {
  const byFile = /* @__PURE__ */ new Map();
  for (const m of moved) byFile.set(m.file, [...byFile.get(m.file) ?? [], m]);
  return [...byFile].map(([file, ms]) => {
    const runs = [];
    for (const m of ms) {
      const last = runs[runs.length - 1];
      if (last && last.offset === m.offset && last.to === m.hunk - 1) last.to = m.hunk;
      else runs.push({ from: m.hunk, to: m.hunk, offset: m.offset });
    }
    return `${file} ${runs.map((r) => `#${r.from}${r.to > r.from ? `\u2013${r.to}` : ""} ${signed(r.offset)}`).join(", ")}`;
  }).join("; ");
}
function hunkList(hs) {
  const byFile = /* @__PURE__ */ new Map();
  for (const h of hs) byFile.set(h.file, [...byFile.get(h.file) ?? [], h.hunk]);
  return [...byFile].map(([file, ns]) => `${file} #${ns.join(", #")}`).join("; ");
}
function failedText(v) {
  const parts = v.failed.map((f) => f.reason ? `${f.file}: ${f.reason}` : `${f.file}: ${f.hunks.length} hunk${f.hunks.length === 1 ? "" : "s"} (#${f.hunks.map((h) => h.hunk).join(", #")})`);
  const needs = v.likelyNeeds.length > 0 ? `; likely needs ${v.likelyNeeds.join(", ")}` : "";
  return `${parts.join("; ")}${needs}`;
}
var RESULT_TEXT = {
  applies: "applies",
  offset: "applies (offsets)",
  "already-in": "already in kernel",
  "partly-in": "partly in kernel",
  fails: "FAILS"
};
function verdictDetail(v) {
  switch (v.result) {
    case "applies":
      return "cleanly";
    case "offset":
      return `moved: ${movedText(v.moved)}`;
    case "already-in":
      return "it reverse-applies: drop it from the series";
    case "partly-in":
      return `in the kernel: ${hunkList(v.inKernel)}; ${v.failed.length === 0 ? "the rest applies" : `does not apply: ${failedText(v)}`}`;
    case "fails":
      return v.fatal ? `patch cannot read it: ${v.fatal}` : failedText(v);
  }
}
function failedHunkLines(v) {
  const out = [];
  for (const f of v.failed) {
    if (f.reason) out.push(`${f.file}: ${f.reason}`);
    for (const h of f.hunks) {
      const at = [h.triedAt !== void 0 ? `at line ${h.triedAt} of ${f.file}` : "", `(line ${h.patchLine} of the patch)`].filter(Boolean).join(" ");
      out.push(`${f.file}: hunk #${h.hunk} FAILED ${at}`);
      out.push(...placeLines(h.nearest).map((l) => `  ${l}`));
    }
  }
  return out;
}
function placeLines(n) {
  if (!n) return ["none of its lines are in the file any more"];
  if (!n.expected) return [`its text stands whole at line ${n.line}`];
  return [
    `nearest at line ${n.line} (${n.matching} of ${n.of} lines match)`,
    `expected (patch line ${n.expected.patchLine}): ${shortLine(n.expected.text)}`,
    n.found ? `found (line ${n.found.line}): ${shortLine(n.found.text)}` : "found: the end of the file"
  ];
}
function configGroups(c) {
  const groups = [
    { title: "lost", verdicts: c.verdicts.filter((v) => v.status === "lost" && v.settable) },
    { title: "no longer in this kernel", verdicts: c.verdicts.filter((v) => v.status === "vanished") },
    { title: "derived by kconfig (no prompt: the compiler or other options decide)", verdicts: c.verdicts.filter((v) => v.status === "lost" && !v.settable) }
  ];
  return groups.filter((g) => g.verdicts.length > 0);
}
function configVerdictLine(v) {
  const where2 = v.from ? ` (${v.from.file}${v.from.line ? `:${v.from.line}` : ""})` : "";
  return `${v.option}: asked ${v.requested}, got ${v.actual}${where2} \u2014 ${v.cause}`;
}
function configSummary(c) {
  return [`${c.requested} options asked for, ${c.kept} landed`, ...configGroups(c).map((g) => `${g.verdicts.length} ${g.title.replace(/ \(.*\)$/, "")}`)].join(", ");
}
function summaryLine(r) {
  const counts = Object.keys(r.counts).filter((k) => r.counts[k] > 0).map((k) => `${r.counts[k]} ${RESULT_TEXT[k]}`).join(", ");
  const kernel = `Linux ${r.kernel.version ?? "(unknown version)"} ${r.arch}`;
  const series = r.patches.length === 0 ? "no patches" : `${r.patches.length} patches: ${counts}`;
  const config = r.config ? `; config: ${configSummary(r.config)}` : "";
  return `check ${r.passed ? "passed" : "FAILED"} on ${kernel}: ${series}${config}`;
}
function leftOutLine(r) {
  const left = r.patches.filter((p) => p.result === "fails" || p.result === "partly-in");
  const after = left.length > 0 ? r.patches.filter((p) => p.index > left[0].index).length : 0;
  if (left.length === 0 || after === 0) return void 0;
  return `left out of the tree: ${left.map((p) => p.name).join(", ")}; the ${after} patch${after === 1 ? "" : "es"} after ${left[0].name} were tried without ${left.length === 1 ? "it" : "those left out before them"}`;
}

// src/check/annotations.ts
function checkAnnotations(r) {
  const out = [];
  for (const p of r.patches) {
    if (p.result === "already-in") {
      out.push({ level: "warning", message: `${p.name} is already in this kernel (it reverse-applies): drop it from the series`, where: { file: p.patch, line: 1, title: "already in this kernel" } });
    }
    for (const h of p.result === "partly-in" ? p.inKernel : []) {
      out.push({ level: "warning", message: `${h.file}: hunk #${h.hunk} is already in this kernel`, where: { file: p.patch, line: h.patchLine, title: `${h.file}: hunk #${h.hunk} already in this kernel` } });
    }
    if (p.fatal) out.push({ level: "error", message: `patch cannot read ${p.name}: ${p.fatal}`, where: { file: p.patch, title: "patch does not apply" } });
    for (const f of p.failed) {
      if (f.reason) out.push({ level: "error", message: `${f.file}: ${f.reason}`, where: { file: p.patch, title: `${f.file} does not patch` } });
      for (const h of f.hunks) {
        const title = `${f.file}: hunk #${h.hunk} FAILED${h.triedAt !== void 0 ? ` at line ${h.triedAt}` : ""}`;
        out.push({ level: "error", message: [title, ...placeLines(h.nearest)].join("\n"), where: { file: p.patch, line: h.patchLine, title } });
      }
    }
  }
  for (const v of r.config?.verdicts ?? []) {
    if (!v.from) continue;
    out.push({ level: "error", message: configVerdictLine(v), where: { ...v.from, title: `${v.option} did not land` } });
  }
  return out;
}

// src/check/patch-trial.ts
import { readFileSync as readFileSync16 } from "node:fs";
import path28 from "node:path";

// src/check/patch-output.ts
var unquote = (name) => name.replace(/^'(.*)'$/, "$1").replace(/^"(.*)"$/, "$1");
function parsePatchRun(output, diff) {
  const files = /* @__PURE__ */ new Map();
  const outcome = (file) => {
    let o = files.get(file);
    if (!o) files.set(file, o = { failed: /* @__PURE__ */ new Map(), moved: /* @__PURE__ */ new Map() });
    return o;
  };
  let current;
  let missingAt;
  let fatal;
  let pendingReason;
  for (const line of output.split("\n")) {
    let m;
    if (m = /^(?:checking|patching) file (.+?)(?: \((?:renamed|copied) from .+\))?$/.exec(line)) {
      current = unquote(m[1]);
      outcome(current);
      if (pendingReason) outcome(current).reason = pendingReason;
      pendingReason = void 0;
    } else if ((m = /^Hunk #(\d+) FAILED at (\d+)/.exec(line)) && current) {
      outcome(current).failed.set(Number(m[1]), Number(m[2]));
    } else if ((m = /^Hunk #(\d+) succeeded at (\d+)(?: with fuzz \d+)?(?: \(offset (-?\d+) lines?\))?/.exec(line)) && current) {
      if (m[3] !== void 0) outcome(current).moved.set(Number(m[1]), { line: Number(m[2]), offset: Number(m[3]) });
    } else if (m = /^can't find file to patch at input line (\d+)/.exec(line)) {
      missingAt = Number(m[1]);
    } else if (/^No file to patch\. {2}Skipping patch\./.test(line) && missingAt !== void 0) {
      const at = missingAt;
      const file = diff.find((f) => f.headerLine <= at && (f.hunks[0]?.headerLine ?? f.headerLine) >= at) ?? diff.find((f) => f.hunks[0]?.headerLine === at);
      outcome(file?.path ?? `(the file at line ${at} of the patch)`).reason = "the file does not exist in the kernel tree";
      missingAt = void 0;
    } else if (m = /^The next patch would create the file (.+),$/.exec(line)) {
      pendingReason = `creates ${unquote(m[1])}, which already exists`;
    } else if (m = /^The next patch would delete the file (.+),$/.exec(line)) {
      pendingReason = `deletes ${unquote(m[1])}, which does not exist`;
    } else if (m = /^Not deleting file (.+) as content differs from patch/.exec(line)) {
      outcome(unquote(m[1])).reason = "it would delete the file, but the file differs from what the patch removes";
    } else if (m = /^File (.+) is not a regular file -- refusing to patch/.exec(line)) {
      outcome(unquote(m[1])).reason = "not a regular file";
    } else if (m = /^patch: \*\*\*\* (.*)$/.exec(line)) {
      fatal = m[1];
    }
  }
  return { files, fatal };
}

// src/check/patch-trial.ts
var patchArgs = (tree, file) => ["-p1", "--force", "--fuzz=0", "--no-backup-if-mismatch", "-r", "-", "-d", tree, "-i", file];
async function patchRun(tree, file, extra, diff, logFile) {
  const r = await run("patch", [...extra, ...patchArgs(tree, file)], { env: { LC_ALL: "C" }, logFile, tail: 5e3 });
  if (r.exitCode > 1 && !r.tail.some((l) => l.startsWith("patch: ****"))) {
    throw new InfrastructureError(`patch ${extra.join(" ")} on ${file} failed (exit ${r.exitCode}):
${r.tail.slice(-20).join("\n")}`);
  }
  const output = r.tail.join("\n");
  return { ok: r.exitCode === 0, run: parsePatchRun(output, diff), output };
}
function placeFailedHunks(tree, failed, diff) {
  for (const f of failed) {
    if (f.reason || f.hunks.length === 0) continue;
    let lines;
    try {
      lines = readFileSync16(path28.join(tree, f.file), "utf8").split("\n");
    } catch {
      continue;
    }
    const index = lineIndex(lines);
    const file = diff.find((d) => d.path === f.file);
    for (const h of f.hunks) {
      const hunk = file?.hunks.find((x) => x.number === h.hunk);
      if (!hunk) continue;
      const place = locateHunk(hunk, lines, h.triedAt ?? hunk.oldStart, index);
      if (place) h.nearest = place;
    }
  }
}
function ref2(diff, file, hunk) {
  const h = diff.find((d) => d.path === file)?.hunks.find((x) => x.number === hunk);
  return { file, hunk, patchLine: h?.headerLine ?? 0 };
}
async function tryPatch(tree, patch2, index, options = {}) {
  const text = readFileSync16(patch2, "utf8");
  const diff = parseDiff(text);
  const base = { patch: patch2, name: path28.basename(patch2), index, files: [...new Set(diff.map((d) => d.path))] };
  const forward = await patchRun(tree, patch2, ["--dry-run"], diff, options.logFile);
  const moved = (r) => [...r.files].flatMap(([file, o]) => [...o.moved].map(([hunk, m]) => ({ ...ref2(diff, file, hunk), line: m.line, offset: m.offset })));
  if (forward.ok) {
    const real = await patchRun(tree, patch2, [], diff, options.logFile);
    if (!real.ok) throw new InfrastructureError(`${patch2} applied in a dry run but not for real:
${real.output}`);
    const m = moved(forward.run);
    return { ...base, result: m.length > 0 ? "offset" : "applies", applied: true, moved: m, inKernel: [], failed: [] };
  }
  if (forward.run.fatal) {
    return { ...base, result: "fails", applied: false, moved: [], inKernel: [], failed: [], fatal: forward.run.fatal };
  }
  const reverse = await patchRun(tree, patch2, ["--dry-run", "-R"], diff, options.logFile);
  if (reverse.ok) {
    const inKernel2 = diff.flatMap((d) => d.hunks.map((h) => ({ file: d.path, hunk: h.number, patchLine: h.headerLine })));
    return { ...base, result: "already-in", applied: false, moved: [], inKernel: inKernel2, failed: [] };
  }
  const inKernel = [];
  const failed = [];
  for (const [file, fwd] of forward.run.files) {
    const rev = reverse.run.files.get(file);
    const detail = { file, hunks: [] };
    if (fwd.reason) {
      if (rev && !rev.reason && rev.failed.size === 0) {
        for (const h of diff.find((d) => d.path === file)?.hunks ?? []) inKernel.push(ref2(diff, file, h.number));
      } else detail.reason = fwd.reason;
    }
    for (const [hunk, triedAt] of fwd.failed) {
      const reversed = rev !== void 0 && !rev.reason && !rev.failed.has(hunk);
      if (reversed) inKernel.push(ref2(diff, file, hunk));
      else detail.hunks.push({ ...ref2(diff, file, hunk), triedAt });
    }
    if (detail.reason || detail.hunks.length > 0) failed.push(detail);
  }
  placeFailedHunks(tree, failed, diff);
  return { ...base, result: inKernel.length > 0 ? "partly-in" : "fails", applied: false, moved: moved(forward.run), inKernel, failed };
}
async function trySeries(tree, patches, options = {}) {
  const verdicts = [];
  const leftOut = [];
  for (const [i, patch2] of patches.entries()) {
    const v = await tryPatch(tree, patch2, i + 1, options);
    const failedFiles = new Set(v.failed.map((f) => f.file));
    const verdict = {
      ...v,
      triedWithout: leftOut.map((l) => l.name),
      likelyNeeds: leftOut.filter((l) => l.files.some((f) => failedFiles.has(f))).map((l) => l.name)
    };
    verdicts.push(verdict);
    if (verdict.result === "fails" || verdict.result === "partly-in") leftOut.push(verdict);
    options.onVerdict?.(verdict);
  }
  return verdicts;
}
async function revertApplied(tree, verdicts, logFile) {
  for (const v of [...verdicts].reverse()) {
    if (!v.applied) continue;
    const r = await run("patch", ["-R", "--silent", ...patchArgs(tree, v.patch)], { env: { LC_ALL: "C" }, logFile });
    if (r.exitCode !== 0) throw new InfrastructureError(`could not take ${v.name} off ${tree} again:
${r.tail.slice(-20).join("\n")}`);
  }
}

// src/check/render-terminal.ts
function renderTerminal(r) {
  const out = [summaryLine(r)];
  if (r.patches.length > 0) {
    const nameWidth = Math.max(5, ...r.patches.map((p) => p.name.length));
    const resultWidth = Math.max(6, ...r.patches.map((p) => RESULT_TEXT[p.result].length));
    const row = (n, name, result, detail) => `${n.padStart(3)}  ${name.padEnd(nameWidth)}  ${result.padEnd(resultWidth)}  ${detail}`.trimEnd();
    out.push("", row("#", "patch", "result", "detail"));
    for (const p of r.patches) {
      out.push(row(String(p.index), p.name, RESULT_TEXT[p.result], verdictDetail(p)));
      if (p.result === "fails" || p.result === "partly-in") out.push(...failedHunkLines(p).map((l) => `       ${l}`));
    }
    const left = leftOutLine(r);
    if (left) out.push("", left);
  }
  for (const g of r.config ? configGroups(r.config) : []) {
    out.push("", `config options ${g.title}:`);
    for (const v of g.verdicts) out.push(`  ${configVerdictLine(v)}`);
  }
  return out.join("\n");
}

// src/check/report.ts
import { mkdirSync as mkdirSync12, renameSync as renameSync3, writeFileSync as writeFileSync10 } from "node:fs";
import path29 from "node:path";
var CHECK_REPORT_FILE = "check-report.json";
var PATCH_RESULTS = ["applies", "offset", "already-in", "partly-in", "fails"];
function buildReport(parts) {
  const counts = Object.fromEntries(PATCH_RESULTS.map((r) => [r, parts.patches.filter((p) => p.result === r).length]));
  const patchesPass = parts.patches.every((p) => p.result === "applies" || p.result === "offset");
  const configPasses = !parts.config || parts.config.verdicts.every((v) => v.derived);
  return {
    format: 1,
    passed: patchesPass && configPasses,
    kernel: { version: parts.kernelVersion, tree: parts.tree },
    arch: parts.arch,
    patches: parts.patches,
    counts,
    config: parts.config,
    timings: parts.timings
  };
}
function writeCheckReport(report, dir) {
  mkdirSync12(dir, { recursive: true });
  const file = path29.join(dir, CHECK_REPORT_FILE);
  writeFileSync10(`${file}.partial`, `${JSON.stringify(report, null, 2)}
`);
  renameSync3(`${file}.partial`, file);
  return file;
}

// src/check/run-check.ts
async function runCheck(input, ctx) {
  const t0 = performance.now();
  const patches = await trySeries(input.tree, input.patches, {
    logFile: ctx.logFile,
    onVerdict: (v) => ctx.log.info(`${String(v.index).padStart(2)} ${v.name}: ${RESULT_TEXT[v.result]} \u2014 ${verdictDetail(v)}`)
  });
  const t1 = performance.now();
  let config;
  if (input.config) {
    const leftOut = patches.filter((p) => p.result === "fails" || p.result === "partly-in").map((p) => p.name);
    config = await checkConfig(
      { tree: input.tree, arch: input.arch, config: input.config, crossCompile: input.crossCompile, series: { patches: input.patches, leftOut }, previous: input.previous },
      ctx
    );
  }
  const report = buildReport({
    tree: input.tree,
    arch: input.arch,
    kernelVersion: kernelVersionOf(input.tree),
    patches,
    config,
    timings: { patchesMs: Math.round(t1 - t0), configMs: config ? Math.round(performance.now() - t1) : void 0 }
  });
  ctx.log.info(summaryLine(report));
  return report;
}
var checkStage = {
  name: "check",
  title: "try every patch and every config option",
  async run(input, ctx) {
    const report = await runCheck(input, ctx);
    for (const line of renderTerminal(report).split("\n")) ctx.log.info(line);
    for (const a of checkAnnotations(report)) {
      if (a.level === "error") ctx.log.error(a.message, a.where);
      else ctx.log.warning(a.message, a.where);
    }
    await revertApplied(input.tree, report.patches, ctx.logFile);
    return { report, file: writeCheckReport(report, input.outDir) };
  },
  produces: (o) => [o.file],
  summary: (o) => summaryLine(o.report)
};

// src/measure/measure-stage.ts
import { mkdirSync as mkdirSync13, readFileSync as readFileSync17, renameSync as renameSync4, writeFileSync as writeFileSync11 } from "node:fs";
import path31 from "node:path";

// src/measure/measure-library.ts
import path30 from "node:path";

// src/measure/layout.ts
var QBOOT_ADDR = 0xffff0000n;
var QBOOT_SIZE2 = 65536;
var INITRD_ADDR = 0xa00000n;
var ZERO_PAGE_ADDR = 0x7000n;
var CMDLINE_ADDR = 0x20000n;
var CMDLINE_SIZE = 512;
var EBDA_START = 0x9fc00n;
var HIMEM_START = 0x100000n;
var MMIO_MEM_START = 0xd0000000n;
var FIRST_ADDR_PAST_32BITS = 0x100000000n;
var BOOT_STACK_POINTER = 0x8ff0n;
var RESET_VECTOR = 0xfff0n;
var RESET_VECTOR_SEV_AP = 0xfff3n;
var SNP_LIDT_ADDR = 0x0n;
var SNP_SECRETS_ADDR = 0x5000n;
var SNP_CPUID_ADDR = 0x6000n;
var SNP_FWDATA_ADDR = 0x8000n;
var SNP_FWDATA_PAGES = 7;
var SNP_VMSA_GPA = 0xfffffffff000n;
var PAGE_SIZE = 4096;

// src/measure/guest-image.ts
var hex4 = (v) => `0x${v.toString(16)}`;
var page = BigInt(PAGE_SIZE);
function guestRegions(image) {
  const at = (what, start, size) => ({ what, start, end: start + BigInt(size) });
  return [
    at("the SNP LIDT page", SNP_LIDT_ADDR, page),
    at("the SNP secrets page", SNP_SECRETS_ADDR, page),
    at("the SNP CPUID page", SNP_CPUID_ADDR, page),
    at("the zero page", ZERO_PAGE_ADDR, page),
    at("the SNP firmware pages", SNP_FWDATA_ADDR, page * BigInt(SNP_FWDATA_PAGES)),
    at("the initrd", INITRD_ADDR, image.initrd.length),
    at("the kernel", image.kernelLoadAddr, image.kernel.length),
    at("qboot", QBOOT_ADDR, image.qboot.length)
  ];
}
function checkGuestImage(image, source2) {
  const bad = (why) => {
    throw new InputError(`${source2}: ${why}`);
  };
  if (image.qboot.length !== QBOOT_SIZE2) bad(`krunfw_get_qboot() hands out ${image.qboot.length} bytes; libkrun maps qboot as exactly ${QBOOT_SIZE2}`);
  if (image.initrd.length !== image.initrdSize) bad(`krunfw_get_initrd() reports ${image.initrdSize} bytes but handed out ${image.initrd.length}`);
  if (image.initrdSize > 4294967295) bad(`the initrd is ${image.initrdSize} bytes; the zero page's ramdisk_size holds 32 bits`);
  for (const [what, bytes] of [["kernel", image.kernel], ["initrd", image.initrd]]) {
    if (bytes.length === 0 || bytes.length % PAGE_SIZE !== 0) bad(`the ${what} is ${bytes.length} bytes, not whole 4 KiB pages (SNP measures pages)`);
  }
  if (image.kernelLoadAddr % page !== 0n) bad(`the kernel's load_addr ${hex4(image.kernelLoadAddr)} is not 4 KiB aligned`);
  const regions = guestRegions(image);
  for (let i = 0; i < regions.length; i++) {
    for (let j = i + 1; j < regions.length; j++) {
      const a = regions[i];
      const b = regions[j];
      if (a.start < b.end && b.start < a.end) {
        bad(`${b.what} (${hex4(b.start)}..${hex4(b.end)}) overlaps ${a.what} (${hex4(a.start)}..${hex4(a.end)}) in libkrun's SEV layout`);
      }
    }
  }
}
function checkFitsMemory(image, memoryMiB, source2) {
  const ramBelowGap = BigInt(memoryMiB) * 0x100000n < MMIO_MEM_START ? BigInt(memoryMiB) * 0x100000n : MMIO_MEM_START;
  for (const r of guestRegions(image).filter((r2) => r2.what === "the kernel" || r2.what === "the initrd")) {
    if (r.end > ramBelowGap) {
      throw new InputError(`memory ${memoryMiB} MiB: ${r.what} of ${source2} ends at ${hex4(r.end)}, beyond the guest's RAM (${hex4(ramBelowGap)})`);
    }
  }
}

// src/measure/launch-digests.ts
import { createHash as createHash4 } from "node:crypto";

// src/measure/snp-launch-digest.ts
import { createHash as createHash3 } from "node:crypto";
var PAGE_INFO_SIZE = 112;
var PAGE_INFO = {
  digestCur: 0,
  // 48 bytes
  contents: 48,
  // 48 bytes
  length: 96,
  // u16
  pageType: 98,
  // u8
  imiPage: 99,
  // bit 0
  vmpl3Perms: 100,
  vmpl2Perms: 101,
  vmpl1Perms: 102,
  gpa: 104
  // u64
};
var PAGE_TYPE = {
  normal: 1,
  vmsa: 2,
  zero: 3,
  unmeasured: 4,
  secrets: 5,
  cpuid: 6
};
var SNP_DIGEST_SIZE = 48;
var sha384 = (data) => createHash3("sha384").update(data).digest();
function pageInfo(digestCur, contents, type, gpa) {
  const info = Buffer.alloc(PAGE_INFO_SIZE);
  digestCur.copy(info, PAGE_INFO.digestCur);
  contents.copy(info, PAGE_INFO.contents);
  info.writeUInt16LE(PAGE_INFO_SIZE, PAGE_INFO.length);
  info.writeUInt8(PAGE_TYPE[type], PAGE_INFO.pageType);
  info.writeBigUInt64LE(gpa, PAGE_INFO.gpa);
  return info;
}
var SnpLaunchDigest = class _SnpLaunchDigest {
  digest;
  constructor(start = Buffer.alloc(SNP_DIGEST_SIZE)) {
    this.digest = Buffer.from(start);
  }
  copy() {
    return new _SnpLaunchDigest(this.digest);
  }
  update(type, gpa, contents) {
    this.digest = sha384(pageInfo(this.digest, contents, type, gpa));
  }
  /** Pages whose contents are measured (normal pages, VMSA pages), from `gpa` on. */
  measurePages(type, gpa, bytes) {
    if (bytes.length % PAGE_SIZE !== 0) throw new RangeError(`${bytes.length} bytes are not whole 4 KiB pages`);
    for (let off = 0; off < bytes.length; off += PAGE_SIZE) {
      this.update(type, gpa + BigInt(off), sha384(bytes.subarray(off, off + PAGE_SIZE)));
    }
    return this;
  }
  /** `count` pages whose contents the firmware does not measure (zero, secrets, CPUID...). */
  measureWithoutContents(type, gpa, count) {
    const none = Buffer.alloc(SNP_DIGEST_SIZE);
    for (let i = 0; i < count; i++) this.update(type, gpa + BigInt(i * PAGE_SIZE), none);
    return this;
  }
  hex() {
    return this.digest.toString("hex");
  }
};

// src/measure/vmsa.ts
var SEGMENT_NAMES = ["es", "cs", "ss", "ds", "fs", "gs", "gdtr", "ldtr", "idtr", "tr"];
var VMSA_U64 = {
  efer: 208,
  cr4: 328,
  cr3: 336,
  cr0: 344,
  dr7: 352,
  dr6: 360,
  rflags: 368,
  rip: 376,
  rsp: 472,
  rax: 504,
  gPat: 616,
  rcx: 776,
  rdx: 784,
  rbx: 792,
  rbp: 808,
  rsi: 816,
  rdi: 824,
  sevFeatures: 944,
  xcr0: 1e3
};
var VMSA_SEGMENT_SIZE = 16;
var SEV_FEATURE_SNP_ACTIVE = 1n;
var EFER_SVME = 1n << 12n;
var CR0_ET = 0x10n;
var CR4_MCE = 0x40n;
var DATA_SEGMENT = 146;
var ACCESSED = 1;
var CODE_SEGMENT = 154;
var LDT_SEGMENT = 130;
var BUSY_TSS16_SEGMENT = 131;
var segment = (attrib, selector = 0, base = 0n) => ({ selector, attrib, limit: 65535, base });
function vcpuState(role, mode) {
  const boot2 = role === "boot";
  return {
    es: segment(DATA_SEGMENT | ACCESSED),
    cs: segment(CODE_SEGMENT, 61440, 0xffff0000n),
    ss: segment(DATA_SEGMENT),
    ds: segment(DATA_SEGMENT | ACCESSED),
    fs: segment(DATA_SEGMENT | ACCESSED),
    gs: segment(DATA_SEGMENT | ACCESSED),
    gdtr: segment(0),
    ldtr: segment(LDT_SEGMENT),
    idtr: segment(0),
    tr: segment(BUSY_TSS16_SEGMENT),
    efer: EFER_SVME,
    cr0: CR0_ET,
    cr3: 0n,
    cr4: CR4_MCE,
    dr6: 0xffff0ff0n,
    dr7: 0x400n,
    rflags: 0x2n,
    rip: boot2 ? RESET_VECTOR : RESET_VECTOR_SEV_AP,
    rsp: boot2 ? BOOT_STACK_POINTER : 0n,
    rbp: boot2 ? BOOT_STACK_POINTER : 0n,
    rsi: boot2 ? ZERO_PAGE_ADDR : 0n,
    rax: 0n,
    rbx: 0n,
    rcx: 0n,
    rdx: 0n,
    rdi: 0n,
    // PAT's power-on value: WB, WT, UC-, UC, repeated.
    gPat: 0x0007040600070406n,
    xcr0: 0x1n,
    sevFeatures: mode === "snp" ? SEV_FEATURE_SNP_ACTIVE : 0n
  };
}
function encodeVmsa(state) {
  const page2 = Buffer.alloc(PAGE_SIZE);
  SEGMENT_NAMES.forEach((name, i) => {
    const s = state[name];
    const at = i * VMSA_SEGMENT_SIZE;
    page2.writeUInt16LE(s.selector, at);
    page2.writeUInt16LE(s.attrib, at + 2);
    page2.writeUInt32LE(s.limit, at + 4);
    page2.writeBigUInt64LE(s.base, at + 8);
  });
  for (const [name, offset] of Object.entries(VMSA_U64)) page2.writeBigUInt64LE(state[name], offset);
  return page2;
}
function buildVmsa(role, mode) {
  return encodeVmsa(vcpuState(role, mode));
}

// src/measure/zero-page.ts
var BOOT_PARAMS = {
  e820Entries: 488,
  // u8
  hdrSyssize: 500,
  // u32
  hdrBootFlag: 510,
  // u16
  hdrHeader: 514,
  // u32
  hdrTypeOfLoader: 528,
  // u8
  hdrRamdiskImage: 536,
  // u32
  hdrRamdiskSize: 540,
  // u32
  hdrCmdLinePtr: 552,
  // u32
  hdrKernelAlignment: 560,
  // u32
  hdrCmdlineSize: 568,
  // u32
  /** struct boot_e820_entry[128]: u64 addr, u64 size, u32 type; packed, 20 bytes each. */
  e820Table: 720
};
var E820_ENTRY_SIZE = 20;
var E820_RAM = 1;
var LOADER_TYPE_UNDEFINED = 255;
var BOOT_FLAG_MAGIC = 43605;
var HDR_MAGIC = 1400005704;
var KERNEL_ALIGNMENT = 16777216;
function e820Map(memoryMiB) {
  const mem = BigInt(memoryMiB) * 0x100000n;
  const low = { addr: 0n, size: EBDA_START, type: E820_RAM };
  if (mem <= MMIO_MEM_START) return [low, { addr: HIMEM_START, size: mem - HIMEM_START + 1n, type: E820_RAM }];
  return [
    low,
    { addr: HIMEM_START, size: MMIO_MEM_START - HIMEM_START, type: E820_RAM },
    { addr: FIRST_ADDR_PAST_32BITS, size: mem - MMIO_MEM_START + 1n, type: E820_RAM }
  ];
}
function buildZeroPage(p) {
  const page2 = Buffer.alloc(PAGE_SIZE);
  const f = BOOT_PARAMS;
  page2.writeUInt8(LOADER_TYPE_UNDEFINED, f.hdrTypeOfLoader);
  page2.writeUInt16LE(BOOT_FLAG_MAGIC, f.hdrBootFlag);
  page2.writeUInt32LE(HDR_MAGIC, f.hdrHeader);
  page2.writeUInt32LE(KERNEL_ALIGNMENT, f.hdrKernelAlignment);
  page2.writeUInt32LE(Number(CMDLINE_ADDR), f.hdrCmdLinePtr);
  page2.writeUInt32LE(CMDLINE_SIZE, f.hdrCmdlineSize);
  page2.writeUInt32LE(Number(INITRD_ADDR), f.hdrRamdiskImage);
  page2.writeUInt32LE(p.initrdSize, f.hdrRamdiskSize);
  page2.writeUInt32LE(p.vcpus, f.hdrSyssize);
  const map = e820Map(p.memoryMiB);
  page2.writeUInt8(map.length, f.e820Entries);
  map.forEach((e, i) => {
    const at = f.e820Table + i * E820_ENTRY_SIZE;
    page2.writeBigUInt64LE(e.addr, at);
    page2.writeBigUInt64LE(e.size, at + 8);
    page2.writeUInt32LE(e.type, at + 16);
  });
  return page2;
}

// src/measure/launch-digests.ts
function launchDigests(image, configs) {
  const blobs = createHash4("sha256").update(image.qboot).update(image.kernel).update(image.initrd);
  const snpBlobs = new SnpLaunchDigest().measurePages("normal", QBOOT_ADDR, image.qboot).measurePages("normal", image.kernelLoadAddr, image.kernel).measurePages("normal", INITRD_ADDR, image.initrd);
  const esVmsa = { boot: buildVmsa("boot", "sev-es"), ap: buildVmsa("ap", "sev-es") };
  const snpVmsa = { boot: buildVmsa("boot", "snp"), ap: buildVmsa("ap", "snp") };
  return configs.map((config) => {
    const zeroPage = buildZeroPage({ vcpus: config.vcpus, memoryMiB: config.memoryMiB, initrdSize: image.initrdSize });
    const sev = blobs.copy().update(zeroPage);
    const sevEs = sev.copy();
    const sevDigest = sev.digest("hex");
    eachVmsa(config.vcpus, esVmsa, (vmsa) => sevEs.update(vmsa));
    const snp = snpBlobs.copy().measurePages("normal", ZERO_PAGE_ADDR, zeroPage).measureWithoutContents("zero", SNP_LIDT_ADDR, 1).measureWithoutContents("secrets", SNP_SECRETS_ADDR, 1).measureWithoutContents("cpuid", SNP_CPUID_ADDR, 1).measureWithoutContents("zero", SNP_FWDATA_ADDR, SNP_FWDATA_PAGES);
    eachVmsa(config.vcpus, snpVmsa, (vmsa) => snp.measurePages("vmsa", SNP_VMSA_GPA, vmsa));
    return { ...config, sev: sevDigest, sevEs: sevEs.digest("hex"), snp: snp.hex() };
  });
}
function eachVmsa(vcpus, vmsa, f) {
  f(vmsa.boot);
  for (let i = 1; i < vcpus; i++) f(vmsa.ap);
}

// src/measure/measurements.ts
var MEASUREMENTS_FILE = "measurements.json";
var blob2 = (address, bytes) => ({ address: `0x${address.toString(16)}`, size: bytes.length, sha256: sha256(bytes) });
function measureGuest(input) {
  const { image, options, library } = input;
  checkGuestImage(image, library.file);
  for (const m of options.memoryMiB) checkFitsMemory(image, m, library.file);
  const configs = options.vcpus.flatMap((vcpus) => options.memoryMiB.map((memoryMiB) => ({ vcpus, memoryMiB })));
  return {
    format: 1,
    library,
    guest: {
      qboot: blob2(QBOOT_ADDR, image.qboot),
      kernel: blob2(image.kernelLoadAddr, image.kernel),
      initrd: blob2(INITRD_ADDR, image.initrd)
    },
    measurements: launchDigests(image, configs),
    warnings: vcpuWarnings(options.vcpus, input.nrCpus)
  };
}

// src/measure/measure-library.ts
async function measureLibrary(input) {
  const { library } = input;
  const elf = await readElf64(library, { machine: EM_X86_64 });
  const report = await probeLibrary(library, input.workDir).catch((e) => {
    if (e instanceof VerifyError) throw new InputError(`${library}: ${e.mismatches.join("; ")}`);
    throw e;
  });
  const { qboot, initrd } = report.blobs;
  if (!qboot || !initrd) {
    const missing = ["qboot", "initrd"].filter((n) => !report.blobs[n]).map((n) => `krunfw_get_${n}`);
    throw new InputError(`${library} is not a SEV library: it does not export ${missing.join(" or ")}, which libkrun needs to launch a SEV guest`);
  }
  const image = {
    qboot: qboot.bytes,
    kernel: report.bytes,
    kernelLoadAddr: report.loadAddr,
    initrd: initrd.bytes,
    initrdSize: Number(initrd.size)
  };
  return measureGuest({
    image,
    options: input.options,
    library: { file: path30.basename(library), sha256: sha256(elf.data) },
    nrCpus: input.nrCpus
  });
}

// src/measure/render.ts
var vcpuText = (n) => `${n} vCPU${n === 1 ? "" : "s"}`;
function renderText(m) {
  const lines = [`${m.library.file} (sha256 ${m.library.sha256})`];
  for (const r of m.measurements) {
    lines.push("", `${vcpuText(r.vcpus)}, ${r.memoryMiB} MiB`, `  SEV:    ${r.sev}`, `  SEV-ES: ${r.sevEs}`, `  SNP:    ${r.snp}`);
  }
  for (const w of m.warnings) lines.push("", `warning: ${w}`);
  return `${lines.join("\n")}
`;
}
var TABLE_HEADER = ["vCPUs", "memory (MiB)", "SEV (SHA-256)", "SEV-ES (SHA-256)", "SNP (SHA-384)"];
function tableRows(m) {
  return m.measurements.map((r) => [String(r.vcpus), String(r.memoryMiB), `<code>${r.sev}</code>`, `<code>${r.sevEs}</code>`, `<code>${r.snp}</code>`]);
}

// src/measure/measure-stage.ts
var measureStage = {
  name: "measure",
  title: "compute the SEV, SEV-ES and SNP launch digests",
  async run(input, ctx) {
    const dir = path31.join(ctx.workDir, "measure");
    const nrCpus = input.dotConfig ? kernelNrCpus(readFileSync17(input.dotConfig, "utf8")) : void 0;
    const measurements = await measureLibrary({ library: input.library, options: input.options ?? defaultMeasureOptions(), nrCpus, workDir: dir });
    const file = path31.join(input.outDir, MEASUREMENTS_FILE);
    mkdirSync13(input.outDir, { recursive: true });
    writeFileSync11(`${file}.partial`, `${JSON.stringify(measurements, null, 2)}
`);
    renameSync4(`${file}.partial`, file);
    for (const line of renderText({ ...measurements, warnings: [] }).trimEnd().split("\n")) ctx.log.info(line);
    for (const w of measurements.warnings) ctx.log.warning(w);
    return { file, measurements };
  },
  produces: (o) => [o.file],
  summary: (o) => {
    const vcpus = [...new Set(o.measurements.measurements.map((m) => m.vcpus))];
    const memory = [...new Set(o.measurements.measurements.map((m) => m.memoryMiB))];
    return `${o.measurements.measurements.length} launches measured (${vcpus.join(", ")} vCPUs \xD7 ${memory.join(", ")} MiB)`;
  }
};

// src/pipeline/route.ts
var recipe = step(recipeStage, {
  needs: [],
  produces: ["request", "build"],
  input: (s) => s.pending.checkout,
  // A build request is also the library request the later steps read.
  output: (tree, s) => {
    const build = s.pending.settle(tree);
    return { request: build, build };
  }
});
var source = step(sourceStage, {
  needs: ["build"],
  produces: ["fetched"],
  input: (s) => ({ ...s.build.kernel, downloadTo: s.downloadTo }),
  output: (fetched) => ({ fetched })
});
var extract = step(extractStage, {
  needs: ["build", "fetched"],
  produces: ["extracted"],
  input: (s) => ({ tarball: s.fetched.tarball, expectVersion: s.build.kernel.source.kind === "url" ? s.build.kernel.source.version : void 0 }),
  output: (extracted) => ({ extracted })
});
var patch = step(patchStage, {
  needs: ["build", "extracted"],
  produces: ["patched"],
  input: (s) => ({ tree: s.extracted.tree, patches: s.build.patches }),
  output: (patched) => ({ patched })
});
var configure = step(configureStage, {
  needs: ["build", "extracted"],
  produces: ["configured", "kernel"],
  input: (s) => ({ tree: s.extracted.tree, arch: s.build.arch, config: s.build.config, crossCompile: targetTools(s.build.arch).crossCompile }),
  output: (configured, s) => ({ configured, kernel: { version: s.extracted.kernelVersion, finalConfig: configured.dotConfig, licenses: s.extracted.licenses } })
});
var compile = step(compileStage, {
  needs: ["build", "extracted"],
  produces: ["compiled"],
  input: (s) => ({ tree: s.extracted.tree, arch: s.build.arch, jobs: s.build.jobs, reproducibility: s.build.reproducibility, crossCompile: targetTools(s.build.arch).crossCompile, ccache: s.ccache }),
  output: (compiled) => ({ compiled })
});
var bundle = step(bundleStage, {
  needs: ["request", "compiled"],
  produces: ["bundled"],
  input: (s) => ({ image: s.compiled.image, arch: s.request.arch, blobs: s.request.blobs }),
  output: (bundled) => ({ bundled })
});
var link = step(linkStage, {
  needs: ["request", "bundled"],
  produces: ["linked"],
  input: ({ request: r, bundled }) => ({ ...bundled, variant: r.variant, arch: r.arch, abiVersion: r.abiVersion, version: r.version, cc: targetTools(r.arch).cc, strip: targetTools(r.arch).strip }),
  output: (linked) => ({ linked })
});
var verify = step(verifyStage, {
  needs: ["request", "bundled", "linked"],
  produces: ["verified"],
  input: ({ request, bundled, linked }) => ({ ...bundled, ...linked, abiVersion: request.abiVersion, tools: targetTools(request.arch) }),
  output: (verified) => ({ verified })
});
var measure = step(measureStage, {
  needs: ["request", "linked", "verified"],
  produces: ["measured"],
  skip: (s) => s.request.measure ? void 0 : "only sev libraries are measured",
  input: (s) => ({ library: s.linked.library, outDir: s.request.outDir, options: s.request.measure, dotConfig: s.kernel?.finalConfig }),
  output: (measured) => ({ measured })
});
var check = step(checkStage, {
  needs: ["build", "extracted"],
  produces: ["checked", "patched"],
  input: (s) => ({ tree: s.extracted.tree, arch: s.build.arch, patches: s.build.patches, config: s.build.config, crossCompile: targetTools(s.build.arch).crossCompile, outDir: s.build.outDir }),
  // The stage takes its patches off again: the tree is as extracted, for the tree cache.
  output: (checked) => ({ checked, patched: { series: [] } })
});
var boot = step(bootStage, {
  needs: ["request", "bundled", "verified"],
  produces: ["booted"],
  skip: (s) => whyNotBoot(s.request),
  input: (s) => ({ payloadFile: s.verified.payloadFromLibrary, loadAddr: s.bundled.loadAddr, entryAddr: s.bundled.entryAddr }),
  output: (booted) => ({ booted })
});
var pack = step(packageStage, {
  needs: ["request", "linked"],
  produces: ["packaged"],
  input: (s) => ({ ...s.linked, ...s.request, sourceDateEpoch: s.request.reproducibility.sourceDateEpoch }),
  output: (packaged) => ({ packaged })
});
var release = step(releaseStage, {
  needs: ["build", "fetched", "kernel", "bundled", "linked", "packaged"],
  produces: ["released"],
  input: async ({ build: b, fetched, kernel, bundled, linked, packaged, measured }, rt) => ({
    ...b,
    library: { file: linked.fileName, soname: linked.soname, sha256: packaged.librarySha256, payloadSha256: bundled.sha256 },
    kernel: { version: kernel.version, tarball: fetched.tarball, sha256: fetched.sha256, origin: b.kernel.source.kind === "url" ? b.kernel.source.url : `local file ${path32.basename(b.kernel.source.path)}` },
    recipe: b.recipe.kind === "project" ? void 0 : { kind: "libkrunfw-tree", repository: b.recipe.repository, ref: b.recipe.ref, commit: b.recipe.commit },
    ...{ finalConfig: kernel.finalConfig, licenses: kernel.licenses, librarySources: linked.sourceDir, blobs: bundled.blobs, measurements: measured?.file },
    toolchain: (await rt.toolchain(b.arch)).tools
  }),
  output: (released) => ({ released })
});
var publish = step(publishStage, {
  needs: ["build", "packaged", "released"],
  produces: ["published"],
  skip: (s, rt) => !s.build.upload ? "upload is false" : !rt.platform.publisher ? "this platform does not upload; the files stay in out-dir" : void 0,
  input: ({ build: b, packaged: p, released }) => ({
    ...b,
    name: `libkrunfw-${b.version}-${b.variant}-${b.arch}`,
    library: p.library,
    tarball: p.tarball,
    extra: p.prebuilt ? [p.prebuilt.tarball] : [],
    sourceRelease: released.tarball
  }),
  output: (published) => ({ published })
});
var BUILD_ROUTE = [
  cached(sourceCache, source),
  cached(outputCache, cached(treeCache, extract), patch, configure, cached(compilerCache, compile), bundle, link),
  verify,
  measure,
  boot,
  pack,
  release,
  publish
];
var BUNDLE_ROUTE = [bundle, link, verify, measure, boot, pack];
var CHECK_ROUTE = [cached(sourceCache, source), cached(treeCache, extract), check];
function routeOf(s) {
  const mode = s.pending?.mode ?? s.build?.mode;
  const route = mode === "check" ? CHECK_ROUTE : mode === "build" ? BUILD_ROUTE : BUNDLE_ROUTE;
  return s.pending ? [recipe, ...route] : route;
}

// src/release/verify-source.ts
import { readdirSync as readdirSync8, readFileSync as readFileSync18 } from "node:fs";
import path33 from "node:path";

// src/result.ts
function checkResultOf(s, run2) {
  const { build, checked } = s;
  if (!build || !checked) throw new InternalError("the check route ended without a report");
  const { report, file } = checked;
  return { kind: "check", arch: build.arch, variant: build.variant, kernelVersion: report.kernel.version, passed: report.passed, reportFile: file, report, ...run2 };
}
function resultOf(s, run2) {
  const { request, linked, packaged, released } = s;
  if (!request || !linked || !packaged) throw new InternalError("the route ended without a packaged library");
  return {
    kind: "library",
    arch: request.arch,
    variant: request.variant,
    library: packaged.library,
    soname: linked.soname,
    version: request.version,
    sha256: packaged.librarySha256,
    kernelVersion: s.kernel?.version,
    tarball: packaged.tarball,
    tarballSha256: packaged.tarballSha256,
    prebuilt: packaged.prebuilt,
    sourceRelease: released && { tarball: released.tarball, sha256: released.sha256 },
    published: s.published,
    measurements: s.measured,
    ...run2
  };
}

// src/release/verify-source.ts
function inputsFromRelease(dir, m, v) {
  const blob3 = (name) => m.blobs.find((b) => b.name === name)?.path;
  const qboot = blob3("qboot");
  const initrd = blob3("initrd");
  return {
    arch: m.arch,
    variant: m.variant,
    "kernel-source": path33.join(dir, m.kernel.tarball),
    "kernel-sha256": m.kernel.sha256,
    patches: m.patches.length === 0 ? "none" : path33.join(dir, "patches"),
    "kernel-config": m.config.given.map((g) => path33.join(dir, g)),
    "kernel-config-mode": m.config.mode,
    // The blobs as bundled (already padded): bundling them again changes nothing.
    ...qboot ? { qboot: path33.join(dir, qboot) } : {},
    ...initrd ? { initrd: path33.join(dir, initrd) } : {},
    "abi-version": String(m.abiVersion),
    version: m.version,
    "source-date-epoch": String(m.reproducibility.sourceDateEpoch),
    jobs: String(v.jobs),
    "out-dir": path33.join(v.workDir, "out"),
    "work-dir": path33.join(v.workDir, "build"),
    "cache-source": "false",
    "cache-compiler": "false",
    "cache-output": "false",
    "cache-tree": "false",
    upload: "false",
    "boot-test": "false"
  };
}
function configDifferences(expected, actual) {
  const a = parseConfig2(readFileSync18(expected, "utf8"));
  const b = parseConfig2(readFileSync18(actual, "utf8"));
  const out = [];
  for (const k of /* @__PURE__ */ new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k)?.value ?? "n";
    const y = b.get(k)?.value ?? "n";
    if (x !== y) out.push(`${k}: release says ${x}, rebuilt ${y}`);
  }
  return out;
}
async function verifySource(v, platform, env) {
  const { log } = platform;
  const extracted = await extractTarball(v.release, path33.join(v.workDir, "release"));
  const dir = extracted.root;
  let manifest;
  try {
    manifest = readManifest(dir);
  } catch (e) {
    throw new InputError(`${v.release} has no readable manifest.json: ${e.message}`);
  }
  const problems = await checkRelease(dir, manifest);
  if (problems.length > 0) throw new SourceReleaseError(v.release, problems);
  log.info(`${manifest.files.length} files match the manifest; rebuilding ${manifest.library.file} (sha256 ${manifest.library.sha256})`);
  const request = resolveRequest(inputsFromRelease(dir, manifest, v), env);
  if (!("kernel" in request)) throw new InputError(`${v.release}: its manifest does not describe a build`);
  const tools = targetTools(request.arch);
  const toolchain = await toolchainIdentity(tools.cc, tools.crossCompile);
  const toolDiffs = Object.keys({ ...manifest.toolchain, ...toolchain.tools }).filter((t) => manifest.toolchain[t] !== toolchain.tools[t]).map((t) => `${t}: release built with '${manifest.toolchain[t] ?? "nothing"}', here '${toolchain.tools[t] ?? "nothing"}'`);
  for (const d of toolDiffs) log.warning(`toolchain differs, the bytes may too: ${d}`);
  const rebuilt = await rebuild(request, platform);
  if (rebuilt.sha256 !== manifest.library.sha256) {
    const differences = [`library sha256: release names ${manifest.library.sha256}, rebuilt ${rebuilt.sha256}`];
    const payloadSha = sha256(readFileSync18(path33.join(request.workDir, "libkrunfw", "kernel.bin")));
    if (payloadSha !== manifest.library.payloadSha256) {
      differences.push(`kernel payload sha256: release ${manifest.library.payloadSha256}, rebuilt ${payloadSha} (the kernel built differently)`);
    } else {
      differences.push("the kernel payload is the same: the difference is in linking (compiler or binutils)");
    }
    const tree = path33.join(request.workDir, "src", readdirSync8(path33.join(request.workDir, "src"))[0] ?? "");
    const cfg = configDifferences(path33.join(dir, manifest.config.final), path33.join(tree, ".config"));
    differences.push(...cfg.slice(0, 20), ...toolDiffs);
    throw new NotReproducedError(v.release, differences);
  }
  log.info(`rebuilt ${manifest.library.file}: sha256 ${rebuilt.sha256} equals the release's`);
  return { manifest, rebuilt };
}
async function rebuild(request, platform) {
  prepareWorkDir(request.workDir);
  const rt = new Runtime(platform, request.workDir, void 0);
  const start = { request, build: request };
  const state = await runRoute(routeOf(start), start, rt);
  return resultOf(state, { stages: rt.records, caches: rt.caches, pendingSaves: [], workDir: request.workDir });
}

// src/run.ts
function requestEnvironment(platform, cwd) {
  return { cwd, tempDir: platform.tempDir, cpuCount: os.availableParallelism(), hostArch: process.arch, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH };
}
function outDirOf(raw, env) {
  const given = raw["out-dir"];
  const dir = typeof given === "string" && given.trim() ? given.trim() : BUILD_INPUTS.find((s) => s.name === "out-dir")?.default;
  return dir === void 0 ? void 0 : path34.resolve(env.cwd, dir);
}
function prepareRun(raw, platform, cwd) {
  const env = requestEnvironment(platform, cwd);
  let request;
  try {
    request = resolveRequest(raw, env);
  } catch (e) {
    const outDir = e instanceof InputError ? outDirOf(raw, env) : void 0;
    if (outDir) clearOutputs(outDir);
    throw e;
  }
  const record = {
    workDir: request.workDir,
    keepWorkDir: request.keepWorkDir,
    cacheDir: request.mode === "build" || request.mode === "check" ? request.cacheDir : void 0,
    pending: [],
    outcome: "failed"
  };
  return { request, record, execute: () => executeRequest(request, platform, env, record) };
}
async function executeRequest(request, platform, env = requestEnvironment(platform, process.cwd()), record = { outcome: "failed", pending: [] }) {
  if (request.mode !== "verify-source") clearOutputs(request.outDir);
  prepareWorkDir(request.workDir);
  if (request.mode === "verify-source") {
    const { rebuilt } = await verifySource(request, platform, env);
    record.outcome = "succeeded";
    return { ...rebuilt, workDir: request.workDir };
  }
  const store = request.mode === "build" || request.mode === "check" ? platform.cacheStore?.(request.cacheDir) : void 0;
  const rt = new Runtime(platform, request.workDir, store, request.outDir);
  const state = request.mode === "bundle" ? { request, compiled: { image: request.image } } : "settle" in request ? { pending: request } : { request, build: request };
  try {
    await runRoute(routeOf(state), state, rt);
    record.outcome = "succeeded";
  } catch (e) {
    record.outcome = outcomeOf(e);
    clearOutputs(request.outDir);
    throw e;
  } finally {
    record.pending = rt.pending;
  }
  if (request.mode === "bundle" && request.upload && platform.publisher) {
    platform.log.warning("nothing uploaded: a bundled vmlinux has no source release, and a library is never published without one");
  }
  const facts = { stages: rt.records, caches: rt.caches, pendingSaves: rt.pending, workDir: request.workDir };
  return request.mode === "check" ? checkResultOf(state, facts) : resultOf(state, facts);
}
function outcomeOf(e) {
  return e instanceof LibkrunfwError && e.name === "InterruptedError" ? "interrupted" : "failed";
}
async function runRequest(raw, platform, cwd = process.cwd()) {
  const run2 = prepareRun(raw, platform, cwd);
  try {
    return await run2.execute();
  } finally {
    await finishRun(run2.record, platform);
  }
}

export {
  BUILD_INPUTS,
  inputDefault,
  OUTPUTS,
  sha256File,
  PROJECT_ROOT,
  PAYLOAD_ALIGN,
  kernelPayloadFromElf,
  prebuiltName,
  MANIFEST,
  manifestKernel,
  sourceReleaseName,
  RESULT_TEXT,
  verdictDetail,
  failedHunkLines,
  configGroups,
  summaryLine,
  leftOutLine,
  defaultMeasureOptions,
  parseVcpus,
  parseMemoryMiB,
  measureLibrary,
  renderText,
  TABLE_HEADER,
  tableRows,
  VERSION_PATTERN,
  knownKernelSha256,
  resolveRequest,
  requestEnvironment,
  prepareRun,
  runRequest
};
//# sourceMappingURL=chunk-TSBGIRVX.js.map
