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
  HOSTS,
  InfrastructureError,
  InputError,
  InputFileError,
  InternalError,
  InterruptedError,
  LibkrunfwError,
  LinkError,
  LostConfigOptionsError,
  NotReproducedError,
  OUTPUT_EXTRAS,
  PatchError,
  PeError,
  PublishError,
  SourceReleaseError,
  TEE_ARCHES,
  TEE_VARIANTS,
  ToolMissingError,
  TreeCache,
  UnsafeArchiveError,
  VARIANTS,
  VerifyError,
  WINDOWS_TARGET,
  WORK_DIR_NEED,
  __commonJS,
  __require,
  __toESM,
  archFacts,
  archOfHost,
  asFault,
  awaitFreeSpace,
  checkKbuildPath,
  checkRelation,
  checkWritableDir,
  faultCodeOf,
  faultError,
  faultInLine,
  finishRun,
  formatBytes,
  hostInfix,
  interruptSignal,
  isArch,
  isHost,
  isVariant,
  libraryBase,
  libraryNames,
  makeDirs,
  missingToolHint,
  pathInLine,
  prepareWorkDir,
  rethrowAsFault,
  run,
  runChecked,
  sizeOf,
  takeWorkDir,
  tarballName,
  targetTools,
  throwIfInterrupted,
  treeRoot,
  withFaults
} from "./chunk-FDKAMVP5.js";

// node_modules/elfy/lib/elfy/constants.js
var require_constants = __commonJS({
  "node_modules/elfy/lib/elfy/constants.js"(exports) {
    var constants8 = exports;
    constants8.class = {
      0: "none",
      1: "32",
      2: "64",
      3: "num"
    };
    constants8.endian = {
      0: "none",
      1: "lsb",
      2: "msb",
      3: "num"
    };
    constants8.version = {
      0: "none",
      1: "current",
      2: "num"
    };
    constants8.osabi = {
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
    constants8.abiversion = {
      0: "none",
      1: "current",
      2: "num"
    };
    constants8.machine = {
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
    constants8.type = {
      0: "none",
      1: "rel",
      2: "exec",
      3: "dyn",
      4: "core",
      5: "num"
    };
    constants8.entryType = {
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
    constants8.entryFlags = {
      4: "r",
      2: "w",
      1: "x",
      1048576: "sunw_failure",
      2097152: "sunw_killed",
      4194304: "sunw_siginfo"
    };
    constants8.sectType = {
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
    constants8.sectFlags = {
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
    function Reader3(endian, word) {
      this.endian = null;
      this.word = 4;
      if (endian)
        this.setEndian(endian);
      if (word)
        this.setWord(word);
    }
    module.exports = Reader3;
    Reader3.prototype.setEndian = function setEndian(endian) {
      this.endian = /le|lsb|little/i.test(endian) ? "le" : "be";
    };
    Reader3.prototype.setWord = function setWord(word) {
      this.word = word;
    };
    Reader3.prototype.readUInt8 = function readUInt8(buf, offset) {
      return buf.readUInt8(offset);
    };
    Reader3.prototype.readInt8 = function readInt8(buf, offset) {
      return buf.readInt8(offset);
    };
    Reader3.prototype.readUInt16 = function readUInt16(buf, offset) {
      if (this.endian === "le")
        return buf.readUInt16LE(offset);
      else
        return buf.readUInt16BE(offset);
    };
    Reader3.prototype.readInt16 = function readInt16(buf, offset) {
      if (this.endian === "le")
        return buf.readInt16LE(offset);
      else
        return buf.readInt16BE(offset);
    };
    Reader3.prototype.readUInt32 = function readUInt32(buf, offset) {
      if (this.endian === "le")
        return buf.readUInt32LE(offset);
      else
        return buf.readUInt32BE(offset);
    };
    Reader3.prototype.readInt32 = function readInt32(buf, offset) {
      if (this.endian === "le")
        return buf.readInt32LE(offset);
      else
        return buf.readInt32BE(offset);
    };
    Reader3.prototype.readUInt64 = function readUInt64(buf, offset) {
      var a2 = this.readUInt32(buf, offset);
      var b = this.readUInt32(buf, offset + 4);
      if (this.endian === "le")
        return a2 + b * 4294967296;
      else
        return b + a2 * 4294967296;
    };
    Reader3.prototype.readInt64 = function readInt64(buf, offset) {
      if (this.endian === "le") {
        var a2 = this.readUInt32(buf, offset);
        var b = this.readInt32(buf, offset + 4);
        return a2 + b * 4294967296;
      } else {
        var a2 = this.readInt32(buf, offset);
        var b = this.readUInt32(buf, offset + 4);
        return b + a2 * 4294967296;
      }
    };
    Reader3.prototype.readHalf = function readHalf(buf, offset) {
      if (this.word === 2)
        return this.readInt8(buf, offset);
      else if (this.word === 4)
        return this.readInt16(buf, offset);
      else
        return this.readInt32(buf, offset);
    };
    Reader3.prototype.readUHalf = function readUHalf(buf, offset) {
      if (this.word === 2)
        return this.readUInt8(buf, offset);
      else if (this.word === 4)
        return this.readUInt16(buf, offset);
      else
        return this.readUInt32(buf, offset);
    };
    Reader3.prototype.readWord = function readWord(buf, offset) {
      if (this.word === 1)
        return this.readInt8(buf, offset);
      else if (this.word === 2)
        return this.readInt16(buf, offset);
      else if (this.word === 4)
        return this.readInt32(buf, offset);
      else
        return this.readInt64(buf, offset);
    };
    Reader3.prototype.readUWord = function readUWord(buf, offset) {
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
    var Reader3 = require_endian_reader();
    var elfy2 = require_elfy();
    var constants8 = elfy2.constants;
    function Parser() {
      Reader3.call(this);
    }
    util.inherits(Parser, Reader3);
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
      var class_ = constants8.class[buf[4]];
      var endian = constants8.endian[buf[5]];
      var osabi = constants8.osabi[buf[6]];
      var abiversion = constants8.abiversion[buf[7]];
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
        var type = constants8.type[this.readUInt16(buf, 16)];
        var machine = constants8.machine[this.readUInt16(buf, 18)];
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
        var type = constants8.type[this.readUInt16(buf, 16)];
        var machine = constants8.machine[this.readUInt16(buf, 18)];
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
    Parser.prototype.sliceChunks = function sliceChunks(buf, off, count2, size) {
      var start = off;
      var end = start + count2 * size;
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
      var type = constants8.entryType[this.readUInt32(ent, 0)];
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
        flags: this.mapFlags(flags, constants8.entryFlags),
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
        type: constants8.sectType[type] || type,
        flags: this.mapFlags(flags, constants8.sectFlags),
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
      for (var i2 = off; i2 < strtab.length && strtab[i2] != 0; i2++) ;
      return strtab.slice(off, i2).toString();
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

// node_modules/isexe/windows.js
var require_windows = __commonJS({
  "node_modules/isexe/windows.js"(exports, module) {
    module.exports = isexe;
    isexe.sync = sync;
    var fs = __require("fs");
    function checkPathExt(path47, options) {
      var pathext = options.pathExt !== void 0 ? options.pathExt : process.env.PATHEXT;
      if (!pathext) {
        return true;
      }
      pathext = pathext.split(";");
      if (pathext.indexOf("") !== -1) {
        return true;
      }
      for (var i2 = 0; i2 < pathext.length; i2++) {
        var p = pathext[i2].toLowerCase();
        if (p && path47.substr(-p.length).toLowerCase() === p) {
          return true;
        }
      }
      return false;
    }
    function checkStat(stat2, path47, options) {
      if (!stat2.isSymbolicLink() && !stat2.isFile()) {
        return false;
      }
      return checkPathExt(path47, options);
    }
    function isexe(path47, options, cb) {
      fs.stat(path47, function(er, stat2) {
        cb(er, er ? false : checkStat(stat2, path47, options));
      });
    }
    function sync(path47, options) {
      return checkStat(fs.statSync(path47), path47, options);
    }
  }
});

// node_modules/isexe/mode.js
var require_mode = __commonJS({
  "node_modules/isexe/mode.js"(exports, module) {
    module.exports = isexe;
    isexe.sync = sync;
    var fs = __require("fs");
    function isexe(path47, options, cb) {
      fs.stat(path47, function(er, stat2) {
        cb(er, er ? false : checkStat(stat2, options));
      });
    }
    function sync(path47, options) {
      return checkStat(fs.statSync(path47), options);
    }
    function checkStat(stat2, options) {
      return stat2.isFile() && checkMode(stat2, options);
    }
    function checkMode(stat2, options) {
      var mod = stat2.mode;
      var uid = stat2.uid;
      var gid = stat2.gid;
      var myUid = options.uid !== void 0 ? options.uid : process.getuid && process.getuid();
      var myGid = options.gid !== void 0 ? options.gid : process.getgid && process.getgid();
      var u2 = parseInt("100", 8);
      var g = parseInt("010", 8);
      var o2 = parseInt("001", 8);
      var ug = u2 | g;
      var ret = mod & o2 || mod & g && gid === myGid || mod & u2 && uid === myUid || mod & ug && myUid === 0;
      return ret;
    }
  }
});

// node_modules/isexe/index.js
var require_isexe = __commonJS({
  "node_modules/isexe/index.js"(exports, module) {
    var fs = __require("fs");
    var core;
    if (process.platform === "win32" || global.TESTING_WINDOWS) {
      core = require_windows();
    } else {
      core = require_mode();
    }
    module.exports = isexe;
    isexe.sync = sync;
    function isexe(path47, options, cb) {
      if (typeof options === "function") {
        cb = options;
        options = {};
      }
      if (!cb) {
        if (typeof Promise !== "function") {
          throw new TypeError("callback not provided");
        }
        return new Promise(function(resolve, reject) {
          isexe(path47, options || {}, function(er, is) {
            if (er) {
              reject(er);
            } else {
              resolve(is);
            }
          });
        });
      }
      core(path47, options || {}, function(er, is) {
        if (er) {
          if (er.code === "EACCES" || options && options.ignoreErrors) {
            er = null;
            is = false;
          }
        }
        cb(er, is);
      });
    }
    function sync(path47, options) {
      try {
        return core.sync(path47, options || {});
      } catch (er) {
        if (options && options.ignoreErrors || er.code === "EACCES") {
          return false;
        } else {
          throw er;
        }
      }
    }
  }
});

// node_modules/which/which.js
var require_which = __commonJS({
  "node_modules/which/which.js"(exports, module) {
    var isWindows = process.platform === "win32" || process.env.OSTYPE === "cygwin" || process.env.OSTYPE === "msys";
    var path47 = __require("path");
    var COLON = isWindows ? ";" : ":";
    var isexe = require_isexe();
    var getNotFoundError = (cmd) => Object.assign(new Error(`not found: ${cmd}`), { code: "ENOENT" });
    var getPathInfo = (cmd, opt) => {
      const colon = opt.colon || COLON;
      const pathEnv = cmd.match(/\//) || isWindows && cmd.match(/\\/) ? [""] : [
        // windows always checks the cwd first
        ...isWindows ? [process.cwd()] : [],
        ...(opt.path || process.env.PATH || /* istanbul ignore next: very unusual */
        "").split(colon)
      ];
      const pathExtExe = isWindows ? opt.pathExt || process.env.PATHEXT || ".EXE;.CMD;.BAT;.COM" : "";
      const pathExt = isWindows ? pathExtExe.split(colon) : [""];
      if (isWindows) {
        if (cmd.indexOf(".") !== -1 && pathExt[0] !== "")
          pathExt.unshift("");
      }
      return {
        pathEnv,
        pathExt,
        pathExtExe
      };
    };
    var which = (cmd, opt, cb) => {
      if (typeof opt === "function") {
        cb = opt;
        opt = {};
      }
      if (!opt)
        opt = {};
      const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
      const found = [];
      const step2 = (i2) => new Promise((resolve, reject) => {
        if (i2 === pathEnv.length)
          return opt.all && found.length ? resolve(found) : reject(getNotFoundError(cmd));
        const ppRaw = pathEnv[i2];
        const pathPart = /^".*"$/.test(ppRaw) ? ppRaw.slice(1, -1) : ppRaw;
        const pCmd = path47.join(pathPart, cmd);
        const p = !pathPart && /^\.[\\\/]/.test(cmd) ? cmd.slice(0, 2) + pCmd : pCmd;
        resolve(subStep(p, i2, 0));
      });
      const subStep = (p, i2, ii) => new Promise((resolve, reject) => {
        if (ii === pathExt.length)
          return resolve(step2(i2 + 1));
        const ext = pathExt[ii];
        isexe(p + ext, { pathExt: pathExtExe }, (er, is) => {
          if (!er && is) {
            if (opt.all)
              found.push(p + ext);
            else
              return resolve(p + ext);
          }
          return resolve(subStep(p, i2, ii + 1));
        });
      });
      return cb ? step2(0).then((res) => cb(null, res), cb) : step2(0);
    };
    var whichSync = (cmd, opt) => {
      opt = opt || {};
      const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
      const found = [];
      for (let i2 = 0; i2 < pathEnv.length; i2++) {
        const ppRaw = pathEnv[i2];
        const pathPart = /^".*"$/.test(ppRaw) ? ppRaw.slice(1, -1) : ppRaw;
        const pCmd = path47.join(pathPart, cmd);
        const p = !pathPart && /^\.[\\\/]/.test(cmd) ? cmd.slice(0, 2) + pCmd : pCmd;
        for (let j = 0; j < pathExt.length; j++) {
          const cur = p + pathExt[j];
          try {
            const is = isexe.sync(cur, { pathExt: pathExtExe });
            if (is) {
              if (opt.all)
                found.push(cur);
              else
                return cur;
            }
          } catch (ex) {
          }
        }
      }
      if (opt.all && found.length)
        return found;
      if (opt.nothrow)
        return null;
      throw getNotFoundError(cmd);
    };
    module.exports = which;
    which.sync = whichSync;
  }
});

// node_modules/path-key/index.js
var require_path_key = __commonJS({
  "node_modules/path-key/index.js"(exports, module) {
    "use strict";
    var pathKey2 = (options = {}) => {
      const environment = options.env || process.env;
      const platform2 = options.platform || process.platform;
      if (platform2 !== "win32") {
        return "PATH";
      }
      return Object.keys(environment).reverse().find((key) => key.toUpperCase() === "PATH") || "Path";
    };
    module.exports = pathKey2;
    module.exports.default = pathKey2;
  }
});

// node_modules/cross-spawn/lib/util/resolveCommand.js
var require_resolveCommand = __commonJS({
  "node_modules/cross-spawn/lib/util/resolveCommand.js"(exports, module) {
    "use strict";
    var path47 = __require("path");
    var which = require_which();
    var getPathKey = require_path_key();
    function resolveCommandAttempt(parsed, withoutPathExt) {
      const env = parsed.options.env || process.env;
      const cwd = process.cwd();
      const hasCustomCwd = parsed.options.cwd != null;
      const shouldSwitchCwd = hasCustomCwd && process.chdir !== void 0 && !process.chdir.disabled;
      if (shouldSwitchCwd) {
        try {
          process.chdir(parsed.options.cwd);
        } catch (err) {
        }
      }
      let resolved;
      try {
        resolved = which.sync(parsed.command, {
          path: env[getPathKey({ env })],
          pathExt: withoutPathExt ? path47.delimiter : void 0
        });
      } catch (e) {
      } finally {
        if (shouldSwitchCwd) {
          process.chdir(cwd);
        }
      }
      if (resolved) {
        resolved = path47.resolve(hasCustomCwd ? parsed.options.cwd : "", resolved);
      }
      return resolved;
    }
    function resolveCommand(parsed) {
      return resolveCommandAttempt(parsed) || resolveCommandAttempt(parsed, true);
    }
    module.exports = resolveCommand;
  }
});

// node_modules/cross-spawn/lib/util/escape.js
var require_escape = __commonJS({
  "node_modules/cross-spawn/lib/util/escape.js"(exports, module) {
    "use strict";
    var metaCharsRegExp = /([()\][%!^"`<>&|;, *?])/g;
    function escapeCommand(arg) {
      arg = arg.replace(metaCharsRegExp, "^$1");
      return arg;
    }
    function escapeArgument(arg, doubleEscapeMetaChars) {
      arg = `${arg}`;
      arg = arg.replace(/(?=(\\+?)?)\1"/g, '$1$1\\"');
      arg = arg.replace(/(?=(\\+?)?)\1$/, "$1$1");
      arg = `"${arg}"`;
      arg = arg.replace(metaCharsRegExp, "^$1");
      if (doubleEscapeMetaChars) {
        arg = arg.replace(metaCharsRegExp, "^$1");
      }
      return arg;
    }
    module.exports.command = escapeCommand;
    module.exports.argument = escapeArgument;
  }
});

// node_modules/shebang-regex/index.js
var require_shebang_regex = __commonJS({
  "node_modules/shebang-regex/index.js"(exports, module) {
    "use strict";
    module.exports = /^#!(.*)/;
  }
});

// node_modules/shebang-command/index.js
var require_shebang_command = __commonJS({
  "node_modules/shebang-command/index.js"(exports, module) {
    "use strict";
    var shebangRegex = require_shebang_regex();
    module.exports = (string = "") => {
      const match = string.match(shebangRegex);
      if (!match) {
        return null;
      }
      const [path47, argument] = match[0].replace(/#! ?/, "").split(" ");
      const binary = path47.split("/").pop();
      if (binary === "env") {
        return argument;
      }
      return argument ? `${binary} ${argument}` : binary;
    };
  }
});

// node_modules/cross-spawn/lib/util/readShebang.js
var require_readShebang = __commonJS({
  "node_modules/cross-spawn/lib/util/readShebang.js"(exports, module) {
    "use strict";
    var fs = __require("fs");
    var shebangCommand = require_shebang_command();
    function readShebang(command) {
      const size = 150;
      const buffer = Buffer.alloc(size);
      let fd;
      try {
        fd = fs.openSync(command, "r");
        fs.readSync(fd, buffer, 0, size, 0);
        fs.closeSync(fd);
      } catch (e) {
      }
      return shebangCommand(buffer.toString());
    }
    module.exports = readShebang;
  }
});

// node_modules/cross-spawn/lib/parse.js
var require_parse = __commonJS({
  "node_modules/cross-spawn/lib/parse.js"(exports, module) {
    "use strict";
    var path47 = __require("path");
    var resolveCommand = require_resolveCommand();
    var escape = require_escape();
    var readShebang = require_readShebang();
    var isWin = process.platform === "win32";
    var isExecutableRegExp = /\.(?:com|exe)$/i;
    var isCmdShimRegExp = /node_modules[\\/].bin[\\/][^\\/]+\.cmd$/i;
    function detectShebang(parsed) {
      parsed.file = resolveCommand(parsed);
      const shebang = parsed.file && readShebang(parsed.file);
      if (shebang) {
        parsed.args.unshift(parsed.file);
        parsed.command = shebang;
        return resolveCommand(parsed);
      }
      return parsed.file;
    }
    function parseNonShell(parsed) {
      if (!isWin) {
        return parsed;
      }
      const commandFile = detectShebang(parsed);
      const needsShell = !isExecutableRegExp.test(commandFile);
      if (parsed.options.forceShell || needsShell) {
        const needsDoubleEscapeMetaChars = isCmdShimRegExp.test(commandFile);
        parsed.command = path47.normalize(parsed.command);
        parsed.command = escape.command(parsed.command);
        parsed.args = parsed.args.map((arg) => escape.argument(arg, needsDoubleEscapeMetaChars));
        const shellCommand = [parsed.command].concat(parsed.args).join(" ");
        parsed.args = ["/d", "/s", "/c", `"${shellCommand}"`];
        parsed.command = process.env.comspec || "cmd.exe";
        parsed.options.windowsVerbatimArguments = true;
      }
      return parsed;
    }
    function parse(command, args, options) {
      if (args && !Array.isArray(args)) {
        options = args;
        args = null;
      }
      args = args ? args.slice(0) : [];
      options = Object.assign({}, options);
      const parsed = {
        command,
        args,
        options,
        file: void 0,
        original: {
          command,
          args
        }
      };
      return options.shell ? parsed : parseNonShell(parsed);
    }
    module.exports = parse;
  }
});

// node_modules/cross-spawn/lib/enoent.js
var require_enoent = __commonJS({
  "node_modules/cross-spawn/lib/enoent.js"(exports, module) {
    "use strict";
    var isWin = process.platform === "win32";
    function notFoundError(original, syscall) {
      return Object.assign(new Error(`${syscall} ${original.command} ENOENT`), {
        code: "ENOENT",
        errno: "ENOENT",
        syscall: `${syscall} ${original.command}`,
        path: original.command,
        spawnargs: original.args
      });
    }
    function hookChildProcess(cp, parsed) {
      if (!isWin) {
        return;
      }
      const originalEmit = cp.emit;
      cp.emit = function(name, arg1) {
        if (name === "exit") {
          const err = verifyENOENT(arg1, parsed);
          if (err) {
            return originalEmit.call(cp, "error", err);
          }
        }
        return originalEmit.apply(cp, arguments);
      };
    }
    function verifyENOENT(status, parsed) {
      if (isWin && status === 1 && !parsed.file) {
        return notFoundError(parsed.original, "spawn");
      }
      return null;
    }
    function verifyENOENTSync(status, parsed) {
      if (isWin && status === 1 && !parsed.file) {
        return notFoundError(parsed.original, "spawnSync");
      }
      return null;
    }
    module.exports = {
      hookChildProcess,
      verifyENOENT,
      verifyENOENTSync,
      notFoundError
    };
  }
});

// node_modules/cross-spawn/index.js
var require_cross_spawn = __commonJS({
  "node_modules/cross-spawn/index.js"(exports, module) {
    "use strict";
    var cp = __require("child_process");
    var parse = require_parse();
    var enoent = require_enoent();
    function spawn3(command, args, options) {
      const parsed = parse(command, args, options);
      const spawned = cp.spawn(parsed.command, parsed.args, parsed.options);
      enoent.hookChildProcess(spawned, parsed);
      return spawned;
    }
    function spawnSync2(command, args, options) {
      const parsed = parse(command, args, options);
      const result = cp.spawnSync(parsed.command, parsed.args, parsed.options);
      result.error = result.error || enoent.verifyENOENTSync(result.status, parsed);
      return result;
    }
    module.exports = spawn3;
    module.exports.spawn = spawn3;
    module.exports.sync = spawnSync2;
    module.exports._parse = parse;
    module.exports._enoent = enoent;
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
    description: "A source release (libkrunfw-\u2026-source.tar) to verify instead of building: check it against its manifest, rebuild the library from it alone and compare the sha256."
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
    name: "host",
    modes: TARGET,
    description: "The host libkrun runs on: linux (libkrunfw.so, KVM) or windows (libkrunfw.dll for the Windows Hypervisor Platform: x86_64 generic only; the kernel gets kernel-config/x86_64-windows (a libkrunfw tree's config-libkrunfw-windows_x86_64), a 4 KiB payload layout, mingw's link, a LoadLibrary check under wine, and libkrunfw-windows-x86_64.tgz with bin/libkrunfw.dll). macOS is not a host here: aarch64 builds ship its dylib's sources.",
    default: "linux"
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
    description: "Boot the kernel from the bytes the built library hands out, under QEMU (x86_64, windows: microvm; aarch64, riscv64: virt; TCG), to a test init. 'auto': when the arch's qemu-system-* is installed; 'true': required; 'false': never.",
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
  "source-release": "Path of the GPL source release (libkrunfw-<version>-<variant>-<arch>-source.tar) that rebuilds the library.",
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
import { mkdirSync as mkdirSync2, readFileSync, writeFileSync as writeFileSync2 } from "node:fs";
import path2 from "node:path";

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
    throw new ElfError(file, `is not an ELF file (bad magic: starts with ${hexBytes(head)}, an ELF file starts with 7f 45 4c 46 "\\x7fELF")`);
  }
  if (data.length < EI_NIDENT) {
    throw new ElfError(file, `is truncated: ${data.length} bytes, shorter than the ${EI_NIDENT}-byte ELF identification`);
  }
  const elfClass = data[4];
  if (elfClass === ELFCLASS32) {
    throw new ElfError(file, "is a 32-bit ELF file (ELFCLASS32); a 64-bit kernel image (ELFCLASS64) is needed");
  }
  if (elfClass !== ELFCLASS64) {
    throw new ElfError(file, `has an invalid ELF class ${elfClass} (EI_CLASS); expected 2 (ELFCLASS64)`);
  }
  const encoding = data[5];
  if (encoding === ELFDATA2MSB) {
    throw new ElfError(file, "is a big-endian ELF file (ELFDATA2MSB); only little-endian images (ELFDATA2LSB) are supported");
  }
  if (encoding !== ELFDATA2LSB) {
    throw new ElfError(file, `has an invalid data encoding ${encoding} (EI_DATA); expected 1 (ELFDATA2LSB)`);
  }
  if (data[6] !== EV_CURRENT) {
    throw new ElfError(file, `has ELF identification version ${data[6]} (EI_VERSION); expected 1 (EV_CURRENT)`);
  }
  if (data.length < EHDR64_SIZE) {
    throw new ElfError(file, `is truncated: ${data.length} bytes, shorter than the ${EHDR64_SIZE}-byte ELF64 header`);
  }
}
function programHeaderCount(data, file, phnum) {
  if (phnum !== PN_XNUM) return phnum;
  const shoff = data.readBigUInt64LE(40);
  if (shoff === 0n) {
    throw new ElfError(file, "has e_phnum 0xffff (PN_XNUM: the count is in section header 0) but no section header table (e_shoff is 0)");
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
    throw new ElfError(file, `${what} has p_memsz ${hex(ph.memsz)} smaller than p_filesz ${hex(ph.filesz)}`);
  }
  for (const [field, address] of [
    ["p_vaddr", ph.vaddr],
    ["p_paddr", ph.paddr]
  ]) {
    if (address + ph.memsz > ADDRESS_SPACE_END) {
      throw new ElfError(file, `${what} wraps past the end of the 64-bit address space (${field} ${hex(address)} + p_memsz ${hex(ph.memsz)})`);
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
  const count2 = programHeaderCount(data, file, header.phnum);
  if (count2 === 0) {
    const why = type === ET_REL ? ": it is a relocatable object file (ET_REL), not a linked image" : "";
    throw new ElfError(file, `has no program headers (e_phnum is 0)${why}`);
  }
  if (header.phentsize !== PHDR64_SIZE) {
    throw new ElfError(file, `has e_phentsize ${header.phentsize}; ELF64 program headers are ${PHDR64_SIZE} bytes`);
  }
  if (phoff === 0n) {
    throw new ElfError(file, `has ${count2} program headers but e_phoff is 0`);
  }
  const tableEnd = phoff + BigInt(count2) * BigInt(PHDR64_SIZE);
  if (tableEnd > BigInt(data.length)) {
    throw new ElfError(
      file,
      `is truncated: its program header table (${count2} entries of ${PHDR64_SIZE} bytes at ${hex(phoff)}..${hex(tableEnd)}) extends past the end of the file (${data.length} bytes)`
    );
  }
  const entries2 = parser.sliceChunks(data, Number(phoff), count2, PHDR64_SIZE);
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
import { closeSync as closeSync2, openSync as openSync2, readSync as readSync2 } from "node:fs";

// src/util/input-file.ts
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
var INPUT_LIMITS = {
  config: 4 * 2 ** 20,
  patch: 256 * 2 ** 20,
  series: 2 ** 20,
  qboot: 64 * 2 ** 10,
  initrd: 512 * 2 ** 20,
  "kernel-source": 4 * 2 ** 30,
  vmlinux: 2 * 2 ** 30
};
var KIND_NAMES = {
  config: "a kernel config",
  patch: "a patch",
  series: "a series file",
  qboot: "the qboot firmware",
  initrd: "an initrd",
  "kernel-source": "a kernel tarball",
  vmlinux: "a kernel image"
};
function typeOf(st) {
  if (st.isFile()) return void 0;
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  if (st.isDirectory()) return "a directory";
  return "not a regular file";
}
function refuse(file, st, o2) {
  const type = typeOf(st);
  if (type) throw new InputFileError(o2.input, file, `is ${type}, not a regular file; give ${KIND_NAMES[o2.kind]} as a file`);
  const max2 = o2.maxBytes ?? INPUT_LIMITS[o2.kind];
  if (st.size > max2) {
    throw new InputFileError(o2.input, file, `is ${formatBytes(st.size)}; ${KIND_NAMES[o2.kind]} is at most ${formatBytes(max2)} here, so this is not one`);
  }
}
function unreadable(error, file, o2) {
  const code = error.code;
  if (code === "ENOENT") throw new InputFileError(o2.input, file, "does not exist");
  if (code === "ENOTDIR") throw new InputFileError(o2.input, file, "does not exist (a part of its path is not a directory)");
  if (code === "EACCES" || code === "EPERM") throw new InputFileError(o2.input, file, "cannot be read by this user (permission denied)");
  if (code === "ELOOP") throw new InputFileError(o2.input, file, "is a symbolic link loop");
  const fault = faultCodeOf(error);
  if (fault) throw faultError(fault, { doing: `reading ${o2.input}`, path: file });
  throw error;
}
function checkInputFile(file, o2) {
  let st;
  try {
    st = statSync(file);
  } catch (error) {
    unreadable(error, file, o2);
  }
  refuse(file, st, o2);
  return st.size;
}
function readInputFile(file, o2) {
  let fd;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    unreadable(error, file, o2);
  }
  try {
    const st = fstatSync(fd);
    refuse(file, st, o2);
    const max2 = o2.maxBytes ?? INPUT_LIMITS[o2.kind];
    let buf = Buffer.alloc(Math.min(st.size, max2) + 1);
    let got = 0;
    for (; ; ) {
      if (got === buf.length) {
        if (got > max2) throw new InputFileError(o2.input, file, `grew past ${formatBytes(max2)} while it was read; ${KIND_NAMES[o2.kind]} is not that large`);
        const bigger = Buffer.alloc(Math.min(buf.length * 2, max2 + 1));
        buf.copy(bigger);
        buf = bigger;
      }
      const n2 = readSync(fd, buf, got, buf.length - got, null);
      if (n2 === 0) break;
      got += n2;
    }
    return buf.subarray(0, got);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    unreadable(error, file, o2);
  } finally {
    closeSync(fd);
  }
}
function readInputText(file, o2) {
  return readInputFile(file, o2).toString("utf8");
}

// src/request/blobs.ts
var QBOOT_SIZE = 65536;
function checkBlob(name, file, input) {
  const size = checkInputFile(file, { input, kind: name });
  if (name === "qboot" && size !== QBOOT_SIZE) {
    throw new InputError(`${input}: ${file} is ${size} bytes; libkrun maps qboot as exactly 64 KiB (65536 bytes) of firmware`);
  }
  if (name === "initrd") {
    if (size === 0) throw new InputError(`${input}: ${file} is empty`);
    const fd = openSync2(file, "r");
    const magic = Buffer.alloc(6);
    readSync2(fd, magic, 0, 6, 0);
    closeSync2(fd);
    if (!(magic[0] === 31 && magic[1] === 139) && !magic.toString("latin1").startsWith("07070")) {
      throw new InputError(`${input}: ${file} is neither gzip nor a cpio archive, so the kernel cannot unpack it as an initrd`);
    }
  }
}

// src/windows/dll-sources.ts
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
var DLL_FILE = "libkrunfw.dll";
var DLL_INSTALL_DIR = "bin";
var DLL_PAYLOAD_ALIGN = 4096;
var DLL_PAYLOAD_SECTION = ".krunfw";
var DLL_EXPORTS = ["krunfw_get_kernel", "krunfw_get_version"];
var MINGW_CC = "x86_64-w64-mingw32-gcc";
var MINGW_LD = "x86_64-w64-mingw32-ld";
var hex2 = (v) => `0x${v.toString(16)}`;
function dllC(input) {
  return `/* Generated by libkrunfw-action. SPDX-License-Identifier: LGPL-2.1-only
 * The libkrunfw ABI for Windows: libkrun loads this DLL with LoadLibrary,
 * finds these functions with GetProcAddress and maps the returned pages into
 * the guest at load_addr through the Windows Hypervisor Platform. */
#include <stddef.h>

#define KRUNFW_EXPORT __declspec(dllexport)

/* Defined in kernel.S: the payload, 4 KiB aligned, in a writable section. */
extern char krunfw_kernel_payload[];

KRUNFW_EXPORT char *krunfw_get_kernel(size_t *load_addr, size_t *entry_addr, size_t *size)
{
	*load_addr = ${hex2(input.loadAddr)}ULL;
	*entry_addr = ${hex2(input.entryAddr)}ULL;
	*size = ${input.size}ULL;
	return krunfw_kernel_payload;
}

KRUNFW_EXPORT int krunfw_get_version(void)
{
	return ${input.abiVersion};
}
`;
}
function dllAsm() {
  return `/* Generated by libkrunfw-action. SPDX-License-Identifier: LGPL-2.1-only
 * Writable because libkrun hands these pages to the guest as its memory;
 * 4 KiB aligned because WHP maps 4 KiB pages (a COFF section cannot ask for
 * more than 8 KiB anyway). */
	.section ${DLL_PAYLOAD_SECTION}, "dw"
	.balign ${DLL_PAYLOAD_ALIGN}
	.globl krunfw_kernel_payload
krunfw_kernel_payload:
	.incbin "kernel.bin"
`;
}
var DLL_LDFLAGS = [
  "-shared",
  // Undecorated export names: krunfw_get_version, never krunfw_get_version@0.
  "-Wl,--kill-at",
  // Data pages are not executable (DEP), as Windows expects of a DLL today.
  "-Wl,--nxcompat",
  "-Wl,--dynamicbase",
  "-Wl,--high-entropy-va",
  // No link time in the PE header or the export directory: same inputs, same bytes.
  "-Wl,--no-insert-timestamp",
  // The C runtime's own symbols stay inside; only our dllexports go out.
  "-Wl,--exclude-all-symbols",
  // No libgcc DLL to ship beside it.
  "-static-libgcc",
  "-s"
];
function dllMakefile() {
  return `# Generated by libkrunfw-action: builds ${DLL_FILE} from kernel.bin with the
# mingw-w64 cross compiler (Debian: gcc-mingw-w64-x86-64) and make.
CC = ${MINGW_CC}
DLL = ${DLL_FILE}
# No paths, dates or random ids reach the output: the same inputs give the same bytes.
# (Quoted for the shell: the build directory may hold spaces.)
CFLAGS = -O2 '-ffile-prefix-map=$(CURDIR)=.'
LDFLAGS = ${DLL_LDFLAGS.join(" ")}

$(DLL): krunfw.c kernel.S kernel.bin
	$(CC) $(CFLAGS) -o $@ krunfw.c kernel.S $(LDFLAGS)

clean:
	rm -f $(DLL)

.PHONY: clean
`;
}
function writeDllSources(dir, input) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(input.payloadFile, path.join(dir, "kernel.bin"));
  writeFileSync(path.join(dir, "krunfw.c"), dllC(input));
  writeFileSync(path.join(dir, "kernel.S"), dllAsm());
  writeFileSync(path.join(dir, "Makefile"), dllMakefile());
}

// src/windows/payload.ts
function payloadEnd(kp) {
  const last = kp.segments[kp.segments.length - 1];
  return Number(last.paddr + last.filesz - kp.loadAddr);
}
function dllPayload(kp) {
  return { ...kp, payload: kp.payload.subarray(0, padTo(payloadEnd(kp), DLL_PAYLOAD_ALIGN)) };
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
  for (let i2 = 1; i2 < loads.length; i2++) {
    const prev = loads[i2 - 1];
    const cur = loads[i2];
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
  const kp = kernelPayloadFromElf(await readElf64(input.image, { machine: EM_X86_64 }));
  return input.host === "windows" ? dllPayload(kp) : kp;
}
function bundleBlob(name, src, dir) {
  checkBlob(name, src.file, name);
  const bytes = readFileSync(src.file);
  const padded = Buffer.alloc(padTo(bytes.length, PAYLOAD_ALIGN));
  bytes.copy(padded);
  const payloadFile = path2.join(dir, `${name}.bin`);
  writeFileSync2(payloadFile, padded);
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
    const dir = path2.join(ctx.workDir, "bundle");
    mkdirSync2(dir, { recursive: true });
    const payloadFile = path2.join(dir, "kernel.bin");
    writeFileSync2(payloadFile, kp.payload);
    const blobs = ["qboot", "initrd"].flatMap((n2) => input.blobs?.[n2] ? [bundleBlob(n2, input.blobs[n2], dir)] : []);
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
  produces: (o2) => [o2.payloadFile, ...o2.blobs.map((b) => b.payloadFile)],
  summary: (o2) => `load 0x${o2.loadAddr.toString(16)}, entry 0x${o2.entryAddr.toString(16)}, ${o2.size} bytes` + o2.blobs.map((b) => `; ${b.name} ${b.size} bytes`).join("")
};

// src/request/resolve.ts
import { existsSync as existsSync4, readdirSync as readdirSync4, statSync as statSync5 } from "node:fs";
import path7 from "node:path";

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
    const n2 = Number(item);
    if (n2 < 1 || n2 > max2) throw new InputError(`${where2}: ${item} ${unit} is out of range; libkrun takes 1 to ${max2}`);
    return n2;
  });
  return [...new Set(values)].sort((a2, b) => a2 - b);
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
  const over = vcpus.filter((n2) => n2 > nrCpus);
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
      throw new InternalError(`macOS bundle: blob file ${JSON.stringify(b.file)} must be a relative path of letters, digits and ._+-/ (no "..")`);
    }
    if (!Number.isSafeInteger(b.size) || b.size <= 0) {
      throw new InternalError(`macOS bundle: blob ${b.symbol} has size ${b.size}; expected a positive integer`);
    }
    const sect = sectionName(b.symbol);
    if (sect.length > MAX_SECTNAME) {
      throw new InternalError(`macOS bundle: section ${sect} for ${b.symbol} is longer than the ${MAX_SECTNAME} bytes Mach-O allows; use a shorter symbol`);
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
# "--": a directory whose name starts with "-" is a directory, not an option.
cd -- "$(dirname -- "$0")"

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
import path3 from "node:path";
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
  configDir: (arch) => path3.join(PROJECT_ROOT, "kernel-config", arch),
  patchesDir: path3.join(PROJECT_ROOT, "patches"),
  /** What SEV and TDX guests add to the series. */
  teePatchesDir: path3.join(PROJECT_ROOT, "patches-tee")
};

// src/recipe/checkout.ts
import { existsSync, mkdirSync as mkdirSync3, readdirSync, statSync as statSync2 } from "node:fs";
import path4 from "node:path";
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
  const dir = path4.resolve(dest);
  if (existsSync(dir)) {
    if (!statSync2(dir).isDirectory()) {
      throw new InputError(`${dir} exists and is not a directory; cannot check libkrunfw out there`);
    }
    if (readdirSync(dir).length > 0) {
      throw new InputError(`${dir} is not empty; check libkrunfw out into a new or empty directory`);
    }
  }
  mkdirSync3(dir, { recursive: true });
  return dir;
}
async function checkoutLibkrunfw(opts) {
  checkRefArguments(opts);
  const repository = isUrl(opts.repository) ? opts.repository : path4.resolve(opts.repository);
  const dir = prepareDest(opts.dest);
  const git = (args) => run("git", args, { cwd: dir, env: GIT_ENV, tail: 40 });
  await runChecked("git", ["init", "--quiet"], { cwd: dir, env: GIT_ENV });
  const fetch = await git(["fetch", "--quiet", "--depth", "1", "--no-tags", "--", repository, opts.ref]);
  if (fetch.exitCode !== 0) {
    throw new InputError(`could not fetch ref '${opts.ref}' from ${opts.repository}:
${fetch.tail.slice(-10).join("\n")}`);
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
import path5 from "node:path";
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
  for (let i2 = 0; i2 < raw.length; i2++) {
    const line = i2 + 1;
    let joined = raw[i2];
    while (/(^|[^\\])(\\\\)*\\$/.test(joined) && i2 + 1 < raw.length) {
      joined = `${joined.slice(0, -1).trimEnd()} ${raw[++i2].trimStart()}`;
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
  const [o2, c3] = text[open2] === "(" ? ["(", ")"] : ["{", "}"];
  let depth = 0;
  for (let i2 = open2; i2 < text.length; i2++) {
    if (text[i2] === o2) depth++;
    else if (text[i2] === c3 && --depth === 0) return i2;
  }
  return -1;
}
function expand(text, lookup) {
  let out = "";
  for (let i2 = 0; i2 < text.length; i2++) {
    if (text[i2] !== "$") {
      out += text[i2];
      continue;
    }
    const next = text[i2 + 1];
    if (next === "$") {
      out += "$";
      i2++;
    } else if (next === "(" || next === "{") {
      const end = closing(text, i2 + 1);
      if (end < 0) throw new Unevaluable(`has an unclosed '${text.slice(i2)}'`);
      const inner = text.slice(i2 + 2, end);
      if (!/^[A-Za-z0-9_.-]+$/.test(inner)) {
        throw new Unevaluable(`uses '${text.slice(i2, end + 1)}', which only make can evaluate`);
      }
      out += lookup(inner);
      i2 = end;
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
  const file = path5.join(root, rel);
  if (!existsSync2(file)) return void 0;
  const real = realpathSync(file);
  const realRoot = realpathSync(root);
  if (real !== realRoot && !real.startsWith(realRoot + path5.sep)) {
    throw new InputError(`${file} leads out of the libkrunfw tree (to ${real}); refusing to use it`, [{ file, title: "symlink out of the tree" }]);
  }
  const stat2 = statSync3(real);
  return (kind === "dir" ? stat2.isDirectory() : stat2.isFile()) ? file : void 0;
}
var byCodePoint = (a2, b) => a2 < b ? -1 : a2 > b ? 1 : 0;
function findPatches(root, rel) {
  const found = [];
  const walk2 = (relDir) => {
    const entries2 = readdirSync2(path5.join(root, relDir), { withFileTypes: true });
    for (const e of entries2) {
      const relPath = `${relDir}/${e.name}`;
      if (e.isDirectory()) walk2(relPath);
      else if (/^0.*\.patch$/s.test(e.name) && inTree(root, relPath, "file")) found.push(relPath);
    }
  };
  walk2(rel);
  return found.sort(byCodePoint).map((p) => path5.join(root, p));
}
function patchDir(root, candidates, makefile) {
  for (const rel of candidates) if (inTree(root, rel, "dir")) return rel;
  throw new InputError(`${root} has no ${candidates.map((c3) => `${c3}/`).join(" or ")} directory, which ${makefile} takes patches from`, [
    { file: root, title: "patch directory missing" }
  ]);
}
function configFor(root, variant, arch, host) {
  const name = `config-libkrunfw${host === "windows" ? "-windows" : LAYOUT[variant].suffix}_${arch}`;
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
  throw new InputError(`${root} has no ${candidates.join(" or ")}, the ${what} libkrunfw-${variant} bundles`, [{ file: root, title: `${what} missing` }]);
}
function versions(makefile) {
  const bad = (name, value, like) => new InputError(`${makefile.file}: ${name} is '${value}', which is not a version like ${like}`, [{ file: makefile.file, title: `bad ${name}` }]);
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
  const { variant, arch, host = "linux" } = opts;
  if (!Object.hasOwn(LAYOUT, variant)) {
    throw new InputError(`unknown libkrunfw variant '${variant}'; use one of ${Object.keys(LAYOUT).join(", ")}`);
  }
  if (!ARCHES.includes(arch)) throw new InputError(`unknown libkrunfw arch '${arch}'; use one of ${ARCHES.join(", ")}`);
  if (variant !== "generic" && arch !== "x86_64") {
    throw new InputError(`libkrunfw's ${variant} variant is built for x86_64 only, not ${arch}`);
  }
  const root = path5.resolve(dir);
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
    config: configFor(root, variant, arch, host)
  };
  if (variant === "generic") return recipe2;
  recipe2.patches.push(...findPatches(root, patchDir(root, LAYOUT[variant].teePatches, makefilePath)));
  recipe2.qboot = blob(root, LAYOUT[variant].qboot, variant, "qboot firmware");
  recipe2.initrd = blob(root, [INITRD], variant, "initrd");
  return recipe2;
}

// src/request/series.ts
import { existsSync as existsSync3, readdirSync as readdirSync3, statSync as statSync4 } from "node:fs";
import path6 from "node:path";
function checkedPatch(file) {
  checkInputFile(file, { input: "patches", kind: "patch" });
  return file;
}
function readSeries(series) {
  let seriesFile;
  let dir;
  if (statSync4(series).isDirectory()) {
    dir = series;
    if (existsSync3(path6.join(dir, "series"))) seriesFile = path6.join(dir, "series");
  } else {
    seriesFile = series;
    dir = path6.dirname(series);
  }
  if (!seriesFile) {
    return readdirSync3(dir).filter((f) => f.endsWith(".patch")).sort((a2, b) => a2 < b ? -1 : a2 > b ? 1 : 0).map((f) => checkedPatch(path6.join(dir, f)));
  }
  const patches = [];
  readInputText(seriesFile, { input: "patches", kind: "series" }).split("\n").forEach((raw, i2) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) return;
    const [name, ...opts] = line.split(/\s+/);
    if (opts.some((o2) => o2 !== "-p1")) {
      throw new InputError(`${seriesFile}:${i2 + 1}: only -p1 patches are supported, not '${opts.join(" ")}'`);
    }
    const file = path6.resolve(dir, name);
    if (!existsSync3(file)) throw new InputError(`${seriesFile}:${i2 + 1}: ${name} does not exist`);
    patches.push(checkedPatch(file));
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
  const chosen = ["vmlinux", "verify-source", "check"].filter((n2) => v.given(n2));
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
    const file = path7.resolve(env.cwd, v.text("vmlinux"));
    checkInputFile(file, { input: "vmlinux", kind: "vmlinux" });
    return { mode, image: file, upload: v.flag("upload"), ...libraryRequest(parseLibrary(v, env), projectVersions()) };
  }
  return resolveBuild(v, env, mode);
}
function workDirOf(v, env, mode) {
  const given = v.text("work-dir");
  return given ? path7.resolve(env.cwd, given) : path7.join(env.tempDir, mode === "verify-source" ? "libkrunfw-verify-source" : "libkrunfw-work");
}
function jobsOf(v, env) {
  const jobs = v.text("jobs");
  return jobs === void 0 ? Math.max(1, env.cpuCount) : positiveInt(jobs, "jobs");
}
function resolveVerifySource(v, env) {
  return {
    mode: "verify-source",
    release: path7.resolve(env.cwd, v.text("verify-source")),
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
  if (TEE_VARIANTS.includes(given) && !TEE_ARCHES.includes(arch)) {
    throw new InputError(`variant ${given} is for ${TEE_ARCHES.join(", ")} confidential guests; it does not exist for ${arch}`);
  }
  return given;
}
function parseHost(v, arch, variant) {
  const given = v.text("host");
  if (!isHost(given)) throw new InputError(`host must be one of ${HOSTS.join(", ")}, not '${given}'`);
  if (given === "windows" && (arch !== WINDOWS_TARGET.arch || variant !== WINDOWS_TARGET.variant)) {
    throw new InputError(`host windows is built for ${WINDOWS_TARGET.arch} ${WINDOWS_TARGET.variant} only, not ${arch} ${variant}`);
  }
  return given;
}
function parseBlobs(v, env, variant) {
  const given = BLOB_NAMES.filter((n2) => v.given(n2));
  if (!TEE_VARIANTS.includes(variant)) {
    if (given.length > 0) throw new InputError(`${given.join(" and ")} only apply to the sev and tdx variants, not ${variant}`);
    return {};
  }
  const blobs = {};
  for (const name of given) {
    const file = path7.resolve(env.cwd, v.text(name));
    checkBlob(name, file, name);
    blobs[name] = { file, origin: `input ${name}: ${path7.basename(file)}` };
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
    const stray = ["measure-vcpus", "measure-memory"].filter((n2) => v.given(n2));
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
    host: parseHost(v, arch, variant),
    blobs: parseBlobs(v, env, variant),
    abiVersion: abi === void 0 ? void 0 : positiveInt(abi, "abi-version"),
    version,
    bootTest: parseBootTest(v, arch),
    measure: parseMeasure(v, variant),
    sourceDateEpoch: parseEpoch(v, env),
    outDir: path7.resolve(env.cwd, v.text("out-dir")),
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
    host: g.host,
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
  const file = path7.resolve(env.cwd, source2);
  checkInputFile(file, { input: "kernel-source", kind: "kernel-source" });
  return { source: { kind: "file", path: file }, sha256: sha2562 };
}
function configFiles(entries2, cwd) {
  const files = [];
  for (const entry of entries2) {
    const p = existing(path7.resolve(cwd, entry), "kernel-config");
    if (statSync5(p).isDirectory()) {
      const inDir = configsIn(p);
      if (inDir.length === 0) throw new InputError(`kernel-config: directory ${p} holds no *.config files`);
      files.push(...inDir);
    } else {
      checkInputFile(p, { input: "kernel-config", kind: "config" });
      files.push(p);
    }
  }
  return files;
}
function configsIn(dir) {
  return readdirSync4(dir).filter((f) => f.endsWith(".config")).sort((a2, b) => a2 < b ? -1 : a2 > b ? 1 : 0).map((f) => path7.join(dir, f));
}
function looksLikeFullConfig(file) {
  const head = readInputText(file, { input: "kernel-config", kind: "config" }).slice(0, 4096);
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
  if (dir !== void 0) return { kind: "dir", dir: path7.resolve(env.cwd, dir) };
  if (ref3 === void 0) return { kind: "project" };
  const repository = v.text("libkrunfw-repository");
  checkRefArguments({ repository, ref: ref3 });
  return { kind: "ref", repository: /^[A-Za-z][A-Za-z0-9+.-]*:\/\/|^[^/]+:/.test(repository) ? repository : path7.resolve(env.cwd, repository), ref: ref3 };
}
function parseBuild(v, env) {
  const library = parseLibrary(v, env);
  const patches = v.text("patches");
  const cacheDir = v.text("cache-dir");
  return {
    ...library,
    recipe: parseRecipe(v, env),
    kernel: parseKernel(v, env),
    patches: patches === void 0 ? void 0 : patches === "none" ? [] : readSeries(existing(path7.resolve(env.cwd, patches), "patches")),
    config: parseConfig(v, env),
    jobs: jobsOf(v, env),
    cache: parseCache(v),
    cacheDir: cacheDir === void 0 ? void 0 : path7.resolve(env.cwd, cacheDir),
    upload: v.flag("upload"),
    retentionDays: parseRetention(v)
  };
}
function resolveBuild(v, env, mode) {
  const given = { ...parseBuild(v, env), mode };
  const { recipe: recipe2 } = given;
  if (recipe2.kind === "project") return applyRecipe(given, projectRecipe(given.arch, given.variant, given.host), { kind: "project" });
  if (recipe2.kind === "dir") return applyRecipe(given, treeRecipe(recipe2.dir, given), { kind: "libkrunfw-tree", dir: recipe2.dir });
  return {
    mode,
    checkout: { repository: recipe2.repository, ref: recipe2.ref },
    workDir: given.workDir,
    keepWorkDir: given.keepWorkDir,
    outDir: given.outDir,
    cacheDir: given.cacheDir,
    settle: (tree) => applyRecipe(given, treeRecipe(tree.dir, given), {
      kind: "libkrunfw-tree",
      dir: tree.dir,
      repository: tree.repository,
      ref: tree.ref,
      commit: tree.commit
    })
  };
}
function projectRecipe(arch, variant, host) {
  const tee = TEE_VARIANTS.includes(variant);
  const extra = tee ? [`${arch}-${variant}`] : host === "windows" ? [`${arch}-windows`] : [];
  const files = [];
  for (const dir of [RECIPE.configDir(arch), ...extra.map((d) => RECIPE.configDir(d))]) {
    const inDir = existsSync4(dir) ? configsIn(dir) : [];
    if (inDir.length === 0) throw new InputError(`the project has no kernel config for ${path7.basename(dir)} (expected *.config files in ${dir})`);
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
  const tree = readLibkrunfwTree(dir, { arch: g.arch, variant: g.variant, host: g.host });
  const where2 = (f) => `libkrunfw tree: ${path7.relative(tree.dir, f)}`;
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
import path46 from "node:path";

// src/out-dir.ts
import { appendFileSync, existsSync as existsSync5, readFileSync as readFileSync3, rmSync as rmSync2 } from "node:fs";
import path8 from "node:path";
var RECORD = ".libkrunfw-action-files";
function clearOutputs(outDir) {
  const record = path8.join(outDir, RECORD);
  if (!existsSync5(record)) return [];
  const names = [
    ...new Set(
      readFileSync3(record, "utf8").split("\n").map((l) => path8.basename(l.trim())).filter((n2) => n2 && n2 !== "." && n2 !== "..")
    )
  ];
  for (const n2 of names) {
    rmSync2(path8.join(outDir, n2), { force: true });
    rmSync2(path8.join(outDir, `${n2}.partial`), { force: true });
  }
  rmSync2(record, { force: true });
  return names.filter((n2) => n2 !== RECORD);
}
function recordOutputs(outDir, files) {
  const ours = files.filter((f) => path8.dirname(path8.resolve(f)) === path8.resolve(outDir)).map((f) => path8.basename(f));
  if (ours.length > 0) appendFileSync(path8.join(outDir, RECORD), ours.map((n2) => `${n2}
`).join(""));
}

// src/pipeline/plan.ts
import { existsSync as existsSync7, mkdirSync as mkdirSync4 } from "node:fs";
import path10 from "node:path";

// src/toolchain.ts
import { existsSync as existsSync6 } from "node:fs";
import path9 from "node:path";
async function firstLine(tool) {
  const r = await run(tool, ["--version"], { env: { LC_ALL: "C" } });
  return r.exitCode === 0 ? (r.stdout.split("\n")[0] ?? "").trim() : `${tool}: unavailable`;
}
async function toolchainIdentity(cc = "gcc", binutilsPrefix = "", extra = []) {
  const names = [cc, `${binutilsPrefix}ld`, `${binutilsPrefix}objcopy`, "make", ...extra];
  const tools = {};
  for (const n2 of names) tools[n2] = await firstLine(n2);
  return { tools, id: sha256(JSON.stringify(tools)).slice(0, 16) };
}
async function targetToolchain(arch, host = "linux") {
  const tools = targetTools(arch);
  const identity4 = await toolchainIdentity(tools.cc, tools.crossCompile, host === "windows" ? [MINGW_CC, MINGW_LD] : []);
  if (host !== "windows") return identity4;
  identity4.tools[MINGW_CC] = `${identity4.tools[MINGW_CC]}; cc1 sha256 ${await compilerProperDigest(MINGW_CC)}`;
  return { tools: identity4.tools, id: sha256(JSON.stringify(identity4.tools)).slice(0, 16) };
}
async function compilerProperDigest(cc) {
  const r = await run(cc, ["-print-prog-name=cc1"], { env: { LC_ALL: "C" } });
  const cc1 = r.exitCode === 0 ? r.stdout.trim() : "";
  return path9.isAbsolute(cc1) && existsSync6(cc1) ? (await sha256File(cc1)).slice(0, 16) : "unknown";
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
      const o2 = await stage.run(await d.input(s, rt), ctx);
      return { out: d.output(o2, s), files: stage.produces?.(o2) ?? [], summary: stage.summary?.(o2), verdict: stage.verdict?.(o2) };
    }
  };
}
function cached(level, ...steps) {
  return { kind: "cached", level, steps };
}
var Runtime = class {
  constructor(platform2, workDir, store, outDir) {
    this.platform = platform2;
    this.workDir = workDir;
    this.store = store;
    this.outDir = outDir;
  }
  records = [];
  caches = [];
  pending = [];
  /** Keeps of the levels that keep after the whole route (keepsAfterRoute), in route order. */
  afterRoute = [];
  toolchains = /* @__PURE__ */ new Map();
  get log() {
    return this.platform.log;
  }
  /** Where cache entries are restored to and saved from: fixed paths, since a GitHub cache entry is tied to its paths. */
  cacheDir(level) {
    return path10.join(this.workDir, "cache", level === "compiler" ? "ccache" : level);
  }
  /** The tools that build for `arch` (and link for `host`): part of cache keys and of the release manifest. */
  toolchain(arch, host = "linux") {
    const key = `${arch}-${host}`;
    let t = this.toolchains.get(key);
    if (!t) {
      t = targetToolchain(arch, host);
      this.toolchains.set(key, t);
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
    for (const keep of rt.afterRoute) {
      const save = await keep();
      if (save) rt.pending.push(save);
    }
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
function producedBy(items) {
  return new Set(items.flatMap((i2) => i2.kind === "step" ? i2.produces : [...producedBy(i2.steps)]));
}
async function runCached(c3, s, rt, skippedBy) {
  const level = c3.level;
  if (skippedBy) return runItems(c3.steps, s, rt, skippedBy);
  const off = await level.off(s, rt);
  if (off !== void 0) {
    rt.report({ level: level.name, state: "off", detail: off || void 0 });
    return runItems(c3.steps, s, rt, void 0);
  }
  const restored = await level.restore(s, rt);
  rt.report(restored.report);
  if (restored.pending) rt.pending.push(restored.pending);
  Object.assign(s, restored.fills);
  let tookMs = 0;
  if (level.keepsAfterRoute) rt.afterRoute.push(async () => level.keep?.(s, rt, tookMs));
  if (restored.hit && level.kind === "provides") {
    const provided = Object.keys(restored.fills).filter((k) => producedBy(c3.steps).has(k));
    return runItems(c3.steps, s, rt, `the ${level.name} cache provided ${provided.join(", ")}`);
  }
  const started = performance.now();
  await runItems(c3.steps, s, rt, void 0);
  tookMs = performance.now() - started;
  if (level.keepsAfterRoute) return;
  const keep = await level.keep?.(s, rt, tookMs);
  if (keep) rt.pending.push(keep);
}
async function runStep(st, s, rt) {
  throwIfInterrupted();
  const missing = st.needs.filter((k) => s[k] === void 0);
  if (missing.length > 0) throw new InternalError(`step ${st.name} needs ${missing.join(", ")}, which no step before it produced`);
  const why = await st.skip?.(s, rt);
  if (why !== void 0) return rt.skip(st.name, why);
  const logFile = path10.join(rt.workDir, "logs", `${st.name}.log`);
  mkdirSync4(path10.dirname(logFile), { recursive: true });
  const ctx = { platform: rt.platform, log: rt.log, workDir: rt.workDir, logFile };
  const record = { name: st.name, status: "failed", durationMs: 0, logFile };
  rt.records.push(record);
  const started = performance.now();
  let found;
  try {
    const { out, files, summary, verdict } = await rt.log.group(`${st.name}: ${st.title}`, async () => {
      const result = await st.run(s, ctx, rt);
      const unfilled = st.produces.filter((k) => result.out[k] === void 0);
      const absent = result.files.filter((f) => !existsSync7(f));
      if (unfilled.length > 0 || absent.length > 0) {
        throw new InternalError(`step ${st.name} finished but did not produce ${[...unfilled, ...absent].join(", ")}`);
      }
      return result;
    });
    Object.assign(s, out);
    if (rt.outDir) recordOutputs(rt.outDir, files);
    record.status = "passed";
    record.summary = summary;
    found = verdict;
  } catch (e) {
    if (e instanceof LibkrunfwError) e.stage ??= st.name;
    throw e;
  } finally {
    record.durationMs = performance.now() - started;
    const secs = (record.durationMs / 1e3).toFixed(1);
    const [mark, word] = found === false ? ["\u2717", "found problems"] : [record.status === "passed" ? "\u2713" : "\u2717", record.status];
    rt.log.info(`${mark} ${st.name} ${word} in ${secs}s${record.summary ? `: ${record.summary}` : ""}`);
  }
}

// src/pipeline/route.ts
import path44 from "node:path";

// src/cache/levels.ts
import { cpSync, existsSync as existsSync8, mkdirSync as mkdirSync5, readFileSync as readFileSync8, rmSync as rmSync4, writeFileSync as writeFileSync4 } from "node:fs";
import path19 from "node:path";

// src/pipeline/stages/extract.ts
import { readFileSync as readFileSync6, rmSync as rmSync3 } from "node:fs";
import path17 from "node:path";

// src/archive/extract.ts
import { createReadStream as createReadStream3, createWriteStream as createWriteStream2 } from "node:fs";
import { access, chmod, constants as constants5, lstat, open, readdir, realpath, rm, stat } from "node:fs/promises";
import path16 from "node:path";
import { createGunzip } from "node:zlib";

// node_modules/is-plain-obj/index.js
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return (prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null) && !(Symbol.toStringTag in value) && !(Symbol.iterator in value);
}

// node_modules/execa/lib/arguments/file-url.js
import { fileURLToPath as fileURLToPath2 } from "node:url";
var safeNormalizeFileUrl = (file, name) => {
  const fileString = normalizeFileUrl(normalizeDenoExecPath(file));
  if (typeof fileString !== "string") {
    throw new TypeError(`${name} must be a string or a file URL: ${fileString}.`);
  }
  return fileString;
};
var normalizeDenoExecPath = (file) => isDenoExecPath(file) ? file.toString() : file;
var isDenoExecPath = (file) => typeof file !== "string" && file && Object.getPrototypeOf(file) === String.prototype;
var normalizeFileUrl = (file) => file instanceof URL ? fileURLToPath2(file) : file;

// node_modules/execa/lib/methods/parameters.js
var normalizeParameters = (rawFile, rawArguments = [], rawOptions = {}) => {
  const filePath = safeNormalizeFileUrl(rawFile, "First argument");
  const [commandArguments, options] = isPlainObject(rawArguments) ? [[], rawArguments] : [rawArguments, rawOptions];
  if (!Array.isArray(commandArguments)) {
    throw new TypeError(`Second argument must be either an array of arguments or an options object: ${commandArguments}`);
  }
  if (commandArguments.some((commandArgument) => typeof commandArgument === "object" && commandArgument !== null)) {
    throw new TypeError(`Second argument must be an array of strings: ${commandArguments}`);
  }
  const normalizedArguments = commandArguments.map(String);
  const nullByteArgument = normalizedArguments.find((normalizedArgument) => normalizedArgument.includes("\0"));
  if (nullByteArgument !== void 0) {
    throw new TypeError(`Arguments cannot contain null bytes ("\\0"): ${nullByteArgument}`);
  }
  if (!isPlainObject(options)) {
    throw new TypeError(`Last argument must be an options object: ${options}`);
  }
  return [filePath, normalizedArguments, options];
};

// node_modules/execa/lib/methods/template.js
import { ChildProcess } from "node:child_process";

// node_modules/execa/lib/utils/uint-array.js
import { StringDecoder } from "node:string_decoder";
var { toString: objectToString } = Object.prototype;
var isArrayBuffer = (value) => objectToString.call(value) === "[object ArrayBuffer]";
var isUint8Array = (value) => objectToString.call(value) === "[object Uint8Array]";
var bufferToUint8Array = (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
var textEncoder = new TextEncoder();
var stringToUint8Array = (string) => textEncoder.encode(string);
var textDecoder = new TextDecoder();
var uint8ArrayToString = (uint8Array) => textDecoder.decode(uint8Array);
var joinToString = (uint8ArraysOrStrings, encoding) => {
  const strings = uint8ArraysToStrings(uint8ArraysOrStrings, encoding);
  return strings.join("");
};
var uint8ArraysToStrings = (uint8ArraysOrStrings, encoding) => {
  if (encoding === "utf8" && uint8ArraysOrStrings.every((uint8ArrayOrString) => typeof uint8ArrayOrString === "string")) {
    return uint8ArraysOrStrings;
  }
  const decoder = new StringDecoder(encoding);
  const strings = uint8ArraysOrStrings.map((uint8ArrayOrString) => typeof uint8ArrayOrString === "string" ? stringToUint8Array(uint8ArrayOrString) : uint8ArrayOrString).map((uint8Array) => decoder.write(uint8Array));
  const finalString = decoder.end();
  return finalString === "" ? strings : [...strings, finalString];
};
var joinToUint8Array = (uint8ArraysOrStrings) => {
  if (uint8ArraysOrStrings.length === 1 && isUint8Array(uint8ArraysOrStrings[0])) {
    return uint8ArraysOrStrings[0];
  }
  return concatUint8Arrays(stringsToUint8Arrays(uint8ArraysOrStrings));
};
var stringsToUint8Arrays = (uint8ArraysOrStrings) => uint8ArraysOrStrings.map((uint8ArrayOrString) => typeof uint8ArrayOrString === "string" ? stringToUint8Array(uint8ArrayOrString) : uint8ArrayOrString);
var concatUint8Arrays = (uint8Arrays) => {
  const result = new Uint8Array(getJoinLength(uint8Arrays));
  let index = 0;
  for (const uint8Array of uint8Arrays) {
    result.set(uint8Array, index);
    index += uint8Array.length;
  }
  return result;
};
var getJoinLength = (uint8Arrays) => {
  let joinLength = 0;
  for (const uint8Array of uint8Arrays) {
    joinLength += uint8Array.length;
  }
  return joinLength;
};

// node_modules/execa/lib/methods/template.js
var isTemplateString = (templates) => Array.isArray(templates) && Array.isArray(templates.raw);
var parseTemplates = (templates, expressions) => {
  let tokens = [];
  for (const [index, template] of templates.entries()) {
    tokens = parseTemplate({
      templates,
      expressions,
      tokens,
      index,
      template
    });
  }
  if (tokens.length === 0) {
    throw new TypeError("Template script must not be empty");
  }
  const [file, ...commandArguments] = tokens;
  return [file, commandArguments, {}];
};
var parseTemplate = ({ templates, expressions, tokens, index, template }) => {
  if (template === void 0) {
    throw new TypeError(`Invalid backslash sequence: ${templates.raw[index]}`);
  }
  const { nextTokens, leadingWhitespaces, trailingWhitespaces } = splitByWhitespaces(template, templates.raw[index]);
  const newTokens = concatTokens(tokens, nextTokens, leadingWhitespaces);
  if (index === expressions.length) {
    return newTokens;
  }
  const expression = expressions[index];
  const expressionTokens = Array.isArray(expression) ? expression.map((expression2) => parseExpression(expression2)) : [parseExpression(expression)];
  return concatTokens(newTokens, expressionTokens, trailingWhitespaces);
};
var splitByWhitespaces = (template, rawTemplate) => {
  if (rawTemplate.length === 0) {
    return { nextTokens: [], leadingWhitespaces: false, trailingWhitespaces: false };
  }
  const nextTokens = [];
  let templateStart = 0;
  const leadingWhitespaces = DELIMITERS.has(rawTemplate[0]);
  for (let templateIndex = 0, rawIndex = 0; templateIndex < template.length; templateIndex += 1, rawIndex += 1) {
    const rawCharacter = rawTemplate[rawIndex];
    if (DELIMITERS.has(rawCharacter)) {
      if (templateStart !== templateIndex) {
        nextTokens.push(template.slice(templateStart, templateIndex));
      }
      templateStart = templateIndex + 1;
    } else if (rawCharacter === "\\") {
      const nextRawCharacter = rawTemplate[rawIndex + 1];
      if (nextRawCharacter === "\n") {
        templateIndex -= 1;
        rawIndex += 1;
      } else if (nextRawCharacter === "u" && rawTemplate[rawIndex + 2] === "{") {
        rawIndex = rawTemplate.indexOf("}", rawIndex + 3);
      } else {
        rawIndex += ESCAPE_LENGTH[nextRawCharacter] ?? 1;
      }
    }
  }
  const trailingWhitespaces = templateStart === template.length;
  if (!trailingWhitespaces) {
    nextTokens.push(template.slice(templateStart));
  }
  return { nextTokens, leadingWhitespaces, trailingWhitespaces };
};
var DELIMITERS = /* @__PURE__ */ new Set([" ", "	", "\r", "\n"]);
var ESCAPE_LENGTH = { x: 3, u: 5 };
var concatTokens = (tokens, nextTokens, isSeparated) => isSeparated || tokens.length === 0 || nextTokens.length === 0 ? [...tokens, ...nextTokens] : [
  ...tokens.slice(0, -1),
  `${tokens.at(-1)}${nextTokens[0]}`,
  ...nextTokens.slice(1)
];
var parseExpression = (expression) => {
  const typeOfExpression = typeof expression;
  if (typeOfExpression === "string") {
    return expression;
  }
  if (typeOfExpression === "number") {
    return String(expression);
  }
  if (isPlainObject(expression) && ("stdout" in expression || "isMaxBuffer" in expression)) {
    return getSubprocessResult(expression);
  }
  if (expression instanceof ChildProcess || Object.prototype.toString.call(expression) === "[object Promise]") {
    throw new TypeError("Unexpected subprocess in template expression. Please use ${await subprocess} instead of ${subprocess}.");
  }
  throw new TypeError(`Unexpected "${typeOfExpression}" in template expression`);
};
var getSubprocessResult = ({ stdout }) => {
  if (typeof stdout === "string") {
    return stdout;
  }
  if (isUint8Array(stdout)) {
    return uint8ArrayToString(stdout);
  }
  if (stdout === void 0) {
    throw new TypeError(`Missing result.stdout in template expression. This is probably due to the previous subprocess' "stdout" option.`);
  }
  throw new TypeError(`Unexpected "${typeof stdout}" stdout in template expression`);
};

// node_modules/execa/lib/methods/main-sync.js
import { spawnSync } from "node:child_process";

// node_modules/execa/lib/arguments/specific.js
import { debuglog } from "node:util";

// node_modules/execa/lib/utils/standard-stream.js
import process2 from "node:process";
var isStandardStream = (stream) => STANDARD_STREAMS.includes(stream);
var STANDARD_STREAMS = [process2.stdin, process2.stdout, process2.stderr];
var STANDARD_STREAMS_ALIASES = ["stdin", "stdout", "stderr"];
var getStreamName = (fdNumber) => STANDARD_STREAMS_ALIASES[fdNumber] ?? `stdio[${fdNumber}]`;

// node_modules/execa/lib/arguments/specific.js
var normalizeFdSpecificOptions = (options) => {
  const optionsCopy = { ...options };
  for (const optionName of FD_SPECIFIC_OPTIONS) {
    optionsCopy[optionName] = normalizeFdSpecificOption(options, optionName);
  }
  return optionsCopy;
};
var normalizeFdSpecificOption = (options, optionName) => {
  const optionBaseArray = Array.from({ length: getStdioLength(options) + 1 });
  const optionArray = normalizeFdSpecificValue(options[optionName], optionBaseArray, optionName);
  return addDefaultValue(optionArray, optionName);
};
var getStdioLength = ({ stdio }) => Array.isArray(stdio) ? Math.max(stdio.length, STANDARD_STREAMS_ALIASES.length) : STANDARD_STREAMS_ALIASES.length;
var normalizeFdSpecificValue = (optionValue, optionArray, optionName) => isPlainObject(optionValue) ? normalizeOptionObject(optionValue, optionArray, optionName) : optionArray.fill(optionValue);
var normalizeOptionObject = (optionValue, optionArray, optionName) => {
  for (const fdName of Object.keys(optionValue).sort(compareFdName)) {
    for (const fdNumber of parseFdName(fdName, optionName, optionArray)) {
      optionArray[fdNumber] = optionValue[fdName];
    }
  }
  return optionArray;
};
var compareFdName = (fdNameA, fdNameB) => getFdNameOrder(fdNameA) < getFdNameOrder(fdNameB) ? 1 : -1;
var getFdNameOrder = (fdName) => {
  if (fdName === "stdout" || fdName === "stderr") {
    return 0;
  }
  return fdName === "all" ? 2 : 1;
};
var parseFdName = (fdName, optionName, optionArray) => {
  if (fdName === "ipc") {
    return [optionArray.length - 1];
  }
  const fdNumber = parseFd(fdName);
  if (fdNumber === void 0 || fdNumber === 0) {
    throw new TypeError(`"${optionName}.${fdName}" is invalid.
It must be "${optionName}.stdout", "${optionName}.stderr", "${optionName}.all", "${optionName}.ipc", or "${optionName}.fd3", "${optionName}.fd4" (and so on).`);
  }
  if (fdNumber >= optionArray.length) {
    throw new TypeError(`"${optionName}.${fdName}" is invalid: that file descriptor does not exist.
Please set the "stdio" option to ensure that file descriptor exists.`);
  }
  return fdNumber === "all" ? [1, 2] : [fdNumber];
};
var parseFd = (fdName) => {
  if (fdName === "all") {
    return fdName;
  }
  if (STANDARD_STREAMS_ALIASES.includes(fdName)) {
    return STANDARD_STREAMS_ALIASES.indexOf(fdName);
  }
  const regexpResult = FD_REGEXP.exec(fdName);
  if (regexpResult !== null) {
    return Number(regexpResult[1]);
  }
};
var FD_REGEXP = /^fd(\d+)$/;
var addDefaultValue = (optionArray, optionName) => optionArray.map((optionValue) => optionValue === void 0 ? DEFAULT_OPTIONS[optionName] : optionValue);
var verboseDefault = debuglog("execa").enabled ? "full" : "none";
var DEFAULT_OPTIONS = {
  lines: false,
  buffer: true,
  maxBuffer: 1e3 * 1e3 * 100,
  verbose: verboseDefault,
  stripFinalNewline: true
};
var FD_SPECIFIC_OPTIONS = ["lines", "buffer", "maxBuffer", "verbose", "stripFinalNewline"];
var getFdSpecificValue = (optionArray, fdNumber) => fdNumber === "ipc" ? optionArray.at(-1) : optionArray[fdNumber];

// node_modules/execa/lib/verbose/values.js
var isVerbose = ({ verbose }, fdNumber) => getFdVerbose(verbose, fdNumber) !== "none";
var isFullVerbose = ({ verbose }, fdNumber) => !["none", "short"].includes(getFdVerbose(verbose, fdNumber));
var getVerboseFunction = ({ verbose }, fdNumber) => {
  const fdVerbose = getFdVerbose(verbose, fdNumber);
  return isVerboseFunction(fdVerbose) ? fdVerbose : void 0;
};
var getFdVerbose = (verbose, fdNumber) => fdNumber === void 0 ? getFdGenericVerbose(verbose) : getFdSpecificValue(verbose, fdNumber);
var getFdGenericVerbose = (verbose) => verbose.find((fdVerbose) => isVerboseFunction(fdVerbose)) ?? VERBOSE_VALUES.findLast((fdVerbose) => verbose.includes(fdVerbose));
var isVerboseFunction = (fdVerbose) => typeof fdVerbose === "function";
var VERBOSE_VALUES = ["none", "short", "full"];

// node_modules/execa/lib/verbose/log.js
import { inspect } from "node:util";

// node_modules/execa/lib/arguments/escape.js
import { platform } from "node:process";
import { stripVTControlCharacters } from "node:util";
var joinCommand = (filePath, rawArguments) => {
  const fileAndArguments = [filePath, ...rawArguments];
  const command = fileAndArguments.join(" ");
  const escapedCommand = fileAndArguments.map((fileAndArgument) => quoteString(escapeControlCharacters(fileAndArgument))).join(" ");
  return { command, escapedCommand };
};
var escapeLines = (lines) => stripVTControlCharacters(lines).split("\n").map((line) => escapeControlCharacters(line)).join("\n");
var escapeControlCharacters = (line) => line.replaceAll(SPECIAL_CHAR_REGEXP, (character) => escapeControlCharacter(character));
var escapeControlCharacter = (character) => {
  const commonEscape = COMMON_ESCAPES[character];
  if (commonEscape !== void 0) {
    return commonEscape;
  }
  const codepoint = character.codePointAt(0);
  const codepointHex = codepoint.toString(16);
  return codepoint <= ASTRAL_START ? `\\u${codepointHex.padStart(4, "0")}` : `\\U${codepointHex}`;
};
var getSpecialCharRegExp = () => {
  try {
    return new RegExp("\\p{Separator}|\\p{Other}", "gu");
  } catch {
    return /[\s\u0000-\u001F\u007F-\u009F\u00AD]/g;
  }
};
var SPECIAL_CHAR_REGEXP = getSpecialCharRegExp();
var COMMON_ESCAPES = {
  " ": " ",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "	": "\\t"
};
var ASTRAL_START = 65535;
var quoteString = (escapedArgument) => {
  if (NO_ESCAPE_REGEXP.test(escapedArgument)) {
    return escapedArgument;
  }
  return platform === "win32" ? `"${escapedArgument.replaceAll('"', '""')}"` : `'${escapedArgument.replaceAll("'", "'\\''")}'`;
};
var NO_ESCAPE_REGEXP = /^[\w./-]+$/;

// node_modules/is-unicode-supported/index.js
import process3 from "node:process";
function isUnicodeSupported() {
  const { env } = process3;
  const { TERM, TERM_PROGRAM } = env;
  if (process3.platform !== "win32") {
    return TERM !== "linux";
  }
  return Boolean(env.WT_SESSION) || Boolean(env.TERMINUS_SUBLIME) || env.ConEmuTask === "{cmd::Cmder}" || TERM_PROGRAM === "Terminus-Sublime" || TERM_PROGRAM === "vscode" || TERM === "xterm-256color" || TERM === "alacritty" || TERM === "rxvt-unicode" || TERM === "rxvt-unicode-256color" || env.TERMINAL_EMULATOR === "JetBrains-JediTerm";
}

// node_modules/figures/index.js
var common = {
  circleQuestionMark: "(?)",
  questionMarkPrefix: "(?)",
  square: "\u2588",
  squareDarkShade: "\u2593",
  squareMediumShade: "\u2592",
  squareLightShade: "\u2591",
  squareTop: "\u2580",
  squareBottom: "\u2584",
  squareLeft: "\u258C",
  squareRight: "\u2590",
  squareCenter: "\u25A0",
  bullet: "\u25CF",
  dot: "\u2024",
  ellipsis: "\u2026",
  pointerSmall: "\u203A",
  triangleUp: "\u25B2",
  triangleUpSmall: "\u25B4",
  triangleDown: "\u25BC",
  triangleDownSmall: "\u25BE",
  triangleLeftSmall: "\u25C2",
  triangleRightSmall: "\u25B8",
  home: "\u2302",
  heart: "\u2665",
  musicNote: "\u266A",
  musicNoteBeamed: "\u266B",
  arrowUp: "\u2191",
  arrowDown: "\u2193",
  arrowLeft: "\u2190",
  arrowRight: "\u2192",
  arrowLeftRight: "\u2194",
  arrowUpDown: "\u2195",
  almostEqual: "\u2248",
  notEqual: "\u2260",
  lessOrEqual: "\u2264",
  greaterOrEqual: "\u2265",
  identical: "\u2261",
  infinity: "\u221E",
  subscriptZero: "\u2080",
  subscriptOne: "\u2081",
  subscriptTwo: "\u2082",
  subscriptThree: "\u2083",
  subscriptFour: "\u2084",
  subscriptFive: "\u2085",
  subscriptSix: "\u2086",
  subscriptSeven: "\u2087",
  subscriptEight: "\u2088",
  subscriptNine: "\u2089",
  oneHalf: "\xBD",
  oneThird: "\u2153",
  oneQuarter: "\xBC",
  oneFifth: "\u2155",
  oneSixth: "\u2159",
  oneEighth: "\u215B",
  twoThirds: "\u2154",
  twoFifths: "\u2156",
  threeQuarters: "\xBE",
  threeFifths: "\u2157",
  threeEighths: "\u215C",
  fourFifths: "\u2158",
  fiveSixths: "\u215A",
  fiveEighths: "\u215D",
  sevenEighths: "\u215E",
  line: "\u2500",
  lineBold: "\u2501",
  lineDouble: "\u2550",
  lineDashed0: "\u2504",
  lineDashed1: "\u2505",
  lineDashed2: "\u2508",
  lineDashed3: "\u2509",
  lineDashed4: "\u254C",
  lineDashed5: "\u254D",
  lineDashed6: "\u2574",
  lineDashed7: "\u2576",
  lineDashed8: "\u2578",
  lineDashed9: "\u257A",
  lineDashed10: "\u257C",
  lineDashed11: "\u257E",
  lineDashed12: "\u2212",
  lineDashed13: "\u2013",
  lineDashed14: "\u2010",
  lineDashed15: "\u2043",
  lineVertical: "\u2502",
  lineVerticalBold: "\u2503",
  lineVerticalDouble: "\u2551",
  lineVerticalDashed0: "\u2506",
  lineVerticalDashed1: "\u2507",
  lineVerticalDashed2: "\u250A",
  lineVerticalDashed3: "\u250B",
  lineVerticalDashed4: "\u254E",
  lineVerticalDashed5: "\u254F",
  lineVerticalDashed6: "\u2575",
  lineVerticalDashed7: "\u2577",
  lineVerticalDashed8: "\u2579",
  lineVerticalDashed9: "\u257B",
  lineVerticalDashed10: "\u257D",
  lineVerticalDashed11: "\u257F",
  lineDownLeft: "\u2510",
  lineDownLeftArc: "\u256E",
  lineDownBoldLeftBold: "\u2513",
  lineDownBoldLeft: "\u2512",
  lineDownLeftBold: "\u2511",
  lineDownDoubleLeftDouble: "\u2557",
  lineDownDoubleLeft: "\u2556",
  lineDownLeftDouble: "\u2555",
  lineDownRight: "\u250C",
  lineDownRightArc: "\u256D",
  lineDownBoldRightBold: "\u250F",
  lineDownBoldRight: "\u250E",
  lineDownRightBold: "\u250D",
  lineDownDoubleRightDouble: "\u2554",
  lineDownDoubleRight: "\u2553",
  lineDownRightDouble: "\u2552",
  lineUpLeft: "\u2518",
  lineUpLeftArc: "\u256F",
  lineUpBoldLeftBold: "\u251B",
  lineUpBoldLeft: "\u251A",
  lineUpLeftBold: "\u2519",
  lineUpDoubleLeftDouble: "\u255D",
  lineUpDoubleLeft: "\u255C",
  lineUpLeftDouble: "\u255B",
  lineUpRight: "\u2514",
  lineUpRightArc: "\u2570",
  lineUpBoldRightBold: "\u2517",
  lineUpBoldRight: "\u2516",
  lineUpRightBold: "\u2515",
  lineUpDoubleRightDouble: "\u255A",
  lineUpDoubleRight: "\u2559",
  lineUpRightDouble: "\u2558",
  lineUpDownLeft: "\u2524",
  lineUpBoldDownBoldLeftBold: "\u252B",
  lineUpBoldDownBoldLeft: "\u2528",
  lineUpDownLeftBold: "\u2525",
  lineUpBoldDownLeftBold: "\u2529",
  lineUpDownBoldLeftBold: "\u252A",
  lineUpDownBoldLeft: "\u2527",
  lineUpBoldDownLeft: "\u2526",
  lineUpDoubleDownDoubleLeftDouble: "\u2563",
  lineUpDoubleDownDoubleLeft: "\u2562",
  lineUpDownLeftDouble: "\u2561",
  lineUpDownRight: "\u251C",
  lineUpBoldDownBoldRightBold: "\u2523",
  lineUpBoldDownBoldRight: "\u2520",
  lineUpDownRightBold: "\u251D",
  lineUpBoldDownRightBold: "\u2521",
  lineUpDownBoldRightBold: "\u2522",
  lineUpDownBoldRight: "\u251F",
  lineUpBoldDownRight: "\u251E",
  lineUpDoubleDownDoubleRightDouble: "\u2560",
  lineUpDoubleDownDoubleRight: "\u255F",
  lineUpDownRightDouble: "\u255E",
  lineDownLeftRight: "\u252C",
  lineDownBoldLeftBoldRightBold: "\u2533",
  lineDownLeftBoldRightBold: "\u252F",
  lineDownBoldLeftRight: "\u2530",
  lineDownBoldLeftBoldRight: "\u2531",
  lineDownBoldLeftRightBold: "\u2532",
  lineDownLeftRightBold: "\u252E",
  lineDownLeftBoldRight: "\u252D",
  lineDownDoubleLeftDoubleRightDouble: "\u2566",
  lineDownDoubleLeftRight: "\u2565",
  lineDownLeftDoubleRightDouble: "\u2564",
  lineUpLeftRight: "\u2534",
  lineUpBoldLeftBoldRightBold: "\u253B",
  lineUpLeftBoldRightBold: "\u2537",
  lineUpBoldLeftRight: "\u2538",
  lineUpBoldLeftBoldRight: "\u2539",
  lineUpBoldLeftRightBold: "\u253A",
  lineUpLeftRightBold: "\u2536",
  lineUpLeftBoldRight: "\u2535",
  lineUpDoubleLeftDoubleRightDouble: "\u2569",
  lineUpDoubleLeftRight: "\u2568",
  lineUpLeftDoubleRightDouble: "\u2567",
  lineUpDownLeftRight: "\u253C",
  lineUpBoldDownBoldLeftBoldRightBold: "\u254B",
  lineUpDownBoldLeftBoldRightBold: "\u2548",
  lineUpBoldDownLeftBoldRightBold: "\u2547",
  lineUpBoldDownBoldLeftRightBold: "\u254A",
  lineUpBoldDownBoldLeftBoldRight: "\u2549",
  lineUpBoldDownLeftRight: "\u2540",
  lineUpDownBoldLeftRight: "\u2541",
  lineUpDownLeftBoldRight: "\u253D",
  lineUpDownLeftRightBold: "\u253E",
  lineUpBoldDownBoldLeftRight: "\u2542",
  lineUpDownLeftBoldRightBold: "\u253F",
  lineUpBoldDownLeftBoldRight: "\u2543",
  lineUpBoldDownLeftRightBold: "\u2544",
  lineUpDownBoldLeftBoldRight: "\u2545",
  lineUpDownBoldLeftRightBold: "\u2546",
  lineUpDoubleDownDoubleLeftDoubleRightDouble: "\u256C",
  lineUpDoubleDownDoubleLeftRight: "\u256B",
  lineUpDownLeftDoubleRightDouble: "\u256A",
  lineCross: "\u2573",
  lineBackslash: "\u2572",
  lineSlash: "\u2571"
};
var specialMainSymbols = {
  tick: "\u2714",
  info: "\u2139",
  warning: "\u26A0",
  cross: "\u2718",
  squareSmall: "\u25FB",
  squareSmallFilled: "\u25FC",
  circle: "\u25EF",
  circleFilled: "\u25C9",
  circleDotted: "\u25CC",
  circleDouble: "\u25CE",
  circleCircle: "\u24DE",
  circleCross: "\u24E7",
  circlePipe: "\u24BE",
  radioOn: "\u25C9",
  radioOff: "\u25EF",
  checkboxOn: "\u2612",
  checkboxOff: "\u2610",
  checkboxCircleOn: "\u24E7",
  checkboxCircleOff: "\u24BE",
  pointer: "\u276F",
  triangleUpOutline: "\u25B3",
  triangleLeft: "\u25C0",
  triangleRight: "\u25B6",
  lozenge: "\u25C6",
  lozengeOutline: "\u25C7",
  hamburger: "\u2630",
  smiley: "\u32E1",
  mustache: "\u0DF4",
  star: "\u2605",
  play: "\u25B6",
  nodejs: "\u2B22",
  oneSeventh: "\u2150",
  oneNinth: "\u2151",
  oneTenth: "\u2152"
};
var specialFallbackSymbols = {
  tick: "\u221A",
  info: "i",
  warning: "\u203C",
  cross: "\xD7",
  squareSmall: "\u25A1",
  squareSmallFilled: "\u25A0",
  circle: "( )",
  circleFilled: "(*)",
  circleDotted: "( )",
  circleDouble: "( )",
  circleCircle: "(\u25CB)",
  circleCross: "(\xD7)",
  circlePipe: "(\u2502)",
  radioOn: "(*)",
  radioOff: "( )",
  checkboxOn: "[\xD7]",
  checkboxOff: "[ ]",
  checkboxCircleOn: "(\xD7)",
  checkboxCircleOff: "( )",
  pointer: ">",
  triangleUpOutline: "\u2206",
  triangleLeft: "\u25C4",
  triangleRight: "\u25BA",
  lozenge: "\u2666",
  lozengeOutline: "\u25CA",
  hamburger: "\u2261",
  smiley: "\u263A",
  mustache: "\u250C\u2500\u2510",
  star: "\u2736",
  play: "\u25BA",
  nodejs: "\u2666",
  oneSeventh: "1/7",
  oneNinth: "1/9",
  oneTenth: "1/10"
};
var mainSymbols = { ...common, ...specialMainSymbols };
var fallbackSymbols = { ...common, ...specialFallbackSymbols };
var shouldUseMain = isUnicodeSupported();
var figures = shouldUseMain ? mainSymbols : fallbackSymbols;
var figures_default = figures;
var replacements = Object.entries(specialMainSymbols);

// node_modules/yoctocolors/base.js
import tty from "node:tty";
var hasColors = tty?.WriteStream?.prototype?.hasColors?.() ?? false;
var format = (open2, close) => {
  if (!hasColors) {
    return (input) => input;
  }
  const openCode = `\x1B[${open2}m`;
  const closeCode = `\x1B[${close}m`;
  return (input) => {
    const string = input + "";
    let index = string.indexOf(closeCode);
    if (index === -1) {
      return openCode + string + closeCode;
    }
    let result = openCode;
    let lastIndex = 0;
    const reopenOnNestedClose = close === 22;
    const replaceCode = (reopenOnNestedClose ? closeCode : "") + openCode;
    while (index !== -1) {
      result += string.slice(lastIndex, index) + replaceCode;
      lastIndex = index + closeCode.length;
      index = string.indexOf(closeCode, lastIndex);
    }
    result += string.slice(lastIndex) + closeCode;
    return result;
  };
};
var reset = format(0, 0);
var bold = format(1, 22);
var dim = format(2, 22);
var italic = format(3, 23);
var underline = format(4, 24);
var underlineDouble = format("4:2", 24);
var underlineCurly = format("4:3", 24);
var underlineDotted = format("4:4", 24);
var underlineDashed = format("4:5", 24);
var overline = format(53, 55);
var inverse = format(7, 27);
var hidden = format(8, 28);
var strikethrough = format(9, 29);
var black = format(30, 39);
var red = format(31, 39);
var green = format(32, 39);
var yellow = format(33, 39);
var blue = format(34, 39);
var magenta = format(35, 39);
var cyan = format(36, 39);
var white = format(37, 39);
var gray = format(90, 39);
var bgBlack = format(40, 49);
var bgRed = format(41, 49);
var bgGreen = format(42, 49);
var bgYellow = format(43, 49);
var bgBlue = format(44, 49);
var bgMagenta = format(45, 49);
var bgCyan = format(46, 49);
var bgWhite = format(47, 49);
var bgGray = format(100, 49);
var redBright = format(91, 39);
var greenBright = format(92, 39);
var yellowBright = format(93, 39);
var blueBright = format(94, 39);
var magentaBright = format(95, 39);
var cyanBright = format(96, 39);
var whiteBright = format(97, 39);
var bgRedBright = format(101, 49);
var bgGreenBright = format(102, 49);
var bgYellowBright = format(103, 49);
var bgBlueBright = format(104, 49);
var bgMagentaBright = format(105, 49);
var bgCyanBright = format(106, 49);
var bgWhiteBright = format(107, 49);
var underlineBlack = format("58;5;0", 59);
var underlineRed = format("58;5;1", 59);
var underlineGreen = format("58;5;2", 59);
var underlineYellow = format("58;5;3", 59);
var underlineBlue = format("58;5;4", 59);
var underlineMagenta = format("58;5;5", 59);
var underlineCyan = format("58;5;6", 59);
var underlineWhite = format("58;5;7", 59);
var underlineGray = format("58;5;8", 59);
var underlineRedBright = format("58;5;9", 59);
var underlineGreenBright = format("58;5;10", 59);
var underlineYellowBright = format("58;5;11", 59);
var underlineBlueBright = format("58;5;12", 59);
var underlineMagentaBright = format("58;5;13", 59);
var underlineCyanBright = format("58;5;14", 59);
var underlineWhiteBright = format("58;5;15", 59);

// node_modules/execa/lib/verbose/default.js
var defaultVerboseFunction = ({
  type,
  message,
  timestamp,
  piped,
  commandId,
  result: { failed = false } = {},
  options: { reject = true }
}) => {
  const timestampString = serializeTimestamp(timestamp);
  const icon = ICONS[type]({ failed, reject, piped });
  const color = COLORS[type]({ reject });
  return `${gray(`[${timestampString}]`)} ${gray(`[${commandId}]`)} ${color(icon)} ${color(message)}`;
};
var serializeTimestamp = (timestamp) => `${padField(timestamp.getHours(), 2)}:${padField(timestamp.getMinutes(), 2)}:${padField(timestamp.getSeconds(), 2)}.${padField(timestamp.getMilliseconds(), 3)}`;
var padField = (field, padding) => String(field).padStart(padding, "0");
var getFinalIcon = ({ failed, reject }) => {
  if (!failed) {
    return figures_default.tick;
  }
  return reject ? figures_default.cross : figures_default.warning;
};
var ICONS = {
  command: ({ piped }) => piped ? "|" : "$",
  output: () => " ",
  ipc: () => "*",
  error: getFinalIcon,
  duration: getFinalIcon
};
var identity = (string) => string;
var COLORS = {
  command: () => bold,
  output: () => identity,
  ipc: () => identity,
  error: ({ reject }) => reject ? redBright : yellowBright,
  duration: () => gray
};

// node_modules/execa/lib/verbose/custom.js
var applyVerboseOnLines = (printedLines, verboseInfo, fdNumber) => {
  const verboseFunction = getVerboseFunction(verboseInfo, fdNumber);
  return printedLines.map(({ verboseLine, verboseObject }) => applyVerboseFunction(verboseLine, verboseObject, verboseFunction)).filter((printedLine) => printedLine !== void 0).map((printedLine) => appendNewline(printedLine)).join("");
};
var applyVerboseFunction = (verboseLine, verboseObject, verboseFunction) => {
  if (verboseFunction === void 0) {
    return verboseLine;
  }
  const printedLine = verboseFunction(verboseLine, verboseObject);
  if (typeof printedLine === "string") {
    return printedLine;
  }
};
var appendNewline = (printedLine) => printedLine.endsWith("\n") ? printedLine : `${printedLine}
`;

// node_modules/execa/lib/verbose/log.js
var verboseLog = ({ type, verboseMessage, fdNumber, verboseInfo, result }) => {
  const verboseObject = getVerboseObject({ type, result, verboseInfo });
  const printedLines = getPrintedLines(verboseMessage, verboseObject);
  const finalLines = applyVerboseOnLines(printedLines, verboseInfo, fdNumber);
  if (finalLines !== "") {
    console.warn(finalLines.slice(0, -1));
  }
};
var getVerboseObject = ({
  type,
  result,
  verboseInfo: { escapedCommand, commandId, rawOptions: { piped = false, ...options } }
}) => ({
  type,
  escapedCommand,
  commandId: `${commandId}`,
  timestamp: /* @__PURE__ */ new Date(),
  piped,
  result,
  options
});
var getPrintedLines = (verboseMessage, verboseObject) => verboseMessage.split("\n").map((message) => getPrintedLine({ ...verboseObject, message }));
var getPrintedLine = (verboseObject) => {
  const verboseLine = defaultVerboseFunction(verboseObject);
  return { verboseLine, verboseObject };
};
var serializeVerboseMessage = (message) => {
  const messageString = typeof message === "string" ? message : inspect(message);
  const escapedMessage = escapeLines(messageString);
  return escapedMessage.replaceAll("	", " ".repeat(TAB_SIZE));
};
var TAB_SIZE = 2;

// node_modules/execa/lib/verbose/start.js
var logCommand = (escapedCommand, verboseInfo) => {
  if (!isVerbose(verboseInfo)) {
    return;
  }
  verboseLog({
    type: "command",
    verboseMessage: escapedCommand,
    verboseInfo
  });
};

// node_modules/execa/lib/verbose/info.js
var getVerboseInfo = (verbose, escapedCommand, rawOptions) => {
  validateVerbose(verbose);
  const commandId = getCommandId(verbose);
  return {
    verbose,
    escapedCommand,
    commandId,
    rawOptions
  };
};
var getCommandId = (verbose) => isVerbose({ verbose }) ? COMMAND_ID++ : void 0;
var COMMAND_ID = 0n;
var validateVerbose = (verbose) => {
  for (const fdVerbose of verbose) {
    if (fdVerbose === false) {
      throw new TypeError(`The "verbose: false" option was renamed to "verbose: 'none'".`);
    }
    if (fdVerbose === true) {
      throw new TypeError(`The "verbose: true" option was renamed to "verbose: 'short'".`);
    }
    if (!VERBOSE_VALUES.includes(fdVerbose) && !isVerboseFunction(fdVerbose)) {
      const allowedValues = VERBOSE_VALUES.map((allowedValue) => `'${allowedValue}'`).join(", ");
      throw new TypeError(`The "verbose" option must not be ${fdVerbose}. Allowed values are: ${allowedValues} or a function.`);
    }
  }
};

// node_modules/execa/lib/return/duration.js
import { hrtime } from "node:process";
var getStartTime = () => hrtime.bigint();
var getDurationMs = (startTime) => Number(hrtime.bigint() - startTime) / 1e6;

// node_modules/execa/lib/arguments/command.js
var handleCommand = (filePath, rawArguments, rawOptions) => {
  const startTime = getStartTime();
  const { command, escapedCommand } = joinCommand(filePath, rawArguments);
  const verbose = normalizeFdSpecificOption(rawOptions, "verbose");
  const verboseInfo = getVerboseInfo(verbose, escapedCommand, { ...rawOptions });
  logCommand(escapedCommand, verboseInfo);
  return {
    command,
    escapedCommand,
    startTime,
    verboseInfo
  };
};

// node_modules/execa/lib/arguments/options.js
var import_cross_spawn = __toESM(require_cross_spawn(), 1);
import path15 from "node:path";
import process6 from "node:process";

// node_modules/npm-run-path/index.js
import process4 from "node:process";
import path12 from "node:path";

// node_modules/npm-run-path/node_modules/path-key/index.js
function pathKey(options = {}) {
  const {
    env = process.env,
    platform: platform2 = process.platform
  } = options;
  if (platform2 !== "win32") {
    return "PATH";
  }
  return Object.keys(env).reverse().find((key) => key.toUpperCase() === "PATH") || "Path";
}

// node_modules/unicorn-magic/node.js
import { promisify } from "node:util";
import { execFile as execFileCallback, execFileSync as execFileSyncOriginal } from "node:child_process";
import path11 from "node:path";
import { fileURLToPath as fileURLToPath3 } from "node:url";
var execFileOriginal = promisify(execFileCallback);
function toPath(urlOrPath) {
  return urlOrPath instanceof URL ? fileURLToPath3(urlOrPath) : urlOrPath;
}
function traversePathUp(startPath) {
  return {
    *[Symbol.iterator]() {
      let currentPath = path11.resolve(toPath(startPath));
      let previousPath;
      while (previousPath !== currentPath) {
        yield currentPath;
        previousPath = currentPath;
        currentPath = path11.resolve(currentPath, "..");
      }
    }
  };
}
var TEN_MEGABYTES_IN_BYTES = 10 * 1024 * 1024;

// node_modules/npm-run-path/index.js
var npmRunPath = ({
  cwd = process4.cwd(),
  path: pathOption = process4.env[pathKey()],
  preferLocal = true,
  execPath: execPath2 = process4.execPath,
  addExecPath = true
} = {}) => {
  const cwdPath = path12.resolve(toPath(cwd));
  const result = [];
  const pathParts = pathOption.split(path12.delimiter);
  if (preferLocal) {
    applyPreferLocal(result, pathParts, cwdPath);
  }
  if (addExecPath) {
    applyExecPath(result, pathParts, execPath2, cwdPath);
  }
  return pathOption === "" || pathOption === path12.delimiter ? `${result.join(path12.delimiter)}${pathOption}` : [...result, pathOption].join(path12.delimiter);
};
var applyPreferLocal = (result, pathParts, cwdPath) => {
  for (const directory of traversePathUp(cwdPath)) {
    const pathPart = path12.join(directory, "node_modules/.bin");
    if (!pathParts.includes(pathPart)) {
      result.push(pathPart);
    }
  }
};
var applyExecPath = (result, pathParts, execPath2, cwdPath) => {
  const pathPart = path12.resolve(cwdPath, toPath(execPath2), "..");
  if (!pathParts.includes(pathPart)) {
    result.push(pathPart);
  }
};
var npmRunPathEnv = ({ env = process4.env, ...options } = {}) => {
  env = { ...env };
  const pathName = pathKey({ env });
  options.path = env[pathName];
  env[pathName] = npmRunPath(options);
  return env;
};

// node_modules/execa/lib/terminate/kill.js
import { setTimeout as setTimeout2 } from "node:timers/promises";

// node_modules/execa/lib/return/final-error.js
var getFinalError = (originalError, message, isSync) => {
  const ErrorClass = isSync ? ExecaSyncError : ExecaError;
  const options = originalError instanceof DiscardedError ? {} : { cause: originalError };
  return new ErrorClass(message, options);
};
var DiscardedError = class extends Error {
};
var setErrorName = (ErrorClass, value) => {
  Object.defineProperty(ErrorClass.prototype, "name", {
    value,
    writable: true,
    enumerable: false,
    configurable: true
  });
  Object.defineProperty(ErrorClass.prototype, execaErrorSymbol, {
    value: true,
    writable: false,
    enumerable: false,
    configurable: false
  });
};
var isExecaError = (error) => isErrorInstance(error) && execaErrorSymbol in error;
var execaErrorSymbol = Symbol("isExecaError");
var isErrorInstance = (value) => Object.prototype.toString.call(value) === "[object Error]";
var ExecaError = class extends Error {
};
setErrorName(ExecaError, ExecaError.name);
var ExecaSyncError = class extends Error {
};
setErrorName(ExecaSyncError, ExecaSyncError.name);

// node_modules/execa/lib/terminate/signal.js
import { constants as constants4 } from "node:os";

// node_modules/human-signals/build/src/main.js
import { constants as constants3 } from "node:os";

// node_modules/human-signals/build/src/realtime.js
var getRealtimeSignals = () => {
  const length = SIGRTMAX - SIGRTMIN + 1;
  return Array.from({ length }, getRealtimeSignal);
};
var getRealtimeSignal = (value, index) => ({
  name: `SIGRT${index + 1}`,
  number: SIGRTMIN + index,
  action: "terminate",
  description: "Application-specific signal (realtime)",
  standard: "posix"
});
var SIGRTMIN = 34;
var SIGRTMAX = 64;

// node_modules/human-signals/build/src/signals.js
import { constants as constants2 } from "node:os";

// node_modules/human-signals/build/src/core.js
var SIGNALS = [
  {
    name: "SIGHUP",
    number: 1,
    action: "terminate",
    description: "Terminal closed",
    standard: "posix"
  },
  {
    name: "SIGINT",
    number: 2,
    action: "terminate",
    description: "User interruption with CTRL-C",
    standard: "ansi"
  },
  {
    name: "SIGQUIT",
    number: 3,
    action: "core",
    description: "User interruption with CTRL-\\",
    standard: "posix"
  },
  {
    name: "SIGILL",
    number: 4,
    action: "core",
    description: "Invalid machine instruction",
    standard: "ansi"
  },
  {
    name: "SIGTRAP",
    number: 5,
    action: "core",
    description: "Debugger breakpoint",
    standard: "posix"
  },
  {
    name: "SIGABRT",
    number: 6,
    action: "core",
    description: "Aborted",
    standard: "ansi"
  },
  {
    name: "SIGIOT",
    number: 6,
    action: "core",
    description: "Aborted",
    standard: "bsd"
  },
  {
    name: "SIGBUS",
    number: 7,
    action: "core",
    description: "Bus error due to misaligned, non-existing address or paging error",
    standard: "bsd"
  },
  {
    name: "SIGEMT",
    number: 7,
    action: "terminate",
    description: "Command should be emulated but is not implemented",
    standard: "other"
  },
  {
    name: "SIGFPE",
    number: 8,
    action: "core",
    description: "Floating point arithmetic error",
    standard: "ansi"
  },
  {
    name: "SIGKILL",
    number: 9,
    action: "terminate",
    description: "Forced termination",
    standard: "posix",
    forced: true
  },
  {
    name: "SIGUSR1",
    number: 10,
    action: "terminate",
    description: "Application-specific signal",
    standard: "posix"
  },
  {
    name: "SIGSEGV",
    number: 11,
    action: "core",
    description: "Segmentation fault",
    standard: "ansi"
  },
  {
    name: "SIGUSR2",
    number: 12,
    action: "terminate",
    description: "Application-specific signal",
    standard: "posix"
  },
  {
    name: "SIGPIPE",
    number: 13,
    action: "terminate",
    description: "Broken pipe or socket",
    standard: "posix"
  },
  {
    name: "SIGALRM",
    number: 14,
    action: "terminate",
    description: "Timeout or timer",
    standard: "posix"
  },
  {
    name: "SIGTERM",
    number: 15,
    action: "terminate",
    description: "Termination",
    standard: "ansi"
  },
  {
    name: "SIGSTKFLT",
    number: 16,
    action: "terminate",
    description: "Stack is empty or overflowed",
    standard: "other"
  },
  {
    name: "SIGCHLD",
    number: 17,
    action: "ignore",
    description: "Child process terminated, paused or unpaused",
    standard: "posix"
  },
  {
    name: "SIGCLD",
    number: 17,
    action: "ignore",
    description: "Child process terminated, paused or unpaused",
    standard: "other"
  },
  {
    name: "SIGCONT",
    number: 18,
    action: "unpause",
    description: "Unpaused",
    standard: "posix",
    forced: true
  },
  {
    name: "SIGSTOP",
    number: 19,
    action: "pause",
    description: "Paused",
    standard: "posix",
    forced: true
  },
  {
    name: "SIGTSTP",
    number: 20,
    action: "pause",
    description: 'Paused using CTRL-Z or "suspend"',
    standard: "posix"
  },
  {
    name: "SIGTTIN",
    number: 21,
    action: "pause",
    description: "Background process cannot read terminal input",
    standard: "posix"
  },
  {
    name: "SIGBREAK",
    number: 21,
    action: "terminate",
    description: "User interruption with CTRL-BREAK",
    standard: "other"
  },
  {
    name: "SIGTTOU",
    number: 22,
    action: "pause",
    description: "Background process cannot write to terminal output",
    standard: "posix"
  },
  {
    name: "SIGURG",
    number: 23,
    action: "ignore",
    description: "Socket received out-of-band data",
    standard: "bsd"
  },
  {
    name: "SIGXCPU",
    number: 24,
    action: "core",
    description: "Process timed out",
    standard: "bsd"
  },
  {
    name: "SIGXFSZ",
    number: 25,
    action: "core",
    description: "File too big",
    standard: "bsd"
  },
  {
    name: "SIGVTALRM",
    number: 26,
    action: "terminate",
    description: "Timeout or timer",
    standard: "bsd"
  },
  {
    name: "SIGPROF",
    number: 27,
    action: "terminate",
    description: "Timeout or timer",
    standard: "bsd"
  },
  {
    name: "SIGWINCH",
    number: 28,
    action: "ignore",
    description: "Terminal window size changed",
    standard: "bsd"
  },
  {
    name: "SIGIO",
    number: 29,
    action: "terminate",
    description: "I/O is available",
    standard: "other"
  },
  {
    name: "SIGPOLL",
    number: 29,
    action: "terminate",
    description: "Watched event",
    standard: "other"
  },
  {
    name: "SIGINFO",
    number: 29,
    action: "ignore",
    description: "Request for process information",
    standard: "other"
  },
  {
    name: "SIGPWR",
    number: 30,
    action: "terminate",
    description: "Device running out of power",
    standard: "systemv"
  },
  {
    name: "SIGSYS",
    number: 31,
    action: "core",
    description: "Invalid system call",
    standard: "other"
  },
  {
    name: "SIGUNUSED",
    number: 31,
    action: "terminate",
    description: "Invalid system call",
    standard: "other"
  }
];

// node_modules/human-signals/build/src/signals.js
var getSignals = () => {
  const realtimeSignals = getRealtimeSignals();
  const signals2 = [...SIGNALS, ...realtimeSignals].map(normalizeSignal);
  return signals2;
};
var normalizeSignal = ({
  name,
  number: defaultNumber,
  description,
  action,
  forced = false,
  standard
}) => {
  const {
    signals: { [name]: constantSignal }
  } = constants2;
  const supported = constantSignal !== void 0;
  const number = supported ? constantSignal : defaultNumber;
  return { name, number, description, supported, action, forced, standard };
};

// node_modules/human-signals/build/src/main.js
var getSignalsByName = () => {
  const signals2 = getSignals();
  return Object.fromEntries(signals2.map(getSignalByName));
};
var getSignalByName = ({
  name,
  number,
  description,
  supported,
  action,
  forced,
  standard
}) => [name, { name, number, description, supported, action, forced, standard }];
var signalsByName = getSignalsByName();
var getSignalsByNumber = () => {
  const signals2 = getSignals();
  const length = SIGRTMAX + 1;
  const signalsA = Array.from(
    { length },
    (value, number) => getSignalByNumber(number, signals2)
  );
  return Object.assign({}, ...signalsA);
};
var getSignalByNumber = (number, signals2) => {
  const signal = findSignalByNumber(number, signals2);
  if (signal === void 0) {
    return {};
  }
  const { name, description, supported, action, forced, standard } = signal;
  return {
    [number]: {
      name,
      number,
      description,
      supported,
      action,
      forced,
      standard
    }
  };
};
var findSignalByNumber = (number, signals2) => {
  const signal = signals2.find(({ name }) => constants3.signals[name] === number);
  if (signal !== void 0) {
    return signal;
  }
  return signals2.find((signalA) => signalA.number === number);
};
var signalsByNumber = getSignalsByNumber();

// node_modules/execa/lib/terminate/signal.js
var normalizeKillSignal = (killSignal) => {
  const optionName = "option `killSignal`";
  if (killSignal === 0) {
    throw new TypeError(`Invalid ${optionName}: 0 cannot be used.`);
  }
  return normalizeSignal2(killSignal, optionName);
};
var normalizeSignalArgument = (signal) => signal === 0 ? signal : normalizeSignal2(signal, "`subprocess.kill()`'s argument");
var normalizeSignal2 = (signalNameOrInteger, optionName) => {
  if (Number.isInteger(signalNameOrInteger)) {
    return normalizeSignalInteger(signalNameOrInteger, optionName);
  }
  if (typeof signalNameOrInteger === "string") {
    return normalizeSignalName(signalNameOrInteger, optionName);
  }
  throw new TypeError(`Invalid ${optionName} ${String(signalNameOrInteger)}: it must be a string or an integer.
${getAvailableSignals()}`);
};
var normalizeSignalInteger = (signalInteger, optionName) => {
  if (signalsIntegerToName.has(signalInteger)) {
    return signalsIntegerToName.get(signalInteger);
  }
  throw new TypeError(`Invalid ${optionName} ${signalInteger}: this signal integer does not exist.
${getAvailableSignals()}`);
};
var getSignalsIntegerToName = () => new Map(Object.entries(constants4.signals).reverse().map(([signalName, signalInteger]) => [signalInteger, signalName]));
var signalsIntegerToName = getSignalsIntegerToName();
var normalizeSignalName = (signalName, optionName) => {
  if (signalName in constants4.signals) {
    return signalName;
  }
  if (signalName.toUpperCase() in constants4.signals) {
    throw new TypeError(`Invalid ${optionName} '${signalName}': please rename it to '${signalName.toUpperCase()}'.`);
  }
  throw new TypeError(`Invalid ${optionName} '${signalName}': this signal name does not exist.
${getAvailableSignals()}`);
};
var getAvailableSignals = () => `Available signal names: ${getAvailableSignalNames()}.
Available signal numbers: ${getAvailableSignalIntegers()}.`;
var getAvailableSignalNames = () => Object.keys(constants4.signals).sort().map((signalName) => `'${signalName}'`).join(", ");
var getAvailableSignalIntegers = () => [...new Set(Object.values(constants4.signals).sort((signalInteger, signalIntegerTwo) => signalInteger - signalIntegerTwo))].join(", ");
var getSignalDescription = (signal) => signalsByName[signal].description;

// node_modules/execa/lib/terminate/kill.js
var normalizeForceKillAfterDelay = (forceKillAfterDelay) => {
  if (forceKillAfterDelay === false) {
    return forceKillAfterDelay;
  }
  if (forceKillAfterDelay === true) {
    return DEFAULT_FORCE_KILL_TIMEOUT;
  }
  if (!Number.isFinite(forceKillAfterDelay) || forceKillAfterDelay < 0) {
    throw new TypeError(`Expected the \`forceKillAfterDelay\` option to be a non-negative integer, got \`${forceKillAfterDelay}\` (${typeof forceKillAfterDelay})`);
  }
  return forceKillAfterDelay;
};
var DEFAULT_FORCE_KILL_TIMEOUT = 1e3 * 5;
var subprocessKill = ({ kill, options: { forceKillAfterDelay, killSignal }, onInternalError, context, controller }, signalOrError, errorArgument) => {
  const { signal, error } = parseKillArguments(signalOrError, errorArgument, killSignal);
  emitKillError(error, onInternalError);
  const killResult = kill(signal);
  setKillTimeout({
    kill,
    signal,
    forceKillAfterDelay,
    killSignal,
    killResult,
    context,
    controller
  });
  return killResult;
};
var parseKillArguments = (signalOrError, errorArgument, killSignal) => {
  const [signal = killSignal, error] = isErrorInstance(signalOrError) ? [void 0, signalOrError] : [signalOrError, errorArgument];
  if (typeof signal !== "string" && !Number.isInteger(signal)) {
    throw new TypeError(`The first argument must be an error instance or a signal name string/integer: ${String(signal)}`);
  }
  if (error !== void 0 && !isErrorInstance(error)) {
    throw new TypeError(`The second argument is optional. If specified, it must be an error instance: ${error}`);
  }
  return { signal: normalizeSignalArgument(signal), error };
};
var emitKillError = (error, onInternalError) => {
  if (error !== void 0) {
    onInternalError.reject(error);
  }
};
var setKillTimeout = async ({ kill, signal, forceKillAfterDelay, killSignal, killResult, context, controller }) => {
  if (signal === killSignal && killResult) {
    killOnTimeout({
      kill,
      forceKillAfterDelay,
      context,
      controllerSignal: controller.signal
    });
  }
};
var killOnTimeout = async ({ kill, forceKillAfterDelay, context, controllerSignal }) => {
  if (forceKillAfterDelay === false) {
    return;
  }
  try {
    await setTimeout2(forceKillAfterDelay, void 0, { signal: controllerSignal });
    if (kill("SIGKILL")) {
      context.isForcefullyTerminated ??= true;
    }
  } catch {
  }
};

// node_modules/execa/lib/utils/abort-signal.js
import { once } from "node:events";
var onAbortedSignal = async (mainSignal, stopSignal) => {
  if (!mainSignal.aborted) {
    await once(mainSignal, "abort", { signal: stopSignal });
  }
};

// node_modules/execa/lib/terminate/cancel.js
var validateCancelSignal = ({ cancelSignal }) => {
  if (cancelSignal !== void 0 && Object.prototype.toString.call(cancelSignal) !== "[object AbortSignal]") {
    throw new Error(`The \`cancelSignal\` option must be an AbortSignal: ${String(cancelSignal)}`);
  }
};
var throwOnCancel = ({ subprocess, cancelSignal, gracefulCancel, context, controller }) => cancelSignal === void 0 || gracefulCancel ? [] : [terminateOnCancel(subprocess, cancelSignal, context, controller)];
var terminateOnCancel = async (subprocess, cancelSignal, context, { signal }) => {
  await onAbortedSignal(cancelSignal, signal);
  context.terminationReason ??= "cancel";
  subprocess.kill();
  throw cancelSignal.reason;
};

// node_modules/execa/lib/ipc/graceful.js
import { scheduler as scheduler2 } from "node:timers/promises";

// node_modules/execa/lib/ipc/send.js
import { promisify as promisify2 } from "node:util";

// node_modules/execa/lib/ipc/validation.js
var validateIpcMethod = ({ methodName, isSubprocess, ipc, isConnected: isConnected2 }) => {
  validateIpcOption(methodName, isSubprocess, ipc);
  validateConnection(methodName, isSubprocess, isConnected2);
};
var validateIpcOption = (methodName, isSubprocess, ipc) => {
  if (!ipc) {
    throw new Error(`${getMethodName(methodName, isSubprocess)} can only be used if the \`ipc\` option is \`true\`.`);
  }
};
var validateConnection = (methodName, isSubprocess, isConnected2) => {
  if (!isConnected2) {
    throw new Error(`${getMethodName(methodName, isSubprocess)} cannot be used: the ${getOtherProcessName(isSubprocess)} has already exited or disconnected.`);
  }
};
var throwOnEarlyDisconnect = (isSubprocess) => {
  throw new Error(`${getMethodName("getOneMessage", isSubprocess)} could not complete: the ${getOtherProcessName(isSubprocess)} exited or disconnected.`);
};
var throwOnStrictDeadlockError = (isSubprocess) => {
  throw new Error(`${getMethodName("sendMessage", isSubprocess)} failed: the ${getOtherProcessName(isSubprocess)} is sending a message too, instead of listening to incoming messages.
This can be fixed by both sending a message and listening to incoming messages at the same time:

const [receivedMessage] = await Promise.all([
	${getMethodName("getOneMessage", isSubprocess)},
	${getMethodName("sendMessage", isSubprocess, "message, {strict: true}")},
]);`);
};
var getStrictResponseError = (error, isSubprocess) => new Error(`${getMethodName("sendMessage", isSubprocess)} failed when sending an acknowledgment response to the ${getOtherProcessName(isSubprocess)}.`, { cause: error });
var throwOnMissingStrict = (isSubprocess) => {
  throw new Error(`${getMethodName("sendMessage", isSubprocess)} failed: the ${getOtherProcessName(isSubprocess)} is not listening to incoming messages.`);
};
var throwOnStrictDisconnect = (isSubprocess) => {
  throw new Error(`${getMethodName("sendMessage", isSubprocess)} failed: the ${getOtherProcessName(isSubprocess)} exited without listening to incoming messages.`);
};
var getAbortDisconnectError = () => new Error(`\`cancelSignal\` aborted: the ${getOtherProcessName(true)} disconnected.`);
var throwOnMissingParent = () => {
  throw new Error("`getCancelSignal()` cannot be used without setting the `cancelSignal` subprocess option.");
};
var handleEpipeError = ({ error, methodName, isSubprocess }) => {
  if (error.code === "EPIPE") {
    throw new Error(`${getMethodName(methodName, isSubprocess)} cannot be used: the ${getOtherProcessName(isSubprocess)} is disconnecting.`, { cause: error });
  }
};
var handleSerializationError = ({ error, methodName, isSubprocess, message }) => {
  if (isSerializationError(error)) {
    throw new Error(`${getMethodName(methodName, isSubprocess)}'s argument type is invalid: the message cannot be serialized: ${String(message)}.`, { cause: error });
  }
};
var isSerializationError = ({ code, message }) => SERIALIZATION_ERROR_CODES.has(code) || SERIALIZATION_ERROR_MESSAGES.some((serializationErrorMessage) => message.includes(serializationErrorMessage));
var SERIALIZATION_ERROR_CODES = /* @__PURE__ */ new Set([
  // Message is `undefined`
  "ERR_MISSING_ARGS",
  // Message is a function, a bigint, a symbol
  "ERR_INVALID_ARG_TYPE"
]);
var SERIALIZATION_ERROR_MESSAGES = [
  // Message is a promise or a proxy, with `serialization: 'advanced'`
  "could not be cloned",
  // Message has cycles, with `serialization: 'json'`
  "circular structure",
  // Message has cycles inside toJSON(), with `serialization: 'json'`
  "call stack size exceeded"
];
var getMethodName = (methodName, isSubprocess, parameters = "") => methodName === "cancelSignal" ? "`cancelSignal`'s `controller.abort()`" : `${getNamespaceName(isSubprocess)}${methodName}(${parameters})`;
var getNamespaceName = (isSubprocess) => isSubprocess ? "" : "subprocess.";
var getOtherProcessName = (isSubprocess) => isSubprocess ? "parent process" : "subprocess";
var disconnect = (anyProcess) => {
  if (anyProcess.connected) {
    anyProcess.disconnect();
  }
};

// node_modules/execa/lib/utils/deferred.js
var createDeferred = () => {
  const methods = {};
  const promise = new Promise((resolve, reject) => {
    Object.assign(methods, { resolve, reject });
  });
  return Object.assign(promise, methods);
};

// node_modules/execa/lib/arguments/fd-options.js
var getToStream = (destination, to = "stdin") => {
  const isWritable = true;
  const { options, fileDescriptors } = SUBPROCESS_OPTIONS.get(destination);
  const fdNumber = getFdNumber(fileDescriptors, to, isWritable);
  const destinationStream = destination.stdio[fdNumber];
  if (destinationStream === null) {
    throw new TypeError(getInvalidStdioOptionMessage(fdNumber, to, options, isWritable));
  }
  return destinationStream;
};
var getFromStream = (source2, from = "stdout") => {
  const isWritable = false;
  const { options, fileDescriptors } = SUBPROCESS_OPTIONS.get(source2);
  const fdNumber = getFdNumber(fileDescriptors, from, isWritable);
  const sourceStream = fdNumber === "all" ? source2.all : source2.stdio[fdNumber];
  if (sourceStream === null || sourceStream === void 0) {
    throw new TypeError(getInvalidStdioOptionMessage(fdNumber, from, options, isWritable));
  }
  return sourceStream;
};
var SUBPROCESS_OPTIONS = /* @__PURE__ */ new WeakMap();
var getFdNumber = (fileDescriptors, fdName, isWritable) => {
  const fdNumber = parseFdNumber(fdName, isWritable);
  validateFdNumber(fdNumber, fdName, isWritable, fileDescriptors);
  return fdNumber;
};
var parseFdNumber = (fdName, isWritable) => {
  const fdNumber = parseFd(fdName);
  if (fdNumber !== void 0) {
    return fdNumber;
  }
  const { validOptions, defaultValue } = isWritable ? { validOptions: '"stdin"', defaultValue: "stdin" } : { validOptions: '"stdout", "stderr", "all"', defaultValue: "stdout" };
  throw new TypeError(`"${getOptionName(isWritable)}" must not be "${fdName}".
It must be ${validOptions} or "fd3", "fd4" (and so on).
It is optional and defaults to "${defaultValue}".`);
};
var validateFdNumber = (fdNumber, fdName, isWritable, fileDescriptors) => {
  const fileDescriptor = fileDescriptors[getUsedDescriptor(fdNumber)];
  if (fileDescriptor === void 0) {
    throw new TypeError(`"${getOptionName(isWritable)}" must not be ${fdName}. That file descriptor does not exist.
Please set the "stdio" option to ensure that file descriptor exists.`);
  }
  if (fileDescriptor.direction === "input" && !isWritable) {
    throw new TypeError(`"${getOptionName(isWritable)}" must not be ${fdName}. It must be a readable stream, not writable.`);
  }
  if (fileDescriptor.direction !== "input" && isWritable) {
    throw new TypeError(`"${getOptionName(isWritable)}" must not be ${fdName}. It must be a writable stream, not readable.`);
  }
};
var getInvalidStdioOptionMessage = (fdNumber, fdName, options, isWritable) => {
  if (fdNumber === "all" && !options.all) {
    return `The "all" option must be true to use "from: 'all'".`;
  }
  const { optionName, optionValue } = getInvalidStdioOption(fdNumber, options);
  return `The "${optionName}: ${serializeOptionValue(optionValue)}" option is incompatible with using "${getOptionName(isWritable)}: ${serializeOptionValue(fdName)}".
Please set this option with "pipe" instead.`;
};
var getInvalidStdioOption = (fdNumber, { stdin, stdout, stderr, stdio }) => {
  const usedDescriptor = getUsedDescriptor(fdNumber);
  if (usedDescriptor === 0 && stdin !== void 0) {
    return { optionName: "stdin", optionValue: stdin };
  }
  if (usedDescriptor === 1 && stdout !== void 0) {
    return { optionName: "stdout", optionValue: stdout };
  }
  if (usedDescriptor === 2 && stderr !== void 0) {
    return { optionName: "stderr", optionValue: stderr };
  }
  return { optionName: `stdio[${usedDescriptor}]`, optionValue: stdio[usedDescriptor] };
};
var getUsedDescriptor = (fdNumber) => fdNumber === "all" ? 1 : fdNumber;
var getOptionName = (isWritable) => isWritable ? "to" : "from";
var serializeOptionValue = (value) => {
  if (typeof value === "string") {
    return `'${value}'`;
  }
  return typeof value === "number" ? `${value}` : "Stream";
};

// node_modules/execa/lib/ipc/strict.js
import { once as once3 } from "node:events";

// node_modules/execa/lib/utils/max-listeners.js
import { addAbortListener } from "node:events";
var incrementMaxListeners = (eventEmitter, maxListenersIncrement, signal) => {
  const maxListeners = eventEmitter.getMaxListeners();
  if (maxListeners === 0 || maxListeners === Number.POSITIVE_INFINITY) {
    return;
  }
  eventEmitter.setMaxListeners(maxListeners + maxListenersIncrement);
  addAbortListener(signal, () => {
    eventEmitter.setMaxListeners(eventEmitter.getMaxListeners() - maxListenersIncrement);
  });
};

// node_modules/execa/lib/ipc/forward.js
import { EventEmitter } from "node:events";

// node_modules/execa/lib/ipc/incoming.js
import { once as once2 } from "node:events";
import { scheduler } from "node:timers/promises";

// node_modules/execa/lib/ipc/reference.js
var addReference = (channel, reference) => {
  if (reference) {
    addReferenceCount(channel);
  }
};
var addReferenceCount = (channel) => {
  channel.refCounted();
};
var removeReference = (channel, reference) => {
  if (reference) {
    removeReferenceCount(channel);
  }
};
var removeReferenceCount = (channel) => {
  channel.unrefCounted();
};
var undoAddedReferences = (channel, isSubprocess) => {
  if (isSubprocess) {
    removeReferenceCount(channel);
    removeReferenceCount(channel);
  }
};
var redoAddedReferences = (channel, isSubprocess) => {
  if (isSubprocess) {
    addReferenceCount(channel);
    addReferenceCount(channel);
  }
};

// node_modules/execa/lib/ipc/incoming.js
var onMessage = async ({ anyProcess, channel, isSubprocess, ipcEmitter }, wrappedMessage) => {
  if (handleStrictResponse(wrappedMessage) || handleAbort(wrappedMessage)) {
    return;
  }
  if (!INCOMING_MESSAGES.has(anyProcess)) {
    INCOMING_MESSAGES.set(anyProcess, []);
  }
  const incomingMessages = INCOMING_MESSAGES.get(anyProcess);
  incomingMessages.push(wrappedMessage);
  if (incomingMessages.length > 1) {
    return;
  }
  while (incomingMessages.length > 0) {
    await waitForOutgoingMessages(anyProcess, ipcEmitter, wrappedMessage);
    await scheduler.yield();
    const message = await handleStrictRequest({
      wrappedMessage: incomingMessages[0],
      anyProcess,
      channel,
      isSubprocess,
      ipcEmitter
    });
    incomingMessages.shift();
    ipcEmitter.emit("message", message);
    ipcEmitter.emit("message:done");
  }
};
var onDisconnect = async ({ anyProcess, channel, isSubprocess, ipcEmitter, boundOnMessage }) => {
  abortOnDisconnect();
  const incomingMessages = INCOMING_MESSAGES.get(anyProcess);
  while (incomingMessages?.length > 0) {
    await once2(ipcEmitter, "message:done");
  }
  anyProcess.removeListener("message", boundOnMessage);
  redoAddedReferences(channel, isSubprocess);
  ipcEmitter.connected = false;
  ipcEmitter.emit("disconnect");
};
var INCOMING_MESSAGES = /* @__PURE__ */ new WeakMap();

// node_modules/execa/lib/ipc/forward.js
var getIpcEmitter = (anyProcess, channel, isSubprocess) => {
  if (IPC_EMITTERS.has(anyProcess)) {
    return IPC_EMITTERS.get(anyProcess);
  }
  const ipcEmitter = new EventEmitter();
  ipcEmitter.connected = true;
  IPC_EMITTERS.set(anyProcess, ipcEmitter);
  forwardEvents({
    ipcEmitter,
    anyProcess,
    channel,
    isSubprocess
  });
  return ipcEmitter;
};
var IPC_EMITTERS = /* @__PURE__ */ new WeakMap();
var forwardEvents = ({ ipcEmitter, anyProcess, channel, isSubprocess }) => {
  const boundOnMessage = onMessage.bind(void 0, {
    anyProcess,
    channel,
    isSubprocess,
    ipcEmitter
  });
  anyProcess.on("message", boundOnMessage);
  anyProcess.once("disconnect", onDisconnect.bind(void 0, {
    anyProcess,
    channel,
    isSubprocess,
    ipcEmitter,
    boundOnMessage
  }));
  undoAddedReferences(channel, isSubprocess);
};
var isConnected = (anyProcess) => {
  const ipcEmitter = IPC_EMITTERS.get(anyProcess);
  return ipcEmitter === void 0 ? anyProcess.channel !== null : ipcEmitter.connected;
};

// node_modules/execa/lib/ipc/strict.js
var handleSendStrict = ({ anyProcess, channel, isSubprocess, message, strict }) => {
  if (!strict) {
    return message;
  }
  const ipcEmitter = getIpcEmitter(anyProcess, channel, isSubprocess);
  const hasListeners = hasMessageListeners(anyProcess, ipcEmitter);
  return {
    id: count++,
    type: REQUEST_TYPE,
    message,
    hasListeners
  };
};
var count = 0n;
var validateStrictDeadlock = (outgoingMessages, wrappedMessage) => {
  if (wrappedMessage?.type !== REQUEST_TYPE || wrappedMessage.hasListeners) {
    return;
  }
  for (const { id } of outgoingMessages) {
    if (id !== void 0) {
      STRICT_RESPONSES[id].resolve({ isDeadlock: true, hasListeners: false });
    }
  }
};
var handleStrictRequest = async ({ wrappedMessage, anyProcess, channel, isSubprocess, ipcEmitter }) => {
  if (wrappedMessage?.type !== REQUEST_TYPE || !anyProcess.connected) {
    return wrappedMessage;
  }
  const { id, message } = wrappedMessage;
  const response = { id, type: RESPONSE_TYPE, message: hasMessageListeners(anyProcess, ipcEmitter) };
  try {
    await sendMessage({
      anyProcess,
      channel,
      isSubprocess,
      ipc: true
    }, response);
  } catch (error) {
    ipcEmitter.emit("strict:error", error);
  }
  return message;
};
var handleStrictResponse = (wrappedMessage) => {
  if (wrappedMessage?.type !== RESPONSE_TYPE) {
    return false;
  }
  const { id, message: hasListeners } = wrappedMessage;
  STRICT_RESPONSES[id]?.resolve({ isDeadlock: false, hasListeners });
  return true;
};
var waitForStrictResponse = async (wrappedMessage, anyProcess, isSubprocess) => {
  if (wrappedMessage?.type !== REQUEST_TYPE) {
    return;
  }
  const deferred = createDeferred();
  STRICT_RESPONSES[wrappedMessage.id] = deferred;
  const controller = new AbortController();
  try {
    const { isDeadlock, hasListeners } = await Promise.race([
      deferred,
      throwOnDisconnect(anyProcess, isSubprocess, controller)
    ]);
    if (isDeadlock) {
      throwOnStrictDeadlockError(isSubprocess);
    }
    if (!hasListeners) {
      throwOnMissingStrict(isSubprocess);
    }
  } finally {
    controller.abort();
    delete STRICT_RESPONSES[wrappedMessage.id];
  }
};
var STRICT_RESPONSES = {};
var throwOnDisconnect = async (anyProcess, isSubprocess, { signal }) => {
  incrementMaxListeners(anyProcess, 1, signal);
  await once3(anyProcess, "disconnect", { signal });
  throwOnStrictDisconnect(isSubprocess);
};
var REQUEST_TYPE = "execa:ipc:request";
var RESPONSE_TYPE = "execa:ipc:response";

// node_modules/execa/lib/ipc/outgoing.js
var startSendMessage = (anyProcess, wrappedMessage, strict) => {
  if (!OUTGOING_MESSAGES.has(anyProcess)) {
    OUTGOING_MESSAGES.set(anyProcess, /* @__PURE__ */ new Set());
  }
  const outgoingMessages = OUTGOING_MESSAGES.get(anyProcess);
  const onMessageSent = createDeferred();
  const id = strict ? wrappedMessage.id : void 0;
  const outgoingMessage = { onMessageSent, id };
  outgoingMessages.add(outgoingMessage);
  return { outgoingMessages, outgoingMessage };
};
var endSendMessage = ({ outgoingMessages, outgoingMessage }) => {
  outgoingMessages.delete(outgoingMessage);
  outgoingMessage.onMessageSent.resolve();
};
var waitForOutgoingMessages = async (anyProcess, ipcEmitter, wrappedMessage) => {
  while (!hasMessageListeners(anyProcess, ipcEmitter) && OUTGOING_MESSAGES.get(anyProcess)?.size > 0) {
    const outgoingMessages = [...OUTGOING_MESSAGES.get(anyProcess)];
    validateStrictDeadlock(outgoingMessages, wrappedMessage);
    await Promise.all(outgoingMessages.map(({ onMessageSent }) => onMessageSent));
  }
};
var OUTGOING_MESSAGES = /* @__PURE__ */ new WeakMap();
var hasMessageListeners = (anyProcess, ipcEmitter) => ipcEmitter.listenerCount("message") > getMinListenerCount(anyProcess);
var getMinListenerCount = (anyProcess) => SUBPROCESS_OPTIONS.has(anyProcess) && !getFdSpecificValue(SUBPROCESS_OPTIONS.get(anyProcess).options.buffer, "ipc") ? 1 : 0;

// node_modules/execa/lib/ipc/send.js
var sendMessage = ({ anyProcess, channel, isSubprocess, ipc }, message, { strict = false } = {}) => {
  const methodName = "sendMessage";
  validateIpcMethod({
    methodName,
    isSubprocess,
    ipc,
    isConnected: anyProcess.connected
  });
  return sendMessageAsync({
    anyProcess,
    channel,
    methodName,
    isSubprocess,
    message,
    strict
  });
};
var sendMessageAsync = async ({ anyProcess, channel, methodName, isSubprocess, message, strict }) => {
  const wrappedMessage = handleSendStrict({
    anyProcess,
    channel,
    isSubprocess,
    message,
    strict
  });
  const outgoingMessagesState = startSendMessage(anyProcess, wrappedMessage, strict);
  try {
    await sendOneMessage({
      anyProcess,
      methodName,
      isSubprocess,
      wrappedMessage,
      message
    });
  } catch (error) {
    disconnect(anyProcess);
    throw error;
  } finally {
    endSendMessage(outgoingMessagesState);
  }
};
var sendOneMessage = async ({ anyProcess, methodName, isSubprocess, wrappedMessage, message }) => {
  const sendMethod = getSendMethod(anyProcess);
  try {
    await Promise.all([
      waitForStrictResponse(wrappedMessage, anyProcess, isSubprocess),
      sendMethod(wrappedMessage)
    ]);
  } catch (error) {
    handleEpipeError({ error, methodName, isSubprocess });
    handleSerializationError({
      error,
      methodName,
      isSubprocess,
      message
    });
    throw error;
  }
};
var getSendMethod = (anyProcess) => {
  if (PROCESS_SEND_METHODS.has(anyProcess)) {
    return PROCESS_SEND_METHODS.get(anyProcess);
  }
  const sendMethod = promisify2(anyProcess.send.bind(anyProcess));
  PROCESS_SEND_METHODS.set(anyProcess, sendMethod);
  return sendMethod;
};
var PROCESS_SEND_METHODS = /* @__PURE__ */ new WeakMap();

// node_modules/execa/lib/ipc/graceful.js
var sendAbort = (subprocess, message) => {
  const methodName = "cancelSignal";
  validateConnection(methodName, false, subprocess.connected);
  return sendOneMessage({
    anyProcess: subprocess,
    methodName,
    isSubprocess: false,
    wrappedMessage: { type: GRACEFUL_CANCEL_TYPE, message },
    message
  });
};
var getCancelSignal = async ({ anyProcess, channel, isSubprocess, ipc }) => {
  await startIpc({
    anyProcess,
    channel,
    isSubprocess,
    ipc
  });
  return cancelController.signal;
};
var startIpc = async ({ anyProcess, channel, isSubprocess, ipc }) => {
  if (cancelListening) {
    return;
  }
  cancelListening = true;
  if (!ipc) {
    throwOnMissingParent();
    return;
  }
  if (channel === null) {
    abortOnDisconnect();
    return;
  }
  getIpcEmitter(anyProcess, channel, isSubprocess);
  await scheduler2.yield();
};
var cancelListening = false;
var handleAbort = (wrappedMessage) => {
  if (wrappedMessage?.type !== GRACEFUL_CANCEL_TYPE) {
    return false;
  }
  cancelController.abort(wrappedMessage.message);
  return true;
};
var GRACEFUL_CANCEL_TYPE = "execa:ipc:cancel";
var abortOnDisconnect = () => {
  cancelController.abort(getAbortDisconnectError());
};
var cancelController = new AbortController();

// node_modules/execa/lib/terminate/graceful.js
var validateGracefulCancel = ({ gracefulCancel, cancelSignal, ipc, serialization }) => {
  if (!gracefulCancel) {
    return;
  }
  if (cancelSignal === void 0) {
    throw new Error("The `cancelSignal` option must be defined when setting the `gracefulCancel` option.");
  }
  if (!ipc) {
    throw new Error("The `ipc` option cannot be false when setting the `gracefulCancel` option.");
  }
  if (serialization === "json") {
    throw new Error("The `serialization` option cannot be 'json' when setting the `gracefulCancel` option.");
  }
};
var throwOnGracefulCancel = ({
  subprocess,
  cancelSignal,
  gracefulCancel,
  forceKillAfterDelay,
  context,
  controller
}) => gracefulCancel ? [sendOnAbort({
  subprocess,
  cancelSignal,
  forceKillAfterDelay,
  context,
  controller
})] : [];
var sendOnAbort = async ({ subprocess, cancelSignal, forceKillAfterDelay, context, controller: { signal } }) => {
  await onAbortedSignal(cancelSignal, signal);
  const reason = getReason(cancelSignal);
  await sendAbort(subprocess, reason);
  killOnTimeout({
    kill: subprocess.kill,
    forceKillAfterDelay,
    context,
    controllerSignal: signal
  });
  context.terminationReason ??= "gracefulCancel";
  throw cancelSignal.reason;
};
var getReason = ({ reason }) => {
  if (!(reason instanceof DOMException)) {
    return reason;
  }
  const error = new Error(reason.message);
  Object.defineProperty(error, "stack", {
    value: reason.stack,
    enumerable: false,
    configurable: true,
    writable: true
  });
  return error;
};

// node_modules/execa/lib/terminate/timeout.js
import { setTimeout as setTimeout3 } from "node:timers/promises";
var validateTimeout = ({ timeout }) => {
  if (timeout !== void 0 && (!Number.isFinite(timeout) || timeout < 0)) {
    throw new TypeError(`Expected the \`timeout\` option to be a non-negative integer, got \`${timeout}\` (${typeof timeout})`);
  }
};
var throwOnTimeout = (subprocess, timeout, context, controller) => timeout === 0 || timeout === void 0 ? [] : [killAfterTimeout(subprocess, timeout, context, controller)];
var killAfterTimeout = async (subprocess, timeout, context, { signal }) => {
  await setTimeout3(timeout, void 0, { signal });
  context.terminationReason ??= "timeout";
  subprocess.kill();
  throw new DiscardedError();
};

// node_modules/execa/lib/methods/node.js
import { execPath, execArgv } from "node:process";
import path13 from "node:path";
var mapNode = ({ options }) => {
  if (options.node === false) {
    throw new TypeError('The "node" option cannot be false with `execaNode()`.');
  }
  return { options: { ...options, node: true } };
};
var handleNodeOption = (file, commandArguments, {
  node: shouldHandleNode = false,
  nodePath = execPath,
  nodeOptions = execArgv.filter((nodeOption) => !nodeOption.startsWith("--inspect")),
  cwd,
  execPath: formerNodePath,
  ...options
}) => {
  if (formerNodePath !== void 0) {
    throw new TypeError('The "execPath" option has been removed. Please use the "nodePath" option instead.');
  }
  const normalizedNodePath = safeNormalizeFileUrl(nodePath, 'The "nodePath" option');
  const resolvedNodePath = path13.resolve(cwd, normalizedNodePath);
  const newOptions = {
    ...options,
    nodePath: resolvedNodePath,
    node: shouldHandleNode,
    cwd
  };
  if (!shouldHandleNode) {
    return [file, commandArguments, newOptions];
  }
  if (path13.basename(file, ".exe") === "node") {
    throw new TypeError('When the "node" option is true, the first argument does not need to be "node".');
  }
  return [
    resolvedNodePath,
    [...nodeOptions, file, ...commandArguments],
    { ipc: true, ...newOptions, shell: false }
  ];
};

// node_modules/execa/lib/ipc/ipc-input.js
import { serialize } from "node:v8";
var validateIpcInputOption = ({ ipcInput, ipc, serialization }) => {
  if (ipcInput === void 0) {
    return;
  }
  if (!ipc) {
    throw new Error("The `ipcInput` option cannot be set unless the `ipc` option is `true`.");
  }
  validateIpcInput[serialization](ipcInput);
};
var validateAdvancedInput = (ipcInput) => {
  try {
    serialize(ipcInput);
  } catch (error) {
    throw new Error("The `ipcInput` option is not serializable with a structured clone.", { cause: error });
  }
};
var validateJsonInput = (ipcInput) => {
  try {
    JSON.stringify(ipcInput);
  } catch (error) {
    throw new Error("The `ipcInput` option is not serializable with JSON.", { cause: error });
  }
};
var validateIpcInput = {
  advanced: validateAdvancedInput,
  json: validateJsonInput
};
var sendIpcInput = async (subprocess, ipcInput) => {
  if (ipcInput === void 0) {
    return;
  }
  await subprocess.sendMessage(ipcInput);
};

// node_modules/execa/lib/arguments/encoding-option.js
var validateEncoding = ({ encoding }) => {
  if (ENCODINGS.has(encoding)) {
    return;
  }
  const correctEncoding = getCorrectEncoding(encoding);
  if (correctEncoding !== void 0) {
    throw new TypeError(`Invalid option \`encoding: ${serializeEncoding(encoding)}\`.
Please rename it to ${serializeEncoding(correctEncoding)}.`);
  }
  const correctEncodings = [...ENCODINGS].map((correctEncoding2) => serializeEncoding(correctEncoding2)).join(", ");
  throw new TypeError(`Invalid option \`encoding: ${serializeEncoding(encoding)}\`.
Please rename it to one of: ${correctEncodings}.`);
};
var TEXT_ENCODINGS = /* @__PURE__ */ new Set(["utf8", "utf16le"]);
var BINARY_ENCODINGS = /* @__PURE__ */ new Set(["buffer", "hex", "base64", "base64url", "latin1", "ascii"]);
var ENCODINGS = /* @__PURE__ */ new Set([...TEXT_ENCODINGS, ...BINARY_ENCODINGS]);
var getCorrectEncoding = (encoding) => {
  if (encoding === null) {
    return "buffer";
  }
  if (typeof encoding !== "string") {
    return;
  }
  const lowerEncoding = encoding.toLowerCase();
  if (lowerEncoding in ENCODING_ALIASES) {
    return ENCODING_ALIASES[lowerEncoding];
  }
  if (ENCODINGS.has(lowerEncoding)) {
    return lowerEncoding;
  }
};
var ENCODING_ALIASES = {
  // eslint-disable-next-line unicorn/text-encoding-identifier-case
  "utf-8": "utf8",
  "utf-16le": "utf16le",
  "ucs-2": "utf16le",
  ucs2: "utf16le",
  binary: "latin1"
};
var serializeEncoding = (encoding) => typeof encoding === "string" ? `"${encoding}"` : String(encoding);

// node_modules/execa/lib/arguments/cwd.js
import { statSync as statSync6 } from "node:fs";
import path14 from "node:path";
import process5 from "node:process";
var normalizeCwd = (cwd = getDefaultCwd()) => {
  const cwdString = safeNormalizeFileUrl(cwd, 'The "cwd" option');
  return path14.resolve(cwdString);
};
var getDefaultCwd = () => {
  try {
    return process5.cwd();
  } catch (error) {
    error.message = `The current directory does not exist.
${error.message}`;
    throw error;
  }
};
var fixCwdError = (originalMessage, cwd) => {
  if (cwd === getDefaultCwd()) {
    return originalMessage;
  }
  let cwdStat;
  try {
    cwdStat = statSync6(cwd);
  } catch (error) {
    return `The "cwd" option is invalid: ${cwd}.
${error.message}
${originalMessage}`;
  }
  if (!cwdStat.isDirectory()) {
    return `The "cwd" option is not a directory: ${cwd}.
${originalMessage}`;
  }
  return originalMessage;
};

// node_modules/execa/lib/arguments/options.js
var normalizeOptions = (filePath, rawArguments, rawOptions) => {
  rawOptions.cwd = normalizeCwd(rawOptions.cwd);
  const [processedFile, processedArguments, processedOptions] = handleNodeOption(filePath, rawArguments, rawOptions);
  const { command: file, args: commandArguments, options: initialOptions } = import_cross_spawn.default._parse(processedFile, processedArguments, processedOptions);
  const fdOptions = normalizeFdSpecificOptions(initialOptions);
  const options = addDefaultOptions(fdOptions);
  validateTimeout(options);
  validateEncoding(options);
  validateIpcInputOption(options);
  validateCancelSignal(options);
  validateGracefulCancel(options);
  options.shell = normalizeFileUrl(options.shell);
  options.env = getEnv(options);
  options.killSignal = normalizeKillSignal(options.killSignal);
  options.forceKillAfterDelay = normalizeForceKillAfterDelay(options.forceKillAfterDelay);
  options.lines = options.lines.map((lines, fdNumber) => lines && !BINARY_ENCODINGS.has(options.encoding) && options.buffer[fdNumber]);
  if (process6.platform === "win32" && path15.basename(file, ".exe") === "cmd") {
    commandArguments.unshift("/q");
  }
  return { file, commandArguments, options };
};
var addDefaultOptions = ({
  extendEnv = true,
  preferLocal = false,
  cwd,
  localDir: localDirectory = cwd,
  encoding = "utf8",
  reject = true,
  cleanup = true,
  all = false,
  windowsHide = true,
  killSignal = "SIGTERM",
  forceKillAfterDelay = true,
  gracefulCancel = false,
  ipcInput,
  ipc = ipcInput !== void 0 || gracefulCancel,
  serialization = "advanced",
  ...options
}) => ({
  ...options,
  extendEnv,
  preferLocal,
  cwd,
  localDirectory,
  encoding,
  reject,
  cleanup,
  all,
  windowsHide,
  killSignal,
  forceKillAfterDelay,
  gracefulCancel,
  ipcInput,
  ipc,
  serialization
});
var getEnv = ({ env: envOption, extendEnv, preferLocal, node, localDirectory, nodePath }) => {
  const env = extendEnv ? { ...process6.env, ...envOption } : envOption;
  if (preferLocal || node) {
    return npmRunPathEnv({
      env,
      cwd: localDirectory,
      execPath: nodePath,
      preferLocal,
      addExecPath: node
    });
  }
  return env;
};

// node_modules/execa/lib/arguments/shell.js
var concatenateShell = (file, commandArguments, options) => options.shell && commandArguments.length > 0 ? [[file, ...commandArguments].join(" "), [], options] : [file, commandArguments, options];

// node_modules/execa/lib/return/message.js
import { inspect as inspect2 } from "node:util";

// node_modules/strip-final-newline/index.js
function stripFinalNewline(input) {
  if (typeof input === "string") {
    return stripFinalNewlineString(input);
  }
  if (!(ArrayBuffer.isView(input) && input.BYTES_PER_ELEMENT === 1)) {
    throw new Error("Input must be a string or a Uint8Array");
  }
  return stripFinalNewlineBinary(input);
}
var stripFinalNewlineString = (input) => input.at(-1) === LF ? input.slice(0, input.at(-2) === CR ? -2 : -1) : input;
var stripFinalNewlineBinary = (input) => input.at(-1) === LF_BINARY ? input.subarray(0, input.at(-2) === CR_BINARY ? -2 : -1) : input;
var LF = "\n";
var LF_BINARY = LF.codePointAt(0);
var CR = "\r";
var CR_BINARY = CR.codePointAt(0);

// node_modules/get-stream/source/index.js
import { on } from "node:events";
import { finished } from "node:stream/promises";

// node_modules/get-stream/node_modules/is-stream/index.js
function isStream(stream, { checkOpen = true } = {}) {
  return stream !== null && typeof stream === "object" && (stream.writable || stream.readable || !checkOpen || stream.writable === void 0 && stream.readable === void 0) && typeof stream.pipe === "function";
}
function isReadableStream(stream, { checkOpen = true } = {}) {
  return isStream(stream, { checkOpen }) && (stream.readable || !checkOpen) && typeof stream.read === "function" && typeof stream.readable === "boolean" && typeof stream.readableObjectMode === "boolean" && typeof stream.destroy === "function" && typeof stream.destroyed === "boolean";
}

// node_modules/@sec-ant/readable-stream/dist/ponyfill/asyncIterator.js
var a = Object.getPrototypeOf(
  Object.getPrototypeOf(
    /* istanbul ignore next */
    async function* () {
    }
  ).prototype
);
var c = class {
  #t;
  #n;
  #r = false;
  #e = void 0;
  constructor(e, t) {
    this.#t = e, this.#n = t;
  }
  next() {
    const e = () => this.#s();
    return this.#e = this.#e ? this.#e.then(e, e) : e(), this.#e;
  }
  return(e) {
    const t = () => this.#i(e);
    return this.#e ? this.#e.then(t, t) : t();
  }
  async #s() {
    if (this.#r)
      return {
        done: true,
        value: void 0
      };
    let e;
    try {
      e = await this.#t.read();
    } catch (t) {
      throw this.#e = void 0, this.#r = true, this.#t.releaseLock(), t;
    }
    return e.done && (this.#e = void 0, this.#r = true, this.#t.releaseLock()), e;
  }
  async #i(e) {
    if (this.#r)
      return {
        done: true,
        value: e
      };
    if (this.#r = true, !this.#n) {
      const t = this.#t.cancel(e);
      return this.#t.releaseLock(), await t, {
        done: true,
        value: e
      };
    }
    return this.#t.releaseLock(), {
      done: true,
      value: e
    };
  }
};
var n = Symbol();
function i() {
  return this[n].next();
}
Object.defineProperty(i, "name", { value: "next" });
function o(r) {
  return this[n].return(r);
}
Object.defineProperty(o, "name", { value: "return" });
var u = Object.create(a, {
  next: {
    enumerable: true,
    configurable: true,
    writable: true,
    value: i
  },
  return: {
    enumerable: true,
    configurable: true,
    writable: true,
    value: o
  }
});
function h({ preventCancel: r = false } = {}) {
  const e = this.getReader(), t = new c(
    e,
    r
  ), s = Object.create(u);
  return s[n] = t, s;
}

// node_modules/get-stream/source/stream.js
var getAsyncIterable = (stream) => {
  if (isReadableStream(stream, { checkOpen: false }) && nodeImports.on !== void 0) {
    return getStreamIterable(stream);
  }
  if (typeof stream?.[Symbol.asyncIterator] === "function") {
    return stream;
  }
  if (toString.call(stream) === "[object ReadableStream]") {
    return h.call(stream);
  }
  throw new TypeError("The first argument must be a Readable, a ReadableStream, or an async iterable.");
};
var { toString } = Object.prototype;
var getStreamIterable = async function* (stream) {
  const controller = new AbortController();
  const state = {};
  handleStreamEnd(stream, controller, state);
  try {
    for await (const [chunk] of nodeImports.on(stream, "data", { signal: controller.signal })) {
      yield chunk;
    }
  } catch (error) {
    if (state.error !== void 0) {
      throw state.error;
    } else if (!controller.signal.aborted) {
      throw error;
    }
  } finally {
    stream.destroy();
  }
};
var handleStreamEnd = async (stream, controller, state) => {
  try {
    await nodeImports.finished(stream, {
      cleanup: true,
      readable: true,
      writable: false,
      error: false
    });
  } catch (error) {
    state.error = error;
  } finally {
    controller.abort();
  }
};
var nodeImports = {};

// node_modules/get-stream/source/contents.js
var getStreamContents = async (stream, { init, convertChunk, getSize, truncateChunk, addChunk, getFinalChunk, finalize }, { maxBuffer = Number.POSITIVE_INFINITY } = {}) => {
  const asyncIterable = getAsyncIterable(stream);
  const state = init();
  state.length = 0;
  try {
    for await (const chunk of asyncIterable) {
      const chunkType = getChunkType(chunk);
      const convertedChunk = convertChunk[chunkType](chunk, state);
      appendChunk({
        convertedChunk,
        state,
        getSize,
        truncateChunk,
        addChunk,
        maxBuffer
      });
    }
    appendFinalChunk({
      state,
      convertChunk,
      getSize,
      truncateChunk,
      addChunk,
      getFinalChunk,
      maxBuffer
    });
    return finalize(state);
  } catch (error) {
    const normalizedError = typeof error === "object" && error !== null ? error : new Error(error);
    normalizedError.bufferedData = finalize(state);
    throw normalizedError;
  }
};
var appendFinalChunk = ({ state, getSize, truncateChunk, addChunk, getFinalChunk, maxBuffer }) => {
  const convertedChunk = getFinalChunk(state);
  if (convertedChunk !== void 0) {
    appendChunk({
      convertedChunk,
      state,
      getSize,
      truncateChunk,
      addChunk,
      maxBuffer
    });
  }
};
var appendChunk = ({ convertedChunk, state, getSize, truncateChunk, addChunk, maxBuffer }) => {
  const chunkSize = getSize(convertedChunk);
  const newLength = state.length + chunkSize;
  if (newLength <= maxBuffer) {
    addNewChunk(convertedChunk, state, addChunk, newLength);
    return;
  }
  const truncatedChunk = truncateChunk(convertedChunk, maxBuffer - state.length);
  if (truncatedChunk !== void 0) {
    addNewChunk(truncatedChunk, state, addChunk, maxBuffer);
  }
  throw new MaxBufferError();
};
var addNewChunk = (convertedChunk, state, addChunk, newLength) => {
  state.contents = addChunk(convertedChunk, state, newLength);
  state.length = newLength;
};
var getChunkType = (chunk) => {
  const typeOfChunk = typeof chunk;
  if (typeOfChunk === "string") {
    return "string";
  }
  if (typeOfChunk !== "object" || chunk === null) {
    return "others";
  }
  if (globalThis.Buffer?.isBuffer(chunk)) {
    return "buffer";
  }
  const prototypeName = objectToString2.call(chunk);
  if (prototypeName === "[object ArrayBuffer]") {
    return "arrayBuffer";
  }
  if (prototypeName === "[object DataView]") {
    return "dataView";
  }
  if (Number.isInteger(chunk.byteLength) && Number.isInteger(chunk.byteOffset) && objectToString2.call(chunk.buffer) === "[object ArrayBuffer]") {
    return "typedArray";
  }
  return "others";
};
var { toString: objectToString2 } = Object.prototype;
var MaxBufferError = class extends Error {
  name = "MaxBufferError";
  constructor() {
    super("maxBuffer exceeded");
  }
};

// node_modules/get-stream/source/utils.js
var identity2 = (value) => value;
var noop = () => void 0;
var getContentsProperty = ({ contents }) => contents;
var throwObjectStream = (chunk) => {
  throw new Error(`Streams in object mode are not supported: ${String(chunk)}`);
};
var getLengthProperty = (convertedChunk) => convertedChunk.length;

// node_modules/get-stream/source/array.js
async function getStreamAsArray(stream, options) {
  return getStreamContents(stream, arrayMethods, options);
}
var initArray = () => ({ contents: [] });
var increment = () => 1;
var addArrayChunk = (convertedChunk, { contents }) => {
  contents.push(convertedChunk);
  return contents;
};
var arrayMethods = {
  init: initArray,
  convertChunk: {
    string: identity2,
    buffer: identity2,
    arrayBuffer: identity2,
    dataView: identity2,
    typedArray: identity2,
    others: identity2
  },
  getSize: increment,
  truncateChunk: noop,
  addChunk: addArrayChunk,
  getFinalChunk: noop,
  finalize: getContentsProperty
};

// node_modules/get-stream/source/array-buffer.js
async function getStreamAsArrayBuffer(stream, options) {
  return getStreamContents(stream, arrayBufferMethods, options);
}
var initArrayBuffer = () => ({ contents: new ArrayBuffer(0) });
var useTextEncoder = (chunk) => textEncoder2.encode(chunk);
var textEncoder2 = new TextEncoder();
var useUint8Array = (chunk) => new Uint8Array(chunk);
var useUint8ArrayWithOffset = (chunk) => new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
var truncateArrayBufferChunk = (convertedChunk, chunkSize) => convertedChunk.slice(0, chunkSize);
var addArrayBufferChunk = (convertedChunk, { contents, length: previousLength }, length) => {
  const newContents = hasArrayBufferResize() ? resizeArrayBuffer(contents, length) : resizeArrayBufferSlow(contents, length);
  new Uint8Array(newContents).set(convertedChunk, previousLength);
  return newContents;
};
var resizeArrayBufferSlow = (contents, length) => {
  if (length <= contents.byteLength) {
    return contents;
  }
  const arrayBuffer = new ArrayBuffer(getNewContentsLength(length));
  new Uint8Array(arrayBuffer).set(new Uint8Array(contents), 0);
  return arrayBuffer;
};
var resizeArrayBuffer = (contents, length) => {
  if (length <= contents.maxByteLength) {
    contents.resize(length);
    return contents;
  }
  const arrayBuffer = new ArrayBuffer(length, { maxByteLength: getNewContentsLength(length) });
  new Uint8Array(arrayBuffer).set(new Uint8Array(contents), 0);
  return arrayBuffer;
};
var getNewContentsLength = (length) => SCALE_FACTOR ** Math.ceil(Math.log(length) / Math.log(SCALE_FACTOR));
var SCALE_FACTOR = 2;
var finalizeArrayBuffer = ({ contents, length }) => hasArrayBufferResize() ? contents : contents.slice(0, length);
var hasArrayBufferResize = () => "resize" in ArrayBuffer.prototype;
var arrayBufferMethods = {
  init: initArrayBuffer,
  convertChunk: {
    string: useTextEncoder,
    buffer: useUint8Array,
    arrayBuffer: useUint8Array,
    dataView: useUint8ArrayWithOffset,
    typedArray: useUint8ArrayWithOffset,
    others: throwObjectStream
  },
  getSize: getLengthProperty,
  truncateChunk: truncateArrayBufferChunk,
  addChunk: addArrayBufferChunk,
  getFinalChunk: noop,
  finalize: finalizeArrayBuffer
};

// node_modules/get-stream/source/string.js
async function getStreamAsString(stream, options) {
  return getStreamContents(stream, stringMethods, options);
}
var initString = () => ({ contents: "", textDecoder: new TextDecoder() });
var useTextDecoder = (chunk, { textDecoder: textDecoder2 }) => textDecoder2.decode(chunk, { stream: true });
var addStringChunk = (convertedChunk, { contents }) => contents + convertedChunk;
var truncateStringChunk = (convertedChunk, chunkSize) => convertedChunk.slice(0, chunkSize);
var getFinalStringChunk = ({ textDecoder: textDecoder2 }) => {
  const finalChunk = textDecoder2.decode();
  return finalChunk === "" ? void 0 : finalChunk;
};
var stringMethods = {
  init: initString,
  convertChunk: {
    string: identity2,
    buffer: useTextDecoder,
    arrayBuffer: useTextDecoder,
    dataView: useTextDecoder,
    typedArray: useTextDecoder,
    others: throwObjectStream
  },
  getSize: getLengthProperty,
  truncateChunk: truncateStringChunk,
  addChunk: addStringChunk,
  getFinalChunk: getFinalStringChunk,
  finalize: getContentsProperty
};

// node_modules/get-stream/source/index.js
Object.assign(nodeImports, { on, finished });

// node_modules/execa/lib/io/max-buffer.js
var handleMaxBuffer = ({ error, stream, readableObjectMode, lines, encoding, fdNumber }) => {
  if (!(error instanceof MaxBufferError)) {
    throw error;
  }
  if (fdNumber === "all") {
    return error;
  }
  const unit = getMaxBufferUnit(readableObjectMode, lines, encoding);
  error.maxBufferInfo = { fdNumber, unit };
  stream.destroy();
  throw error;
};
var getMaxBufferUnit = (readableObjectMode, lines, encoding) => {
  if (readableObjectMode) {
    return "objects";
  }
  if (lines) {
    return "lines";
  }
  if (encoding === "buffer") {
    return "bytes";
  }
  return "characters";
};
var checkIpcMaxBuffer = (subprocess, ipcOutput, maxBuffer) => {
  if (ipcOutput.length !== maxBuffer) {
    return;
  }
  const error = new MaxBufferError();
  error.maxBufferInfo = { fdNumber: "ipc" };
  throw error;
};
var getMaxBufferMessage = (error, maxBuffer) => {
  const { streamName, threshold, unit } = getMaxBufferInfo(error, maxBuffer);
  return `Command's ${streamName} was larger than ${threshold} ${unit}`;
};
var getMaxBufferInfo = (error, maxBuffer) => {
  if (error?.maxBufferInfo === void 0) {
    return { streamName: "output", threshold: maxBuffer[1], unit: "bytes" };
  }
  const { maxBufferInfo: { fdNumber, unit } } = error;
  delete error.maxBufferInfo;
  const threshold = getFdSpecificValue(maxBuffer, fdNumber);
  if (fdNumber === "ipc") {
    return { streamName: "IPC output", threshold, unit: "messages" };
  }
  return { streamName: getStreamName(fdNumber), threshold, unit };
};
var isMaxBufferSync = (resultError, output, maxBuffer) => resultError?.code === "ENOBUFS" && output !== null && output.some((result) => result !== null && result.length > getMaxBufferSync(maxBuffer));
var truncateMaxBufferSync = (result, isMaxBuffer, maxBuffer) => {
  if (!isMaxBuffer) {
    return result;
  }
  const maxBufferValue = getMaxBufferSync(maxBuffer);
  return result.length > maxBufferValue ? result.slice(0, maxBufferValue) : result;
};
var getMaxBufferSync = ([, stdoutMaxBuffer]) => stdoutMaxBuffer;

// node_modules/execa/lib/return/message.js
var createMessages = ({
  stdio,
  all,
  ipcOutput,
  originalError,
  signal,
  signalDescription,
  exitCode,
  escapedCommand,
  timedOut,
  isCanceled,
  isGracefullyCanceled,
  isMaxBuffer,
  isForcefullyTerminated,
  forceKillAfterDelay,
  killSignal,
  maxBuffer,
  timeout,
  cwd
}) => {
  const errorCode = originalError?.code;
  const prefix = getErrorPrefix({
    originalError,
    timedOut,
    timeout,
    isMaxBuffer,
    maxBuffer,
    errorCode,
    signal,
    signalDescription,
    exitCode,
    isCanceled,
    isGracefullyCanceled,
    isForcefullyTerminated,
    forceKillAfterDelay,
    killSignal
  });
  const originalMessage = getOriginalMessage(originalError, cwd);
  const suffix = originalMessage === void 0 ? "" : `
${originalMessage}`;
  const shortMessage = `${prefix}: ${escapedCommand}${suffix}`;
  const messageStdio = all === void 0 ? [stdio[2], stdio[1]] : [all];
  const message = [
    shortMessage,
    ...messageStdio,
    ...stdio.slice(3),
    ipcOutput.map((ipcMessage) => serializeIpcMessage(ipcMessage)).join("\n")
  ].map((messagePart) => escapeLines(stripFinalNewline(serializeMessagePart(messagePart)))).filter(Boolean).join("\n\n");
  return { originalMessage, shortMessage, message };
};
var getErrorPrefix = ({
  originalError,
  timedOut,
  timeout,
  isMaxBuffer,
  maxBuffer,
  errorCode,
  signal,
  signalDescription,
  exitCode,
  isCanceled,
  isGracefullyCanceled,
  isForcefullyTerminated,
  forceKillAfterDelay,
  killSignal
}) => {
  const forcefulSuffix = getForcefulSuffix(isForcefullyTerminated, forceKillAfterDelay);
  if (timedOut) {
    return `Command timed out after ${timeout} milliseconds${forcefulSuffix}`;
  }
  if (isGracefullyCanceled) {
    if (signal === void 0) {
      return `Command was gracefully canceled with exit code ${exitCode}`;
    }
    return isForcefullyTerminated ? `Command was gracefully canceled${forcefulSuffix}` : `Command was gracefully canceled with ${signal} (${signalDescription})`;
  }
  if (isCanceled) {
    return `Command was canceled${forcefulSuffix}`;
  }
  if (isMaxBuffer) {
    return `${getMaxBufferMessage(originalError, maxBuffer)}${forcefulSuffix}`;
  }
  if (errorCode !== void 0) {
    return `Command failed with ${errorCode}${forcefulSuffix}`;
  }
  if (isForcefullyTerminated) {
    return `Command was killed with ${killSignal} (${getSignalDescription(killSignal)})${forcefulSuffix}`;
  }
  if (signal !== void 0) {
    return `Command was killed with ${signal} (${signalDescription})`;
  }
  if (exitCode !== void 0) {
    return `Command failed with exit code ${exitCode}`;
  }
  return "Command failed";
};
var getForcefulSuffix = (isForcefullyTerminated, forceKillAfterDelay) => isForcefullyTerminated ? ` and was forcefully terminated after ${forceKillAfterDelay} milliseconds` : "";
var getOriginalMessage = (originalError, cwd) => {
  if (originalError instanceof DiscardedError) {
    return;
  }
  const originalMessage = isExecaError(originalError) ? originalError.originalMessage : String(originalError?.message ?? originalError);
  const escapedOriginalMessage = escapeLines(fixCwdError(originalMessage, cwd));
  return escapedOriginalMessage === "" ? void 0 : escapedOriginalMessage;
};
var serializeIpcMessage = (ipcMessage) => typeof ipcMessage === "string" ? ipcMessage : inspect2(ipcMessage);
var serializeMessagePart = (messagePart) => Array.isArray(messagePart) ? messagePart.map((messageItem) => stripFinalNewline(serializeMessageItem(messageItem))).filter(Boolean).join("\n") : serializeMessageItem(messagePart);
var serializeMessageItem = (messageItem) => {
  if (typeof messageItem === "string") {
    return messageItem;
  }
  if (isUint8Array(messageItem)) {
    return uint8ArrayToString(messageItem);
  }
  return "";
};

// node_modules/execa/lib/return/result.js
var makeSuccessResult = ({
  command,
  escapedCommand,
  stdio,
  all,
  ipcOutput,
  options: { cwd },
  startTime
}) => omitUndefinedProperties({
  command,
  escapedCommand,
  cwd,
  durationMs: getDurationMs(startTime),
  failed: false,
  timedOut: false,
  isCanceled: false,
  isGracefullyCanceled: false,
  isTerminated: false,
  isMaxBuffer: false,
  isForcefullyTerminated: false,
  exitCode: 0,
  stdout: stdio[1],
  stderr: stdio[2],
  all,
  stdio,
  ipcOutput,
  pipedFrom: []
});
var makeEarlyError = ({
  error,
  command,
  escapedCommand,
  fileDescriptors,
  options,
  startTime,
  isSync
}) => makeError({
  error,
  command,
  escapedCommand,
  startTime,
  timedOut: false,
  isCanceled: false,
  isGracefullyCanceled: false,
  isMaxBuffer: false,
  isForcefullyTerminated: false,
  stdio: Array.from({ length: fileDescriptors.length }),
  ipcOutput: [],
  options,
  isSync
});
var makeError = ({
  error: originalError,
  command,
  escapedCommand,
  startTime,
  timedOut,
  isCanceled,
  isGracefullyCanceled,
  isMaxBuffer,
  isForcefullyTerminated,
  exitCode: rawExitCode,
  signal: rawSignal,
  stdio,
  all,
  ipcOutput,
  options: {
    timeoutDuration,
    timeout = timeoutDuration,
    forceKillAfterDelay,
    killSignal,
    cwd,
    maxBuffer
  },
  isSync
}) => {
  const { exitCode, signal, signalDescription } = normalizeExitPayload(rawExitCode, rawSignal);
  const { originalMessage, shortMessage, message } = createMessages({
    stdio,
    all,
    ipcOutput,
    originalError,
    signal,
    signalDescription,
    exitCode,
    escapedCommand,
    timedOut,
    isCanceled,
    isGracefullyCanceled,
    isMaxBuffer,
    isForcefullyTerminated,
    forceKillAfterDelay,
    killSignal,
    maxBuffer,
    timeout,
    cwd
  });
  const error = getFinalError(originalError, message, isSync);
  Object.assign(error, getErrorProperties({
    error,
    command,
    escapedCommand,
    startTime,
    timedOut,
    isCanceled,
    isGracefullyCanceled,
    isMaxBuffer,
    isForcefullyTerminated,
    exitCode,
    signal,
    signalDescription,
    stdio,
    all,
    ipcOutput,
    cwd,
    originalMessage,
    shortMessage
  }));
  return error;
};
var getErrorProperties = ({
  error,
  command,
  escapedCommand,
  startTime,
  timedOut,
  isCanceled,
  isGracefullyCanceled,
  isMaxBuffer,
  isForcefullyTerminated,
  exitCode,
  signal,
  signalDescription,
  stdio,
  all,
  ipcOutput,
  cwd,
  originalMessage,
  shortMessage
}) => omitUndefinedProperties({
  shortMessage,
  originalMessage,
  command,
  escapedCommand,
  cwd,
  durationMs: getDurationMs(startTime),
  failed: true,
  timedOut,
  isCanceled,
  isGracefullyCanceled,
  isTerminated: signal !== void 0,
  isMaxBuffer,
  isForcefullyTerminated,
  exitCode,
  signal,
  signalDescription,
  code: error.cause?.code,
  stdout: stdio[1],
  stderr: stdio[2],
  all,
  stdio,
  ipcOutput,
  pipedFrom: []
});
var omitUndefinedProperties = (result) => Object.fromEntries(Object.entries(result).filter(([, value]) => value !== void 0));
var normalizeExitPayload = (rawExitCode, rawSignal) => {
  const exitCode = rawExitCode === null ? void 0 : rawExitCode;
  const signal = rawSignal === null ? void 0 : rawSignal;
  const signalDescription = signal === void 0 ? void 0 : getSignalDescription(rawSignal);
  return { exitCode, signal, signalDescription };
};

// node_modules/parse-ms/index.js
var toZeroIfInfinity = (value) => Number.isFinite(value) ? value : 0;
function parseNumber(milliseconds) {
  return {
    days: Math.trunc(milliseconds / 864e5),
    hours: Math.trunc(milliseconds / 36e5 % 24),
    minutes: Math.trunc(milliseconds / 6e4 % 60),
    seconds: Math.trunc(milliseconds / 1e3 % 60),
    milliseconds: Math.trunc(milliseconds % 1e3),
    microseconds: Math.trunc(toZeroIfInfinity(milliseconds * 1e3) % 1e3),
    nanoseconds: Math.trunc(toZeroIfInfinity(milliseconds * 1e6) % 1e3)
  };
}
function parseBigint(milliseconds) {
  return {
    days: milliseconds / 86400000n,
    hours: milliseconds / 3600000n % 24n,
    minutes: milliseconds / 60000n % 60n,
    seconds: milliseconds / 1000n % 60n,
    milliseconds: milliseconds % 1000n,
    microseconds: 0n,
    nanoseconds: 0n
  };
}
function parseMilliseconds(milliseconds) {
  switch (typeof milliseconds) {
    case "number": {
      if (Number.isFinite(milliseconds)) {
        return parseNumber(milliseconds);
      }
      break;
    }
    case "bigint": {
      return parseBigint(milliseconds);
    }
  }
  throw new TypeError("Expected a finite number or bigint");
}

// node_modules/pretty-ms/index.js
var isZero = (value) => value === 0 || value === 0n;
var pluralize = (word, count2) => count2 === 1 || count2 === 1n ? word : `${word}s`;
var SECOND_ROUNDING_EPSILON = 1e-7;
var ONE_DAY_IN_MILLISECONDS = 24n * 60n * 60n * 1000n;
function prettyMilliseconds(milliseconds, options) {
  const isBigInt = typeof milliseconds === "bigint";
  if (!isBigInt && !Number.isFinite(milliseconds)) {
    throw new TypeError("Expected a finite number or bigint");
  }
  options = { ...options };
  const sign = milliseconds < 0 ? "-" : "";
  milliseconds = milliseconds < 0 ? -milliseconds : milliseconds;
  if (options.colonNotation) {
    options.compact = false;
    options.formatSubMilliseconds = false;
    options.separateMilliseconds = false;
    options.verbose = false;
  }
  if (options.compact) {
    options.unitCount = 1;
    options.secondsDecimalDigits = 0;
    options.millisecondsDecimalDigits = 0;
  }
  let result = [];
  const floorDecimals = (value, decimalDigits) => {
    const flooredInterimValue = Math.floor(value * 10 ** decimalDigits + SECOND_ROUNDING_EPSILON);
    const flooredValue = Math.round(flooredInterimValue) / 10 ** decimalDigits;
    return flooredValue.toFixed(decimalDigits);
  };
  const add = (value, long, short, valueString) => {
    if ((result.length === 0 || !options.colonNotation) && isZero(value) && !(options.colonNotation && short === "m")) {
      return;
    }
    valueString ??= String(value);
    if (options.colonNotation) {
      const wholeDigits = valueString.includes(".") ? valueString.split(".")[0].length : valueString.length;
      const minLength = result.length > 0 ? 2 : 1;
      valueString = "0".repeat(Math.max(0, minLength - wholeDigits)) + valueString;
    } else {
      valueString += options.verbose ? " " + pluralize(long, value) : short;
    }
    result.push(valueString);
  };
  const parsed = parseMilliseconds(milliseconds);
  const days = BigInt(parsed.days);
  if (options.hideYearAndDays) {
    add(BigInt(days) * 24n + BigInt(parsed.hours), "hour", "h");
  } else {
    if (options.hideYear) {
      add(days, "day", "d");
    } else {
      add(days / 365n, "year", "y");
      add(days % 365n, "day", "d");
    }
    add(Number(parsed.hours), "hour", "h");
  }
  add(Number(parsed.minutes), "minute", "m");
  if (!options.hideSeconds) {
    if (options.separateMilliseconds || options.formatSubMilliseconds || !options.colonNotation && milliseconds < 1e3 && !options.subSecondsAsDecimals) {
      const seconds = Number(parsed.seconds);
      const milliseconds2 = Number(parsed.milliseconds);
      const microseconds = Number(parsed.microseconds);
      const nanoseconds = Number(parsed.nanoseconds);
      add(seconds, "second", "s");
      if (options.formatSubMilliseconds) {
        add(milliseconds2, "millisecond", "ms");
        add(microseconds, "microsecond", "\xB5s");
        add(nanoseconds, "nanosecond", "ns");
      } else {
        const millisecondsAndBelow = milliseconds2 + microseconds / 1e3 + nanoseconds / 1e6;
        const millisecondsDecimalDigits = typeof options.millisecondsDecimalDigits === "number" ? options.millisecondsDecimalDigits : 0;
        const roundedMilliseconds = millisecondsAndBelow >= 1 ? Math.round(millisecondsAndBelow) : Math.ceil(millisecondsAndBelow);
        const maximumMilliseconds = 1e3 - 10 ** -millisecondsDecimalDigits;
        const millisecondsString = millisecondsDecimalDigits ? Math.min(millisecondsAndBelow, maximumMilliseconds).toFixed(millisecondsDecimalDigits) : Math.min(roundedMilliseconds, maximumMilliseconds);
        add(
          Number.parseFloat(millisecondsString),
          "millisecond",
          "ms",
          millisecondsString
        );
      }
    } else {
      const seconds = (isBigInt ? Number(milliseconds % ONE_DAY_IN_MILLISECONDS) : milliseconds) / 1e3 % 60;
      const secondsDecimalDigits = typeof options.secondsDecimalDigits === "number" ? options.secondsDecimalDigits : 1;
      const secondsFixed = floorDecimals(seconds, secondsDecimalDigits);
      const secondsString = options.keepDecimalsOnWholeSeconds ? secondsFixed : secondsFixed.replace(/\.0+$/, "");
      add(Number.parseFloat(secondsString), "second", "s", secondsString);
    }
  }
  if (result.length === 0) {
    return sign + "0" + (options.verbose ? " milliseconds" : "ms");
  }
  const separator = options.colonNotation ? ":" : " ";
  if (typeof options.unitCount === "number") {
    result = result.slice(0, Math.max(options.unitCount, 1));
  }
  return sign + result.join(separator);
}

// node_modules/execa/lib/verbose/error.js
var logError = (result, verboseInfo) => {
  if (result.failed) {
    verboseLog({
      type: "error",
      verboseMessage: result.shortMessage,
      verboseInfo,
      result
    });
  }
};

// node_modules/execa/lib/verbose/complete.js
var logResult = (result, verboseInfo) => {
  if (!isVerbose(verboseInfo)) {
    return;
  }
  logError(result, verboseInfo);
  logDuration(result, verboseInfo);
};
var logDuration = (result, verboseInfo) => {
  const verboseMessage = `(done in ${prettyMilliseconds(result.durationMs)})`;
  verboseLog({
    type: "duration",
    verboseMessage,
    verboseInfo,
    result
  });
};

// node_modules/execa/lib/return/reject.js
var handleResult = (result, verboseInfo, { reject }) => {
  logResult(result, verboseInfo);
  if (result.failed && reject) {
    throw result;
  }
  return result;
};

// node_modules/execa/lib/stdio/handle-sync.js
import { readFileSync as readFileSync5 } from "node:fs";

// node_modules/execa/node_modules/is-stream/index.js
function isStream2(stream, { checkOpen = true } = {}) {
  return stream !== null && typeof stream === "object" && (stream.writable || stream.readable || !checkOpen || stream.writable === void 0 && stream.readable === void 0) && typeof stream.pipe === "function";
}
function isWritableStream(stream, { checkOpen = true } = {}) {
  return isStream2(stream, { checkOpen }) && (stream.writable || !checkOpen) && typeof stream.write === "function" && typeof stream.end === "function" && typeof stream.writable === "boolean" && typeof stream.writableObjectMode === "boolean" && typeof stream.destroy === "function" && typeof stream.destroyed === "boolean";
}
function isReadableStream2(stream, { checkOpen = true } = {}) {
  return isStream2(stream, { checkOpen }) && (stream.readable || !checkOpen) && typeof stream.read === "function" && typeof stream.readable === "boolean" && typeof stream.readableObjectMode === "boolean" && typeof stream.destroy === "function" && typeof stream.destroyed === "boolean";
}
function isDuplexStream(stream, options) {
  return isWritableStream(stream, options) && isReadableStream2(stream, options);
}

// node_modules/execa/lib/stdio/type.js
var getStdioItemType = (value, optionName) => {
  if (isAsyncGenerator(value)) {
    return "asyncGenerator";
  }
  if (isSyncGenerator(value)) {
    return "generator";
  }
  if (isUrl2(value)) {
    return "fileUrl";
  }
  if (isFilePathObject(value)) {
    return "filePath";
  }
  if (isWebStream(value)) {
    return "webStream";
  }
  if (isStream2(value, { checkOpen: false })) {
    return "native";
  }
  if (isUint8Array(value)) {
    return "uint8Array";
  }
  if (isAsyncIterableObject(value)) {
    return "asyncIterable";
  }
  if (isIterableObject(value)) {
    return "iterable";
  }
  if (isTransformStream(value)) {
    return getTransformStreamType({ transform: value }, optionName);
  }
  if (isTransformOptions(value)) {
    return getTransformObjectType(value, optionName);
  }
  return "native";
};
var getTransformObjectType = (value, optionName) => {
  if (isDuplexStream(value.transform, { checkOpen: false })) {
    return getDuplexType(value, optionName);
  }
  if (isTransformStream(value.transform)) {
    return getTransformStreamType(value, optionName);
  }
  return getGeneratorObjectType(value, optionName);
};
var getDuplexType = (value, optionName) => {
  validateNonGeneratorType(value, optionName, "Duplex stream");
  return "duplex";
};
var getTransformStreamType = (value, optionName) => {
  validateNonGeneratorType(value, optionName, "web TransformStream");
  return "webTransform";
};
var validateNonGeneratorType = ({ final, binary, objectMode }, optionName, typeName) => {
  checkUndefinedOption(final, `${optionName}.final`, typeName);
  checkUndefinedOption(binary, `${optionName}.binary`, typeName);
  checkBooleanOption(objectMode, `${optionName}.objectMode`);
};
var checkUndefinedOption = (value, optionName, typeName) => {
  if (value !== void 0) {
    throw new TypeError(`The \`${optionName}\` option can only be defined when using a generator, not a ${typeName}.`);
  }
};
var getGeneratorObjectType = ({ transform, final, binary, objectMode }, optionName) => {
  if (transform !== void 0 && !isGenerator(transform)) {
    throw new TypeError(`The \`${optionName}.transform\` option must be a generator, a Duplex stream or a web TransformStream.`);
  }
  if (isDuplexStream(final, { checkOpen: false })) {
    throw new TypeError(`The \`${optionName}.final\` option must not be a Duplex stream.`);
  }
  if (isTransformStream(final)) {
    throw new TypeError(`The \`${optionName}.final\` option must not be a web TransformStream.`);
  }
  if (final !== void 0 && !isGenerator(final)) {
    throw new TypeError(`The \`${optionName}.final\` option must be a generator.`);
  }
  checkBooleanOption(binary, `${optionName}.binary`);
  checkBooleanOption(objectMode, `${optionName}.objectMode`);
  return isAsyncGenerator(transform) || isAsyncGenerator(final) ? "asyncGenerator" : "generator";
};
var checkBooleanOption = (value, optionName) => {
  if (value !== void 0 && typeof value !== "boolean") {
    throw new TypeError(`The \`${optionName}\` option must use a boolean.`);
  }
};
var isGenerator = (value) => isAsyncGenerator(value) || isSyncGenerator(value);
var isAsyncGenerator = (value) => Object.prototype.toString.call(value) === "[object AsyncGeneratorFunction]";
var isSyncGenerator = (value) => Object.prototype.toString.call(value) === "[object GeneratorFunction]";
var isTransformOptions = (value) => isPlainObject(value) && (value.transform !== void 0 || value.final !== void 0);
var isUrl2 = (value) => Object.prototype.toString.call(value) === "[object URL]";
var isRegularUrl = (value) => isUrl2(value) && value.protocol !== "file:";
var isFilePathObject = (value) => isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => FILE_PATH_KEYS.has(key)) && isFilePathString(value.file);
var FILE_PATH_KEYS = /* @__PURE__ */ new Set(["file", "append"]);
var isFilePathString = (file) => typeof file === "string";
var isUnknownStdioString = (type, value) => type === "native" && typeof value === "string" && !KNOWN_STDIO_STRINGS.has(value);
var KNOWN_STDIO_STRINGS = /* @__PURE__ */ new Set(["ipc", "ignore", "inherit", "overlapped", "pipe"]);
var isReadableStream3 = (value) => Object.prototype.toString.call(value) === "[object ReadableStream]";
var isWritableStream2 = (value) => Object.prototype.toString.call(value) === "[object WritableStream]";
var isWebStream = (value) => isReadableStream3(value) || isWritableStream2(value);
var isTransformStream = (value) => isReadableStream3(value?.readable) && isWritableStream2(value?.writable);
var isAsyncIterableObject = (value) => isObject(value) && typeof value[Symbol.asyncIterator] === "function";
var isIterableObject = (value) => isObject(value) && typeof value[Symbol.iterator] === "function";
var isObject = (value) => typeof value === "object" && value !== null;
var TRANSFORM_TYPES = /* @__PURE__ */ new Set(["generator", "asyncGenerator", "duplex", "webTransform"]);
var FILE_TYPES = /* @__PURE__ */ new Set(["fileUrl", "filePath", "fileNumber"]);
var SPECIAL_DUPLICATE_TYPES_SYNC = /* @__PURE__ */ new Set(["fileUrl", "filePath"]);
var SPECIAL_DUPLICATE_TYPES = /* @__PURE__ */ new Set([...SPECIAL_DUPLICATE_TYPES_SYNC, "webStream", "nodeStream"]);
var FORBID_DUPLICATE_TYPES = /* @__PURE__ */ new Set(["webTransform", "duplex"]);
var TYPE_TO_MESSAGE = {
  generator: "a generator",
  asyncGenerator: "an async generator",
  fileUrl: "a file URL",
  filePath: "a file path string",
  fileNumber: "a file descriptor number",
  webStream: "a web stream",
  nodeStream: "a Node.js stream",
  webTransform: "a web TransformStream",
  duplex: "a Duplex stream",
  native: "any value",
  iterable: "an iterable",
  asyncIterable: "an async iterable",
  string: "a string",
  uint8Array: "a Uint8Array"
};

// node_modules/execa/lib/transform/object-mode.js
var getTransformObjectModes = (objectMode, index, newTransforms, direction) => direction === "output" ? getOutputObjectModes(objectMode, index, newTransforms) : getInputObjectModes(objectMode, index, newTransforms);
var getOutputObjectModes = (objectMode, index, newTransforms) => {
  const writableObjectMode = index !== 0 && newTransforms[index - 1].value.readableObjectMode;
  const readableObjectMode = objectMode ?? writableObjectMode;
  return { writableObjectMode, readableObjectMode };
};
var getInputObjectModes = (objectMode, index, newTransforms) => {
  const writableObjectMode = index === 0 ? objectMode === true : newTransforms[index - 1].value.readableObjectMode;
  const readableObjectMode = index !== newTransforms.length - 1 && (objectMode ?? writableObjectMode);
  return { writableObjectMode, readableObjectMode };
};
var getFdObjectMode = (stdioItems, direction) => {
  const lastTransform = stdioItems.findLast(({ type }) => TRANSFORM_TYPES.has(type));
  if (lastTransform === void 0) {
    return false;
  }
  return direction === "input" ? lastTransform.value.writableObjectMode : lastTransform.value.readableObjectMode;
};

// node_modules/execa/lib/transform/normalize.js
var normalizeTransforms = (stdioItems, optionName, direction, options) => [
  ...stdioItems.filter(({ type }) => !TRANSFORM_TYPES.has(type)),
  ...getTransforms(stdioItems, optionName, direction, options)
];
var getTransforms = (stdioItems, optionName, direction, { encoding }) => {
  const transforms = stdioItems.filter(({ type }) => TRANSFORM_TYPES.has(type));
  const newTransforms = Array.from({ length: transforms.length });
  for (const [index, stdioItem] of Object.entries(transforms)) {
    newTransforms[index] = normalizeTransform({
      stdioItem,
      index: Number(index),
      newTransforms,
      optionName,
      direction,
      encoding
    });
  }
  return sortTransforms(newTransforms, direction);
};
var normalizeTransform = ({ stdioItem, stdioItem: { type }, index, newTransforms, optionName, direction, encoding }) => {
  if (type === "duplex") {
    return normalizeDuplex({ stdioItem, optionName });
  }
  if (type === "webTransform") {
    return normalizeTransformStream({
      stdioItem,
      index,
      newTransforms,
      direction
    });
  }
  return normalizeGenerator({
    stdioItem,
    index,
    newTransforms,
    direction,
    encoding
  });
};
var normalizeDuplex = ({
  stdioItem,
  stdioItem: {
    value: {
      transform,
      transform: { writableObjectMode, readableObjectMode },
      objectMode = readableObjectMode
    }
  },
  optionName
}) => {
  if (objectMode && !readableObjectMode) {
    throw new TypeError(`The \`${optionName}.objectMode\` option can only be \`true\` if \`new Duplex({objectMode: true})\` is used.`);
  }
  if (!objectMode && readableObjectMode) {
    throw new TypeError(`The \`${optionName}.objectMode\` option cannot be \`false\` if \`new Duplex({objectMode: true})\` is used.`);
  }
  return {
    ...stdioItem,
    value: { transform, writableObjectMode, readableObjectMode }
  };
};
var normalizeTransformStream = ({ stdioItem, stdioItem: { value }, index, newTransforms, direction }) => {
  const { transform, objectMode } = isPlainObject(value) ? value : { transform: value };
  const { writableObjectMode, readableObjectMode } = getTransformObjectModes(objectMode, index, newTransforms, direction);
  return {
    ...stdioItem,
    value: { transform, writableObjectMode, readableObjectMode }
  };
};
var normalizeGenerator = ({ stdioItem, stdioItem: { value }, index, newTransforms, direction, encoding }) => {
  const {
    transform,
    final,
    binary: binaryOption = false,
    preserveNewlines = false,
    objectMode
  } = isPlainObject(value) ? value : { transform: value };
  const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
  const { writableObjectMode, readableObjectMode } = getTransformObjectModes(objectMode, index, newTransforms, direction);
  return {
    ...stdioItem,
    value: {
      transform,
      final,
      binary,
      preserveNewlines,
      writableObjectMode,
      readableObjectMode
    }
  };
};
var sortTransforms = (newTransforms, direction) => direction === "input" ? newTransforms.reverse() : newTransforms;

// node_modules/execa/lib/stdio/direction.js
import process7 from "node:process";
var getStreamDirection = (stdioItems, fdNumber, optionName) => {
  const directions = stdioItems.map((stdioItem) => getStdioItemDirection(stdioItem, fdNumber));
  if (directions.includes("input") && directions.includes("output")) {
    throw new TypeError(`The \`${optionName}\` option must not be an array of both readable and writable values.`);
  }
  return directions.find(Boolean) ?? DEFAULT_DIRECTION;
};
var getStdioItemDirection = ({ type, value }, fdNumber) => KNOWN_DIRECTIONS[fdNumber] ?? guessStreamDirection[type](value);
var KNOWN_DIRECTIONS = ["input", "output", "output"];
var anyDirection = () => void 0;
var alwaysInput = () => "input";
var guessStreamDirection = {
  generator: anyDirection,
  asyncGenerator: anyDirection,
  fileUrl: anyDirection,
  filePath: anyDirection,
  iterable: alwaysInput,
  asyncIterable: alwaysInput,
  uint8Array: alwaysInput,
  webStream: (value) => isWritableStream2(value) ? "output" : "input",
  nodeStream(value) {
    if (!isReadableStream2(value, { checkOpen: false })) {
      return "output";
    }
    return isWritableStream(value, { checkOpen: false }) ? void 0 : "input";
  },
  webTransform: anyDirection,
  duplex: anyDirection,
  native(value) {
    const standardStreamDirection = getStandardStreamDirection(value);
    if (standardStreamDirection !== void 0) {
      return standardStreamDirection;
    }
    if (isStream2(value, { checkOpen: false })) {
      return guessStreamDirection.nodeStream(value);
    }
  }
};
var getStandardStreamDirection = (value) => {
  if ([0, process7.stdin].includes(value)) {
    return "input";
  }
  if ([1, 2, process7.stdout, process7.stderr].includes(value)) {
    return "output";
  }
};
var DEFAULT_DIRECTION = "output";

// node_modules/execa/lib/ipc/array.js
var normalizeIpcStdioArray = (stdioArray, ipc) => ipc && !stdioArray.includes("ipc") ? [...stdioArray, "ipc"] : stdioArray;

// node_modules/execa/lib/stdio/stdio-option.js
var normalizeStdioOption = ({ stdio, ipc, buffer, ...options }, verboseInfo, isSync) => {
  const stdioArray = getStdioArray(stdio, options).map((stdioOption, fdNumber) => addDefaultValue2(stdioOption, fdNumber));
  return isSync ? normalizeStdioSync(stdioArray, buffer, verboseInfo) : normalizeIpcStdioArray(stdioArray, ipc);
};
var getStdioArray = (stdio, options) => {
  if (stdio === void 0) {
    return STANDARD_STREAMS_ALIASES.map((alias) => options[alias]);
  }
  if (hasAlias(options)) {
    throw new Error(`It's not possible to provide \`stdio\` in combination with one of ${STANDARD_STREAMS_ALIASES.map((alias) => `\`${alias}\``).join(", ")}`);
  }
  if (typeof stdio === "string") {
    return [stdio, stdio, stdio];
  }
  if (!Array.isArray(stdio)) {
    throw new TypeError(`Expected \`stdio\` to be of type \`string\` or \`Array\`, got \`${typeof stdio}\``);
  }
  const length = Math.max(stdio.length, STANDARD_STREAMS_ALIASES.length);
  return Array.from({ length }, (_, fdNumber) => stdio[fdNumber]);
};
var hasAlias = (options) => STANDARD_STREAMS_ALIASES.some((alias) => options[alias] !== void 0);
var addDefaultValue2 = (stdioOption, fdNumber) => {
  if (Array.isArray(stdioOption)) {
    return stdioOption.map((item) => addDefaultValue2(item, fdNumber));
  }
  if (stdioOption === null || stdioOption === void 0) {
    return fdNumber >= STANDARD_STREAMS_ALIASES.length ? "ignore" : "pipe";
  }
  return stdioOption;
};
var normalizeStdioSync = (stdioArray, buffer, verboseInfo) => stdioArray.map((stdioOption, fdNumber) => !buffer[fdNumber] && fdNumber !== 0 && !isFullVerbose(verboseInfo, fdNumber) && isOutputPipeOnly(stdioOption) ? "ignore" : stdioOption);
var isOutputPipeOnly = (stdioOption) => stdioOption === "pipe" || Array.isArray(stdioOption) && stdioOption.every((item) => item === "pipe");

// node_modules/execa/lib/stdio/native.js
import { readFileSync as readFileSync4 } from "node:fs";
import tty2 from "node:tty";
var handleNativeStream = ({ stdioItem, stdioItem: { type }, isStdioArray, fdNumber, direction, isSync }) => {
  if (!isStdioArray || type !== "native") {
    return stdioItem;
  }
  return isSync ? handleNativeStreamSync({ stdioItem, fdNumber, direction }) : handleNativeStreamAsync({ stdioItem, fdNumber });
};
var handleNativeStreamSync = ({ stdioItem, stdioItem: { value, optionName }, fdNumber, direction }) => {
  const targetFd = getTargetFd({
    value,
    optionName,
    fdNumber,
    direction
  });
  if (targetFd !== void 0) {
    return targetFd;
  }
  if (isStream2(value, { checkOpen: false })) {
    throw new TypeError(`The \`${optionName}: Stream\` option cannot both be an array and include a stream with synchronous methods.`);
  }
  return stdioItem;
};
var getTargetFd = ({ value, optionName, fdNumber, direction }) => {
  const targetFdNumber = getTargetFdNumber(value, fdNumber);
  if (targetFdNumber === void 0) {
    return;
  }
  if (direction === "output") {
    return { type: "fileNumber", value: targetFdNumber, optionName };
  }
  if (tty2.isatty(targetFdNumber)) {
    throw new TypeError(`The \`${optionName}: ${serializeOptionValue(value)}\` option is invalid: it cannot be a TTY with synchronous methods.`);
  }
  return { type: "uint8Array", value: bufferToUint8Array(readFileSync4(targetFdNumber)), optionName };
};
var getTargetFdNumber = (value, fdNumber) => {
  if (value === "inherit") {
    return fdNumber;
  }
  if (typeof value === "number") {
    return value;
  }
  const standardStreamIndex = STANDARD_STREAMS.indexOf(value);
  if (standardStreamIndex !== -1) {
    return standardStreamIndex;
  }
};
var handleNativeStreamAsync = ({ stdioItem, stdioItem: { value, optionName }, fdNumber }) => {
  if (value === "inherit") {
    return { type: "nodeStream", value: getStandardStream(fdNumber, value, optionName), optionName };
  }
  if (typeof value === "number") {
    return { type: "nodeStream", value: getStandardStream(value, value, optionName), optionName };
  }
  if (isStream2(value, { checkOpen: false })) {
    return { type: "nodeStream", value, optionName };
  }
  return stdioItem;
};
var getStandardStream = (fdNumber, value, optionName) => {
  const standardStream = STANDARD_STREAMS[fdNumber];
  if (standardStream === void 0) {
    throw new TypeError(`The \`${optionName}: ${value}\` option is invalid: no such standard stream.`);
  }
  return standardStream;
};

// node_modules/execa/lib/stdio/input-option.js
var handleInputOptions = ({ input, inputFile }, fdNumber) => fdNumber === 0 ? [
  ...handleInputOption(input),
  ...handleInputFileOption(inputFile)
] : [];
var handleInputOption = (input) => input === void 0 ? [] : [{
  type: getInputType(input),
  value: input,
  optionName: "input"
}];
var getInputType = (input) => {
  if (isReadableStream2(input, { checkOpen: false })) {
    return "nodeStream";
  }
  if (typeof input === "string") {
    return "string";
  }
  if (isUint8Array(input)) {
    return "uint8Array";
  }
  throw new Error("The `input` option must be a string, a Uint8Array or a Node.js Readable stream.");
};
var handleInputFileOption = (inputFile) => inputFile === void 0 ? [] : [{
  ...getInputFileType(inputFile),
  optionName: "inputFile"
}];
var getInputFileType = (inputFile) => {
  if (isUrl2(inputFile)) {
    return { type: "fileUrl", value: inputFile };
  }
  if (isFilePathString(inputFile)) {
    return { type: "filePath", value: { file: inputFile } };
  }
  throw new Error("The `inputFile` option must be a file path string or a file URL.");
};

// node_modules/execa/lib/stdio/duplicate.js
var filterDuplicates = (stdioItems) => stdioItems.filter((stdioItemOne, indexOne) => stdioItems.every((stdioItemTwo, indexTwo) => stdioItemOne.value !== stdioItemTwo.value || indexOne >= indexTwo || stdioItemOne.type === "generator" || stdioItemOne.type === "asyncGenerator"));
var getDuplicateStream = ({ stdioItem: { type, value, optionName }, direction, fileDescriptors, isSync }) => {
  const otherStdioItems = getOtherStdioItems(fileDescriptors, type);
  if (otherStdioItems.length === 0) {
    return;
  }
  if (isSync) {
    validateDuplicateStreamSync({
      otherStdioItems,
      type,
      value,
      optionName,
      direction
    });
    return;
  }
  if (SPECIAL_DUPLICATE_TYPES.has(type)) {
    return getDuplicateStreamInstance({
      otherStdioItems,
      type,
      value,
      optionName,
      direction
    });
  }
  if (FORBID_DUPLICATE_TYPES.has(type)) {
    validateDuplicateTransform({
      otherStdioItems,
      type,
      value,
      optionName
    });
  }
};
var getOtherStdioItems = (fileDescriptors, type) => fileDescriptors.flatMap(({ direction, stdioItems }) => stdioItems.filter((stdioItem) => stdioItem.type === type).map(((stdioItem) => ({ ...stdioItem, direction }))));
var validateDuplicateStreamSync = ({ otherStdioItems, type, value, optionName, direction }) => {
  if (SPECIAL_DUPLICATE_TYPES_SYNC.has(type)) {
    getDuplicateStreamInstance({
      otherStdioItems,
      type,
      value,
      optionName,
      direction
    });
  }
};
var getDuplicateStreamInstance = ({ otherStdioItems, type, value, optionName, direction }) => {
  const duplicateStdioItems = otherStdioItems.filter((stdioItem) => hasSameValue(stdioItem, value));
  if (duplicateStdioItems.length === 0) {
    return;
  }
  const differentStdioItem = duplicateStdioItems.find((stdioItem) => stdioItem.direction !== direction);
  throwOnDuplicateStream(differentStdioItem, optionName, type);
  return direction === "output" ? duplicateStdioItems[0].stream : void 0;
};
var hasSameValue = ({ type, value }, secondValue) => {
  if (type === "filePath") {
    return value.file === secondValue.file;
  }
  if (type === "fileUrl") {
    return value.href === secondValue.href;
  }
  return value === secondValue;
};
var validateDuplicateTransform = ({ otherStdioItems, type, value, optionName }) => {
  const duplicateStdioItem = otherStdioItems.find(({ value: { transform } }) => transform === value.transform);
  throwOnDuplicateStream(duplicateStdioItem, optionName, type);
};
var throwOnDuplicateStream = (stdioItem, optionName, type) => {
  if (stdioItem !== void 0) {
    throw new TypeError(`The \`${stdioItem.optionName}\` and \`${optionName}\` options must not target ${TYPE_TO_MESSAGE[type]} that is the same.`);
  }
};

// node_modules/execa/lib/stdio/handle.js
var handleStdio = (addProperties3, options, verboseInfo, isSync) => {
  const stdio = normalizeStdioOption(options, verboseInfo, isSync);
  const initialFileDescriptors = stdio.map((stdioOption, fdNumber) => getFileDescriptor({
    stdioOption,
    fdNumber,
    options,
    isSync
  }));
  const fileDescriptors = getFinalFileDescriptors({
    initialFileDescriptors,
    addProperties: addProperties3,
    options,
    isSync
  });
  options.stdio = fileDescriptors.map(({ stdioItems }) => forwardStdio(stdioItems));
  return fileDescriptors;
};
var getFileDescriptor = ({ stdioOption, fdNumber, options, isSync }) => {
  const optionName = getStreamName(fdNumber);
  const { stdioItems: initialStdioItems, isStdioArray } = initializeStdioItems({
    stdioOption,
    fdNumber,
    options,
    optionName
  });
  const direction = getStreamDirection(initialStdioItems, fdNumber, optionName);
  const stdioItems = initialStdioItems.map((stdioItem) => handleNativeStream({
    stdioItem,
    isStdioArray,
    fdNumber,
    direction,
    isSync
  }));
  const normalizedStdioItems = normalizeTransforms(stdioItems, optionName, direction, options);
  const objectMode = getFdObjectMode(normalizedStdioItems, direction);
  validateFileObjectMode(normalizedStdioItems, objectMode);
  return { direction, objectMode, stdioItems: normalizedStdioItems };
};
var initializeStdioItems = ({ stdioOption, fdNumber, options, optionName }) => {
  const values = Array.isArray(stdioOption) ? stdioOption : [stdioOption];
  const initialStdioItems = [
    ...values.map((value) => initializeStdioItem(value, optionName)),
    ...handleInputOptions(options, fdNumber)
  ];
  const stdioItems = filterDuplicates(initialStdioItems);
  const isStdioArray = stdioItems.length > 1;
  validateStdioArray(stdioItems, isStdioArray, optionName);
  validateStreams(stdioItems);
  return { stdioItems, isStdioArray };
};
var initializeStdioItem = (value, optionName) => ({
  type: getStdioItemType(value, optionName),
  value,
  optionName
});
var validateStdioArray = (stdioItems, isStdioArray, optionName) => {
  if (stdioItems.length === 0) {
    throw new TypeError(`The \`${optionName}\` option must not be an empty array.`);
  }
  if (!isStdioArray) {
    return;
  }
  for (const { value, optionName: optionName2 } of stdioItems) {
    if (INVALID_STDIO_ARRAY_OPTIONS.has(value)) {
      throw new Error(`The \`${optionName2}\` option must not include \`${value}\`.`);
    }
  }
};
var INVALID_STDIO_ARRAY_OPTIONS = /* @__PURE__ */ new Set(["ignore", "ipc"]);
var validateStreams = (stdioItems) => {
  for (const stdioItem of stdioItems) {
    validateFileStdio(stdioItem);
  }
};
var validateFileStdio = ({ type, value, optionName }) => {
  if (isRegularUrl(value)) {
    throw new TypeError(`The \`${optionName}: URL\` option must use the \`file:\` scheme.
For example, you can use the \`pathToFileURL()\` method of the \`url\` core module.`);
  }
  if (isUnknownStdioString(type, value)) {
    throw new TypeError(`The \`${optionName}: { file: '...' }\` option must be used instead of \`${optionName}: '...'\`.`);
  }
};
var validateFileObjectMode = (stdioItems, objectMode) => {
  if (!objectMode) {
    return;
  }
  const fileStdioItem = stdioItems.find(({ type }) => FILE_TYPES.has(type));
  if (fileStdioItem !== void 0) {
    throw new TypeError(`The \`${fileStdioItem.optionName}\` option cannot use both files and transforms in objectMode.`);
  }
};
var getFinalFileDescriptors = ({ initialFileDescriptors, addProperties: addProperties3, options, isSync }) => {
  const fileDescriptors = [];
  try {
    for (const fileDescriptor of initialFileDescriptors) {
      fileDescriptors.push(getFinalFileDescriptor({
        fileDescriptor,
        fileDescriptors,
        addProperties: addProperties3,
        options,
        isSync
      }));
    }
    return fileDescriptors;
  } catch (error) {
    cleanupCustomStreams(fileDescriptors);
    throw error;
  }
};
var getFinalFileDescriptor = ({
  fileDescriptor: { direction, objectMode, stdioItems },
  fileDescriptors,
  addProperties: addProperties3,
  options,
  isSync
}) => {
  const finalStdioItems = stdioItems.map((stdioItem) => addStreamProperties({
    stdioItem,
    addProperties: addProperties3,
    direction,
    options,
    fileDescriptors,
    isSync
  }));
  return { direction, objectMode, stdioItems: finalStdioItems };
};
var addStreamProperties = ({ stdioItem, addProperties: addProperties3, direction, options, fileDescriptors, isSync }) => {
  const duplicateStream = getDuplicateStream({
    stdioItem,
    direction,
    fileDescriptors,
    isSync
  });
  if (duplicateStream !== void 0) {
    return { ...stdioItem, stream: duplicateStream };
  }
  return {
    ...stdioItem,
    ...addProperties3[direction][stdioItem.type](stdioItem, options)
  };
};
var cleanupCustomStreams = (fileDescriptors) => {
  for (const { stdioItems } of fileDescriptors) {
    for (const { stream } of stdioItems) {
      if (stream !== void 0 && !isStandardStream(stream)) {
        stream.destroy();
      }
    }
  }
};
var forwardStdio = (stdioItems) => {
  if (stdioItems.length > 1) {
    return stdioItems.some(({ value: value2 }) => value2 === "overlapped") ? "overlapped" : "pipe";
  }
  const [{ type, value }] = stdioItems;
  return type === "native" ? value : "pipe";
};

// node_modules/execa/lib/stdio/handle-sync.js
var handleStdioSync = (options, verboseInfo) => handleStdio(addPropertiesSync, options, verboseInfo, true);
var forbiddenIfSync = ({ type, optionName }) => {
  throwInvalidSyncValue(optionName, TYPE_TO_MESSAGE[type]);
};
var forbiddenNativeIfSync = ({ optionName, value }) => {
  if (value === "ipc" || value === "overlapped") {
    throwInvalidSyncValue(optionName, `"${value}"`);
  }
  return {};
};
var throwInvalidSyncValue = (optionName, value) => {
  throw new TypeError(`The \`${optionName}\` option cannot be ${value} with synchronous methods.`);
};
var addProperties = {
  generator() {
  },
  asyncGenerator: forbiddenIfSync,
  webStream: forbiddenIfSync,
  nodeStream: forbiddenIfSync,
  webTransform: forbiddenIfSync,
  duplex: forbiddenIfSync,
  asyncIterable: forbiddenIfSync,
  native: forbiddenNativeIfSync
};
var addPropertiesSync = {
  input: {
    ...addProperties,
    fileUrl: ({ value }) => ({ contents: [bufferToUint8Array(readFileSync5(value))] }),
    filePath: ({ value: { file } }) => ({ contents: [bufferToUint8Array(readFileSync5(file))] }),
    fileNumber: forbiddenIfSync,
    iterable: ({ value }) => ({ contents: [...value] }),
    string: ({ value }) => ({ contents: [value] }),
    uint8Array: ({ value }) => ({ contents: [value] })
  },
  output: {
    ...addProperties,
    fileUrl: ({ value }) => ({ path: value }),
    filePath: ({ value: { file, append } }) => ({ path: file, append }),
    fileNumber: ({ value }) => ({ path: value }),
    iterable: forbiddenIfSync,
    string: forbiddenIfSync,
    uint8Array: forbiddenIfSync
  }
};

// node_modules/execa/lib/io/strip-newline.js
var stripNewline = (value, { stripFinalNewline: stripFinalNewline2 }, fdNumber) => getStripFinalNewline(stripFinalNewline2, fdNumber) && value !== void 0 && !Array.isArray(value) ? stripFinalNewline(value) : value;
var getStripFinalNewline = (stripFinalNewline2, fdNumber) => fdNumber === "all" ? stripFinalNewline2[1] || stripFinalNewline2[2] : stripFinalNewline2[fdNumber];

// node_modules/execa/lib/transform/generator.js
import { Transform, getDefaultHighWaterMark } from "node:stream";

// node_modules/execa/lib/transform/split.js
var getSplitLinesGenerator = (binary, preserveNewlines, skipped, state) => binary || skipped ? void 0 : initializeSplitLines(preserveNewlines, state);
var splitLinesSync = (chunk, preserveNewlines, objectMode) => objectMode ? chunk.flatMap((item) => splitLinesItemSync(item, preserveNewlines)) : splitLinesItemSync(chunk, preserveNewlines);
var splitLinesItemSync = (chunk, preserveNewlines) => {
  const { transform, final } = initializeSplitLines(preserveNewlines, {});
  return [...transform(chunk), ...final()];
};
var initializeSplitLines = (preserveNewlines, state) => {
  state.previousChunks = "";
  return {
    transform: splitGenerator.bind(void 0, state, preserveNewlines),
    final: linesFinal.bind(void 0, state)
  };
};
var splitGenerator = function* (state, preserveNewlines, chunk) {
  if (typeof chunk !== "string") {
    yield chunk;
    return;
  }
  let { previousChunks } = state;
  let start = -1;
  for (let end = 0; end < chunk.length; end += 1) {
    if (chunk[end] === "\n") {
      const newlineLength = getNewlineLength(chunk, end, preserveNewlines, state);
      let line = chunk.slice(start + 1, end + 1 - newlineLength);
      if (previousChunks.length > 0) {
        line = concatString(previousChunks, line);
        previousChunks = "";
      }
      yield line;
      start = end;
    }
  }
  if (start !== chunk.length - 1) {
    previousChunks = concatString(previousChunks, chunk.slice(start + 1));
  }
  state.previousChunks = previousChunks;
};
var getNewlineLength = (chunk, end, preserveNewlines, state) => {
  if (preserveNewlines) {
    return 0;
  }
  state.isWindowsNewline = end !== 0 && chunk[end - 1] === "\r";
  return state.isWindowsNewline ? 2 : 1;
};
var linesFinal = function* ({ previousChunks }) {
  if (previousChunks.length > 0) {
    yield previousChunks;
  }
};
var getAppendNewlineGenerator = ({ binary, preserveNewlines, readableObjectMode, state }) => binary || preserveNewlines || readableObjectMode ? void 0 : { transform: appendNewlineGenerator.bind(void 0, state) };
var appendNewlineGenerator = function* ({ isWindowsNewline = false }, chunk) {
  const { unixNewline, windowsNewline, LF: LF2, concatBytes } = typeof chunk === "string" ? linesStringInfo : linesUint8ArrayInfo;
  if (chunk.at(-1) === LF2) {
    yield chunk;
    return;
  }
  const newline = isWindowsNewline ? windowsNewline : unixNewline;
  yield concatBytes(chunk, newline);
};
var concatString = (firstChunk, secondChunk) => `${firstChunk}${secondChunk}`;
var linesStringInfo = {
  windowsNewline: "\r\n",
  unixNewline: "\n",
  LF: "\n",
  concatBytes: concatString
};
var concatUint8Array = (firstChunk, secondChunk) => {
  const chunk = new Uint8Array(firstChunk.length + secondChunk.length);
  chunk.set(firstChunk, 0);
  chunk.set(secondChunk, firstChunk.length);
  return chunk;
};
var linesUint8ArrayInfo = {
  windowsNewline: new Uint8Array([13, 10]),
  unixNewline: new Uint8Array([10]),
  LF: 10,
  concatBytes: concatUint8Array
};

// node_modules/execa/lib/transform/validate.js
import { Buffer as Buffer2 } from "node:buffer";
var getValidateTransformInput = (writableObjectMode, optionName) => writableObjectMode ? void 0 : validateStringTransformInput.bind(void 0, optionName);
var validateStringTransformInput = function* (optionName, chunk) {
  if (typeof chunk !== "string" && !isUint8Array(chunk) && !Buffer2.isBuffer(chunk)) {
    throw new TypeError(`The \`${optionName}\` option's transform must use "objectMode: true" to receive as input: ${typeof chunk}.`);
  }
  yield chunk;
};
var getValidateTransformReturn = (readableObjectMode, optionName) => readableObjectMode ? validateObjectTransformReturn.bind(void 0, optionName) : validateStringTransformReturn.bind(void 0, optionName);
var validateObjectTransformReturn = function* (optionName, chunk) {
  validateEmptyReturn(optionName, chunk);
  yield chunk;
};
var validateStringTransformReturn = function* (optionName, chunk) {
  validateEmptyReturn(optionName, chunk);
  if (typeof chunk !== "string" && !isUint8Array(chunk)) {
    throw new TypeError(`The \`${optionName}\` option's function must yield a string or an Uint8Array, not ${typeof chunk}.`);
  }
  yield chunk;
};
var validateEmptyReturn = (optionName, chunk) => {
  if (chunk === null || chunk === void 0) {
    throw new TypeError(`The \`${optionName}\` option's function must not call \`yield ${chunk}\`.
Instead, \`yield\` should either be called with a value, or not be called at all. For example:
  if (condition) { yield value; }`);
  }
};

// node_modules/execa/lib/transform/encoding-transform.js
import { Buffer as Buffer3 } from "node:buffer";
import { StringDecoder as StringDecoder2 } from "node:string_decoder";
var getEncodingTransformGenerator = (binary, encoding, skipped) => {
  if (skipped) {
    return;
  }
  if (binary) {
    return { transform: encodingUint8ArrayGenerator.bind(void 0, new TextEncoder()) };
  }
  const stringDecoder = new StringDecoder2(encoding);
  return {
    transform: encodingStringGenerator.bind(void 0, stringDecoder),
    final: encodingStringFinal.bind(void 0, stringDecoder)
  };
};
var encodingUint8ArrayGenerator = function* (textEncoder3, chunk) {
  if (Buffer3.isBuffer(chunk)) {
    yield bufferToUint8Array(chunk);
  } else if (typeof chunk === "string") {
    yield textEncoder3.encode(chunk);
  } else {
    yield chunk;
  }
};
var encodingStringGenerator = function* (stringDecoder, chunk) {
  yield isUint8Array(chunk) ? stringDecoder.write(chunk) : chunk;
};
var encodingStringFinal = function* (stringDecoder) {
  const lastChunk = stringDecoder.end();
  if (lastChunk !== "") {
    yield lastChunk;
  }
};

// node_modules/execa/lib/transform/run-async.js
import { callbackify } from "node:util";
var pushChunks = callbackify(async (getChunks, state, getChunksArguments, transformStream) => {
  state.currentIterable = getChunks(...getChunksArguments);
  try {
    for await (const chunk of state.currentIterable) {
      transformStream.push(chunk);
    }
  } finally {
    delete state.currentIterable;
  }
});
var transformChunk = async function* (chunk, generators, index) {
  if (index === generators.length) {
    yield chunk;
    return;
  }
  const { transform = identityGenerator } = generators[index];
  for await (const transformedChunk of transform(chunk)) {
    yield* transformChunk(transformedChunk, generators, index + 1);
  }
};
var finalChunks = async function* (generators) {
  for (const [index, { final }] of Object.entries(generators)) {
    yield* generatorFinalChunks(final, Number(index), generators);
  }
};
var generatorFinalChunks = async function* (final, index, generators) {
  if (final === void 0) {
    return;
  }
  for await (const finalChunk of final()) {
    yield* transformChunk(finalChunk, generators, index + 1);
  }
};
var destroyTransform = callbackify(async ({ currentIterable }, error) => {
  if (currentIterable !== void 0) {
    await (error ? currentIterable.throw(error) : currentIterable.return());
    return;
  }
  if (error) {
    throw error;
  }
});
var identityGenerator = function* (chunk) {
  yield chunk;
};

// node_modules/execa/lib/transform/run-sync.js
var pushChunksSync = (getChunksSync, getChunksArguments, transformStream, done) => {
  try {
    for (const chunk of getChunksSync(...getChunksArguments)) {
      transformStream.push(chunk);
    }
    done();
  } catch (error) {
    done(error);
  }
};
var runTransformSync = (generators, chunks) => [
  ...chunks.flatMap((chunk) => [...transformChunkSync(chunk, generators, 0)]),
  ...finalChunksSync(generators)
];
var transformChunkSync = function* (chunk, generators, index) {
  if (index === generators.length) {
    yield chunk;
    return;
  }
  const { transform = identityGenerator2 } = generators[index];
  for (const transformedChunk of transform(chunk)) {
    yield* transformChunkSync(transformedChunk, generators, index + 1);
  }
};
var finalChunksSync = function* (generators) {
  for (const [index, { final }] of Object.entries(generators)) {
    yield* generatorFinalChunksSync(final, Number(index), generators);
  }
};
var generatorFinalChunksSync = function* (final, index, generators) {
  if (final === void 0) {
    return;
  }
  for (const finalChunk of final()) {
    yield* transformChunkSync(finalChunk, generators, index + 1);
  }
};
var identityGenerator2 = function* (chunk) {
  yield chunk;
};

// node_modules/execa/lib/transform/generator.js
var generatorToStream = ({
  value,
  value: { transform, final, writableObjectMode, readableObjectMode },
  optionName
}, { encoding }) => {
  const state = {};
  const generators = addInternalGenerators(value, encoding, optionName);
  const transformAsync = isAsyncGenerator(transform);
  const finalAsync = isAsyncGenerator(final);
  const transformMethod = transformAsync ? pushChunks.bind(void 0, transformChunk, state) : pushChunksSync.bind(void 0, transformChunkSync);
  const finalMethod = transformAsync || finalAsync ? pushChunks.bind(void 0, finalChunks, state) : pushChunksSync.bind(void 0, finalChunksSync);
  const destroyMethod = transformAsync || finalAsync ? destroyTransform.bind(void 0, state) : void 0;
  const stream = new Transform({
    writableObjectMode,
    writableHighWaterMark: getDefaultHighWaterMark(writableObjectMode),
    readableObjectMode,
    readableHighWaterMark: getDefaultHighWaterMark(readableObjectMode),
    transform(chunk, encoding2, done) {
      transformMethod([chunk, generators, 0], this, done);
    },
    flush(done) {
      finalMethod([generators], this, done);
    },
    destroy: destroyMethod
  });
  return { stream };
};
var runGeneratorsSync = (chunks, stdioItems, encoding, isInput) => {
  const generators = stdioItems.filter(({ type }) => type === "generator");
  const reversedGenerators = isInput ? generators.reverse() : generators;
  for (const { value, optionName } of reversedGenerators) {
    const generators2 = addInternalGenerators(value, encoding, optionName);
    chunks = runTransformSync(generators2, chunks);
  }
  return chunks;
};
var addInternalGenerators = ({ transform, final, binary, writableObjectMode, readableObjectMode, preserveNewlines }, encoding, optionName) => {
  const state = {};
  return [
    { transform: getValidateTransformInput(writableObjectMode, optionName) },
    getEncodingTransformGenerator(binary, encoding, writableObjectMode),
    getSplitLinesGenerator(binary, preserveNewlines, writableObjectMode, state),
    { transform, final },
    { transform: getValidateTransformReturn(readableObjectMode, optionName) },
    getAppendNewlineGenerator({
      binary,
      preserveNewlines,
      readableObjectMode,
      state
    })
  ].filter(Boolean);
};

// node_modules/execa/lib/io/input-sync.js
var addInputOptionsSync = (fileDescriptors, options) => {
  for (const fdNumber of getInputFdNumbers(fileDescriptors)) {
    addInputOptionSync(fileDescriptors, fdNumber, options);
  }
};
var getInputFdNumbers = (fileDescriptors) => new Set(Object.entries(fileDescriptors).filter(([, { direction }]) => direction === "input").map(([fdNumber]) => Number(fdNumber)));
var addInputOptionSync = (fileDescriptors, fdNumber, options) => {
  const { stdioItems } = fileDescriptors[fdNumber];
  const allStdioItems = stdioItems.filter(({ contents }) => contents !== void 0);
  if (allStdioItems.length === 0) {
    return;
  }
  if (fdNumber !== 0) {
    const [{ type, optionName }] = allStdioItems;
    throw new TypeError(`Only the \`stdin\` option, not \`${optionName}\`, can be ${TYPE_TO_MESSAGE[type]} with synchronous methods.`);
  }
  const allContents = allStdioItems.map(({ contents }) => contents);
  const transformedContents = allContents.map((contents) => applySingleInputGeneratorsSync(contents, stdioItems));
  options.input = joinToUint8Array(transformedContents);
};
var applySingleInputGeneratorsSync = (contents, stdioItems) => {
  const newContents = runGeneratorsSync(contents, stdioItems, "utf8", true);
  validateSerializable(newContents);
  return joinToUint8Array(newContents);
};
var validateSerializable = (newContents) => {
  const invalidItem = newContents.find((item) => typeof item !== "string" && !isUint8Array(item));
  if (invalidItem !== void 0) {
    throw new TypeError(`The \`stdin\` option is invalid: when passing objects as input, a transform must be used to serialize them to strings or Uint8Arrays: ${invalidItem}.`);
  }
};

// node_modules/execa/lib/io/output-sync.js
import { writeFileSync as writeFileSync3, appendFileSync as appendFileSync2 } from "node:fs";

// node_modules/execa/lib/verbose/output.js
var shouldLogOutput = ({ stdioItems, encoding, verboseInfo, fdNumber }) => fdNumber !== "all" && isFullVerbose(verboseInfo, fdNumber) && !BINARY_ENCODINGS.has(encoding) && fdUsesVerbose(fdNumber) && (stdioItems.some(({ type, value }) => type === "native" && PIPED_STDIO_VALUES.has(value)) || stdioItems.every(({ type }) => TRANSFORM_TYPES.has(type)));
var fdUsesVerbose = (fdNumber) => fdNumber === 1 || fdNumber === 2;
var PIPED_STDIO_VALUES = /* @__PURE__ */ new Set(["pipe", "overlapped"]);
var logLines = async (linesIterable, stream, fdNumber, verboseInfo) => {
  for await (const line of linesIterable) {
    if (!isPipingStream(stream)) {
      logLine(line, fdNumber, verboseInfo);
    }
  }
};
var logLinesSync = (linesArray, fdNumber, verboseInfo) => {
  for (const line of linesArray) {
    logLine(line, fdNumber, verboseInfo);
  }
};
var isPipingStream = (stream) => stream._readableState.pipes.length > 0;
var logLine = (line, fdNumber, verboseInfo) => {
  const verboseMessage = serializeVerboseMessage(line);
  verboseLog({
    type: "output",
    verboseMessage,
    fdNumber,
    verboseInfo
  });
};

// node_modules/execa/lib/io/output-sync.js
var transformOutputSync = ({ fileDescriptors, syncResult: { output }, options, isMaxBuffer, verboseInfo }) => {
  if (output === null) {
    return { output: Array.from({ length: 3 }) };
  }
  const state = {};
  const outputFiles = /* @__PURE__ */ new Set([]);
  const transformedOutput = output.map((result, fdNumber) => transformOutputResultSync({
    result,
    fileDescriptors,
    fdNumber,
    state,
    outputFiles,
    isMaxBuffer,
    verboseInfo
  }, options));
  return { output: transformedOutput, ...state };
};
var transformOutputResultSync = ({ result, fileDescriptors, fdNumber, state, outputFiles, isMaxBuffer, verboseInfo }, { buffer, encoding, lines, stripFinalNewline: stripFinalNewline2, maxBuffer }) => {
  if (result === null) {
    return;
  }
  const truncatedResult = truncateMaxBufferSync(result, isMaxBuffer, maxBuffer);
  const uint8ArrayResult = bufferToUint8Array(truncatedResult);
  const { stdioItems, objectMode } = fileDescriptors[fdNumber];
  const chunks = runOutputGeneratorsSync([uint8ArrayResult], stdioItems, encoding, state);
  const { serializedResult, finalResult = serializedResult } = serializeChunks({
    chunks,
    objectMode,
    encoding,
    lines,
    stripFinalNewline: stripFinalNewline2,
    fdNumber
  });
  logOutputSync({
    serializedResult,
    fdNumber,
    state,
    verboseInfo,
    encoding,
    stdioItems,
    objectMode
  });
  const returnedResult = buffer[fdNumber] ? finalResult : void 0;
  try {
    if (state.error === void 0) {
      writeToFiles(serializedResult, stdioItems, outputFiles);
    }
    return returnedResult;
  } catch (error) {
    state.error = error;
    return returnedResult;
  }
};
var runOutputGeneratorsSync = (chunks, stdioItems, encoding, state) => {
  try {
    return runGeneratorsSync(chunks, stdioItems, encoding, false);
  } catch (error) {
    state.error = error;
    return chunks;
  }
};
var serializeChunks = ({ chunks, objectMode, encoding, lines, stripFinalNewline: stripFinalNewline2, fdNumber }) => {
  if (objectMode) {
    return { serializedResult: chunks };
  }
  if (encoding === "buffer") {
    return { serializedResult: joinToUint8Array(chunks) };
  }
  const serializedResult = joinToString(chunks, encoding);
  if (lines[fdNumber]) {
    return { serializedResult, finalResult: splitLinesSync(serializedResult, !stripFinalNewline2[fdNumber], objectMode) };
  }
  return { serializedResult };
};
var logOutputSync = ({ serializedResult, fdNumber, state, verboseInfo, encoding, stdioItems, objectMode }) => {
  if (!shouldLogOutput({
    stdioItems,
    encoding,
    verboseInfo,
    fdNumber
  })) {
    return;
  }
  const linesArray = splitLinesSync(serializedResult, false, objectMode);
  try {
    logLinesSync(linesArray, fdNumber, verboseInfo);
  } catch (error) {
    state.error ??= error;
  }
};
var writeToFiles = (serializedResult, stdioItems, outputFiles) => {
  for (const { path: path47, append } of stdioItems.filter(({ type }) => FILE_TYPES.has(type))) {
    const pathString = typeof path47 === "string" ? path47 : path47.toString();
    if (append || outputFiles.has(pathString)) {
      appendFileSync2(path47, serializedResult);
    } else {
      outputFiles.add(pathString);
      writeFileSync3(path47, serializedResult);
    }
  }
};

// node_modules/execa/lib/resolve/all-sync.js
var getAllSync = ([, stdout, stderr], options) => {
  if (!options.all) {
    return;
  }
  if (stdout === void 0) {
    return stderr;
  }
  if (stderr === void 0) {
    return stdout;
  }
  if (Array.isArray(stdout)) {
    return Array.isArray(stderr) ? [...stdout, ...stderr] : [...stdout, stripNewline(stderr, options, "all")];
  }
  if (Array.isArray(stderr)) {
    return [stripNewline(stdout, options, "all"), ...stderr];
  }
  if (isUint8Array(stdout) && isUint8Array(stderr)) {
    return concatUint8Arrays([stdout, stderr]);
  }
  return `${stdout}${stderr}`;
};

// node_modules/execa/lib/resolve/exit-async.js
import { once as once4 } from "node:events";
var waitForExit = async (subprocess, context) => {
  const [exitCode, signal] = await waitForExitOrError(subprocess);
  context.isForcefullyTerminated ??= false;
  return [exitCode, signal];
};
var waitForExitOrError = async (subprocess) => {
  const [spawnPayload, exitPayload] = await Promise.allSettled([
    once4(subprocess, "spawn"),
    once4(subprocess, "exit")
  ]);
  if (spawnPayload.status === "rejected") {
    return [];
  }
  return exitPayload.status === "rejected" ? waitForSubprocessExit(subprocess) : exitPayload.value;
};
var waitForSubprocessExit = async (subprocess) => {
  try {
    return await once4(subprocess, "exit");
  } catch {
    return waitForSubprocessExit(subprocess);
  }
};
var waitForSuccessfulExit = async (exitPromise) => {
  const [exitCode, signal] = await exitPromise;
  if (!isSubprocessErrorExit(exitCode, signal) && isFailedExit(exitCode, signal)) {
    throw new DiscardedError();
  }
  return [exitCode, signal];
};
var isSubprocessErrorExit = (exitCode, signal) => exitCode === void 0 && signal === void 0;
var isFailedExit = (exitCode, signal) => exitCode !== 0 || signal !== null;

// node_modules/execa/lib/resolve/exit-sync.js
var getExitResultSync = ({ error, status: exitCode, signal, output }, { maxBuffer }) => {
  const resultError = getResultError(error, exitCode, signal);
  const timedOut = resultError?.code === "ETIMEDOUT";
  const isMaxBuffer = isMaxBufferSync(resultError, output, maxBuffer);
  return {
    resultError,
    exitCode,
    signal,
    timedOut,
    isMaxBuffer
  };
};
var getResultError = (error, exitCode, signal) => {
  if (error !== void 0) {
    return error;
  }
  return isFailedExit(exitCode, signal) ? new DiscardedError() : void 0;
};

// node_modules/execa/lib/methods/main-sync.js
var execaCoreSync = (rawFile, rawArguments, rawOptions) => {
  const { file, commandArguments, command, escapedCommand, startTime, verboseInfo, options, fileDescriptors } = handleSyncArguments(rawFile, rawArguments, rawOptions);
  const result = spawnSubprocessSync({
    file,
    commandArguments,
    options,
    command,
    escapedCommand,
    verboseInfo,
    fileDescriptors,
    startTime
  });
  return handleResult(result, verboseInfo, options);
};
var handleSyncArguments = (rawFile, rawArguments, rawOptions) => {
  const { command, escapedCommand, startTime, verboseInfo } = handleCommand(rawFile, rawArguments, rawOptions);
  const syncOptions = normalizeSyncOptions(rawOptions);
  const { file, commandArguments, options } = normalizeOptions(rawFile, rawArguments, syncOptions);
  validateSyncOptions(options);
  const fileDescriptors = handleStdioSync(options, verboseInfo);
  return {
    file,
    commandArguments,
    command,
    escapedCommand,
    startTime,
    verboseInfo,
    options,
    fileDescriptors
  };
};
var normalizeSyncOptions = (options) => options.node && !options.ipc ? { ...options, ipc: false } : options;
var validateSyncOptions = ({ ipc, ipcInput, detached, cancelSignal }) => {
  if (ipcInput) {
    throwInvalidSyncOption("ipcInput");
  }
  if (ipc) {
    throwInvalidSyncOption("ipc: true");
  }
  if (detached) {
    throwInvalidSyncOption("detached: true");
  }
  if (cancelSignal) {
    throwInvalidSyncOption("cancelSignal");
  }
};
var throwInvalidSyncOption = (value) => {
  throw new TypeError(`The "${value}" option cannot be used with synchronous methods.`);
};
var spawnSubprocessSync = ({ file, commandArguments, options, command, escapedCommand, verboseInfo, fileDescriptors, startTime }) => {
  const syncResult = runSubprocessSync({
    file,
    commandArguments,
    options,
    command,
    escapedCommand,
    fileDescriptors,
    startTime
  });
  if (syncResult.failed) {
    return syncResult;
  }
  const { resultError, exitCode, signal, timedOut, isMaxBuffer } = getExitResultSync(syncResult, options);
  const { output, error = resultError } = transformOutputSync({
    fileDescriptors,
    syncResult,
    options,
    isMaxBuffer,
    verboseInfo
  });
  const stdio = output.map((stdioOutput, fdNumber) => stripNewline(stdioOutput, options, fdNumber));
  const all = stripNewline(getAllSync(output, options), options, "all");
  return getSyncResult({
    error,
    exitCode,
    signal,
    timedOut,
    isMaxBuffer,
    stdio,
    all,
    options,
    command,
    escapedCommand,
    startTime
  });
};
var runSubprocessSync = ({ file, commandArguments, options, command, escapedCommand, fileDescriptors, startTime }) => {
  try {
    addInputOptionsSync(fileDescriptors, options);
    const normalizedOptions = normalizeSpawnSyncOptions(options);
    return spawnSync(...concatenateShell(file, commandArguments, normalizedOptions));
  } catch (error) {
    return makeEarlyError({
      error,
      command,
      escapedCommand,
      fileDescriptors,
      options,
      startTime,
      isSync: true
    });
  }
};
var normalizeSpawnSyncOptions = ({ encoding, maxBuffer, ...options }) => ({ ...options, encoding: "buffer", maxBuffer: getMaxBufferSync(maxBuffer) });
var getSyncResult = ({ error, exitCode, signal, timedOut, isMaxBuffer, stdio, all, options, command, escapedCommand, startTime }) => error === void 0 ? makeSuccessResult({
  command,
  escapedCommand,
  stdio,
  all,
  ipcOutput: [],
  options,
  startTime
}) : makeError({
  error,
  command,
  escapedCommand,
  timedOut,
  isCanceled: false,
  isGracefullyCanceled: false,
  isMaxBuffer,
  isForcefullyTerminated: false,
  exitCode,
  signal,
  stdio,
  all,
  ipcOutput: [],
  options,
  startTime,
  isSync: true
});

// node_modules/execa/lib/methods/main-async.js
import { setMaxListeners } from "node:events";
import { spawn } from "node:child_process";

// node_modules/execa/lib/ipc/methods.js
import process8 from "node:process";

// node_modules/execa/lib/ipc/get-one.js
import { once as once5, on as on2 } from "node:events";
var getOneMessage = ({ anyProcess, channel, isSubprocess, ipc }, { reference = true, filter } = {}) => {
  validateIpcMethod({
    methodName: "getOneMessage",
    isSubprocess,
    ipc,
    isConnected: isConnected(anyProcess)
  });
  return getOneMessageAsync({
    anyProcess,
    channel,
    isSubprocess,
    filter,
    reference
  });
};
var getOneMessageAsync = async ({ anyProcess, channel, isSubprocess, filter, reference }) => {
  addReference(channel, reference);
  const ipcEmitter = getIpcEmitter(anyProcess, channel, isSubprocess);
  const controller = new AbortController();
  try {
    return await Promise.race([
      getMessage(ipcEmitter, filter, controller),
      throwOnDisconnect2(ipcEmitter, isSubprocess, controller),
      throwOnStrictError(ipcEmitter, isSubprocess, controller)
    ]);
  } catch (error) {
    disconnect(anyProcess);
    throw error;
  } finally {
    controller.abort();
    removeReference(channel, reference);
  }
};
var getMessage = async (ipcEmitter, filter, { signal }) => {
  if (filter === void 0) {
    const [message] = await once5(ipcEmitter, "message", { signal });
    return message;
  }
  for await (const [message] of on2(ipcEmitter, "message", { signal })) {
    if (filter(message)) {
      return message;
    }
  }
};
var throwOnDisconnect2 = async (ipcEmitter, isSubprocess, { signal }) => {
  await once5(ipcEmitter, "disconnect", { signal });
  throwOnEarlyDisconnect(isSubprocess);
};
var throwOnStrictError = async (ipcEmitter, isSubprocess, { signal }) => {
  const [error] = await once5(ipcEmitter, "strict:error", { signal });
  throw getStrictResponseError(error, isSubprocess);
};

// node_modules/execa/lib/ipc/get-each.js
import { once as once6, on as on3 } from "node:events";
var getEachMessage = ({ anyProcess, channel, isSubprocess, ipc }, { reference = true } = {}) => loopOnMessages({
  anyProcess,
  channel,
  isSubprocess,
  ipc,
  shouldAwait: !isSubprocess,
  reference
});
var loopOnMessages = ({ anyProcess, channel, isSubprocess, ipc, shouldAwait, reference }) => {
  validateIpcMethod({
    methodName: "getEachMessage",
    isSubprocess,
    ipc,
    isConnected: isConnected(anyProcess)
  });
  addReference(channel, reference);
  const ipcEmitter = getIpcEmitter(anyProcess, channel, isSubprocess);
  const controller = new AbortController();
  const state = {};
  stopOnDisconnect(anyProcess, ipcEmitter, controller);
  abortOnStrictError({
    ipcEmitter,
    isSubprocess,
    controller,
    state
  });
  return iterateOnMessages({
    anyProcess,
    channel,
    ipcEmitter,
    isSubprocess,
    shouldAwait,
    controller,
    state,
    reference
  });
};
var stopOnDisconnect = async (anyProcess, ipcEmitter, controller) => {
  try {
    await once6(ipcEmitter, "disconnect", { signal: controller.signal });
    controller.abort();
  } catch {
  }
};
var abortOnStrictError = async ({ ipcEmitter, isSubprocess, controller, state }) => {
  try {
    const [error] = await once6(ipcEmitter, "strict:error", { signal: controller.signal });
    state.error = getStrictResponseError(error, isSubprocess);
    controller.abort();
  } catch {
  }
};
var iterateOnMessages = async function* ({ anyProcess, channel, ipcEmitter, isSubprocess, shouldAwait, controller, state, reference }) {
  try {
    for await (const [message] of on3(ipcEmitter, "message", { signal: controller.signal })) {
      throwIfStrictError(state);
      yield message;
    }
  } catch {
    throwIfStrictError(state);
  } finally {
    controller.abort();
    removeReference(channel, reference);
    if (!isSubprocess) {
      disconnect(anyProcess);
    }
    if (shouldAwait) {
      await anyProcess;
    }
  }
};
var throwIfStrictError = ({ error }) => {
  if (error) {
    throw error;
  }
};

// node_modules/execa/lib/ipc/methods.js
var addIpcMethods = (subprocess, { ipc }) => {
  Object.assign(subprocess, getIpcMethods(subprocess, false, ipc));
};
var getIpcExport = () => {
  const anyProcess = process8;
  const isSubprocess = true;
  const ipc = process8.channel !== void 0;
  return {
    ...getIpcMethods(anyProcess, isSubprocess, ipc),
    getCancelSignal: getCancelSignal.bind(void 0, {
      anyProcess,
      channel: anyProcess.channel,
      isSubprocess,
      ipc
    })
  };
};
var getIpcMethods = (anyProcess, isSubprocess, ipc) => ({
  sendMessage: sendMessage.bind(void 0, {
    anyProcess,
    channel: anyProcess.channel,
    isSubprocess,
    ipc
  }),
  getOneMessage: getOneMessage.bind(void 0, {
    anyProcess,
    channel: anyProcess.channel,
    isSubprocess,
    ipc
  }),
  getEachMessage: getEachMessage.bind(void 0, {
    anyProcess,
    channel: anyProcess.channel,
    isSubprocess,
    ipc
  })
});

// node_modules/execa/lib/return/early-error.js
import { ChildProcess as ChildProcess2 } from "node:child_process";
import {
  PassThrough,
  Readable,
  Writable,
  Duplex
} from "node:stream";
var handleEarlyError = ({ error, command, escapedCommand, fileDescriptors, options, startTime, verboseInfo }) => {
  cleanupCustomStreams(fileDescriptors);
  const subprocess = new ChildProcess2();
  createDummyStreams(subprocess, fileDescriptors);
  Object.assign(subprocess, { readable, writable, duplex });
  const earlyError = makeEarlyError({
    error,
    command,
    escapedCommand,
    fileDescriptors,
    options,
    startTime,
    isSync: false
  });
  const promise = handleDummyPromise(earlyError, verboseInfo, options);
  return { subprocess, promise };
};
var createDummyStreams = (subprocess, fileDescriptors) => {
  const stdin = createDummyStream();
  const stdout = createDummyStream();
  const stderr = createDummyStream();
  const extraStdio = Array.from({ length: fileDescriptors.length - 3 }, createDummyStream);
  const all = createDummyStream();
  const stdio = [stdin, stdout, stderr, ...extraStdio];
  Object.assign(subprocess, {
    stdin,
    stdout,
    stderr,
    all,
    stdio
  });
};
var createDummyStream = () => {
  const stream = new PassThrough();
  stream.end();
  return stream;
};
var readable = () => new Readable({ read() {
} });
var writable = () => new Writable({ write() {
} });
var duplex = () => new Duplex({ read() {
}, write() {
} });
var handleDummyPromise = async (error, verboseInfo, options) => handleResult(error, verboseInfo, options);

// node_modules/execa/lib/stdio/handle-async.js
import { createReadStream as createReadStream2, createWriteStream } from "node:fs";
import { Buffer as Buffer4 } from "node:buffer";
import { Readable as Readable2, Writable as Writable2, Duplex as Duplex2 } from "node:stream";
var handleStdioAsync = (options, verboseInfo) => handleStdio(addPropertiesAsync, options, verboseInfo, false);
var forbiddenIfAsync = ({ type, optionName }) => {
  throw new TypeError(`The \`${optionName}\` option cannot be ${TYPE_TO_MESSAGE[type]}.`);
};
var addProperties2 = {
  fileNumber: forbiddenIfAsync,
  generator: generatorToStream,
  asyncGenerator: generatorToStream,
  nodeStream: ({ value }) => ({ stream: value }),
  webTransform({ value: { transform, writableObjectMode, readableObjectMode } }) {
    const objectMode = writableObjectMode || readableObjectMode;
    const stream = Duplex2.fromWeb(transform, { objectMode });
    return { stream };
  },
  duplex: ({ value: { transform } }) => ({ stream: transform }),
  native() {
  }
};
var addPropertiesAsync = {
  input: {
    ...addProperties2,
    fileUrl: ({ value }) => ({ stream: createReadStream2(value) }),
    filePath: ({ value: { file } }) => ({ stream: createReadStream2(file) }),
    webStream: ({ value }) => ({ stream: Readable2.fromWeb(value) }),
    iterable: ({ value }) => ({ stream: Readable2.from(value) }),
    asyncIterable: ({ value }) => ({ stream: Readable2.from(value) }),
    string: ({ value }) => ({ stream: Readable2.from(value) }),
    uint8Array: ({ value }) => ({ stream: Readable2.from(Buffer4.from(value)) })
  },
  output: {
    ...addProperties2,
    fileUrl: ({ value }) => ({ stream: createWriteStream(value) }),
    filePath: ({ value: { file, append } }) => ({ stream: createWriteStream(file, append ? { flags: "a" } : {}) }),
    webStream: ({ value }) => ({ stream: Writable2.fromWeb(value) }),
    iterable: forbiddenIfAsync,
    asyncIterable: forbiddenIfAsync,
    string: forbiddenIfAsync,
    uint8Array: forbiddenIfAsync
  }
};

// node_modules/@sindresorhus/merge-streams/index.js
import { on as on4, once as once7 } from "node:events";
import { PassThrough as PassThroughStream, getDefaultHighWaterMark as getDefaultHighWaterMark2 } from "node:stream";
import { finished as finished2 } from "node:stream/promises";
function mergeStreams(streams) {
  if (!Array.isArray(streams)) {
    throw new TypeError(`Expected an array, got \`${typeof streams}\`.`);
  }
  for (const stream of streams) {
    validateStream(stream);
  }
  const objectMode = streams.some(({ readableObjectMode }) => readableObjectMode);
  const highWaterMark = getHighWaterMark(streams, objectMode);
  const passThroughStream = new MergedStream({
    objectMode,
    writableHighWaterMark: highWaterMark,
    readableHighWaterMark: highWaterMark
  });
  for (const stream of streams) {
    passThroughStream.add(stream);
  }
  return passThroughStream;
}
var getHighWaterMark = (streams, objectMode) => {
  if (streams.length === 0) {
    return getDefaultHighWaterMark2(objectMode);
  }
  const highWaterMarks = streams.filter(({ readableObjectMode }) => readableObjectMode === objectMode).map(({ readableHighWaterMark }) => readableHighWaterMark);
  return Math.max(...highWaterMarks);
};
var MergedStream = class extends PassThroughStream {
  #streams = /* @__PURE__ */ new Set([]);
  #ended = /* @__PURE__ */ new Set([]);
  #aborted = /* @__PURE__ */ new Set([]);
  #onFinished;
  #unpipeEvent = Symbol("unpipe");
  #streamPromises = /* @__PURE__ */ new WeakMap();
  add(stream) {
    validateStream(stream);
    if (this.#streams.has(stream)) {
      return;
    }
    this.#streams.add(stream);
    this.#onFinished ??= onMergedStreamFinished(this, this.#streams, this.#unpipeEvent);
    const streamPromise = endWhenStreamsDone({
      passThroughStream: this,
      stream,
      streams: this.#streams,
      ended: this.#ended,
      aborted: this.#aborted,
      onFinished: this.#onFinished,
      unpipeEvent: this.#unpipeEvent
    });
    this.#streamPromises.set(stream, streamPromise);
    stream.pipe(this, { end: false });
  }
  async remove(stream) {
    validateStream(stream);
    if (!this.#streams.has(stream)) {
      return false;
    }
    const streamPromise = this.#streamPromises.get(stream);
    if (streamPromise === void 0) {
      return false;
    }
    this.#streamPromises.delete(stream);
    stream.unpipe(this);
    await streamPromise;
    return true;
  }
};
var onMergedStreamFinished = async (passThroughStream, streams, unpipeEvent) => {
  updateMaxListeners(passThroughStream, PASSTHROUGH_LISTENERS_COUNT);
  const controller = new AbortController();
  try {
    await Promise.race([
      onMergedStreamEnd(passThroughStream, controller),
      onInputStreamsUnpipe(passThroughStream, streams, unpipeEvent, controller)
    ]);
  } finally {
    controller.abort();
    updateMaxListeners(passThroughStream, -PASSTHROUGH_LISTENERS_COUNT);
  }
};
var onMergedStreamEnd = async (passThroughStream, { signal }) => {
  try {
    await finished2(passThroughStream, { signal, cleanup: true });
  } catch (error) {
    errorOrAbortStream(passThroughStream, error);
    throw error;
  }
};
var onInputStreamsUnpipe = async (passThroughStream, streams, unpipeEvent, { signal }) => {
  for await (const [unpipedStream] of on4(passThroughStream, "unpipe", { signal })) {
    if (streams.has(unpipedStream)) {
      unpipedStream.emit(unpipeEvent);
    }
  }
};
var validateStream = (stream) => {
  if (typeof stream?.pipe !== "function") {
    throw new TypeError(`Expected a readable stream, got: \`${typeof stream}\`.`);
  }
};
var endWhenStreamsDone = async ({ passThroughStream, stream, streams, ended, aborted: aborted2, onFinished, unpipeEvent }) => {
  updateMaxListeners(passThroughStream, PASSTHROUGH_LISTENERS_PER_STREAM);
  const controller = new AbortController();
  try {
    await Promise.race([
      afterMergedStreamFinished(onFinished, stream, controller),
      onInputStreamEnd({
        passThroughStream,
        stream,
        streams,
        ended,
        aborted: aborted2,
        controller
      }),
      onInputStreamUnpipe({
        stream,
        streams,
        ended,
        aborted: aborted2,
        unpipeEvent,
        controller
      })
    ]);
  } finally {
    controller.abort();
    updateMaxListeners(passThroughStream, -PASSTHROUGH_LISTENERS_PER_STREAM);
  }
  if (streams.size > 0 && streams.size === ended.size + aborted2.size) {
    if (ended.size === 0 && aborted2.size > 0) {
      abortStream(passThroughStream);
    } else {
      endStream(passThroughStream);
    }
  }
};
var afterMergedStreamFinished = async (onFinished, stream, { signal }) => {
  try {
    await onFinished;
    if (!signal.aborted) {
      abortStream(stream);
    }
  } catch (error) {
    if (!signal.aborted) {
      errorOrAbortStream(stream, error);
    }
  }
};
var onInputStreamEnd = async ({ passThroughStream, stream, streams, ended, aborted: aborted2, controller: { signal } }) => {
  try {
    await finished2(stream, {
      signal,
      cleanup: true,
      readable: true,
      writable: false
    });
    if (streams.has(stream)) {
      ended.add(stream);
    }
  } catch (error) {
    if (signal.aborted || !streams.has(stream)) {
      return;
    }
    if (isAbortError(error)) {
      aborted2.add(stream);
    } else {
      errorStream(passThroughStream, error);
    }
  }
};
var onInputStreamUnpipe = async ({ stream, streams, ended, aborted: aborted2, unpipeEvent, controller: { signal } }) => {
  await once7(stream, unpipeEvent, { signal });
  if (!stream.readable) {
    return once7(signal, "abort", { signal });
  }
  streams.delete(stream);
  ended.delete(stream);
  aborted2.delete(stream);
};
var endStream = (stream) => {
  if (stream.writable) {
    stream.end();
  }
};
var errorOrAbortStream = (stream, error) => {
  if (isAbortError(error)) {
    abortStream(stream);
  } else {
    errorStream(stream, error);
  }
};
var isAbortError = (error) => error?.code === "ERR_STREAM_PREMATURE_CLOSE";
var abortStream = (stream) => {
  if (stream.readable || stream.writable) {
    stream.destroy();
  }
};
var errorStream = (stream, error) => {
  if (!stream.destroyed) {
    stream.once("error", noop2);
    stream.destroy(error);
  }
};
var noop2 = () => {
};
var updateMaxListeners = (passThroughStream, increment2) => {
  const maxListeners = passThroughStream.getMaxListeners();
  if (maxListeners !== 0 && maxListeners !== Number.POSITIVE_INFINITY) {
    passThroughStream.setMaxListeners(maxListeners + increment2);
  }
};
var PASSTHROUGH_LISTENERS_COUNT = 2;
var PASSTHROUGH_LISTENERS_PER_STREAM = 1;

// node_modules/execa/lib/io/pipeline.js
import { finished as finished3 } from "node:stream/promises";
var pipeStreams = (source2, destination) => {
  source2.pipe(destination);
  onSourceFinish(source2, destination);
  onDestinationFinish(source2, destination);
};
var onSourceFinish = async (source2, destination) => {
  if (isStandardStream(source2) || isStandardStream(destination)) {
    return;
  }
  try {
    await finished3(source2, { cleanup: true, readable: true, writable: false });
  } catch {
  }
  endDestinationStream(destination);
};
var endDestinationStream = (destination) => {
  if (destination.writable) {
    destination.end();
  }
};
var onDestinationFinish = async (source2, destination) => {
  if (isStandardStream(source2) || isStandardStream(destination)) {
    return;
  }
  try {
    await finished3(destination, { cleanup: true, readable: false, writable: true });
  } catch {
  }
  abortSourceStream(source2);
};
var abortSourceStream = (source2) => {
  if (source2.readable) {
    source2.destroy();
  }
};

// node_modules/execa/lib/io/output-async.js
var pipeOutputAsync = (subprocess, fileDescriptors, controller) => {
  const pipeGroups = /* @__PURE__ */ new Map();
  for (const [fdNumber, { stdioItems, direction }] of Object.entries(fileDescriptors)) {
    for (const { stream } of stdioItems.filter(({ type }) => TRANSFORM_TYPES.has(type))) {
      pipeTransform(subprocess, stream, direction, fdNumber);
    }
    for (const { stream } of stdioItems.filter(({ type }) => !TRANSFORM_TYPES.has(type))) {
      pipeStdioItem({
        subprocess,
        stream,
        direction,
        fdNumber,
        pipeGroups,
        controller
      });
    }
  }
  for (const [outputStream, inputStreams] of pipeGroups.entries()) {
    const inputStream = inputStreams.length === 1 ? inputStreams[0] : mergeStreams(inputStreams);
    pipeStreams(inputStream, outputStream);
  }
};
var pipeTransform = (subprocess, stream, direction, fdNumber) => {
  if (direction === "output") {
    pipeStreams(subprocess.stdio[fdNumber], stream);
  } else {
    pipeStreams(stream, subprocess.stdio[fdNumber]);
  }
  const streamProperty = SUBPROCESS_STREAM_PROPERTIES[fdNumber];
  if (streamProperty !== void 0) {
    subprocess[streamProperty] = stream;
  }
  subprocess.stdio[fdNumber] = stream;
};
var SUBPROCESS_STREAM_PROPERTIES = ["stdin", "stdout", "stderr"];
var pipeStdioItem = ({ subprocess, stream, direction, fdNumber, pipeGroups, controller }) => {
  if (stream === void 0) {
    return;
  }
  setStandardStreamMaxListeners(stream, controller);
  const [inputStream, outputStream] = direction === "output" ? [stream, subprocess.stdio[fdNumber]] : [subprocess.stdio[fdNumber], stream];
  const outputStreams = pipeGroups.get(inputStream) ?? [];
  pipeGroups.set(inputStream, [...outputStreams, outputStream]);
};
var setStandardStreamMaxListeners = (stream, { signal }) => {
  if (isStandardStream(stream)) {
    incrementMaxListeners(stream, MAX_LISTENERS_INCREMENT, signal);
  }
};
var MAX_LISTENERS_INCREMENT = 2;

// node_modules/execa/lib/terminate/cleanup.js
import { addAbortListener as addAbortListener2 } from "node:events";

// node_modules/signal-exit/dist/mjs/signals.js
var signals = [];
signals.push("SIGHUP", "SIGINT", "SIGTERM");
if (process.platform !== "win32") {
  signals.push(
    "SIGALRM",
    "SIGABRT",
    "SIGVTALRM",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGUSR2",
    "SIGTRAP",
    "SIGSYS",
    "SIGQUIT",
    "SIGIOT"
    // should detect profiler and enable/disable accordingly.
    // see #21
    // 'SIGPROF'
  );
}
if (process.platform === "linux") {
  signals.push("SIGIO", "SIGPOLL", "SIGPWR", "SIGSTKFLT");
}

// node_modules/signal-exit/dist/mjs/index.js
var processOk = (process10) => !!process10 && typeof process10 === "object" && typeof process10.removeListener === "function" && typeof process10.emit === "function" && typeof process10.reallyExit === "function" && typeof process10.listeners === "function" && typeof process10.kill === "function" && typeof process10.pid === "number" && typeof process10.on === "function";
var kExitEmitter = Symbol.for("signal-exit emitter");
var global2 = globalThis;
var ObjectDefineProperty = Object.defineProperty.bind(Object);
var Emitter = class {
  emitted = {
    afterExit: false,
    exit: false
  };
  listeners = {
    afterExit: [],
    exit: []
  };
  count = 0;
  id = Math.random();
  constructor() {
    if (global2[kExitEmitter]) {
      return global2[kExitEmitter];
    }
    ObjectDefineProperty(global2, kExitEmitter, {
      value: this,
      writable: false,
      enumerable: false,
      configurable: false
    });
  }
  on(ev, fn) {
    this.listeners[ev].push(fn);
  }
  removeListener(ev, fn) {
    const list = this.listeners[ev];
    const i2 = list.indexOf(fn);
    if (i2 === -1) {
      return;
    }
    if (i2 === 0 && list.length === 1) {
      list.length = 0;
    } else {
      list.splice(i2, 1);
    }
  }
  emit(ev, code, signal) {
    if (this.emitted[ev]) {
      return false;
    }
    this.emitted[ev] = true;
    let ret = false;
    for (const fn of this.listeners[ev]) {
      ret = fn(code, signal) === true || ret;
    }
    if (ev === "exit") {
      ret = this.emit("afterExit", code, signal) || ret;
    }
    return ret;
  }
};
var SignalExitBase = class {
};
var signalExitWrap = (handler) => {
  return {
    onExit(cb, opts) {
      return handler.onExit(cb, opts);
    },
    load() {
      return handler.load();
    },
    unload() {
      return handler.unload();
    }
  };
};
var SignalExitFallback = class extends SignalExitBase {
  onExit() {
    return () => {
    };
  }
  load() {
  }
  unload() {
  }
};
var SignalExit = class extends SignalExitBase {
  // "SIGHUP" throws an `ENOSYS` error on Windows,
  // so use a supported signal instead
  /* c8 ignore start */
  #hupSig = process9.platform === "win32" ? "SIGINT" : "SIGHUP";
  /* c8 ignore stop */
  #emitter = new Emitter();
  #process;
  #originalProcessEmit;
  #originalProcessReallyExit;
  #sigListeners = {};
  #loaded = false;
  constructor(process10) {
    super();
    this.#process = process10;
    this.#sigListeners = {};
    for (const sig of signals) {
      this.#sigListeners[sig] = () => {
        const listeners = this.#process.listeners(sig);
        let { count: count2 } = this.#emitter;
        const p = process10;
        if (typeof p.__signal_exit_emitter__ === "object" && typeof p.__signal_exit_emitter__.count === "number") {
          count2 += p.__signal_exit_emitter__.count;
        }
        if (listeners.length === count2) {
          this.unload();
          const ret = this.#emitter.emit("exit", null, sig);
          const s = sig === "SIGHUP" ? this.#hupSig : sig;
          if (!ret)
            process10.kill(process10.pid, s);
        }
      };
    }
    this.#originalProcessReallyExit = process10.reallyExit;
    this.#originalProcessEmit = process10.emit;
  }
  onExit(cb, opts) {
    if (!processOk(this.#process)) {
      return () => {
      };
    }
    if (this.#loaded === false) {
      this.load();
    }
    const ev = opts?.alwaysLast ? "afterExit" : "exit";
    this.#emitter.on(ev, cb);
    return () => {
      this.#emitter.removeListener(ev, cb);
      if (this.#emitter.listeners["exit"].length === 0 && this.#emitter.listeners["afterExit"].length === 0) {
        this.unload();
      }
    };
  }
  load() {
    if (this.#loaded) {
      return;
    }
    this.#loaded = true;
    this.#emitter.count += 1;
    for (const sig of signals) {
      try {
        const fn = this.#sigListeners[sig];
        if (fn)
          this.#process.on(sig, fn);
      } catch (_) {
      }
    }
    this.#process.emit = (ev, ...a2) => {
      return this.#processEmit(ev, ...a2);
    };
    this.#process.reallyExit = (code) => {
      return this.#processReallyExit(code);
    };
  }
  unload() {
    if (!this.#loaded) {
      return;
    }
    this.#loaded = false;
    signals.forEach((sig) => {
      const listener = this.#sigListeners[sig];
      if (!listener) {
        throw new Error("Listener not defined for signal: " + sig);
      }
      try {
        this.#process.removeListener(sig, listener);
      } catch (_) {
      }
    });
    this.#process.emit = this.#originalProcessEmit;
    this.#process.reallyExit = this.#originalProcessReallyExit;
    this.#emitter.count -= 1;
  }
  #processReallyExit(code) {
    if (!processOk(this.#process)) {
      return 0;
    }
    this.#process.exitCode = code || 0;
    this.#emitter.emit("exit", this.#process.exitCode, null);
    return this.#originalProcessReallyExit.call(this.#process, this.#process.exitCode);
  }
  #processEmit(ev, ...args) {
    const og = this.#originalProcessEmit;
    if (ev === "exit" && processOk(this.#process)) {
      if (typeof args[0] === "number") {
        this.#process.exitCode = args[0];
      }
      const ret = og.call(this.#process, ev, ...args);
      this.#emitter.emit("exit", this.#process.exitCode, null);
      return ret;
    } else {
      return og.call(this.#process, ev, ...args);
    }
  }
};
var process9 = globalThis.process;
var {
  /**
   * Called when the process is exiting, whether via signal, explicit
   * exit, or running out of stuff to do.
   *
   * If the global process object is not suitable for instrumentation,
   * then this will be a no-op.
   *
   * Returns a function that may be used to unload signal-exit.
   */
  onExit,
  /**
   * Load the listeners.  Likely you never need to call this, unless
   * doing a rather deep integration with signal-exit functionality.
   * Mostly exposed for the benefit of testing.
   *
   * @internal
   */
  load,
  /**
   * Unload the listeners.  Likely you never need to call this, unless
   * doing a rather deep integration with signal-exit functionality.
   * Mostly exposed for the benefit of testing.
   *
   * @internal
   */
  unload
} = signalExitWrap(processOk(process9) ? new SignalExit(process9) : new SignalExitFallback());

// node_modules/execa/lib/terminate/cleanup.js
var cleanupOnExit = (subprocess, { cleanup, detached }, { signal }) => {
  if (!cleanup || detached) {
    return;
  }
  const removeExitHandler = onExit(() => {
    subprocess.kill();
  });
  addAbortListener2(signal, () => {
    removeExitHandler();
  });
};

// node_modules/execa/lib/pipe/pipe-arguments.js
var normalizePipeArguments = ({ source: source2, sourcePromise, boundOptions, createNested }, ...pipeArguments) => {
  const startTime = getStartTime();
  const {
    destination,
    destinationStream,
    destinationError,
    from,
    unpipeSignal
  } = getDestinationStream(boundOptions, createNested, pipeArguments);
  const { sourceStream, sourceError } = getSourceStream(source2, from);
  const { options: sourceOptions, fileDescriptors } = SUBPROCESS_OPTIONS.get(source2);
  return {
    sourcePromise,
    sourceStream,
    sourceOptions,
    sourceError,
    destination,
    destinationStream,
    destinationError,
    unpipeSignal,
    fileDescriptors,
    startTime
  };
};
var getDestinationStream = (boundOptions, createNested, pipeArguments) => {
  try {
    const {
      destination,
      pipeOptions: { from, to, unpipeSignal } = {}
    } = getDestination(boundOptions, createNested, ...pipeArguments);
    const destinationStream = getToStream(destination, to);
    return {
      destination,
      destinationStream,
      from,
      unpipeSignal
    };
  } catch (error) {
    return { destinationError: error };
  }
};
var getDestination = (boundOptions, createNested, firstArgument, ...pipeArguments) => {
  if (Array.isArray(firstArgument)) {
    const destination = createNested(mapDestinationArguments, boundOptions)(firstArgument, ...pipeArguments);
    return { destination, pipeOptions: boundOptions };
  }
  if (typeof firstArgument === "string" || firstArgument instanceof URL || isDenoExecPath(firstArgument)) {
    if (Object.keys(boundOptions).length > 0) {
      throw new TypeError('Please use .pipe("file", ..., options) or .pipe(execa("file", ..., options)) instead of .pipe(options)("file", ...).');
    }
    const [rawFile, rawArguments, rawOptions] = normalizeParameters(firstArgument, ...pipeArguments);
    const destination = createNested(mapDestinationArguments)(rawFile, rawArguments, rawOptions);
    return { destination, pipeOptions: rawOptions };
  }
  if (SUBPROCESS_OPTIONS.has(firstArgument)) {
    if (Object.keys(boundOptions).length > 0) {
      throw new TypeError("Please use .pipe(options)`command` or .pipe($(options)`command`) instead of .pipe(options)($`command`).");
    }
    return { destination: firstArgument, pipeOptions: pipeArguments[0] };
  }
  throw new TypeError(`The first argument must be a template string, an options object, or an Execa subprocess: ${firstArgument}`);
};
var mapDestinationArguments = ({ options }) => ({ options: { ...options, stdin: "pipe", piped: true } });
var getSourceStream = (source2, from) => {
  try {
    const sourceStream = getFromStream(source2, from);
    return { sourceStream };
  } catch (error) {
    return { sourceError: error };
  }
};

// node_modules/execa/lib/pipe/throw.js
var handlePipeArgumentsError = ({
  sourceStream,
  sourceError,
  destinationStream,
  destinationError,
  fileDescriptors,
  sourceOptions,
  startTime
}) => {
  const error = getPipeArgumentsError({
    sourceStream,
    sourceError,
    destinationStream,
    destinationError
  });
  if (error !== void 0) {
    throw createNonCommandError({
      error,
      fileDescriptors,
      sourceOptions,
      startTime
    });
  }
};
var getPipeArgumentsError = ({ sourceStream, sourceError, destinationStream, destinationError }) => {
  if (sourceError !== void 0 && destinationError !== void 0) {
    return destinationError;
  }
  if (destinationError !== void 0) {
    abortSourceStream(sourceStream);
    return destinationError;
  }
  if (sourceError !== void 0) {
    endDestinationStream(destinationStream);
    return sourceError;
  }
};
var createNonCommandError = ({ error, fileDescriptors, sourceOptions, startTime }) => makeEarlyError({
  error,
  command: PIPE_COMMAND_MESSAGE,
  escapedCommand: PIPE_COMMAND_MESSAGE,
  fileDescriptors,
  options: sourceOptions,
  startTime,
  isSync: false
});
var PIPE_COMMAND_MESSAGE = "source.pipe(destination)";

// node_modules/execa/lib/pipe/sequence.js
var waitForBothSubprocesses = async (subprocessPromises) => {
  const [
    { status: sourceStatus, reason: sourceReason, value: sourceResult = sourceReason },
    { status: destinationStatus, reason: destinationReason, value: destinationResult = destinationReason }
  ] = await subprocessPromises;
  if (!destinationResult.pipedFrom.includes(sourceResult)) {
    destinationResult.pipedFrom.push(sourceResult);
  }
  if (destinationStatus === "rejected") {
    throw destinationResult;
  }
  if (sourceStatus === "rejected") {
    throw sourceResult;
  }
  return destinationResult;
};

// node_modules/execa/lib/pipe/streaming.js
import { finished as finished4 } from "node:stream/promises";
var pipeSubprocessStream = (sourceStream, destinationStream, maxListenersController) => {
  const mergedStream = MERGED_STREAMS.has(destinationStream) ? pipeMoreSubprocessStream(sourceStream, destinationStream) : pipeFirstSubprocessStream(sourceStream, destinationStream);
  incrementMaxListeners(sourceStream, SOURCE_LISTENERS_PER_PIPE, maxListenersController.signal);
  incrementMaxListeners(destinationStream, DESTINATION_LISTENERS_PER_PIPE, maxListenersController.signal);
  cleanupMergedStreamsMap(destinationStream);
  return mergedStream;
};
var pipeFirstSubprocessStream = (sourceStream, destinationStream) => {
  const mergedStream = mergeStreams([sourceStream]);
  pipeStreams(mergedStream, destinationStream);
  MERGED_STREAMS.set(destinationStream, mergedStream);
  return mergedStream;
};
var pipeMoreSubprocessStream = (sourceStream, destinationStream) => {
  const mergedStream = MERGED_STREAMS.get(destinationStream);
  mergedStream.add(sourceStream);
  return mergedStream;
};
var cleanupMergedStreamsMap = async (destinationStream) => {
  try {
    await finished4(destinationStream, { cleanup: true, readable: false, writable: true });
  } catch {
  }
  MERGED_STREAMS.delete(destinationStream);
};
var MERGED_STREAMS = /* @__PURE__ */ new WeakMap();
var SOURCE_LISTENERS_PER_PIPE = 2;
var DESTINATION_LISTENERS_PER_PIPE = 1;

// node_modules/execa/lib/pipe/abort.js
import { aborted } from "node:util";
var unpipeOnAbort = (unpipeSignal, unpipeContext) => unpipeSignal === void 0 ? [] : [unpipeOnSignalAbort(unpipeSignal, unpipeContext)];
var unpipeOnSignalAbort = async (unpipeSignal, { sourceStream, mergedStream, fileDescriptors, sourceOptions, startTime }) => {
  await aborted(unpipeSignal, sourceStream);
  await mergedStream.remove(sourceStream);
  const error = new Error("Pipe canceled by `unpipeSignal` option.");
  throw createNonCommandError({
    error,
    fileDescriptors,
    sourceOptions,
    startTime
  });
};

// node_modules/execa/lib/pipe/setup.js
var pipeToSubprocess = (sourceInfo, ...pipeArguments) => {
  if (isPlainObject(pipeArguments[0])) {
    return pipeToSubprocess.bind(void 0, {
      ...sourceInfo,
      boundOptions: { ...sourceInfo.boundOptions, ...pipeArguments[0] }
    });
  }
  const { destination, ...normalizedInfo } = normalizePipeArguments(sourceInfo, ...pipeArguments);
  const promise = handlePipePromise({ ...normalizedInfo, destination });
  promise.pipe = pipeToSubprocess.bind(void 0, {
    ...sourceInfo,
    source: destination,
    sourcePromise: promise,
    boundOptions: {}
  });
  return promise;
};
var handlePipePromise = async ({
  sourcePromise,
  sourceStream,
  sourceOptions,
  sourceError,
  destination,
  destinationStream,
  destinationError,
  unpipeSignal,
  fileDescriptors,
  startTime
}) => {
  const subprocessPromises = getSubprocessPromises(sourcePromise, destination);
  handlePipeArgumentsError({
    sourceStream,
    sourceError,
    destinationStream,
    destinationError,
    fileDescriptors,
    sourceOptions,
    startTime
  });
  const maxListenersController = new AbortController();
  try {
    const mergedStream = pipeSubprocessStream(sourceStream, destinationStream, maxListenersController);
    return await Promise.race([
      waitForBothSubprocesses(subprocessPromises),
      ...unpipeOnAbort(unpipeSignal, {
        sourceStream,
        mergedStream,
        sourceOptions,
        fileDescriptors,
        startTime
      })
    ]);
  } finally {
    maxListenersController.abort();
  }
};
var getSubprocessPromises = (sourcePromise, destination) => Promise.allSettled([sourcePromise, destination]);

// node_modules/execa/lib/io/contents.js
import { setImmediate } from "node:timers/promises";

// node_modules/execa/lib/io/iterate.js
import { on as on5 } from "node:events";
import { getDefaultHighWaterMark as getDefaultHighWaterMark3 } from "node:stream";
var iterateOnSubprocessStream = ({ subprocessStdout, subprocess, binary, shouldEncode, encoding, preserveNewlines }) => {
  const controller = new AbortController();
  stopReadingOnExit(subprocess, controller);
  return iterateOnStream({
    stream: subprocessStdout,
    controller,
    binary,
    shouldEncode: !subprocessStdout.readableObjectMode && shouldEncode,
    encoding,
    shouldSplit: !subprocessStdout.readableObjectMode,
    preserveNewlines
  });
};
var stopReadingOnExit = async (subprocess, controller) => {
  try {
    await subprocess;
  } catch {
  } finally {
    controller.abort();
  }
};
var iterateForResult = ({ stream, onStreamEnd, lines, encoding, stripFinalNewline: stripFinalNewline2, allMixed }) => {
  const controller = new AbortController();
  stopReadingOnStreamEnd(onStreamEnd, controller, stream);
  const objectMode = stream.readableObjectMode && !allMixed;
  return iterateOnStream({
    stream,
    controller,
    binary: encoding === "buffer",
    shouldEncode: !objectMode,
    encoding,
    shouldSplit: !objectMode && lines,
    preserveNewlines: !stripFinalNewline2
  });
};
var stopReadingOnStreamEnd = async (onStreamEnd, controller, stream) => {
  try {
    await onStreamEnd;
  } catch {
    stream.destroy();
  } finally {
    controller.abort();
  }
};
var iterateOnStream = ({ stream, controller, binary, shouldEncode, encoding, shouldSplit, preserveNewlines }) => {
  const onStdoutChunk = on5(stream, "data", {
    signal: controller.signal,
    highWaterMark: HIGH_WATER_MARK,
    // Backward compatibility with older name for this option
    // See https://github.com/nodejs/node/pull/52080#discussion_r1525227861
    // @todo Remove after removing support for Node 21
    highWatermark: HIGH_WATER_MARK
  });
  return iterateOnData({
    onStdoutChunk,
    controller,
    binary,
    shouldEncode,
    encoding,
    shouldSplit,
    preserveNewlines
  });
};
var DEFAULT_OBJECT_HIGH_WATER_MARK = getDefaultHighWaterMark3(true);
var HIGH_WATER_MARK = DEFAULT_OBJECT_HIGH_WATER_MARK;
var iterateOnData = async function* ({ onStdoutChunk, controller, binary, shouldEncode, encoding, shouldSplit, preserveNewlines }) {
  const generators = getGenerators({
    binary,
    shouldEncode,
    encoding,
    shouldSplit,
    preserveNewlines
  });
  try {
    for await (const [chunk] of onStdoutChunk) {
      yield* transformChunkSync(chunk, generators, 0);
    }
  } catch (error) {
    if (!controller.signal.aborted) {
      throw error;
    }
  } finally {
    yield* finalChunksSync(generators);
  }
};
var getGenerators = ({ binary, shouldEncode, encoding, shouldSplit, preserveNewlines }) => [
  getEncodingTransformGenerator(binary, encoding, !shouldEncode),
  getSplitLinesGenerator(binary, preserveNewlines, !shouldSplit, {})
].filter(Boolean);

// node_modules/execa/lib/io/contents.js
var getStreamOutput = async ({ stream, onStreamEnd, fdNumber, encoding, buffer, maxBuffer, lines, allMixed, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => {
  const logPromise = logOutputAsync({
    stream,
    onStreamEnd,
    fdNumber,
    encoding,
    allMixed,
    verboseInfo,
    streamInfo
  });
  if (!buffer) {
    await Promise.all([resumeStream(stream), logPromise]);
    return;
  }
  const stripFinalNewlineValue = getStripFinalNewline(stripFinalNewline2, fdNumber);
  const iterable = iterateForResult({
    stream,
    onStreamEnd,
    lines,
    encoding,
    stripFinalNewline: stripFinalNewlineValue,
    allMixed
  });
  const [output] = await Promise.all([
    getStreamContents2({
      stream,
      iterable,
      fdNumber,
      encoding,
      maxBuffer,
      lines
    }),
    logPromise
  ]);
  return output;
};
var logOutputAsync = async ({ stream, onStreamEnd, fdNumber, encoding, allMixed, verboseInfo, streamInfo: { fileDescriptors } }) => {
  if (!shouldLogOutput({
    stdioItems: fileDescriptors[fdNumber]?.stdioItems,
    encoding,
    verboseInfo,
    fdNumber
  })) {
    return;
  }
  const linesIterable = iterateForResult({
    stream,
    onStreamEnd,
    lines: true,
    encoding,
    stripFinalNewline: true,
    allMixed
  });
  await logLines(linesIterable, stream, fdNumber, verboseInfo);
};
var resumeStream = async (stream) => {
  await setImmediate();
  if (stream.readableFlowing === null) {
    stream.resume();
  }
};
var getStreamContents2 = async ({ stream, stream: { readableObjectMode }, iterable, fdNumber, encoding, maxBuffer, lines }) => {
  try {
    if (readableObjectMode || lines) {
      return await getStreamAsArray(iterable, { maxBuffer });
    }
    if (encoding === "buffer") {
      return new Uint8Array(await getStreamAsArrayBuffer(iterable, { maxBuffer }));
    }
    return await getStreamAsString(iterable, { maxBuffer });
  } catch (error) {
    return handleBufferedData(handleMaxBuffer({
      error,
      stream,
      readableObjectMode,
      lines,
      encoding,
      fdNumber
    }));
  }
};
var getBufferedData = async (streamPromise) => {
  try {
    return await streamPromise;
  } catch (error) {
    return handleBufferedData(error);
  }
};
var handleBufferedData = ({ bufferedData }) => isArrayBuffer(bufferedData) ? new Uint8Array(bufferedData) : bufferedData;

// node_modules/execa/lib/resolve/wait-stream.js
import { finished as finished5 } from "node:stream/promises";
var waitForStream = async (stream, fdNumber, streamInfo, { isSameDirection, stopOnExit = false } = {}) => {
  const state = handleStdinDestroy(stream, streamInfo);
  const abortController = new AbortController();
  try {
    await Promise.race([
      ...stopOnExit ? [streamInfo.exitPromise] : [],
      finished5(stream, { cleanup: true, signal: abortController.signal })
    ]);
  } catch (error) {
    if (!state.stdinCleanedUp) {
      handleStreamError(error, fdNumber, streamInfo, isSameDirection);
    }
  } finally {
    abortController.abort();
  }
};
var handleStdinDestroy = (stream, { originalStreams: [originalStdin], subprocess }) => {
  const state = { stdinCleanedUp: false };
  if (stream === originalStdin) {
    spyOnStdinDestroy(stream, subprocess, state);
  }
  return state;
};
var spyOnStdinDestroy = (subprocessStdin, subprocess, state) => {
  const { _destroy } = subprocessStdin;
  subprocessStdin._destroy = (...destroyArguments) => {
    setStdinCleanedUp(subprocess, state);
    _destroy.call(subprocessStdin, ...destroyArguments);
  };
};
var setStdinCleanedUp = ({ exitCode, signalCode }, state) => {
  if (exitCode !== null || signalCode !== null) {
    state.stdinCleanedUp = true;
  }
};
var handleStreamError = (error, fdNumber, streamInfo, isSameDirection) => {
  if (!shouldIgnoreStreamError(error, fdNumber, streamInfo, isSameDirection)) {
    throw error;
  }
};
var shouldIgnoreStreamError = (error, fdNumber, streamInfo, isSameDirection = true) => {
  if (streamInfo.propagating) {
    return isStreamEpipe(error) || isStreamAbort(error);
  }
  streamInfo.propagating = true;
  return isInputFileDescriptor(streamInfo, fdNumber) === isSameDirection ? isStreamEpipe(error) : isStreamAbort(error);
};
var isInputFileDescriptor = ({ fileDescriptors }, fdNumber) => fdNumber !== "all" && fileDescriptors[fdNumber].direction === "input";
var isStreamAbort = (error) => error?.code === "ERR_STREAM_PREMATURE_CLOSE";
var isStreamEpipe = (error) => error?.code === "EPIPE";

// node_modules/execa/lib/resolve/stdio.js
var waitForStdioStreams = ({ subprocess, encoding, buffer, maxBuffer, lines, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => subprocess.stdio.map((stream, fdNumber) => waitForSubprocessStream({
  stream,
  fdNumber,
  encoding,
  buffer: buffer[fdNumber],
  maxBuffer: maxBuffer[fdNumber],
  lines: lines[fdNumber],
  allMixed: false,
  stripFinalNewline: stripFinalNewline2,
  verboseInfo,
  streamInfo
}));
var waitForSubprocessStream = async ({ stream, fdNumber, encoding, buffer, maxBuffer, lines, allMixed, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => {
  if (!stream) {
    return;
  }
  const onStreamEnd = waitForStream(stream, fdNumber, streamInfo);
  if (isInputFileDescriptor(streamInfo, fdNumber)) {
    await onStreamEnd;
    return;
  }
  const [output] = await Promise.all([
    getStreamOutput({
      stream,
      onStreamEnd,
      fdNumber,
      encoding,
      buffer,
      maxBuffer,
      lines,
      allMixed,
      stripFinalNewline: stripFinalNewline2,
      verboseInfo,
      streamInfo
    }),
    onStreamEnd
  ]);
  return output;
};

// node_modules/execa/lib/resolve/all-async.js
var makeAllStream = ({ stdout, stderr }, { all }) => all && (stdout || stderr) ? mergeStreams([stdout, stderr].filter(Boolean)) : void 0;
var waitForAllStream = ({ subprocess, encoding, buffer, maxBuffer, lines, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => waitForSubprocessStream({
  ...getAllStream(subprocess, buffer),
  fdNumber: "all",
  encoding,
  maxBuffer: maxBuffer[1] + maxBuffer[2],
  lines: lines[1] || lines[2],
  allMixed: getAllMixed(subprocess),
  stripFinalNewline: stripFinalNewline2,
  verboseInfo,
  streamInfo
});
var getAllStream = ({ stdout, stderr, all }, [, bufferStdout, bufferStderr]) => {
  const buffer = bufferStdout || bufferStderr;
  if (!buffer) {
    return { stream: all, buffer };
  }
  if (!bufferStdout) {
    return { stream: stderr, buffer };
  }
  if (!bufferStderr) {
    return { stream: stdout, buffer };
  }
  return { stream: all, buffer };
};
var getAllMixed = ({ all, stdout, stderr }) => all && stdout && stderr && stdout.readableObjectMode !== stderr.readableObjectMode;

// node_modules/execa/lib/resolve/wait-subprocess.js
import { once as once8 } from "node:events";

// node_modules/execa/lib/verbose/ipc.js
var shouldLogIpc = (verboseInfo) => isFullVerbose(verboseInfo, "ipc");
var logIpcOutput = (message, verboseInfo) => {
  const verboseMessage = serializeVerboseMessage(message);
  verboseLog({
    type: "ipc",
    verboseMessage,
    fdNumber: "ipc",
    verboseInfo
  });
};

// node_modules/execa/lib/ipc/buffer-messages.js
var waitForIpcOutput = async ({
  subprocess,
  buffer: bufferArray,
  maxBuffer: maxBufferArray,
  ipc,
  ipcOutput,
  verboseInfo
}) => {
  if (!ipc) {
    return ipcOutput;
  }
  const isVerbose2 = shouldLogIpc(verboseInfo);
  const buffer = getFdSpecificValue(bufferArray, "ipc");
  const maxBuffer = getFdSpecificValue(maxBufferArray, "ipc");
  for await (const message of loopOnMessages({
    anyProcess: subprocess,
    channel: subprocess.channel,
    isSubprocess: false,
    ipc,
    shouldAwait: false,
    reference: true
  })) {
    if (buffer) {
      checkIpcMaxBuffer(subprocess, ipcOutput, maxBuffer);
      ipcOutput.push(message);
    }
    if (isVerbose2) {
      logIpcOutput(message, verboseInfo);
    }
  }
  return ipcOutput;
};
var getBufferedIpcOutput = async (ipcOutputPromise, ipcOutput) => {
  await Promise.allSettled([ipcOutputPromise]);
  return ipcOutput;
};

// node_modules/execa/lib/resolve/wait-subprocess.js
var waitForSubprocessResult = async ({
  subprocess,
  options: {
    encoding,
    buffer,
    maxBuffer,
    lines,
    timeoutDuration: timeout,
    cancelSignal,
    gracefulCancel,
    forceKillAfterDelay,
    stripFinalNewline: stripFinalNewline2,
    ipc,
    ipcInput
  },
  context,
  verboseInfo,
  fileDescriptors,
  originalStreams,
  onInternalError,
  controller
}) => {
  const exitPromise = waitForExit(subprocess, context);
  const streamInfo = {
    originalStreams,
    fileDescriptors,
    subprocess,
    exitPromise,
    propagating: false
  };
  const stdioPromises = waitForStdioStreams({
    subprocess,
    encoding,
    buffer,
    maxBuffer,
    lines,
    stripFinalNewline: stripFinalNewline2,
    verboseInfo,
    streamInfo
  });
  const allPromise = waitForAllStream({
    subprocess,
    encoding,
    buffer,
    maxBuffer,
    lines,
    stripFinalNewline: stripFinalNewline2,
    verboseInfo,
    streamInfo
  });
  const ipcOutput = [];
  const ipcOutputPromise = waitForIpcOutput({
    subprocess,
    buffer,
    maxBuffer,
    ipc,
    ipcOutput,
    verboseInfo
  });
  const originalPromises = waitForOriginalStreams(originalStreams, subprocess, streamInfo);
  const customStreamsEndPromises = waitForCustomStreamsEnd(fileDescriptors, streamInfo);
  try {
    return await Promise.race([
      Promise.all([
        {},
        waitForSuccessfulExit(exitPromise),
        Promise.all(stdioPromises),
        allPromise,
        ipcOutputPromise,
        sendIpcInput(subprocess, ipcInput),
        ...originalPromises,
        ...customStreamsEndPromises
      ]),
      onInternalError,
      throwOnSubprocessError(subprocess, controller),
      ...throwOnTimeout(subprocess, timeout, context, controller),
      ...throwOnCancel({
        subprocess,
        cancelSignal,
        gracefulCancel,
        context,
        controller
      }),
      ...throwOnGracefulCancel({
        subprocess,
        cancelSignal,
        gracefulCancel,
        forceKillAfterDelay,
        context,
        controller
      })
    ]);
  } catch (error) {
    context.terminationReason ??= "other";
    return Promise.all([
      { error },
      exitPromise,
      Promise.all(stdioPromises.map((stdioPromise) => getBufferedData(stdioPromise))),
      getBufferedData(allPromise),
      getBufferedIpcOutput(ipcOutputPromise, ipcOutput),
      Promise.allSettled(originalPromises),
      Promise.allSettled(customStreamsEndPromises)
    ]);
  }
};
var waitForOriginalStreams = (originalStreams, subprocess, streamInfo) => originalStreams.map((stream, fdNumber) => stream === subprocess.stdio[fdNumber] ? void 0 : waitForStream(stream, fdNumber, streamInfo));
var waitForCustomStreamsEnd = (fileDescriptors, streamInfo) => fileDescriptors.flatMap(({ stdioItems }, fdNumber) => stdioItems.filter(({ value, stream = value }) => isStream2(stream, { checkOpen: false }) && !isStandardStream(stream)).map(({ type, value, stream = value }) => waitForStream(stream, fdNumber, streamInfo, {
  isSameDirection: TRANSFORM_TYPES.has(type),
  stopOnExit: type === "native"
})));
var throwOnSubprocessError = async (subprocess, { signal }) => {
  const [error] = await once8(subprocess, "error", { signal });
  throw error;
};

// node_modules/execa/lib/convert/concurrent.js
var initializeConcurrentStreams = () => ({
  readableDestroy: /* @__PURE__ */ new WeakMap(),
  writableFinal: /* @__PURE__ */ new WeakMap(),
  writableDestroy: /* @__PURE__ */ new WeakMap()
});
var addConcurrentStream = (concurrentStreams, stream, waitName) => {
  const weakMap = concurrentStreams[waitName];
  if (!weakMap.has(stream)) {
    weakMap.set(stream, []);
  }
  const promises = weakMap.get(stream);
  const promise = createDeferred();
  promises.push(promise);
  const resolve = promise.resolve.bind(promise);
  return { resolve, promises };
};
var waitForConcurrentStreams = async ({ resolve, promises }, subprocess) => {
  resolve();
  const [isSubprocessExit] = await Promise.race([
    Promise.allSettled([true, subprocess]),
    Promise.all([false, ...promises])
  ]);
  return !isSubprocessExit;
};

// node_modules/execa/lib/convert/readable.js
import { Readable as Readable3 } from "node:stream";
import { callbackify as callbackify2 } from "node:util";

// node_modules/execa/lib/convert/shared.js
import { finished as finished6 } from "node:stream/promises";
var safeWaitForSubprocessStdin = async (subprocessStdin) => {
  if (subprocessStdin === void 0) {
    return;
  }
  try {
    await waitForSubprocessStdin(subprocessStdin);
  } catch {
  }
};
var safeWaitForSubprocessStdout = async (subprocessStdout) => {
  if (subprocessStdout === void 0) {
    return;
  }
  try {
    await waitForSubprocessStdout(subprocessStdout);
  } catch {
  }
};
var waitForSubprocessStdin = async (subprocessStdin) => {
  await finished6(subprocessStdin, { cleanup: true, readable: false, writable: true });
};
var waitForSubprocessStdout = async (subprocessStdout) => {
  await finished6(subprocessStdout, { cleanup: true, readable: true, writable: false });
};
var waitForSubprocess = async (subprocess, error) => {
  await subprocess;
  if (error) {
    throw error;
  }
};
var destroyOtherStream = (stream, isOpen, error) => {
  if (error && !isStreamAbort(error)) {
    stream.destroy(error);
  } else if (isOpen) {
    stream.destroy();
  }
};

// node_modules/execa/lib/convert/readable.js
var createReadable = ({ subprocess, concurrentStreams, encoding }, { from, binary: binaryOption = true, preserveNewlines = true } = {}) => {
  const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
  const { subprocessStdout, waitReadableDestroy } = getSubprocessStdout(subprocess, from, concurrentStreams);
  const { readableEncoding, readableObjectMode, readableHighWaterMark } = getReadableOptions(subprocessStdout, binary);
  const { read, onStdoutDataDone } = getReadableMethods({
    subprocessStdout,
    subprocess,
    binary,
    encoding,
    preserveNewlines
  });
  const readable2 = new Readable3({
    read,
    destroy: callbackify2(onReadableDestroy.bind(void 0, { subprocessStdout, subprocess, waitReadableDestroy })),
    highWaterMark: readableHighWaterMark,
    objectMode: readableObjectMode,
    encoding: readableEncoding
  });
  onStdoutFinished({
    subprocessStdout,
    onStdoutDataDone,
    readable: readable2,
    subprocess
  });
  return readable2;
};
var getSubprocessStdout = (subprocess, from, concurrentStreams) => {
  const subprocessStdout = getFromStream(subprocess, from);
  const waitReadableDestroy = addConcurrentStream(concurrentStreams, subprocessStdout, "readableDestroy");
  return { subprocessStdout, waitReadableDestroy };
};
var getReadableOptions = ({ readableEncoding, readableObjectMode, readableHighWaterMark }, binary) => binary ? { readableEncoding, readableObjectMode, readableHighWaterMark } : { readableEncoding, readableObjectMode: true, readableHighWaterMark: DEFAULT_OBJECT_HIGH_WATER_MARK };
var getReadableMethods = ({ subprocessStdout, subprocess, binary, encoding, preserveNewlines }) => {
  const onStdoutDataDone = createDeferred();
  const onStdoutData = iterateOnSubprocessStream({
    subprocessStdout,
    subprocess,
    binary,
    shouldEncode: !binary,
    encoding,
    preserveNewlines
  });
  return {
    read() {
      onRead(this, onStdoutData, onStdoutDataDone);
    },
    onStdoutDataDone
  };
};
var onRead = async (readable2, onStdoutData, onStdoutDataDone) => {
  try {
    const { value, done } = await onStdoutData.next();
    if (done) {
      onStdoutDataDone.resolve();
    } else {
      readable2.push(value);
    }
  } catch {
  }
};
var onStdoutFinished = async ({ subprocessStdout, onStdoutDataDone, readable: readable2, subprocess, subprocessStdin }) => {
  try {
    await waitForSubprocessStdout(subprocessStdout);
    await subprocess;
    await safeWaitForSubprocessStdin(subprocessStdin);
    await onStdoutDataDone;
    if (readable2.readable) {
      readable2.push(null);
    }
  } catch (error) {
    await safeWaitForSubprocessStdin(subprocessStdin);
    destroyOtherReadable(readable2, error);
  }
};
var onReadableDestroy = async ({ subprocessStdout, subprocess, waitReadableDestroy }, error) => {
  if (await waitForConcurrentStreams(waitReadableDestroy, subprocess)) {
    destroyOtherReadable(subprocessStdout, error);
    await waitForSubprocess(subprocess, error);
  }
};
var destroyOtherReadable = (stream, error) => {
  destroyOtherStream(stream, stream.readable, error);
};

// node_modules/execa/lib/convert/writable.js
import { Writable as Writable3 } from "node:stream";
import { callbackify as callbackify3 } from "node:util";
var createWritable = ({ subprocess, concurrentStreams }, { to } = {}) => {
  const { subprocessStdin, waitWritableFinal, waitWritableDestroy } = getSubprocessStdin(subprocess, to, concurrentStreams);
  const writable2 = new Writable3({
    ...getWritableMethods(subprocessStdin, subprocess, waitWritableFinal),
    destroy: callbackify3(onWritableDestroy.bind(void 0, {
      subprocessStdin,
      subprocess,
      waitWritableFinal,
      waitWritableDestroy
    })),
    highWaterMark: subprocessStdin.writableHighWaterMark,
    objectMode: subprocessStdin.writableObjectMode
  });
  onStdinFinished(subprocessStdin, writable2);
  return writable2;
};
var getSubprocessStdin = (subprocess, to, concurrentStreams) => {
  const subprocessStdin = getToStream(subprocess, to);
  const waitWritableFinal = addConcurrentStream(concurrentStreams, subprocessStdin, "writableFinal");
  const waitWritableDestroy = addConcurrentStream(concurrentStreams, subprocessStdin, "writableDestroy");
  return { subprocessStdin, waitWritableFinal, waitWritableDestroy };
};
var getWritableMethods = (subprocessStdin, subprocess, waitWritableFinal) => ({
  write: onWrite.bind(void 0, subprocessStdin),
  final: callbackify3(onWritableFinal.bind(void 0, subprocessStdin, subprocess, waitWritableFinal))
});
var onWrite = (subprocessStdin, chunk, encoding, done) => {
  if (subprocessStdin.write(chunk, encoding)) {
    done();
  } else {
    subprocessStdin.once("drain", done);
  }
};
var onWritableFinal = async (subprocessStdin, subprocess, waitWritableFinal) => {
  if (await waitForConcurrentStreams(waitWritableFinal, subprocess)) {
    if (subprocessStdin.writable) {
      subprocessStdin.end();
    }
    await subprocess;
  }
};
var onStdinFinished = async (subprocessStdin, writable2, subprocessStdout) => {
  try {
    await waitForSubprocessStdin(subprocessStdin);
    if (writable2.writable) {
      writable2.end();
    }
  } catch (error) {
    await safeWaitForSubprocessStdout(subprocessStdout);
    destroyOtherWritable(writable2, error);
  }
};
var onWritableDestroy = async ({ subprocessStdin, subprocess, waitWritableFinal, waitWritableDestroy }, error) => {
  await waitForConcurrentStreams(waitWritableFinal, subprocess);
  if (await waitForConcurrentStreams(waitWritableDestroy, subprocess)) {
    destroyOtherWritable(subprocessStdin, error);
    await waitForSubprocess(subprocess, error);
  }
};
var destroyOtherWritable = (stream, error) => {
  destroyOtherStream(stream, stream.writable, error);
};

// node_modules/execa/lib/convert/duplex.js
import { Duplex as Duplex3 } from "node:stream";
import { callbackify as callbackify4 } from "node:util";
var createDuplex = ({ subprocess, concurrentStreams, encoding }, { from, to, binary: binaryOption = true, preserveNewlines = true } = {}) => {
  const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
  const { subprocessStdout, waitReadableDestroy } = getSubprocessStdout(subprocess, from, concurrentStreams);
  const { subprocessStdin, waitWritableFinal, waitWritableDestroy } = getSubprocessStdin(subprocess, to, concurrentStreams);
  const { readableEncoding, readableObjectMode, readableHighWaterMark } = getReadableOptions(subprocessStdout, binary);
  const { read, onStdoutDataDone } = getReadableMethods({
    subprocessStdout,
    subprocess,
    binary,
    encoding,
    preserveNewlines
  });
  const duplex2 = new Duplex3({
    read,
    ...getWritableMethods(subprocessStdin, subprocess, waitWritableFinal),
    destroy: callbackify4(onDuplexDestroy.bind(void 0, {
      subprocessStdout,
      subprocessStdin,
      subprocess,
      waitReadableDestroy,
      waitWritableFinal,
      waitWritableDestroy
    })),
    readableHighWaterMark,
    writableHighWaterMark: subprocessStdin.writableHighWaterMark,
    readableObjectMode,
    writableObjectMode: subprocessStdin.writableObjectMode,
    encoding: readableEncoding
  });
  onStdoutFinished({
    subprocessStdout,
    onStdoutDataDone,
    readable: duplex2,
    subprocess,
    subprocessStdin
  });
  onStdinFinished(subprocessStdin, duplex2, subprocessStdout);
  return duplex2;
};
var onDuplexDestroy = async ({ subprocessStdout, subprocessStdin, subprocess, waitReadableDestroy, waitWritableFinal, waitWritableDestroy }, error) => {
  await Promise.all([
    onReadableDestroy({ subprocessStdout, subprocess, waitReadableDestroy }, error),
    onWritableDestroy({
      subprocessStdin,
      subprocess,
      waitWritableFinal,
      waitWritableDestroy
    }, error)
  ]);
};

// node_modules/execa/lib/convert/iterable.js
var createIterable = (subprocess, encoding, {
  from,
  binary: binaryOption = false,
  preserveNewlines = false
} = {}) => {
  const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
  const subprocessStdout = getFromStream(subprocess, from);
  const onStdoutData = iterateOnSubprocessStream({
    subprocessStdout,
    subprocess,
    binary,
    shouldEncode: true,
    encoding,
    preserveNewlines
  });
  return iterateOnStdoutData(onStdoutData, subprocessStdout, subprocess);
};
var iterateOnStdoutData = async function* (onStdoutData, subprocessStdout, subprocess) {
  try {
    yield* onStdoutData;
  } finally {
    if (subprocessStdout.readable) {
      subprocessStdout.destroy();
    }
    await subprocess;
  }
};

// node_modules/execa/lib/convert/add.js
var addConvertedStreams = (subprocess, { encoding }) => {
  const concurrentStreams = initializeConcurrentStreams();
  subprocess.readable = createReadable.bind(void 0, { subprocess, concurrentStreams, encoding });
  subprocess.writable = createWritable.bind(void 0, { subprocess, concurrentStreams });
  subprocess.duplex = createDuplex.bind(void 0, { subprocess, concurrentStreams, encoding });
  subprocess.iterable = createIterable.bind(void 0, subprocess, encoding);
  subprocess[Symbol.asyncIterator] = createIterable.bind(void 0, subprocess, encoding, {});
};

// node_modules/execa/lib/methods/promise.js
var mergePromise = (subprocess, promise) => {
  for (const [property, descriptor] of descriptors) {
    const value = descriptor.value.bind(promise);
    Reflect.defineProperty(subprocess, property, { ...descriptor, value });
  }
};
var nativePromisePrototype = (async () => {
})().constructor.prototype;
var descriptors = ["then", "catch", "finally"].map((property) => [
  property,
  Reflect.getOwnPropertyDescriptor(nativePromisePrototype, property)
]);

// node_modules/execa/lib/methods/main-async.js
var execaCoreAsync = (rawFile, rawArguments, rawOptions, createNested) => {
  const { file, commandArguments, command, escapedCommand, startTime, verboseInfo, options, fileDescriptors } = handleAsyncArguments(rawFile, rawArguments, rawOptions);
  const { subprocess, promise } = spawnSubprocessAsync({
    file,
    commandArguments,
    options,
    startTime,
    verboseInfo,
    command,
    escapedCommand,
    fileDescriptors
  });
  subprocess.pipe = pipeToSubprocess.bind(void 0, {
    source: subprocess,
    sourcePromise: promise,
    boundOptions: {},
    createNested
  });
  mergePromise(subprocess, promise);
  SUBPROCESS_OPTIONS.set(subprocess, { options, fileDescriptors });
  return subprocess;
};
var handleAsyncArguments = (rawFile, rawArguments, rawOptions) => {
  const { command, escapedCommand, startTime, verboseInfo } = handleCommand(rawFile, rawArguments, rawOptions);
  const { file, commandArguments, options: normalizedOptions } = normalizeOptions(rawFile, rawArguments, rawOptions);
  const options = handleAsyncOptions(normalizedOptions);
  const fileDescriptors = handleStdioAsync(options, verboseInfo);
  return {
    file,
    commandArguments,
    command,
    escapedCommand,
    startTime,
    verboseInfo,
    options,
    fileDescriptors
  };
};
var handleAsyncOptions = ({ timeout, signal, ...options }) => {
  if (signal !== void 0) {
    throw new TypeError('The "signal" option has been renamed to "cancelSignal" instead.');
  }
  return { ...options, timeoutDuration: timeout };
};
var spawnSubprocessAsync = ({ file, commandArguments, options, startTime, verboseInfo, command, escapedCommand, fileDescriptors }) => {
  let subprocess;
  try {
    subprocess = spawn(...concatenateShell(file, commandArguments, options));
  } catch (error) {
    return handleEarlyError({
      error,
      command,
      escapedCommand,
      fileDescriptors,
      options,
      startTime,
      verboseInfo
    });
  }
  const controller = new AbortController();
  setMaxListeners(Number.POSITIVE_INFINITY, controller.signal);
  const originalStreams = [...subprocess.stdio];
  pipeOutputAsync(subprocess, fileDescriptors, controller);
  cleanupOnExit(subprocess, options, controller);
  const context = {};
  const onInternalError = createDeferred();
  subprocess.kill = subprocessKill.bind(void 0, {
    kill: subprocess.kill.bind(subprocess),
    options,
    onInternalError,
    context,
    controller
  });
  subprocess.all = makeAllStream(subprocess, options);
  addConvertedStreams(subprocess, options);
  addIpcMethods(subprocess, options);
  const promise = handlePromise({
    subprocess,
    options,
    startTime,
    verboseInfo,
    fileDescriptors,
    originalStreams,
    command,
    escapedCommand,
    context,
    onInternalError,
    controller
  });
  return { subprocess, promise };
};
var handlePromise = async ({ subprocess, options, startTime, verboseInfo, fileDescriptors, originalStreams, command, escapedCommand, context, onInternalError, controller }) => {
  const [
    errorInfo,
    [exitCode, signal],
    stdioResults,
    allResult,
    ipcOutput
  ] = await waitForSubprocessResult({
    subprocess,
    options,
    context,
    verboseInfo,
    fileDescriptors,
    originalStreams,
    onInternalError,
    controller
  });
  controller.abort();
  onInternalError.resolve();
  const stdio = stdioResults.map((stdioResult, fdNumber) => stripNewline(stdioResult, options, fdNumber));
  const all = stripNewline(allResult, options, "all");
  const result = getAsyncResult({
    errorInfo,
    exitCode,
    signal,
    stdio,
    all,
    ipcOutput,
    context,
    options,
    command,
    escapedCommand,
    startTime
  });
  return handleResult(result, verboseInfo, options);
};
var getAsyncResult = ({ errorInfo, exitCode, signal, stdio, all, ipcOutput, context, options, command, escapedCommand, startTime }) => "error" in errorInfo ? makeError({
  error: errorInfo.error,
  command,
  escapedCommand,
  timedOut: context.terminationReason === "timeout",
  isCanceled: context.terminationReason === "cancel" || context.terminationReason === "gracefulCancel",
  isGracefullyCanceled: context.terminationReason === "gracefulCancel",
  isMaxBuffer: errorInfo.error instanceof MaxBufferError,
  isForcefullyTerminated: context.isForcefullyTerminated,
  exitCode,
  signal,
  stdio,
  all,
  ipcOutput,
  options,
  startTime,
  isSync: false
}) : makeSuccessResult({
  command,
  escapedCommand,
  stdio,
  all,
  ipcOutput,
  options,
  startTime
});

// node_modules/execa/lib/methods/bind.js
var mergeOptions = (boundOptions, options) => {
  const newOptions = Object.fromEntries(
    Object.entries(options).map(([optionName, optionValue]) => [
      optionName,
      mergeOption(optionName, boundOptions[optionName], optionValue)
    ])
  );
  return { ...boundOptions, ...newOptions };
};
var mergeOption = (optionName, boundOptionValue, optionValue) => {
  if (DEEP_OPTIONS.has(optionName) && isPlainObject(boundOptionValue) && isPlainObject(optionValue)) {
    return { ...boundOptionValue, ...optionValue };
  }
  return optionValue;
};
var DEEP_OPTIONS = /* @__PURE__ */ new Set(["env", ...FD_SPECIFIC_OPTIONS]);

// node_modules/execa/lib/methods/create.js
var createExeca = (mapArguments, boundOptions, deepOptions, setBoundExeca) => {
  const createNested = (mapArguments2, boundOptions2, setBoundExeca2) => createExeca(mapArguments2, boundOptions2, deepOptions, setBoundExeca2);
  const boundExeca = (...execaArguments) => callBoundExeca({
    mapArguments,
    deepOptions,
    boundOptions,
    setBoundExeca,
    createNested
  }, ...execaArguments);
  if (setBoundExeca !== void 0) {
    setBoundExeca(boundExeca, createNested, boundOptions);
  }
  return boundExeca;
};
var callBoundExeca = ({ mapArguments, deepOptions = {}, boundOptions = {}, setBoundExeca, createNested }, firstArgument, ...nextArguments) => {
  if (isPlainObject(firstArgument)) {
    return createNested(mapArguments, mergeOptions(boundOptions, firstArgument), setBoundExeca);
  }
  const { file, commandArguments, options, isSync } = parseArguments({
    mapArguments,
    firstArgument,
    nextArguments,
    deepOptions,
    boundOptions
  });
  return isSync ? execaCoreSync(file, commandArguments, options) : execaCoreAsync(file, commandArguments, options, createNested);
};
var parseArguments = ({ mapArguments, firstArgument, nextArguments, deepOptions, boundOptions }) => {
  const callArguments = isTemplateString(firstArgument) ? parseTemplates(firstArgument, nextArguments) : [firstArgument, ...nextArguments];
  const [initialFile, initialArguments, initialOptions] = normalizeParameters(...callArguments);
  const mergedOptions = mergeOptions(mergeOptions(deepOptions, boundOptions), initialOptions);
  const {
    file = initialFile,
    commandArguments = initialArguments,
    options = mergedOptions,
    isSync = false
  } = mapArguments({ file: initialFile, commandArguments: initialArguments, options: mergedOptions });
  return {
    file,
    commandArguments,
    options,
    isSync
  };
};

// node_modules/execa/lib/methods/command.js
var mapCommandAsync = ({ file, commandArguments }) => parseCommand(file, commandArguments);
var mapCommandSync = ({ file, commandArguments }) => ({ ...parseCommand(file, commandArguments), isSync: true });
var parseCommand = (command, unusedArguments) => {
  if (unusedArguments.length > 0) {
    throw new TypeError(`The command and its arguments must be passed as a single string: ${command} ${unusedArguments}.`);
  }
  const [file, ...commandArguments] = parseCommandString(command);
  return { file, commandArguments };
};
var parseCommandString = (command) => {
  if (typeof command !== "string") {
    throw new TypeError(`The command must be a string: ${String(command)}.`);
  }
  const trimmedCommand = command.trim();
  if (trimmedCommand === "") {
    return [];
  }
  const tokens = [];
  for (const token of trimmedCommand.split(SPACES_REGEXP)) {
    const previousToken = tokens.at(-1);
    if (previousToken && previousToken.endsWith("\\")) {
      tokens[tokens.length - 1] = `${previousToken.slice(0, -1)} ${token}`;
    } else {
      tokens.push(token);
    }
  }
  return tokens;
};
var SPACES_REGEXP = / +/g;

// node_modules/execa/lib/methods/script.js
var setScriptSync = (boundExeca, createNested, boundOptions) => {
  boundExeca.sync = createNested(mapScriptSync, boundOptions);
  boundExeca.s = boundExeca.sync;
};
var mapScriptAsync = ({ options }) => getScriptOptions(options);
var mapScriptSync = ({ options }) => ({ ...getScriptOptions(options), isSync: true });
var getScriptOptions = (options) => ({ options: { ...getScriptStdinOption(options), ...options } });
var getScriptStdinOption = ({ input, inputFile, stdio }) => input === void 0 && inputFile === void 0 && stdio === void 0 ? { stdin: "inherit" } : {};
var deepScriptOptions = { preferLocal: true };

// node_modules/execa/index.js
var execa = createExeca(() => ({}));
var execaSync = createExeca(() => ({ isSync: true }));
var execaCommand = createExeca(mapCommandAsync);
var execaCommandSync = createExeca(mapCommandSync);
var execaNode = createExeca(mapNode);
var $ = createExeca(mapScriptAsync, {}, deepScriptOptions, setScriptSync);
var {
  sendMessage: sendMessage2,
  getOneMessage: getOneMessage2,
  getEachMessage: getEachMessage2,
  getCancelSignal: getCancelSignal2
} = getIpcExport();

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
function isSpace(c3) {
  return c3 === 32 || c3 >= 9 && c3 <= 13;
}
function parseNumericField(b, start, length) {
  const end = start + length;
  const first = b[start];
  if (first === 128) {
    let value2 = 0;
    for (let i3 = start + 1; i3 < end; i3++) {
      value2 = value2 * 256 + b[i3];
      if (value2 > Number.MAX_SAFE_INTEGER) return void 0;
    }
    return value2;
  }
  let i2 = start;
  if (first === 0) i2++;
  while (i2 < end && isSpace(b[i2])) i2++;
  if (i2 === end) return void 0;
  let value = 0;
  while (i2 < end) {
    const c3 = b[i2];
    if (c3 < 48 || c3 > 55) break;
    value = value * 8 + (c3 - 48);
    i2++;
  }
  if (value > Number.MAX_SAFE_INTEGER) return void 0;
  if (i2 < end && b[i2] !== 0 && !isSpace(b[i2])) return void 0;
  return value;
}
function blockShape(b, at) {
  let unsigned = 0;
  let high = 0;
  for (let i2 = at; i2 < at + BLOCK; i2++) {
    const c3 = b[i2];
    unsigned += c3;
    if (c3 >= 128) high++;
  }
  for (let i2 = at + 148; i2 < at + 156; i2++) {
    const c3 = b[i2];
    unsigned -= c3;
    if (c3 >= 128) high--;
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
    let i2 = 0;
    while (i2 < length) {
      if (this.state === "data") {
        const take = Math.min(this.dataLeft, length - i2);
        i2 += take;
        this.dataLeft -= take;
        this.offset += take;
        if (this.dataLeft === 0) this.state = "header";
        continue;
      }
      if (this.state === "meta") {
        const take = Math.min(this.metaLeft, length - i2);
        this.metaParts.push(chunk.subarray(i2, i2 + take));
        i2 += take;
        this.metaLeft -= take;
        this.offset += take;
        if (this.metaLeft === 0) this.finishMeta();
        continue;
      }
      if (!this.holding) {
        this.holding = true;
        holdFrom = i2;
      }
      const header = this.nextHeader(chunk, i2);
      i2 = header.next;
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
  nextHeader(chunk, i2) {
    if (this.headerFill === 0 && chunk.length - i2 >= BLOCK) return { block: chunk, at: i2, next: i2 + BLOCK };
    const take = Math.min(BLOCK - this.headerFill, chunk.length - i2);
    chunk.copy(this.header, this.headerFill, i2, i2 + take);
    this.headerFill += take;
    if (this.headerFill < BLOCK) return { at: 0, next: i2 + take };
    this.headerFill = 0;
    return { block: this.header, at: 0, next: i2 + take };
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
        throw new ArchiveError(`${this.archive} is corrupt: an extended header at the end is not followed by an entry.`);
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
      throw new ArchiveError(`${this.archive} is corrupt: the header of '${displayName(headerName)}' at byte ${headerOffset} has an unreadable size field.`);
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
      throw new ArchiveError(`${this.archive} is corrupt: the pax header at byte ${this.metaOffset} has ${records}.`);
    }
    if (type === "g") {
      for (const keyword of records.keys()) {
        if (keyword === "path" || keyword === "linkpath" || keyword === "size" || unsupportedPaxKeyword(keyword)) {
          throw new UnsafeArchiveError(this.archive, "pax global header", `sets '${keyword}' for every later entry, which is not accepted`);
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
function roundUp(n2) {
  return Math.ceil(n2 / BLOCK) * BLOCK;
}
function sizeOf2(pieces) {
  let n2 = 0;
  for (const p of pieces) n2 += p.length;
  return n2;
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
    const refuse2 = (reason) => {
      throw new UnsafeArchiveError(this.archive, displayName(raw), reason);
    };
    const device = DEVICES[entry.kind];
    if (device) refuse2(device);
    if (raw.startsWith("/")) refuse2("has an absolute path");
    const comps = splitPath(raw);
    if (comps === void 0) return refuse2("has a '..' component, which would leave the destination");
    if (comps.length === 0) {
      if (entry.kind !== "directory") refuse2("names the destination directory itself");
      this.entries++;
      return;
    }
    const path47 = comps.join("/");
    const slash = path47.lastIndexOf("/");
    const parent = slash < 0 ? "" : path47.slice(0, slash);
    this.checkParents(path47, parent, refuse2);
    const existing2 = this.nodes.get(path47);
    if (existing2 === "symlink") refuse2(`replaces '${displayName(path47)}', which an earlier entry made a symlink`);
    const kind = this.nodeKind(entry, comps, existing2, refuse2);
    this.checkTop(comps, kind);
    this.nodes.set(path47, kind);
    this.lastParent = parent;
    this.entries++;
    if (entry.kind === "file") this.bytes += entry.size;
  }
  /** Nothing may be created beneath a symlink. */
  checkParents(path47, parent, refuse2) {
    if (parent === "" || parent === this.lastParent) return;
    let from = 0;
    for (; ; ) {
      const next = path47.indexOf("/", from);
      if (next < 0 || next > parent.length) break;
      const prefix = path47.slice(0, next);
      const kind = this.nodes.get(prefix);
      if (kind === "symlink") refuse2(`is beneath '${displayName(prefix)}', which an earlier entry made a symlink`);
      if (kind !== "dir" && kind !== "implicit-dir") this.nodes.set(prefix, "implicit-dir");
      from = next + 1;
    }
  }
  /** What the entry makes, once checked against what is already there. */
  nodeKind(entry, comps, existing2, refuse2) {
    switch (entry.kind) {
      case "directory":
        return "dir";
      case "file":
        return "file";
      case "symlink":
        if (existing2 === "dir" || existing2 === "implicit-dir") refuse2("is a symlink that would replace a directory");
        this.checkSymlinkTarget(comps, entry.linkName, refuse2, "is a symlink");
        this.symlinkTargets.set(comps.join("/"), entry.linkName);
        return "symlink";
      case "hardlink":
        return this.checkHardLink(comps, existing2, entry.linkName, refuse2);
      default:
        return refuse2("has an unsupported type");
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
  checkSymlinkTarget(linkComps, target, refuse2, what) {
    const shownTarget = displayName(target);
    if (target === "") refuse2(`${what} with an empty target`);
    let depth;
    let rest;
    if (target.startsWith("/")) {
      const root = this.roots.find((r) => target === r || target.startsWith(`${r}/`));
      if (root === void 0) return refuse2(`${what} to '${shownTarget}', outside the destination`);
      rest = target.slice(root.length);
      depth = 0;
    } else {
      rest = target;
      depth = linkComps.length - 1;
    }
    let ups = 0;
    let named2 = false;
    for (const c3 of rest.split("/")) {
      if (c3 === "" || c3 === ".") continue;
      if (c3 === "..") {
        if (named2) {
          refuse2(
            `${what} to '${shownTarget}', which goes back up with '..' after a directory name; only leading ".." components are accepted in link targets`
          );
        }
        ups++;
        if (ups > depth) refuse2(`${what} to '${shownTarget}', which points outside the destination`);
      } else {
        named2 = true;
      }
    }
  }
  checkHardLink(comps, existing2, target, refuse2) {
    const shownTarget = displayName(target);
    if (target === "") refuse2("is a hard link with an empty target");
    if (target.startsWith("/")) refuse2(`is a hard link to '${shownTarget}', an absolute path outside the destination`);
    const parts = splitPath(target);
    if (parts === void 0) return refuse2(`is a hard link to '${shownTarget}', which has a '..' component`);
    const targetPath = parts.join("/");
    const kind = this.nodes.get(targetPath);
    if (kind === "dir" || kind === "implicit-dir") refuse2(`is a hard link to the directory '${shownTarget}'`);
    if (kind === void 0) refuse2(`is a hard link to '${shownTarget}', which is not an earlier entry of the archive`);
    if (kind === "symlink") {
      if (existing2 === "dir" || existing2 === "implicit-dir") refuse2("is a link that would replace a directory with a symlink");
      const linkTarget = this.symlinkTargets.get(targetPath);
      this.checkSymlinkTarget(comps, linkTarget, refuse2, `is a hard link to the symlink '${shownTarget}', so a symlink`);
      this.symlinkTargets.set(comps.join("/"), linkTarget);
      return "symlink";
    }
    return "file";
  }
};
function splitPath(name) {
  const out = [];
  for (const c3 of name.split("/")) {
    if (c3 === "..") return void 0;
    if (c3 !== "" && c3 !== ".") out.push(c3);
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
  const starts = (...bytes) => bytes.every((b, i2) => head[i2] === b);
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
  const archivePath = path16.resolve(archive);
  const destPath = path16.resolve(dest);
  const compression = await detectCompression(archivePath);
  await requireTools(compression);
  const signal = options.signal ?? interruptSignal();
  signal.throwIfAborted();
  const created = await prepareDestination(destPath, dest);
  const log = openToolLog(options.logFile);
  const stop = {};
  const onAbort = () => stop.now?.();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await extractInto(archive, archivePath, compression, destPath, options, { signal, log, stop });
  } catch (error) {
    await clearDestination(destPath, created);
    throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
    await log.close();
  }
}
function openToolLog(file) {
  if (!file) return { line: () => {
  }, close: async () => {
  } };
  const stream = createWriteStream2(file, { flags: "a" });
  let failed = false;
  stream.on("error", () => {
    failed = true;
  });
  return {
    file,
    line: (text) => {
      if (!failed) stream.write(`${text}
`);
    },
    close: () => new Promise((resolve) => failed ? resolve() : stream.end(resolve))
  };
}
function startTar(destPath, onLine) {
  const tar = execa("tar", ["-x", "-f", "-", "-C", destPath, "--no-same-owner", "--no-same-permissions", "--delay-directory-restore"], {
    stdin: "pipe",
    stdout: "ignore",
    stderr: "pipe",
    buffer: false,
    reject: false,
    env: { LC_ALL: "C" }
  });
  const stderrTail = collectTail(tar.stderr, onLine);
  let done = false;
  const result = tar.then((r) => {
    done = true;
    return r;
  });
  const stdin = tar.stdin;
  stdin.on("error", () => {
  });
  return { tar, result, stdin, stderrTail, done: () => done };
}
function progressOf(options, policy) {
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
  return { report, isCallers: (error) => callerError?.error === error };
}
async function pump(source2, guard, stdin, report, tarDone) {
  for await (const chunk of source2.stream) {
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
async function topLevel(archive, destPath, policy) {
  const top = policy.top;
  if (top === void 0) throw new ArchiveError(`${archive} contains no files.`);
  const root = path16.join(destPath, displayName(top));
  const rootStat = await lstat(root).catch(() => void 0);
  const present = await readdir(destPath);
  if (!rootStat?.isDirectory() || present.length !== 1) {
    throw new ArchiveError(
      `extracting ${archive} did not leave exactly one top-level directory in ${destPath} (found: ${present.join(", ") || "nothing"}).`
    );
  }
  return root;
}
async function extractInto(archive, archivePath, compression, destPath, options, { signal, log, stop }) {
  const policy = new EntryPolicy(archive, [destPath, await realpath(destPath)]);
  const guard = new TarStreamGuard(archive, (entry) => policy.check(entry));
  let fatal;
  const tar = startTar(destPath, (line) => {
    log.line(line);
    if (fatal === void 0 && faultInLine(line)) {
      fatal = line;
      stopEarly();
    }
  });
  const source2 = openSource(compression, archivePath, log);
  function stopEarly() {
    source2.stop();
    tar.tar.kill("SIGKILL");
    tar.stdin.destroy();
  }
  const stopAll = async () => {
    stopEarly();
    await Promise.allSettled([source2.outcome(), tar.result]);
  };
  stop.now = stopEarly;
  const toolOutput = log.file ? ` (tar's output: ${log.file})` : "";
  const stopped = () => {
    if (signal.aborted) return signal.reason instanceof Error ? signal.reason : new ArchiveError(`extracting ${archive} was stopped`);
    if (fatal === void 0) return void 0;
    return faultError(faultInLine(fatal), { doing: `extracting ${archive} into`, path: destPath, tool: "tar", logFile: log.file }, pathInLine(fatal));
  };
  const progress = progressOf(options, policy);
  let tarBroke;
  try {
    tarBroke = await pump(source2, guard, tar.stdin, progress.report, tar.done);
  } catch (error) {
    await stopAll();
    if (error instanceof LibkrunfwError || progress.isCallers(error)) throw error;
    throw stopped() ?? new ArchiveError(`cannot decompress ${archive} (${compression}): ${error.message}`);
  }
  if (tarBroke || stopped()) {
    source2.stop();
    await source2.outcome();
    const result2 = await tar.result;
    throw stopped() ?? new ArchiveError(`tar failed while extracting ${archive}: ${describeExit(result2)}${firstLine2(tar.stderrTail())}${toolOutput}`);
  }
  const decompressFailure = await source2.outcome();
  if (decompressFailure !== void 0) {
    await stopAll();
    const code = faultInLine(decompressFailure);
    const fault = code ? faultError(code, { doing: `decompressing ${archive} into`, path: destPath, tool: compression }) : void 0;
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
  if (result.exitCode !== 0) throw new ArchiveError(`tar failed to extract ${archive}: ${describeExit(result)}${firstLine2(tar.stderrTail())}${toolOutput}`);
  progress.report(true);
  return { root: await topLevel(archive, destPath, policy), entries: policy.entries, bytes: policy.bytes };
}
function openSource(compression, archivePath, log) {
  switch (compression) {
    case "xz":
      return toolSource("xz", ["-d", "-c", "-T0", "--", archivePath], log);
    case "bzip2":
      return toolSource("bzip2", ["-d", "-c", "--", archivePath], log);
    case "zstd":
      return toolSource("zstd", ["-d", "-c", "-q", "--", archivePath], log);
    case "gzip": {
      const file = createReadStream3(archivePath, { highWaterMark: 1 << 20 });
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
      const file = createReadStream3(archivePath, { highWaterMark: 1 << 20 });
      file.on("error", () => {
      });
      return { stream: file, outcome: async () => void 0, stop: () => file.destroy() };
    }
  }
}
function toolSource(tool, args, log) {
  const proc = execa(tool, args, { stdin: "ignore", stdout: "pipe", stderr: "pipe", buffer: false, reject: false });
  const stderr = collectTail(proc.stderr, (line) => log.line(line));
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
function firstLine2(text) {
  const line = text.trim().split("\n")[0]?.replace(/^\.\.\./, "");
  return line ? `: ${line}` : "";
}
function collectTail(stream, onLine) {
  let text = "";
  let pending = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (data) => {
    text += data;
    if (text.length > 2 * STDERR_TAIL_CHARS) text = text.slice(-STDERR_TAIL_CHARS);
    if (!onLine) return;
    pending += data;
    let nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      onLine(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  });
  stream?.on("end", () => {
    if (pending && onLine) onLine(pending);
    pending = "";
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
  for (const dir of (process.env.PATH ?? "").split(path16.delimiter)) {
    if (!dir) continue;
    try {
      await access(path16.join(dir, tool), constants5.X_OK);
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
      throw asFault(error, { doing: "extracting into", path: destPath }) ?? new ArchiveError(`cannot use ${shown} as the destination: ${error.message}`);
    }
    try {
      makeDirs(destPath);
    } catch (e) {
      rethrowAsFault(e, { doing: "creating the extraction directory", path: destPath });
    }
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
  for (const name of present) await forceRemove(path16.join(destPath, name));
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
  for (const child of children) await makeWritable(path16.join(target, child));
}

// src/pipeline/stages/extract.ts
function kernelVersionOf(tree) {
  let makefile;
  try {
    makefile = readFileSync6(path17.join(tree, "Makefile"), "utf8").slice(0, 4096);
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
  const preferred = path17.join(root, "LICENSES", "preferred");
  return { tree: root, kernelVersion: kernelVersionOf(root), licenses: { gpl: path17.join(preferred, "GPL-2.0"), lgpl: path17.join(preferred, "LGPL-2.1") } };
}
var extractStage = {
  name: "extract",
  title: "unpack the kernel source safely",
  async run(input, ctx) {
    const dest = path17.join(ctx.workDir, "src");
    rmSync3(dest, { recursive: true, force: true });
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
  produces: (o2) => [path17.join(o2.tree, "Makefile")],
  summary: (o2) => `linux ${o2.kernelVersion}`
};

// src/cache/fingerprint.ts
import { readdirSync as readdirSync5, readFileSync as readFileSync7 } from "node:fs";
import path18 from "node:path";
import { fileURLToPath as fileURLToPath4 } from "node:url";

// src/cache/keys.ts
var BUNDLE_FORMAT = 3;
function sourceCacheKey(tarballSha256) {
  return `libkrunfw-source-${tarballSha256}`;
}
function compilerCacheKeys(k, now) {
  const sameKernel = `libkrunfw-ccache-${k.arch}-${k.kernelVersion}-${k.toolchainId}-`;
  const exact = `${sameKernel}${k.variant}-`;
  const stamp = now.toISOString().replace(/[-:.]/g, "");
  return { primary: `${exact}${stamp}`, restore: [exact, sameKernel, `libkrunfw-ccache-${k.arch}-`] };
}
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries2 = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a2], [b]) => a2 < b ? -1 : a2 > b ? 1 : 0);
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
    const p = path18.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}
var identity3;
function actionIdentity() {
  if (identity3) return identity3;
  const here = fileURLToPath4(import.meta.url);
  const bundled = here.split(path18.sep).includes("dist");
  const dir = path18.join(PROJECT_ROOT, bundled ? "dist" : "src");
  const digest = sha256(
    filesUnder(dir, bundled ? ".js" : ".ts").map((f) => `${path18.relative(dir, f)}\0${sha256(readFileSync7(f))}`).join("\n")
  );
  const { version } = JSON.parse(readFileSync7(path18.join(PROJECT_ROOT, "package.json"), "utf8"));
  identity3 = `${version}+${digest.slice(0, 16)}`;
  return identity3;
}
var fileEntry = (file) => ({
  name: path18.basename(file),
  sha256: sha256(readFileSync7(file))
});
function outputFingerprint(request, toolchain, kernelSha256) {
  return {
    format: BUNDLE_FORMAT,
    action: actionIdentity(),
    arch: request.arch,
    variant: request.variant,
    host: request.host,
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
    const file = path19.join(rt.cacheDir("source"), `${sha2562}-${path19.basename(new URL(url).pathname) || "linux.tar"}`);
    const key = sourceCacheKey(sha2562);
    mkdirSync5(path19.dirname(file), { recursive: true });
    const shelf = rt.platform.tarballShelf;
    const kept = shelf?.find(sha2562, path19.basename(file));
    if (kept && existsSync8(kept)) {
      cpSync(kept, file);
      return {
        fills: { downloadTo: file },
        hit: true,
        report: { level: "source", state: "hit", key, matchedKey: kept, bytes: sizeOf(file), detail: "from the runner's tool cache" }
      };
    }
    const matched = await rt.store.restore([file], key);
    const hit = matched !== void 0 && existsSync8(file);
    return {
      fills: { downloadTo: file },
      hit,
      report: { level: "source", state: hit ? "hit" : "miss", key, matchedKey: matched, bytes: hit ? sizeOf(file) : void 0 }
    };
  },
  keep(s, rt) {
    if (reportOf(rt, "source")?.state !== "miss") return void 0;
    return { level: "source", key: sourceCacheKey(s.fetched.sha256), paths: [s.downloadTo], sha256: s.fetched.sha256 };
  }
};
var treeCache = {
  name: "tree",
  kind: "provides",
  keepsAfterRoute: true,
  off(s, rt) {
    if (!s.build?.cache.tree) return "cache-tree is false";
    if (rt.store?.kind !== "directory" || !rt.store.dir) return "kept only with a directory cache (the CLI, or cache-dir)";
    return void 0;
  },
  async restore(s, rt) {
    const sha2562 = s.fetched.sha256;
    const key = `tree of ${sha2562.slice(0, 16)}`;
    const taken = await new TreeCache(treeRoot(rt.store), rt.log).take(sha2562, s.request.arch, path19.join(rt.workDir, "src"), rt.cacheDir("tree"));
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
      tree: {
        tarballSha256: s.fetched.sha256,
        arch: s.request.arch,
        srcDir: path19.dirname(root),
        root: path19.basename(root),
        applied: s.patched?.series.map((p) => p.path) ?? []
      }
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
    mkdirSync5(dir, { recursive: true });
    const matched = await rt.store.restore([dir], primary, restore);
    return {
      fills: { ccache: { dir, maxSize: s.build.cache.ccacheMaxSize } },
      hit: matched !== void 0,
      report: {
        level: "compiler",
        state: matched ? matched === primary ? "hit" : "partial" : "miss",
        key: primary,
        matchedKey: matched,
        bytes: matched ? sizeOf(dir) : void 0
      },
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
  return outputCacheKey(outputFingerprint(s.build, await rt.toolchain(s.request.arch, s.request.host), s.fetched.sha256));
}
async function intactOutput(dir) {
  try {
    const meta = JSON.parse(readFileSync8(path19.join(dir, "meta.json"), "utf8"));
    if (meta.format !== 1) return void 0;
    for (const name of OUTPUT_EXTRAS) if (!existsSync8(path19.join(dir, "extras", name))) return void 0;
    const lib = path19.join(dir, "libkrunfw");
    if (await sha256File(path19.join(lib, meta.fileName)) !== meta.librarySha256) return void 0;
    if (await sha256File(path19.join(lib, "kernel.bin")) !== meta.payloadSha256) return void 0;
    for (const b of meta.blobs) if (await sha256File(path19.join(lib, `${b.name}.bin`)) !== b.sha256) return void 0;
    return meta;
  } catch {
    return void 0;
  }
}
function packagedTarballs(p) {
  return [{ file: p.tarball, sha256: p.tarballSha256 }, ...p.prebuilt ? [{ file: p.prebuilt.tarball, sha256: p.prebuilt.sha256 }] : []];
}
async function intactPackage(dir, kept) {
  for (const f of kept.files) {
    const file = path19.join(dir, f.name);
    if (!existsSync8(file) || await sha256File(file) !== f.sha256) return false;
  }
  return true;
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
    rmSync4(dir, { recursive: true, force: true });
    mkdirSync5(dir, { recursive: true });
    const matched = await rt.store.restore([dir], key);
    const meta = matched ? await intactOutput(dir) : void 0;
    if (matched && !meta) rt.log.warning(`output cache entry ${key} is incomplete or does not match its record; building instead`);
    if (!meta) {
      rmSync4(dir, { recursive: true, force: true });
      return { fills: {}, hit: false, report: { level: "output", state: "miss", key } };
    }
    const lib = path19.join(dir, "libkrunfw");
    const extra = (name) => path19.join(dir, "extras", name);
    const fills = {
      kernel: { version: meta.kernelVersion, finalConfig: extra("final.config"), licenses: { gpl: extra("GPL-2.0"), lgpl: extra("LGPL-2.1") } },
      bundled: {
        payloadFile: path19.join(lib, "kernel.bin"),
        loadAddr: BigInt(meta.loadAddr),
        entryAddr: BigInt(meta.entryAddr),
        size: meta.size,
        sha256: meta.payloadSha256,
        blobs: meta.blobs.map((b) => ({ ...b, payloadFile: path19.join(lib, `${b.name}.bin`) }))
      },
      linked: { library: path19.join(lib, meta.fileName), fileName: meta.fileName, soname: meta.soname, sourceDir: lib }
    };
    if (meta.packaged && await intactPackage(path19.join(dir, "package"), meta.packaged))
      fills.keptPackage = { ...meta.packaged, dir: path19.join(dir, "package") };
    return { fills, hit: true, report: { level: "output", state: "hit", key, matchedKey: matched, bytes: sizeOf(dir), savedMs: meta.buildMs } };
  },
  // After the whole route, so the entry also holds the install tarballs the package step made.
  keepsAfterRoute: true,
  async keep(s, rt, tookMs) {
    if (reportOf(rt, "output")?.state !== "miss") return void 0;
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
      buildMs: tookMs,
      packaged: s.packaged && {
        sourceDateEpoch: s.request.reproducibility.sourceDateEpoch,
        files: packagedTarballs(s.packaged).map((t) => ({ name: path19.basename(t.file), sha256: t.sha256 }))
      }
    };
    rmSync4(dir, { recursive: true, force: true });
    mkdirSync5(path19.join(dir, "extras"), { recursive: true });
    if (s.packaged) {
      mkdirSync5(path19.join(dir, "package"));
      for (const t of packagedTarballs(s.packaged)) cpSync(t.file, path19.join(dir, "package", path19.basename(t.file)));
    }
    cpSync(linked.sourceDir, path19.join(dir, "libkrunfw"), { recursive: true });
    const extras = {
      "final.config": kernel.finalConfig,
      "GPL-2.0": kernel.licenses.gpl,
      "LGPL-2.1": kernel.licenses.lgpl
    };
    for (const [name, file] of Object.entries(extras)) cpSync(file, path19.join(dir, "extras", name));
    writeFileSync4(path19.join(dir, "meta.json"), `${JSON.stringify(meta, null, 2)}
`);
    return { level: "output", key: await outputKey(s, rt), paths: [dir] };
  }
};

// src/pipeline/stages/boot.ts
import { accessSync, constants as constants6, mkdirSync as mkdirSync8, readFileSync as readFileSync9, writeFileSync as writeFileSync6 } from "node:fs";
import path22 from "node:path";

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
  const ph = (i2, type, flags, offset, addr, size, align) => {
    const o2 = EHDR + i2 * PHDR;
    out.writeUInt32LE(type, o2);
    out.writeUInt32LE(flags, o2 + 4);
    out.writeBigUInt64LE(BigInt(offset), o2 + 8);
    out.writeBigUInt64LE(addr, o2 + 16);
    out.writeBigUInt64LE(addr, o2 + 24);
    out.writeBigUInt64LE(BigInt(size), o2 + 32);
    out.writeBigUInt64LE(BigInt(size), o2 + 40);
    out.writeBigUInt64LE(BigInt(align), o2 + 48);
  };
  ph(0, 1, 7, dataOff, loadAddr, payload.length, 4096);
  ph(1, 4, 4, dataOff + note.offset, loadAddr + BigInt(note.offset), note.size, 4);
  payload.copy(out, dataOff);
  return out;
}

// src/boot/qemu-console.ts
import { spawn as spawn2 } from "node:child_process";

// src/boot/test-init.ts
import { mkdirSync as mkdirSync6, writeFileSync as writeFileSync5 } from "node:fs";
import path20 from "node:path";
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
async function buildTestInit(out, cc = "gcc", hint = "apt-get install gcc libc6-dev") {
  mkdirSync6(path20.dirname(out), { recursive: true });
  const src = `${out}.c`;
  writeFileSync5(src, INIT_C);
  await runChecked(cc, ["-static", "-O2", "-o", out, src]).catch((e) => {
    throw e instanceof ToolMissingError ? new ToolMissingError(cc, `The boot test builds its init with it: ${hint}`) : e;
  });
  return out;
}

// src/boot/qemu-console.ts
var QEMU_GUEST_ARGS = ["-m", "512", "-smp", "1", "-nodefaults", "-no-user-config", "-nographic", "-no-reboot", "-serial", "stdio"];
var SHOWN_LINES = 25;
function runUntilMarker(o2) {
  return new Promise((resolve, reject) => {
    const qemu = spawn2(o2.qemu, o2.args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let settled = false;
    const finish = (ok, why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      qemu.kill("SIGKILL");
      if (ok) resolve(out);
      else reject(new BootError(`${why}; the guest console ended with:
${out.split("\n").slice(-SHOWN_LINES).join("\n")}`, out));
    };
    const timer = setTimeout(() => finish(false, `the kernel did not reach init within ${o2.timeoutMs / 1e3}s`), o2.timeoutMs);
    const onData = (chunk) => {
      out += chunk.toString("utf8");
      if (out.includes(BOOT_MARKER)) finish(true, "");
      else if (o2.giveUpOn && out.includes(o2.giveUpOn.text)) finish(false, o2.giveUpOn.why);
    };
    qemu.stdout.on("data", onData);
    qemu.stderr.on("data", onData);
    qemu.on("error", (e) => finish(false, `${o2.qemu} could not start: ${e.message}`));
    qemu.on("exit", (code) => finish(false, `QEMU exited (${code}) before init printed ${BOOT_MARKER}`));
  });
}

// src/boot/rootfs.ts
import { mkdirSync as mkdirSync7 } from "node:fs";
import path21 from "node:path";
async function makeRootfs(dir, arch = "x86_64") {
  const root = path21.join(dir, `root-${arch}`);
  mkdirSync7(path21.join(root, "dev"), { recursive: true });
  const tools = targetTools(arch);
  await buildTestInit(path21.join(root, "init"), tools.cc, tools.crossCompile ? missingToolHint(arch) : void 0);
  const image = path21.join(dir, `rootfs-${arch}.ext2`);
  await runChecked("mke2fs", ["-q", "-F", "-t", "ext2", "-d", root, image, "8M"], { env: { E2FSPROGS_FAKE_TIME: "0" } });
  return image;
}
function rootDiskArgs(rootfs) {
  return ["-drive", `id=root,file=${rootfs},format=raw,if=none`, "-device", "virtio-blk-device,drive=root"];
}
var ROOT_CMDLINE = "root=/dev/vda rw init=/init panic=-1";

// src/boot/virt.ts
var MACHINES = {
  aarch64: { machine: ["-M", "virt", "-cpu", "cortex-a57"], console: "ttyAMA0" },
  riscv64: { machine: ["-M", "virt", "-bios", "default"], console: "ttyS0" }
};
function virtArgs(o2) {
  const m = MACHINES[o2.arch];
  return [...m.machine, "-accel", "tcg", ...QEMU_GUEST_ARGS, "-kernel", o2.image, "-append", `console=${m.console} ${ROOT_CMDLINE}`, ...rootDiskArgs(o2.rootfs)];
}
function bootVirt(o2) {
  return runUntilMarker({ qemu: o2.qemu ?? archFacts(o2.arch).bootEmulator, args: virtArgs(o2), timeoutMs: o2.timeoutMs });
}

// src/pipeline/stages/boot.ts
function kvmUsable() {
  try {
    accessSync("/dev/kvm", constants6.R_OK | constants6.W_OK);
    return true;
  } catch {
    return false;
  }
}
var KVM_TRY_MS = 2e4;
function loadsAcpiTables(payload) {
  return payload.includes("ACPI: Core revision") && payload.includes("PCI: Fatal: No config space access function found");
}
function bootKernel(o2) {
  const args = [
    "-M",
    `microvm,x-option-roms=off,rtc=off,acpi=${o2.acpi ? "on" : "off"}`,
    // Instruction counting makes TCG's clocks steady, so the kernel's PIT
    // calibration of the TSC succeeds even on a loaded host; without it the
    // boot hangs now and then.
    ...o2.accel === "kvm" ? ["-accel", "kvm", "-cpu", "host"] : ["-accel", "tcg", "-icount", "shift=auto"],
    ...QEMU_GUEST_ARGS,
    "-kernel",
    o2.elf,
    "-append",
    `console=ttyS0 ${ROOT_CMDLINE}${o2.acpi ? "" : " acpi=off"}`,
    ...rootDiskArgs(o2.rootfs)
  ];
  return runUntilMarker({
    qemu: o2.qemu ?? "qemu-system-x86_64",
    args,
    timeoutMs: o2.timeoutMs,
    // Nested KVM can stop the guest with this and hang: no need to wait out the limit.
    giveUpOn: o2.accel === "kvm" ? { text: "KVM internal error", why: "KVM stopped the guest (KVM internal error)" } : void 0
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
async function bootX86(input, dir, log) {
  const elf = path22.join(dir, "kernel-from-library.elf");
  const payload = readFileSync9(input.payloadFile);
  writeFileSync6(elf, pvhElf(payload, input.loadAddr, input.entryAddr, input.payloadFile));
  const rootfs = await makeRootfs(dir);
  const acpi = loadsAcpiTables(payload);
  const machine = `microvm, acpi=${acpi ? "on" : "off"}`;
  log(`booting with microvm, ${acpi ? "ACPI on (the kernel has ACPI and PCI)" : "acpi=off, virtio-mmio devices on the command line (as libkrun boots it)"}`);
  if (kvmUsable()) {
    try {
      return { elf, consoleText: await bootKernel({ elf, rootfs, timeoutMs: KVM_TRY_MS, acpi, accel: "kvm" }), accel: "kvm", machine };
    } catch (e) {
      if (!(e instanceof BootError)) throw e;
      log(`the boot under KVM did not reach init (${e.message.split(";")[0]}); booting under TCG instead`);
    }
  }
  return { elf, consoleText: await bootKernel({ elf, rootfs, timeoutMs: input.timeoutMs ?? 18e4, acpi, accel: "tcg" }), accel: "tcg", machine };
}
async function bootOnVirt(arch, input, dir, log) {
  const image = path22.join(dir, `Image-from-library-${arch}`);
  writeFileSync6(image, readFileSync9(input.payloadFile));
  const rootfs = await makeRootfs(dir, arch);
  log(`booting the raw Image on QEMU's virt (${archFacts(arch).bootEmulator}, TCG) from a virtio-mmio disk`);
  const consoleText = await bootVirt({ arch, image, rootfs, timeoutMs: input.timeoutMs ?? 18e4 });
  return { elf: image, consoleText, accel: "tcg", machine: "virt" };
}
var bootStage = {
  name: "boot",
  title: "boot the kernel from the library's own bytes under QEMU",
  async run(input, ctx) {
    const dir = path22.join(ctx.workDir, "boot");
    mkdirSync8(dir, { recursive: true });
    const consoleLog = path22.join(dir, "console.log");
    const arch = input.arch ?? "x86_64";
    const log = (line) => ctx.log.info(line);
    const started = performance.now();
    let booted;
    try {
      booted = arch === "x86_64" ? await bootX86(input, dir, log) : await bootOnVirt(arch, input, dir, log);
    } catch (e) {
      if (e instanceof BootError) writeFileSync6(consoleLog, e.console);
      throw e;
    }
    writeFileSync6(consoleLog, booted.consoleText);
    const seconds = (performance.now() - started) / 1e3;
    ctx.log.info(`the guest ran /init and printed ${BOOT_MARKER} after ${seconds.toFixed(1)}s (${booted.machine}, ${booted.accel})`);
    return { elf: booted.elf, seconds, accel: booted.accel, machine: booted.machine };
  },
  summary: (o2) => `reached init in ${o2.seconds.toFixed(1)}s (${o2.machine}, ${o2.accel})`
};

// src/pipeline/stages/compile.ts
import { accessSync as accessSync2, constants as constants7, mkdirSync as mkdirSync10, rmSync as rmSync5, symlinkSync } from "node:fs";
import path25 from "node:path";

// src/pipeline/stages/configure.ts
import { copyFileSync as copyFileSync2, mkdirSync as mkdirSync9, readFileSync as readFileSync11, writeFileSync as writeFileSync7 } from "node:fs";
import path24 from "node:path";

// src/kconfig/expr.ts
var KconfigSyntaxError = class extends Error {
};
var WORD = /[A-Za-z0-9_-]/;
var OPERATORS = ["&&", "||", "!=", "<=", ">=", "=", "<", ">", "!", "(", ")"];
function macroEnd(text, start) {
  let depth = 0;
  for (let i2 = start + 1; i2 < text.length; i2++) {
    if (text[i2] === "(") depth++;
    else if (text[i2] === ")" && --depth === 0) return i2 + 1;
  }
  throw new KconfigSyntaxError(`unterminated macro in '${text.slice(start)}'`);
}
function tokenize(text) {
  const tokens = [];
  let i2 = 0;
  while (i2 < text.length) {
    const c3 = text[i2];
    if (c3 === " " || c3 === "	" || c3 === "\r") {
      i2++;
      continue;
    }
    if (c3 === '"' || c3 === "'") {
      let value = "";
      let j = i2 + 1;
      for (; j < text.length && text[j] !== c3; j++) {
        if (text[j] === "\\" && j + 1 < text.length) j++;
        value += text[j];
      }
      if (j >= text.length) throw new KconfigSyntaxError(`unterminated string in '${text.slice(i2)}'`);
      tokens.push({ type: "string", text: value, start: i2, end: j + 1 });
      i2 = j + 1;
      continue;
    }
    if (WORD.test(c3) || c3 === "$" && text[i2 + 1] === "(") {
      let j = i2;
      let macro = false;
      while (j < text.length) {
        if (WORD.test(text[j])) j++;
        else if (text[j] === "$" && text[j + 1] === "(") {
          j = macroEnd(text, j);
          macro = true;
        } else break;
      }
      tokens.push({ type: macro ? "macro" : "word", text: text.slice(i2, j), start: i2, end: j });
      i2 = j;
      continue;
    }
    const op = OPERATORS.find((o2) => text.startsWith(o2, i2));
    if (!op) throw new KconfigSyntaxError(`unexpected '${c3}' in '${text}'`);
    tokens.push({ type: op, text: op, start: i2, end: i2 + op.length });
    i2 += op.length;
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
var min = (a2, b) => a2 === 0 || b === 0 ? 0 : a2 === void 0 || b === void 0 ? void 0 : Math.min(a2, b);
var max = (a2, b) => a2 === 2 || b === 2 ? 2 : a2 === void 0 || b === void 0 ? void 0 : Math.max(a2, b);
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
  operand(o2) {
    if (o2.kind === "macro") return void 0;
    if (o2.kind === "string") return { text: o2.value };
    if (o2.name === "y" || o2.name === "m" || o2.name === "n") return { text: o2.name, type: "tristate" };
    const s = this.symbol(o2.name);
    return s ? { text: this.value(o2.name), type: s.type } : { text: o2.name };
  }
  compare(op, l, r) {
    const a2 = this.operand(l);
    const b = this.operand(r);
    if (!a2 || !b) return void 0;
    const parse = (v) => {
      const t = v.text;
      if (v.type === "bool" || v.type === "tristate") {
        const n2 = ["n", "m", "y"].indexOf(t);
        return { kind: "number", value: BigInt(n2) };
      }
      const re = v.type === "int" ? /^[+-]?\d+$/ : v.type === "hex" ? /^(0x)?[0-9a-f]+$/i : /^([+-]?\d+|0x[0-9a-f]+|0[0-7]*)$/i;
      if (!re.test(t)) return { kind: "string" };
      if (v.type === "hex" && !/^0x/i.test(t)) return { kind: "number", value: BigInt(`0x${t}`) };
      return { kind: "number", value: /^0[0-7]+$/.test(t) ? BigInt(`0o${t.slice(1)}`) : BigInt(t) };
    };
    let res;
    const both = a2.type === "string" && b.type === "string";
    const pa = both ? { kind: "string" } : parse(a2);
    const pb = both ? { kind: "string" } : parse(b);
    if (pa.kind === "string" || pb.kind === "string") res = a2.text < b.text ? -1 : a2.text > b.text ? 1 : 0;
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
import path23 from "node:path";
var TYPES = /* @__PURE__ */ new Set(["bool", "tristate", "string", "int", "hex"]);
function commentStart(text) {
  let quote = "";
  let depth = 0;
  for (let i2 = 0; i2 < text.length; i2++) {
    const c3 = text[i2];
    if (quote) {
      if (c3 === "\\") i2++;
      else if (c3 === quote) quote = "";
    } else if (c3 === '"' || c3 === "'") quote = c3;
    else if (c3 === "$" && text[i2 + 1] === "(") {
      depth++;
      i2++;
    } else if (c3 === "(" && depth > 0) depth++;
    else if (c3 === ")" && depth > 0) depth--;
    else if (c3 === "#" && depth === 0) return i2;
  }
  return -1;
}
function indentOf(text) {
  let w = 0;
  for (const c3 of text) {
    if (c3 === " ") w++;
    else if (c3 === "	") w = (w & ~7) + 8;
    else break;
  }
  return w;
}
function logicalLines2(text) {
  const raw = text.split("\n");
  const out = [];
  for (let i2 = 0; i2 < raw.length; i2++) {
    const first = i2;
    let line = raw[i2].replace(/\r$/, "");
    while (line.endsWith("\\") && i2 + 1 < raw.length) line = line.slice(0, -1) + raw[++i2].replace(/\r$/, "");
    const cut = commentStart(line);
    const code = (cut >= 0 ? line.slice(0, cut) : line).trimEnd();
    if (/^\s*(help|---help---)\s*$/.test(code)) {
      let level = -1;
      while (i2 + 1 < raw.length) {
        const next = raw[i2 + 1].replace(/\r$/, "");
        if (next.trim() === "") {
          i2++;
          continue;
        }
        const indent = indentOf(next);
        if (level < 0) {
          if (indent === 0) break;
          level = indent;
        } else if (indent < level) break;
        i2++;
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
  current = {
    kind: "other"
  };
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
      text = readFileSync10(path23.join(this.tree, file), "utf8");
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
    for (let i2 = from; i2 < tokens.length; i2++) {
      const t = tokens[i2];
      if (t.type === "(") depth++;
      else if (t.type === ")") depth--;
      else if (depth === 0 && t.type === "word" && t.text === "if") {
        return { end: i2, cond: this.condition(tokens, i2 + 1, tokens.length, text, at) };
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
      const i2 = this.blocks.map((b) => b.kind).lastIndexOf(kind);
      if (i2 >= 0) this.blocks.length = i2;
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
    const word = (i2) => tokens[i2]?.type === "word" ? tokens[i2].text : void 0;
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
        return this.readFile(path23.normalize(path23.isAbsolute(file) ? path23.relative(this.tree, file) : file), at);
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
  const a2 = num(requested);
  const b = num(actual);
  return a2 !== void 0 && a2 === b;
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
        const a2 = triOf(asked);
        const g = triOf(got);
        if (asked === "m" && sym.type === "bool") return [{ kind: "bool", responsible: [], text: `a bool option is y or n, never m` }];
        if (a2 > g) return this.tooLow(sym, a2, depth);
        if (a2 < g) return this.tooHigh(sym, a2, g, depth);
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
      const list = responsible.map((r, i2) => `CONFIG_${by[i2].by} (${where(by[i2].at)}), which is ${r.value} (${originText(r.origin)})`);
      const more = by.length > MAX_LISTED ? ` and ${by.length - MAX_LISTED} more` : "";
      return [{ kind: "selected", at: by[0].at, responsible, text: `selected by ${list.join(", ")}${more}` }];
    }
    if (sym.choice && got === 2) return [this.chosen(sym, depth)];
    const prompted = sym.definitions.filter((d) => d.prompt);
    const vis = this.ev.visibility(sym.name);
    if (vis === void 0 || vis === 0 || prompted.length === 0) {
      const applied = this.appliedDefault(sym);
      const hidden2 = prompted.length > 0 ? this.gateCauses(
        prompted.flatMap((d) => promptGates(d)),
        1,
        depth
      )[0] : void 0;
      const why = hidden2 ? `its prompt is hidden: ${hidden2.text}` : "it has no prompt";
      const dflt = applied ? `, so its default ${applied.valueText} (${where(applied.at)}) applies` : ", so its default applies";
      return [{ kind: "default", at: applied?.at, responsible: hidden2?.responsible ?? [], text: `${why}${dflt}` }];
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
        const [l, h2] = [toNumber(lo, sym.type), toNumber(hi, sym.type)];
        if (l !== void 0 && h2 !== void 0 && (v < l || v > h2)) {
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
      const responsible = culprits.filter((o2) => o2.kind === "symbol" && !["y", "m", "n"].includes(o2.name)).slice(0, MAX_LISTED).map((o2) => this.responsible(o2.name, depth));
      const value = v === void 0 ? "unknown" : TRI_TEXT[v];
      let because;
      if (v === void 0) because = `which only the compiler can evaluate (${culprits.map((c3) => exprText(c3)).join(", ")}): this check cannot tell`;
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
      const c3 = this.gateCauses(b.gates, need, depth)[0];
      if (!c3) continue;
      responsible.push(...c3.responsible);
      listed.push(`CONFIG_${b.by} is ${this.ev.value(b.by)} but ${c3.text}`);
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
    return {
      kind: "no-prompt",
      at: sym.definitions[0].at,
      responsible,
      text: `it has no prompt, so only a select or its default sets it, and ${selects}${dflt}`
    };
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
function originText(o2) {
  switch (o2.kind) {
    case "asked":
      return `set by ${placeText(o2.from)}`;
    case "lost":
      return `asked ${o2.asked} at ${placeText(o2.from)}, lost too: ${o2.why.text}`;
    case "selected":
      return `selected by ${o2.by} (${where(o2.at)})`;
    case "default":
      return o2.at ? `its default, ${where(o2.at)}` : "its default";
    case "not-asked":
      return o2.why && o2.why.causes.length > 0 ? `not asked for, and cannot be on: ${o2.why.text}` : "not asked for";
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
      return [e.left, e.right].filter((o2) => o2.kind === "macro");
    default:
      return [];
  }
}
function dedupeOperands(ops) {
  const seen = /* @__PURE__ */ new Set();
  return ops.filter((o2) => {
    const k = exprText(o2);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
function dedupe(causes) {
  const seen = /* @__PURE__ */ new Set();
  return causes.filter((c3) => {
    const k = c3.at ? `${where(c3.at)} ${c3.kind}` : c3.text;
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
  text.split("\n").forEach((raw, i2) => {
    const line = raw.trim();
    let m = SET.exec(line);
    if (m) return void out.set(m[1], { value: m[2], line: i2 + 1 });
    m = UNSET.exec(line);
    if (m) out.set(m[1], { value: "n", line: i2 + 1 });
  });
  return out;
}
var readConfigFile = (file) => readInputText(file, { input: "kernel-config", kind: "config" });
function requestedOptions(files, onOverride) {
  const requested = /* @__PURE__ */ new Map();
  for (const file of files) {
    for (const [option, { value, line }] of parseConfig2(readConfigFile(file))) {
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
  for (const o2 of lost) {
    const sym = ev.symbol(o2.option.replace(/^CONFIG_/, ""));
    if (sym) o2.dependsOn = sym.definitions.flatMap((d) => d.dependsOn.map((c3) => c3.text));
    const why = whyNot(ev, o2.option, o2.requested, final.get(o2.option)?.value ?? "n", { requested });
    if (why.text) o2.cause = why.text;
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
  const dotConfig = path24.join(tree, ".config");
  const requested = requestedOptions(
    config.files,
    (option, was, now) => ctx.log.notice(`${option} from ${was.file}:${was.line} is overridden by ${now.file}:${now.line}`, now)
  );
  if (config.mode === "full") {
    ctx.log.info(`full config ${config.files[0]} (${requested.size} options), then olddefconfig`);
    copyFileSync2(config.files[0], dotConfig);
  } else {
    const merged = path24.join(ctx.workDir, "config", "fragments.config");
    mkdirSync9(path24.dirname(merged), { recursive: true });
    writeFileSync7(merged, config.files.map((f) => `# --- ${f}
${readConfigFile(f).replace(/\n?$/, "\n")}`).join(""));
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
      const derived = lost.filter((o2) => isDerived(input.config.mode, o2.option, kconfig));
      if (derived.length > 0) {
        ctx.log.info(
          `${derived.length} option(s) of the full config have no prompt in this kernel and stay as kconfig derived them: ${derived.map((o2) => o2.option).join(", ")}`
        );
        lost = lost.filter((o2) => !derived.includes(o2));
      }
      if (lost.length > 0) {
        explainLost(kconfig, lost, requested, final);
        throw new LostConfigOptionsError(lost);
      }
    }
    const enabled = [...final.values()].filter((v) => v.value !== "n").length;
    return { dotConfig, requested, enabled };
  },
  produces: (o2) => [o2.dotConfig],
  summary: (o2) => `${o2.requested.size} requested options all kept; ${o2.enabled} enabled`
};

// src/pipeline/stages/compile.ts
function ccacheEnv(dir, maxSize, tree) {
  return {
    CCACHE_DIR: dir,
    CCACHE_MAXSIZE: maxSize,
    CCACHE_BASEDIR: tree,
    CCACHE_NOHASHDIR: "true",
    CCACHE_COMPILERCHECK: "content",
    CCACHE_DEPEND: "true"
  };
}
function onPath2(name, searchPath = process.env.PATH ?? "") {
  for (const dir of searchPath.split(path25.delimiter).filter(Boolean)) {
    const file = path25.join(dir, name);
    try {
      accessSync2(file, constants7.X_OK);
      return file;
    } catch {
    }
  }
  return void 0;
}
function ccacheCompilerLinks(binDir, compilers) {
  const ccache = onPath2("ccache");
  if (!ccache) throw new ToolMissingError("ccache", "Install it (apt-get install ccache), or turn the compiler cache off.");
  rmSync5(binDir, { recursive: true, force: true });
  mkdirSync10(binDir, { recursive: true });
  for (const name of new Set(compilers)) symlinkSync(ccache, path25.join(binDir, name));
  return binDir;
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
      locations.push({ file: path25.resolve(tree, m[1]), line: Number(m[2]), title: m[4] });
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
    rmSync5(path25.join(tree, ".version"), { force: true });
    const facts = archFacts(input.arch);
    const cross = input.crossCompile ?? "";
    const args = ["-C", tree, ...archArgs(input.arch, cross), `-j${input.jobs}`];
    let env = reproducibleEnv(input.reproducibility);
    if (input.ccache) {
      const links = ccacheCompilerLinks(path25.join(ctx.workDir, "ccache-bin"), [`${cross}gcc`, "gcc"]);
      env = { ...env, ...ccacheEnv(input.ccache.dir, input.ccache.maxSize, tree), PATH: `${links}${path25.delimiter}${process.env.PATH ?? ""}` };
      await run("ccache", ["--zero-stats"], { env });
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
    const vmlinux = path25.join(tree, "vmlinux");
    const stats = input.ccache ? parseCcacheStats((await run("ccache", ["--print-stats"], { env })).stdout) : void 0;
    return { vmlinux, image: path25.join(tree, facts.imagePath), ccache: stats };
  },
  produces: (o2) => [o2.vmlinux, o2.image]
};

// src/pipeline/stages/link.ts
import { copyFileSync as copyFileSync3, mkdirSync as mkdirSync11, rmSync as rmSync6, writeFileSync as writeFileSync8 } from "node:fs";
import path27 from "node:path";

// src/windows/link-dll.ts
import path26 from "node:path";
async function linkDll(input, sourceDir, logFile) {
  if (input.size % DLL_PAYLOAD_ALIGN !== 0) {
    throw new LinkError(`the kernel payload for ${DLL_FILE} is ${input.size} bytes, not padded to 4 KiB`);
  }
  writeDllSources(sourceDir, input);
  const cc = input.cc ?? MINGW_CC;
  const r = await run("make", ["-C", sourceDir, `CC=${cc}`], { logFile, env: { LC_ALL: "C" } });
  if (r.exitCode !== 0) {
    if (r.tail.some((l) => l.includes(`${cc}: not found`) || l.includes(`${cc}: No such file`))) {
      throw new ToolMissingError(cc, "Building the Windows DLL needs the mingw-w64 cross compiler: apt-get install gcc-mingw-w64-x86-64");
    }
    throw new LinkError(`linking ${DLL_FILE} failed (exit ${r.exitCode}):
${r.tail.slice(-20).join("\n")}`);
  }
  return path26.join(sourceDir, DLL_FILE);
}

// src/pipeline/stages/link.ts
function payloadSymbols(input) {
  return [
    { symbol: "krunfw_kernel_payload", file: "kernel.bin", size: input.size },
    ...(input.blobs ?? []).map((b) => ({ symbol: `krunfw_${b.name}_payload`, file: `${b.name}.bin`, size: b.size }))
  ];
}
var hex3 = (v) => `0x${v.toString(16)}`;
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
	*load_addr = ${hex3(input.loadAddr)}UL;
	*entry_addr = ${hex3(input.entryAddr)}UL;
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
# The directory goes to the compiler through the shell's "$$PWD", quoted: a
# directory named with spaces, quotes, $ or ; is one argument, never a command.
CFLAGS = -O2 -fPIC -fvisibility=hidden -ffile-prefix-map="$$PWD"=.
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
  writeFileSync8(path27.join(dir, MACOS_ASM_FILE), macosAsm(symbols));
  const base = libraryBase(input.variant).replace(/^lib/, "");
  writeFileSync8(path27.join(dir, MACOS_SCRIPT_FILE), macosBuildScript({ base, abiVersion: input.abiVersion, version: input.version, blobs: symbols }), {
    mode: 493
  });
  return [MACOS_ASM_FILE, MACOS_SCRIPT_FILE];
}
function writeBundleSources(dir, input) {
  const names = libraryNames(input);
  const symbols = payloadSymbols(input);
  rmSync6(dir, { recursive: true, force: true });
  mkdirSync11(dir, { recursive: true });
  copyFileSync3(input.payloadFile, path27.join(dir, "kernel.bin"));
  for (const b of input.blobs ?? []) copyFileSync3(b.payloadFile, path27.join(dir, `${b.name}.bin`));
  writeFileSync8(path27.join(dir, "krunfw.c"), bundleC(input));
  writeFileSync8(path27.join(dir, "kernel.S"), bundleAsm(symbols));
  writeFileSync8(path27.join(dir, "Makefile"), bundleMakefile(names, symbols));
  if (input.arch === "aarch64") writeMacosSources(dir, input);
  return names;
}
var linkStage = {
  name: "link",
  title: "link the shared library",
  async run(input, ctx) {
    if (input.host === "windows") {
      const sourceDir2 = path27.join(ctx.workDir, "libkrunfw-windows");
      const library = await linkDll({ ...input, cc: MINGW_CC }, sourceDir2, ctx.logFile);
      return { library, fileName: DLL_FILE, soname: DLL_FILE, sourceDir: sourceDir2 };
    }
    const sourceDir = path27.join(ctx.workDir, "libkrunfw");
    const names = writeBundleSources(sourceDir, input);
    const r = await run("make", ["-C", sourceDir, `CC=${input.cc ?? "gcc"}`, `STRIP=${input.strip ?? "strip"}`], {
      logFile: ctx.logFile,
      env: { LC_ALL: "C" }
    });
    if (r.exitCode !== 0) {
      throw new LinkError(`linking ${names.file} failed (exit ${r.exitCode}):
${r.tail.slice(-20).join("\n")}`);
    }
    return { library: path27.join(sourceDir, names.file), fileName: names.file, soname: names.soname, sourceDir };
  },
  produces: (o2) => [o2.library],
  summary: (o2) => `${o2.fileName} (soname ${o2.soname})`
};

// src/pipeline/stages/package.ts
import { chmodSync, copyFileSync as copyFileSync4, existsSync as existsSync9, mkdirSync as mkdirSync12, readdirSync as readdirSync6, renameSync, rmSync as rmSync7, symlinkSync as symlinkSync2, utimesSync, writeFileSync as writeFileSync9 } from "node:fs";
import path28 from "node:path";
import { gzipSync } from "node:zlib";
function prebuiltName(variant) {
  return `${libraryBase(variant)}-prebuilt-aarch64`;
}
var PREBUILT_FILES = (dir) => ["krunfw.c", MACOS_ASM_FILE, MACOS_SCRIPT_FILE, ...readdirSync6(dir).filter((f) => f.endsWith(".bin"))].sort();
function reproducibleTarArgs(root, mtime) {
  return ["--create", "--format=gnu", "--sort=name", "--owner=0", "--group=0", "--numeric-owner", `--mtime=@${mtime}`, "--mode=go-w", "-C", root];
}
async function reproducibleTarball(root, entries2, mtime, level = 9) {
  const tar = await runChecked("tar", [...reproducibleTarArgs(root, mtime), "--file=-", "--", ...entries2], { binaryStdout: true });
  return gzipSync(tar.stdoutBuffer, { level });
}
async function reproducibleTarFile(root, entries2, mtime, dest) {
  await runChecked("tar", [...reproducibleTarArgs(root, mtime), "--force-local", `--file=${dest}`, "--", ...entries2]);
}
async function writeTarball(out, kept, epoch, make, log) {
  const reuse = kept?.sourceDateEpoch === epoch ? kept.files.find((f) => f.name === path28.basename(out)) : void 0;
  if (reuse) {
    copyFileSync4(path28.join(kept.dir, reuse.name), `${out}.partial`);
    log(`${reuse.name}: the output cache entry's, made of the same library bytes (not compressed again)`);
    return reuse.sha256;
  }
  const tgz = await make();
  writeFileSync9(`${out}.partial`, tgz);
  return sha256(tgz);
}
async function installTarball(input, stage) {
  const installDir = input.host === "windows" ? DLL_INSTALL_DIR : "lib64";
  const lib64 = path28.join(stage, installDir);
  rmSync7(stage, { recursive: true, force: true });
  mkdirSync12(lib64, { recursive: true });
  copyFileSync4(input.library, path28.join(lib64, input.fileName));
  chmodSync(path28.join(lib64, input.fileName), 493);
  if (input.host !== "windows") {
    symlinkSync2(input.fileName, path28.join(lib64, input.soname));
    symlinkSync2(input.soname, path28.join(lib64, libraryNames(input).dev));
  }
  chmodSync(lib64, 493);
  utimesSync(path28.join(lib64, input.fileName), input.sourceDateEpoch, input.sourceDateEpoch);
  return reproducibleTarball(stage, [installDir], input.sourceDateEpoch);
}
async function prebuiltTarball(input, root, name) {
  const dir = path28.join(root, name);
  rmSync7(root, { recursive: true, force: true });
  mkdirSync12(dir, { recursive: true });
  for (const f of PREBUILT_FILES(input.sourceDir)) {
    copyFileSync4(path28.join(input.sourceDir, f), path28.join(dir, f));
    utimesSync(path28.join(dir, f), input.sourceDateEpoch, input.sourceDateEpoch);
  }
  chmodSync(path28.join(dir, MACOS_SCRIPT_FILE), 493);
  return reproducibleTarball(root, [name], input.sourceDateEpoch);
}
var packageStage = {
  name: "package",
  title: "package the install tree",
  async run(input, ctx) {
    const epoch = input.sourceDateEpoch;
    const log = (line) => ctx.log.info(line);
    mkdirSync12(input.outDir, { recursive: true });
    const library = path28.join(input.outDir, input.fileName);
    const tarball = path28.join(input.outDir, tarballName(input.variant, input.arch, input.host));
    copyFileSync4(input.library, `${library}.partial`);
    chmodSync(`${library}.partial`, 493);
    const tarballSha256 = await writeTarball(tarball, input.kept, epoch, () => installTarball(input, path28.join(ctx.workDir, "package")), log);
    let prebuilt;
    if (input.sourceDir && existsSync9(path28.join(input.sourceDir, MACOS_ASM_FILE))) {
      const name = prebuiltName(input.variant);
      const out = path28.join(input.outDir, `${name}.tgz`);
      const sha = await writeTarball(out, input.kept, epoch, () => prebuiltTarball(input, path28.join(ctx.workDir, "prebuilt"), name), log);
      renameSync(`${out}.partial`, out);
      prebuilt = { tarball: out, sha256: sha };
    }
    renameSync(`${library}.partial`, library);
    renameSync(`${tarball}.partial`, tarball);
    return { library, librarySha256: await sha256File(library), tarball, tarballSha256, prebuilt };
  },
  produces: (o2) => [o2.library, o2.tarball, ...o2.prebuilt ? [o2.prebuilt.tarball] : []],
  summary: (o2) => `${path28.basename(o2.tarball)} (sha256 ${o2.tarballSha256.slice(0, 16)}\u2026)`
};

// src/pipeline/stages/patch.ts
import { readFileSync as readFileSync12 } from "node:fs";
import path29 from "node:path";
function hunkHeaders(patchText) {
  const out = [];
  const lines = patchText.split("\n");
  let oldName;
  let file;
  let count2 = 0;
  const strip = (name) => name.replace(/\t.*$/, "").split("/").slice(1).join("/");
  for (let i2 = 0; i2 < lines.length; i2++) {
    const l = lines[i2];
    if (l.startsWith("--- ") && lines[i2 + 1]?.startsWith("+++ ")) {
      oldName = l.slice(4);
    } else if (l.startsWith("+++ ") && oldName !== void 0) {
      const newName = l.slice(4);
      file = newName.startsWith("/dev/null") ? strip(oldName) : strip(newName);
      count2 = 0;
      oldName = void 0;
    } else if (l.startsWith("@@ ") && file !== void 0) {
      out.push({ file, hunk: ++count2, line: i2 + 1 });
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
      const header = headers.find((h2) => h2.file === current && h2.hunk === hunk);
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
      const common2 = ["-p1", "--batch", "--forward", "--fuzz=0", "--no-backup-if-mismatch", "-r", "-", "-d", input.tree, "-i", file];
      const dry = await run("patch", ["--dry-run", ...common2], { env: { LC_ALL: "C" } });
      if (dry.exitCode !== 0) {
        const output = dry.tail.join("\n");
        throw new PatchError(file, parsePatchOutput(output, hunkHeaders(text.toString("utf8"))), output);
      }
      await runChecked("patch", ["--silent", ...common2], { env: { LC_ALL: "C" }, logFile: ctx.logFile });
      ctx.log.info(`applied ${path29.basename(file)}`);
      applied.push({ name: path29.basename(file), path: file, sha256: sha256(text) });
    }
    return { series: applied };
  },
  summary: (o2) => o2.series.length === 0 ? "no patches" : `applied ${o2.series.length} patch(es)`
};

// src/pipeline/stages/publish.ts
import { writeFileSync as writeFileSync10 } from "node:fs";
import path30 from "node:path";
async function writeSha256Sums(file, files) {
  const lines = await Promise.all(files.map(async (f) => `${await sha256File(f)}  ${path30.basename(f)}
`));
  writeFileSync10(file, lines.join(""));
}
var publishStage = {
  name: "publish",
  title: "upload the source release, then the library",
  async run(input, ctx) {
    const publisher = ctx.platform.publisher;
    if (!publisher) throw new PublishError("this platform cannot upload artifacts");
    const sha256sums = path30.join(input.outDir, "SHA256SUMS");
    const extra = input.extra ?? [];
    await writeSha256Sums(sha256sums, [input.sourceRelease, input.tarball, ...extra, input.library]);
    const opts = { retentionDays: input.retentionDays };
    let source2;
    try {
      source2 = await publisher.upload(`${input.name}-source`, [input.sourceRelease], input.outDir, opts);
    } catch (e) {
      throw new PublishError(`uploading the source release ${input.name}-source failed, so the library was not uploaded either: ${e.message}`);
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
  produces: (o2) => [o2.sha256sums],
  summary: (o2) => `${o2.source.name} then ${o2.binary.name}`
};

// src/pipeline/stages/recipe.ts
import path31 from "node:path";
var recipeStage = {
  name: "recipe",
  title: "check out the libkrunfw tree",
  async run(input, ctx) {
    ctx.log.info(`checking out libkrunfw ${input.ref} from ${input.repository}`);
    const { dir, commit } = await checkoutLibkrunfw({ ...input, dest: path31.join(ctx.workDir, "recipe") });
    ctx.log.info(`libkrunfw ${input.ref} is commit ${commit}`);
    return { dir, commit, ...input };
  },
  produces: (o2) => [path31.join(o2.dir, "Makefile")],
  summary: (o2) => `${o2.ref} at ${o2.commit.slice(0, 12)}`
};

// src/pipeline/stages/release.ts
import { chmodSync as chmodSync2, copyFileSync as copyFileSync5, existsSync as existsSync11, linkSync, mkdirSync as mkdirSync13, renameSync as renameSync2, rmSync as rmSync8, writeFileSync as writeFileSync11 } from "node:fs";
import path33 from "node:path";

// src/release/manifest.ts
import { existsSync as existsSync10, readdirSync as readdirSync7, readFileSync as readFileSync13, statSync as statSync7 } from "node:fs";
import path32 from "node:path";
var MANIFEST = "manifest.json";
var SBOM = "sbom.spdx.json";
function walk(dir, base = dir) {
  return readdirSync7(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path32.join(dir, e.name);
    return e.isDirectory() ? walk(p, base) : [path32.relative(base, p)];
  });
}
async function listFiles(dir, known = {}) {
  const files = walk(dir).filter((f) => f !== MANIFEST).sort();
  return Promise.all(files.map(async (f) => ({ path: f, sha256: known[f] ?? await sha256File(path32.join(dir, f)), size: statSync7(path32.join(dir, f)).size })));
}
async function checkRelease(dir, manifest) {
  const problems = [];
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const p = path32.join(dir, f.path);
    if (!existsSync10(p)) problems.push(`${f.path}: missing (the manifest lists it)`);
    else if (await sha256File(p) !== f.sha256) problems.push(`${f.path}: changed (its sha256 is not the manifest's ${f.sha256})`);
  }
  for (const f of walk(dir)) {
    if (f !== MANIFEST && !listed.has(f)) problems.push(`${f}: not in the manifest`);
  }
  return problems;
}
function readManifest(dir) {
  return JSON.parse(readFileSync13(path32.join(dir, MANIFEST), "utf8"));
}
function manifestKernel(manifest) {
  const m = typeof manifest === "object" && manifest !== null ? manifest : {};
  const kernel = typeof m.kernel === "object" && m.kernel !== null ? m.kernel : {};
  const file = /^linux\/([A-Za-z0-9][A-Za-z0-9._+-]*)$/.exec(String(kernel.tarball ?? ""))?.[1];
  const sha2562 = String(kernel.sha256 ?? "");
  if (!file || !/^[0-9a-f]{64}$/.test(sha2562)) return "names no kernel tarball (linux/<file>) with its sha256";
  const path47 = `linux/${file}`;
  const listed = (Array.isArray(m.files) ? m.files : []).filter((f) => typeof f === "object" && f !== null && f.path === path47);
  if (listed.length !== 1 || listed[0].sha256 !== sha2562) {
    return `lists ${path47} with another sha256 than its kernel.sha256`;
  }
  return { path: path47, file, sha256: sha2562 };
}

// src/release/sbom.ts
import { createHash as createHash2 } from "node:crypto";
var ref = (s) => `SPDXRef-${s.replace(/[^A-Za-z0-9.-]/g, "-")}`;
function spdxDocument(m, created) {
  const sha = (path47) => m.files.find((f) => f.path === path47)?.sha256 ?? "";
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

// src/util/shell-quote.ts
function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

// src/release/templates.ts
var PAYLOAD_PY = `#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-only
# Writes libkrunfw's kernel payload.
#   payload.py vmlinux VMLINUX OUT [ALIGN]  (x86_64) the PT_LOAD segments' file bytes
#     of an ELF64 little-endian vmlinux placed at p_paddr minus the first one's
#     p_paddr, zeros between them, no bss, padded to ALIGN bytes.
#   payload.py image IMAGE OUT [ALIGN]  (aarch64, riscv64) the raw Image padded to ALIGN.
# ALIGN is 65536 (64 KiB) for the Linux library, 4096 for the Windows DLL (WHP maps
# 4 KiB pages). Prints load and entry address.
import struct, sys

def padded(size, align):
    return (size + align - 1) // align * align

def image(path, out, align):
    data = open(path, "rb").read()
    payload = bytearray(padded(len(data), align))
    payload[:len(data)] = data
    open(out, "wb").write(payload)
    print(f"load_addr=0x80000000 entry_addr=0x80000000 size={len(payload)}")

def vmlinux(vmlinux, out, align):
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
    payload = bytearray(padded(end, align))
    for paddr, offset, filesz in loads:
        payload[paddr - base:paddr - base + filesz] = data[offset:offset + filesz]
    open(out, "wb").write(payload)
    print(f"load_addr=0x{base:x} entry_addr=0x{entry:x} size={len(payload)}")

if __name__ == "__main__":
    align = int(sys.argv[4]) if len(sys.argv) > 4 else 0x10000
    {"vmlinux": vmlinux, "image": image}[sys.argv[1]](sys.argv[2], sys.argv[3], align)
`;
function libraryLines(m) {
  const payloadMode = m.image === "vmlinux" ? "vmlinux" : "image";
  const payload = (align) => `python3 libkrunfw/payload.py ${payloadMode} linux-*/${m.imagePath} libkrunfw/kernel.bin ${align}`;
  if (m.host === "windows") {
    return `# ${DLL_FILE}: a 4 KiB payload (WHP maps 4 KiB pages), linked by the mingw-w64 cross
# compiler (Debian: gcc-mingw-w64-x86-64; set MINGW_CC to choose another).
${payload(DLL_PAYLOAD_ALIGN)}
make -C libkrunfw CC="\${MINGW_CC-${MINGW_CC}}"`;
  }
  return `${payload(PAYLOAD_ALIGN)}
make -C libkrunfw CC="\${CROSS_COMPILE}gcc" STRIP="\${CROSS_COMPILE}strip"`;
}
function buildScript(m) {
  const q = shellQuote;
  return `#!/bin/sh
# Rebuilds the library from this source release with standard tools:
# tar, patch, make, a C compiler and python3. Run it in an empty directory:
#   sh path/to/build.sh
# (libkrunfw-action verify-source does the same and compares the sha256.)
# On a machine that is not ${m.arch}, the cross compiler ${m.crossCompile}gcc is used
# (set CROSS_COMPILE to choose another).
set -eu
here=$(cd -- "$(dirname -- "$0")" && pwd)
# The kernel's Makefile refuses whitespace and colons in its directory's path, and
# hands the directory to the shell unquoted, so quotes, $, ;, &, |, <, >, (, ),
# backticks and backslashes break it too.
case $PWD in
  *[[:space:]:\\'\\"\\$\\;\\&\\|\\<\\>\\(\\)\\\`\\\\]*)
    printf '%s\\n' "build.sh: the Linux build cannot run in $PWD: the kernel's Makefile cannot take whitespace, colons, quotes, \\$, ;, &, |, <, >, parentheses, backticks or backslashes in its path; run build.sh from another directory" >&2
    exit 1 ;;
esac
if [ "$(uname -m)" = ${m.arch} ]; then CROSS_COMPILE=\${CROSS_COMPILE-}; else CROSS_COMPILE=\${CROSS_COMPILE-${m.crossCompile}}; fi
tar -xf "$here"/${q(m.kernelTarball)}
cd linux-*/
while read -r p; do
  case "$p" in ''|'#'*) continue ;; esac
  patch -p1 --fuzz=0 < "$here/patches/$p"
done < "$here/patches/series"
cp "$here/config/final.config" .config
make ARCH=${m.kernelArch} CROSS_COMPILE="$CROSS_COMPILE" olddefconfig
rm -f .version
SOURCE_DATE_EPOCH=${m.epoch} KBUILD_BUILD_TIMESTAMP=${q(new Date(m.epoch * 1e3).toUTCString())} \\
KBUILD_BUILD_USER=${q(m.user)} KBUILD_BUILD_HOST=${q(m.buildHost)} KBUILD_BUILD_VERSION=1 LC_ALL=C TZ=UTC \\
  make ARCH=${m.kernelArch} CROSS_COMPILE="$CROSS_COMPILE" -j"$(nproc)" ${[.../* @__PURE__ */ new Set(["vmlinux", m.image])].join(" ")}
cd ..
cp -r "$here/libkrunfw" libkrunfw
${libraryLines(m)}
# Config given as ${m.configMode}; config/final.config is what kconfig made of it.
`;
}

// src/pipeline/stages/release.ts
function releasePatchNames(patches) {
  const used = /* @__PURE__ */ new Set();
  return patches.map((p, i2) => {
    const base = path33.basename(p);
    const name = [base, `${path33.basename(path33.dirname(p))}-${base}`, `${String(i2 + 1).padStart(3, "0")}-${base}`].find((n2) => !used.has(n2));
    used.add(name);
    return name;
  });
}
function sourceReleaseName(i2) {
  return `libkrunfw-${i2.version}-${i2.variant}${hostInfix(i2.host)}-${i2.arch}-source`;
}
var SOURCE_RELEASE_SUFFIX = ".tar";
function sourceReleaseFileName(i2) {
  return `${sourceReleaseName(i2)}${SOURCE_RELEASE_SUFFIX}`;
}
function sourceReleaseTop(fileName) {
  return fileName.replace(/\.tar(\.gz)?$/, "");
}
function linkOrCopy(src, dest) {
  try {
    linkSync(src, dest);
  } catch {
    copyFileSync5(src, dest);
  }
}
function copySources(dir, input) {
  for (const d of ["linux", "patches", "config/given", "libkrunfw", "LICENSES"]) mkdirSync13(path33.join(dir, d), { recursive: true });
  const tarball = `linux/${path33.basename(input.kernel.tarball)}`;
  linkOrCopy(input.kernel.tarball, path33.join(dir, tarball));
  const names = releasePatchNames(input.patches);
  const patches = names.map((n2) => `patches/${n2}`);
  input.patches.forEach((p, i2) => copyFileSync5(p, path33.join(dir, patches[i2])));
  writeFileSync11(path33.join(dir, "patches", "series"), names.map((n2) => `${n2}
`).join(""));
  const given = input.config.files.map((f, i2) => `config/given/${String(i2 + 1).padStart(2, "0")}-${path33.basename(f)}`);
  input.config.files.forEach((f, i2) => copyFileSync5(f, path33.join(dir, given[i2])));
  copyFileSync5(input.finalConfig, path33.join(dir, "config", "final.config"));
  const blobFiles = input.blobs.map((b) => `${b.name}.bin`);
  const macos = [MACOS_ASM_FILE, MACOS_SCRIPT_FILE].filter((f) => existsSync11(path33.join(input.librarySources, f)));
  for (const f of ["krunfw.c", "kernel.S", "Makefile", ...blobFiles, ...macos])
    copyFileSync5(path33.join(input.librarySources, f), path33.join(dir, "libkrunfw", f));
  writeFileSync11(path33.join(dir, "libkrunfw", "payload.py"), PAYLOAD_PY);
  for (const text of [input.licenses.gpl, input.licenses.lgpl]) {
    if (!existsSync11(text)) throw new ArchiveError(`${text} is missing: the kernel tree has no licence text to ship in its source release`);
  }
  copyFileSync5(input.licenses.gpl, path33.join(dir, "LICENSES", "GPL-2.0-only.txt"));
  copyFileSync5(input.licenses.lgpl, path33.join(dir, "LICENSES", "LGPL-2.1-only.txt"));
  if (input.measurements) copyFileSync5(input.measurements, path33.join(dir, path33.basename(input.measurements)));
  return { tarball, patches, given };
}
function writeInstructions(dir, name, tarball, input) {
  const r = input.reproducibility;
  const facts = archFacts(input.arch);
  writeFileSync11(
    path33.join(dir, "build.sh"),
    buildScript({
      kernelTarball: tarball,
      arch: input.arch,
      kernelArch: facts.kernelArch,
      image: facts.image,
      imagePath: facts.imagePath,
      crossCompile: `${facts.triplet}-`,
      host: input.host ?? "linux",
      epoch: r.sourceDateEpoch,
      user: r.user,
      buildHost: r.host,
      configMode: input.config.mode
    })
  );
  chmodSync2(path33.join(dir, "build.sh"), 493);
  writeFileSync11(
    path33.join(dir, "README"),
    `Source release of ${input.library.file} (libkrunfw ${input.version}, ${input.variant}, ${input.arch}),
sha256 ${input.library.sha256}.

The Linux kernel ${input.kernel.version} (GPL-2.0-only) with the patches in patches/ is bundled
in the library as data; the library's own code in libkrunfw/ is LGPL-2.1-only.
manifest.json lists every file with its sha256. To rebuild and compare:
  libkrunfw-action verify-source ${name}${SOURCE_RELEASE_SUFFIX}
or, with standard tools only: sh build.sh
`
  );
}
async function writeManifest(dir, base) {
  const before = await listFiles(dir, { [base.kernel.tarball]: base.kernel.sha256 });
  writeFileSync11(
    path33.join(dir, SBOM),
    `${JSON.stringify(spdxDocument({ ...base, files: before }, new Date(base.reproducibility.sourceDateEpoch * 1e3)), null, 2)}
`
  );
  const known = Object.fromEntries(before.map((f) => [f.path, f.sha256]));
  const manifest = { ...base, files: await listFiles(dir, known) };
  writeFileSync11(path33.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}
`);
  return manifest;
}
var releaseStage = {
  name: "release",
  title: "write the GPL source release",
  async run(input, ctx) {
    const name = sourceReleaseName(input);
    const stage = path33.join(ctx.workDir, "release");
    const dir = path33.join(stage, name);
    rmSync8(stage, { recursive: true, force: true });
    const { tarball, patches, given } = copySources(dir, input);
    writeInstructions(dir, name, tarball, input);
    const manifest = await writeManifest(dir, {
      format: 1,
      name,
      arch: input.arch,
      variant: input.variant,
      host: input.host ?? "linux",
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
    mkdirSync13(input.outDir, { recursive: true });
    const out = path33.join(input.outDir, sourceReleaseFileName(input));
    await reproducibleTarFile(stage, [name], input.reproducibility.sourceDateEpoch, `${out}.partial`);
    const releaseSha256 = await sha256File(`${out}.partial`);
    renameSync2(`${out}.partial`, out);
    return { tarball: out, sha256: releaseSha256, manifest };
  },
  produces: (o2) => [o2.tarball],
  summary: (o2) => `${path33.basename(o2.tarball)} (${o2.manifest.files.length} files, sha256 ${o2.sha256.slice(0, 16)}\u2026)`
};

// src/pipeline/stages/source.ts
import { existsSync as existsSync12, mkdirSync as mkdirSync14, rmSync as rmSync9 } from "node:fs";
import path34 from "node:path";
var sourceStage = {
  name: "source",
  title: "get and verify the kernel tarball",
  async run(input, ctx) {
    const { log, platform: platform2 } = ctx;
    let tarball;
    if (input.source.kind === "url") {
      tarball = input.downloadTo ?? path34.join(ctx.workDir, "download", path34.basename(new URL(input.source.url).pathname) || "linux.tar");
      mkdirSync14(path34.dirname(tarball), { recursive: true });
      if (existsSync12(tarball)) {
        log.info(`using ${tarball} (from the cache), not downloading ${input.source.url}`);
      } else {
        log.info(`downloading ${input.source.url}`);
        try {
          await platform2.downloader.download(input.source.url, tarball);
        } catch (e) {
          rmSync9(tarball, { force: true });
          if (e instanceof LibkrunfwError) throw e;
          throw new DownloadError(`could not download ${input.source.url}: ${e.message}`);
        }
      }
    } else {
      tarball = input.source.path;
    }
    const actual = await sha256File(tarball);
    if (input.sha256 && actual !== input.sha256) {
      if (input.source.kind === "url") rmSync9(tarball, { force: true });
      throw new ChecksumError(input.source.kind === "url" ? input.source.url : tarball, input.sha256, actual);
    }
    if (input.sha256) {
      log.info(`sha256 ${actual} matches the pinned value`);
    } else {
      log.warning(`${tarball} is not pinned: its sha256 is ${actual}. Set kernel-sha256 to that value to make sure later runs build the same source.`, {
        file: tarball,
        title: "kernel source not pinned"
      });
    }
    return { tarball, sha256: actual, pinned: Boolean(input.sha256) };
  },
  produces: (o2) => [o2.tarball],
  summary: (o2) => `sha256 ${o2.sha256.slice(0, 16)}\u2026 ${o2.pinned ? "(pinned)" : "(not pinned)"}`
};

// src/pipeline/stages/verify.ts
import { mkdirSync as mkdirSync16, readFileSync as readFileSync16, writeFileSync as writeFileSync13 } from "node:fs";
import path37 from "node:path";

// src/windows/verify-dll.ts
import { readFileSync as readFileSync15 } from "node:fs";
import path36 from "node:path";

// src/windows/pe.ts
import { readFile as readFile2 } from "node:fs/promises";
var IMAGE_FILE_MACHINE_AMD64 = 34404;
var IMAGE_FILE_MACHINE_I386 = 332;
var IMAGE_FILE_MACHINE_ARM64 = 43620;
var IMAGE_FILE_DLL = 8192;
var PE32_PLUS_MAGIC = 523;
var IMAGE_DLLCHARACTERISTICS_NX_COMPAT = 256;
var IMAGE_SCN_MEM_EXECUTE = 536870912;
var IMAGE_SCN_MEM_READ = 1073741824;
var IMAGE_SCN_MEM_WRITE = 2147483648;
var IMAGE_SCN_ALIGN_MASK = 15728640;
var IMAGE_DIRECTORY_ENTRY_EXPORT = 0;
var MACHINES2 = {
  [IMAGE_FILE_MACHINE_AMD64]: "x86-64",
  [IMAGE_FILE_MACHINE_I386]: "i386",
  [IMAGE_FILE_MACHINE_ARM64]: "ARM64"
};
function machineName2(machine) {
  return MACHINES2[machine] ?? `0x${machine.toString(16)}`;
}
var Reader2 = class {
  constructor(data, file) {
    this.data = data;
    this.file = file;
  }
  check(offset, size, what) {
    if (!Number.isInteger(offset) || offset < 0 || offset + size > this.data.length) {
      throw new PeError(this.file, `${what} at offset 0x${offset.toString(16)} (${size} bytes) lies outside the file (${this.data.length} bytes)`);
    }
  }
  u16(offset, what) {
    this.check(offset, 2, what);
    return this.data.readUInt16LE(offset);
  }
  u32(offset, what) {
    this.check(offset, 4, what);
    return this.data.readUInt32LE(offset);
  }
  u64(offset, what) {
    this.check(offset, 8, what);
    return this.data.readBigUInt64LE(offset);
  }
  /** A NUL-terminated ASCII string, at most `max` bytes. */
  cstring(offset, what, max2 = 4096) {
    this.check(offset, 1, what);
    const end = this.data.indexOf(0, offset);
    if (end < 0 || end - offset > max2) throw new PeError(this.file, `${what} at offset 0x${offset.toString(16)} is not terminated`);
    return this.data.toString("latin1", offset, end);
  }
};
function sectionName2(r, at, stringTable) {
  const raw = r.data.subarray(at, at + 8);
  const nul = raw.indexOf(0);
  const short = raw.toString("latin1", 0, nul < 0 ? 8 : nul);
  const long = /^\/(\d+)$/.exec(short);
  if (long && stringTable !== void 0) return r.cstring(stringTable + Number(long[1]), `the long name of section ${short}`);
  return short;
}
function rvaToOffset(pe, rva, what) {
  const s = sectionOfRva(pe, rva);
  if (!s || rva - s.virtualAddress >= s.sizeOfRawData) {
    throw new PeError(pe.file, `${what} (RVA 0x${rva.toString(16)}) is in no section's file data`);
  }
  return s.pointerToRawData + (rva - s.virtualAddress);
}
function sectionOfRva(pe, rva) {
  return pe.sections.find((s) => rva >= s.virtualAddress && rva < s.virtualAddress + Math.max(s.virtualSize, s.sizeOfRawData));
}
function readExports(r, pe) {
  const dir = pe.dataDirectories[IMAGE_DIRECTORY_ENTRY_EXPORT];
  if (!dir || dir.rva === 0 || dir.size === 0) return void 0;
  const at = rvaToOffset(pe, dir.rva, "the export directory");
  const field = (o2, name) => r.u32(at + o2, `export directory ${name}`);
  const timeDateStamp = field(4, "TimeDateStamp");
  const dllName = r.cstring(rvaToOffset(pe, field(12, "Name"), "the export DLL name"), "the export DLL name");
  const ordinalBase = field(16, "Base");
  const nFunctions = field(20, "NumberOfFunctions");
  const nNames = field(24, "NumberOfNames");
  if (nFunctions > 65536 || nNames > nFunctions) {
    throw new PeError(pe.file, `the export directory claims ${nFunctions} functions and ${nNames} names`);
  }
  const functions = nFunctions ? rvaToOffset(pe, field(28, "AddressOfFunctions"), "the export address table") : 0;
  const names = nNames ? rvaToOffset(pe, field(32, "AddressOfNames"), "the export name table") : 0;
  const ordinals = nNames ? rvaToOffset(pe, field(36, "AddressOfNameOrdinals"), "the export ordinal table") : 0;
  const nameOf = /* @__PURE__ */ new Map();
  for (let i2 = 0; i2 < nNames; i2++) {
    const index = r.u16(ordinals + 2 * i2, `export name ordinal ${i2}`);
    if (index >= nFunctions) throw new PeError(pe.file, `export name ${i2} points at function ${index}, past the ${nFunctions} exported`);
    nameOf.set(index, r.cstring(rvaToOffset(pe, r.u32(names + 4 * i2, `export name pointer ${i2}`), `export name ${i2}`), `export name ${i2}`));
  }
  const entries2 = [];
  for (let i2 = 0; i2 < nFunctions; i2++) {
    const rva = r.u32(functions + 4 * i2, `export address ${i2}`);
    if (rva === 0) continue;
    const e = { ordinal: ordinalBase + i2, rva };
    const name = nameOf.get(i2);
    if (name !== void 0) e.name = name;
    if (rva >= dir.rva && rva < dir.rva + dir.size) e.forwarder = r.cstring(rvaToOffset(pe, rva, "a forwarder"), "a forwarder");
    entries2.push(e);
  }
  return { dllName, timeDateStamp, ordinalBase, entries: entries2 };
}
function parsePe(data, file) {
  const r = new Reader2(data, file);
  if (data.length < 64 || data.toString("latin1", 0, 2) !== "MZ") throw new PeError(file, "is not a PE file: no 'MZ' DOS header");
  const peAt = r.u32(60, "e_lfanew");
  r.check(peAt, 24, "the PE signature and COFF header");
  if (data.toString("latin1", peAt, peAt + 4) !== "PE\0\0") throw new PeError(file, `has no 'PE\\0\\0' signature at 0x${peAt.toString(16)}`);
  const coff = peAt + 4;
  const machine = r.u16(coff, "Machine");
  const nSections = r.u16(coff + 2, "NumberOfSections");
  const timeDateStamp = r.u32(coff + 4, "TimeDateStamp");
  const symbolTable = r.u32(coff + 8, "PointerToSymbolTable");
  const nSymbols = r.u32(coff + 12, "NumberOfSymbols");
  const optSize = r.u16(coff + 16, "SizeOfOptionalHeader");
  const characteristics = r.u16(coff + 18, "Characteristics");
  const opt = coff + 20;
  const magic = r.u16(opt, "the optional header Magic");
  if (magic !== PE32_PLUS_MAGIC) throw new PeError(file, `is not PE32+ (64-bit): optional header magic 0x${magic.toString(16)}`);
  if (optSize < 112) throw new PeError(file, `has an optional header of ${optSize} bytes, too small for PE32+`);
  r.check(opt, optSize, "the optional header");
  const nDirs = Math.min(r.u32(opt + 108, "NumberOfRvaAndSizes"), (optSize - 112) / 8);
  const dataDirectories = Array.from({ length: nDirs }, (_, i2) => ({
    rva: r.u32(opt + 112 + 8 * i2, `data directory ${i2}`),
    size: r.u32(opt + 116 + 8 * i2, `data directory ${i2}`)
  }));
  const stringTable = symbolTable ? symbolTable + nSymbols * 18 : void 0;
  const table = opt + optSize;
  r.check(table, nSections * 40, "the section table");
  const sections = [];
  for (let i2 = 0; i2 < nSections; i2++) {
    const s = table + 40 * i2;
    const ch = r.u32(s + 36, `section ${i2} Characteristics`);
    const alignBits = (ch & IMAGE_SCN_ALIGN_MASK) >>> 20;
    const section = {
      index: i2,
      name: sectionName2(r, s, stringTable),
      virtualSize: r.u32(s + 8, `section ${i2} VirtualSize`),
      virtualAddress: r.u32(s + 12, `section ${i2} VirtualAddress`),
      sizeOfRawData: r.u32(s + 16, `section ${i2} SizeOfRawData`),
      pointerToRawData: r.u32(s + 20, `section ${i2} PointerToRawData`),
      characteristics: ch,
      readable: (ch & IMAGE_SCN_MEM_READ) !== 0,
      writable: (ch & IMAGE_SCN_MEM_WRITE) !== 0,
      executable: (ch & IMAGE_SCN_MEM_EXECUTE) !== 0,
      align: alignBits ? 2 ** (alignBits - 1) : 0
    };
    if (section.sizeOfRawData) r.check(section.pointerToRawData, section.sizeOfRawData, `the data of section ${section.name}`);
    sections.push(section);
  }
  const dllCharacteristics = r.u16(opt + 70, "DllCharacteristics");
  const pe = {
    file,
    machine,
    machineName: machineName2(machine),
    characteristics,
    isDll: (characteristics & IMAGE_FILE_DLL) !== 0,
    timeDateStamp,
    addressOfEntryPoint: r.u32(opt + 16, "AddressOfEntryPoint"),
    imageBase: r.u64(opt + 24, "ImageBase"),
    sectionAlignment: r.u32(opt + 32, "SectionAlignment"),
    fileAlignment: r.u32(opt + 36, "FileAlignment"),
    sizeOfImage: r.u32(opt + 56, "SizeOfImage"),
    checkSum: r.u32(opt + 64, "CheckSum"),
    subsystem: r.u16(opt + 68, "Subsystem"),
    dllCharacteristics,
    nxCompat: (dllCharacteristics & IMAGE_DLLCHARACTERISTICS_NX_COMPAT) !== 0,
    dataDirectories,
    sections,
    data
  };
  return { ...pe, exports: readExports(r, pe) };
}
async function readPe(file) {
  let data;
  try {
    data = await readFile2(file);
  } catch (e) {
    throw new PeError(file, `cannot be read: ${e.message}`);
  }
  return parsePe(data, file);
}

// src/windows/probe.ts
import { existsSync as existsSync13, mkdirSync as mkdirSync15, readFileSync as readFileSync14, rmSync as rmSync10, writeFileSync as writeFileSync12 } from "node:fs";
import path35 from "node:path";
var PROBE_STARTED = "krunfw-probe: started";
var DLL_PROBE_C = `/* Loads libkrunfw.dll as libkrun does on Windows and reports what it hands out. */
#define __USE_MINGW_ANSI_STDIO 1
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

typedef char *(*get_kernel_fn)(size_t *, size_t *, size_t *);
typedef int (*get_version_fn)(void);

/* Walks [start, start + size) region by region: writable and executable only
 * if every region is, image only if every region is mapped from the DLL file. */
static void protections(const char *start, size_t size, DWORD *first, int *writable, int *executable, int *image)
{
	const char *at = start, *end = start + size;
	*first = 0;
	*writable = 1;
	*executable = 0;
	*image = 1;
	while (at < end) {
		MEMORY_BASIC_INFORMATION mbi;
		if (VirtualQuery(at, &mbi, sizeof(mbi)) != sizeof(mbi) || mbi.State != MEM_COMMIT) {
			*writable = 0;
			*image = 0;
			return;
		}
		DWORD p = mbi.Protect & 0xff;
		if (at == start)
			*first = mbi.Protect;
		if (!(p & (PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)))
			*writable = 0;
		if (p & (PAGE_EXECUTE | PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY))
			*executable = 1;
		if (mbi.Type != MEM_IMAGE)
			*image = 0;
		at = (const char *)mbi.BaseAddress + mbi.RegionSize;
	}
}

int wmain(int argc, wchar_t **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: krunfw-probe.exe LIBRARY PAYLOAD_OUT\\n");
		return 2;
	}
	/* Said first, so that a failure before this line is wine's, not the DLL's. */
	fprintf(stderr, "${PROBE_STARTED}\\n");
	fflush(stderr);
	HMODULE lib = LoadLibraryW(argv[1]);
	if (!lib) {
		fprintf(stderr, "LoadLibrary failed (error %lu)\\n", GetLastError());
		return 3;
	}
	get_version_fn get_version = (get_version_fn)(void *)GetProcAddress(lib, "krunfw_get_version");
	get_kernel_fn get_kernel = (get_kernel_fn)(void *)GetProcAddress(lib, "krunfw_get_kernel");
	if (!get_version || !get_kernel) {
		fprintf(stderr, "GetProcAddress: krunfw_get_version=%p krunfw_get_kernel=%p\\n", (void *)get_version, (void *)get_kernel);
		return 4;
	}
	size_t load_addr = 0, entry_addr = 0, size = 0;
	int version = get_version();
	char *kernel = get_kernel(&load_addr, &entry_addr, &size);
	DWORD first;
	int writable, executable, image;
	protections(kernel, size, &first, &writable, &executable, &image);
	FILE *out = _wfopen(argv[2], L"wb");
	if (!out || fwrite(kernel, 1, size, out) != size || fclose(out) != 0) {
		fprintf(stderr, "cannot write the payload\\n");
		return 5;
	}
	printf("{\\"version\\":%d,\\"load_addr\\":\\"%llu\\",\\"entry_addr\\":\\"%llu\\",\\"size\\":\\"%llu\\","
	       "\\"address\\":\\"%llu\\",\\"module\\":\\"%llu\\",\\"protect\\":%lu,\\"writable\\":%d,\\"executable\\":%d,\\"image\\":%d}\\n",
	       version, (unsigned long long)load_addr, (unsigned long long)entry_addr, (unsigned long long)size,
	       (unsigned long long)(UINT_PTR)kernel, (unsigned long long)(UINT_PTR)lib, first, writable, executable, image);
	return 0;
}
`;
var DLL_PAYLOAD_FROM_LIBRARY = "payload-from-dll.bin";
var PAGE_NAMES = {
  1: "PAGE_NOACCESS",
  2: "PAGE_READONLY",
  4: "PAGE_READWRITE",
  8: "PAGE_WRITECOPY",
  16: "PAGE_EXECUTE",
  32: "PAGE_EXECUTE_READ",
  64: "PAGE_EXECUTE_READWRITE",
  128: "PAGE_EXECUTE_WRITECOPY"
};
function pageProtectionName(protect) {
  return PAGE_NAMES[protect & 255] ?? `0x${protect.toString(16)}`;
}
function findWine() {
  for (const candidate of ["/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/lib/x86_64-linux-gnu/wine/wine64"]) {
    if (existsSync13(candidate)) return candidate;
  }
  return "wine64";
}
function wineEnv(prefix) {
  return {
    WINEPREFIX: prefix,
    WINEDEBUG: "-all",
    // No Mono or Gecko installer dialogs on the prefix's first start.
    WINEDLLOVERRIDES: "mscoree,mshtml=",
    DISPLAY: "",
    WAYLAND_DISPLAY: "",
    LC_ALL: "C"
  };
}
function toWindowsPath(p) {
  return `Z:${path35.resolve(p).replace(/\//g, "\\")}`;
}
async function buildDllProbe(dir, cc = MINGW_CC) {
  mkdirSync15(dir, { recursive: true });
  const src = path35.join(dir, "krunfw-probe.c");
  const exe = path35.join(dir, "krunfw-probe.exe");
  writeFileSync12(src, DLL_PROBE_C);
  await runChecked(cc, ["-O1", "-Wall", "-Werror", "-municode", "-static", "-o", exe, src]).catch((e) => {
    throw e instanceof ToolMissingError ? new ToolMissingError(cc, "Checking the Windows DLL needs the mingw-w64 cross compiler: apt-get install gcc-mingw-w64-x86-64") : e;
  });
  return exe;
}
function findWineserver(wine = findWine()) {
  const dir = path35.dirname(wine);
  for (const name of ["wineserver64", "wineserver"]) {
    const candidate = path35.join(dir, name);
    if (existsSync13(candidate)) return candidate;
  }
  return "wineserver";
}
function runWine(wine, args, env) {
  return run(wine, args, { env }).catch((e) => {
    throw e instanceof ToolMissingError ? new ToolMissingError(wine, "Checking the Windows DLL runs it under wine: apt-get install wine64") : e;
  });
}
var lastLines = (tail2, n2) => tail2.filter((l) => l.trim() !== "").slice(-n2).join("; ");
var PREFIX_READY = ".libkrunfw-prefix-ready";
async function preparePrefix(prefix, wine = findWine()) {
  if (existsSync13(path35.join(prefix, PREFIX_READY))) return;
  rmSync10(prefix, { recursive: true, force: true });
  mkdirSync15(prefix, { recursive: true });
  const env = { ...wineEnv(prefix), WINEDEBUG: "-all,err+environ,err+module" };
  const boot2 = await runWine(wine, ["wineboot", "--init"], env);
  const kernel32 = path35.join(prefix, "drive_c", "windows", "system32", "kernel32.dll");
  const fail = (exitCode, tail2) => {
    const why = lastLines(tail2, 5);
    return new InfrastructureError(`wine could not create its prefix ${prefix} (exit ${exitCode}): ${why || `no ${kernel32}`}`);
  };
  if (boot2.exitCode !== 0) throw fail(boot2.exitCode, boot2.tail);
  const settled = await run(findWineserver(wine), ["-w"], { env });
  if (settled.exitCode !== 0 || !existsSync13(kernel32)) throw fail(settled.exitCode, [...boot2.tail, ...settled.tail]);
  writeFileSync12(path35.join(prefix, PREFIX_READY), "");
}
async function runUnderWine(exe, args, prefix, wine = findWine()) {
  await preparePrefix(prefix, wine);
  return runWine(wine, [exe, ...args], wineEnv(prefix));
}
var probeStarted = (tail2) => tail2.some((l) => l.trim() === PROBE_STARTED);
async function probeDll(dll, dir, options = {}) {
  const exe = await buildDllProbe(dir);
  const payloadFile = path35.join(dir, DLL_PAYLOAD_FROM_LIBRARY);
  const prefix = options.prefix ?? path35.join(dir, "wineprefix");
  const args = [toWindowsPath(dll), toWindowsPath(payloadFile)];
  let r = await runUnderWine(exe, args, prefix, options.wine);
  if (r.exitCode !== 0 && !probeStarted(r.tail)) {
    rmSync10(path35.join(prefix, PREFIX_READY), { force: true });
    r = await runUnderWine(exe, args, prefix, options.wine);
    if (r.exitCode !== 0 && !probeStarted(r.tail)) {
      const why = lastLines(r.tail, 3);
      throw new InfrastructureError(`wine could not start the DLL probe ${exe} (prefix ${prefix}, exit ${r.exitCode}), twice: ${why}`);
    }
  }
  if (r.exitCode !== 0) {
    const why = r.tail.filter((l) => /LoadLibrary|GetProcAddress|cannot write|usage/.test(l)).join("; ") || r.tail.slice(-5).join(" ");
    throw new VerifyError(dll, [`loading it under wine failed: ${why.trim()} (exit ${r.exitCode})`]);
  }
  const line = r.stdout.trim().split("\n").pop() ?? "";
  let json;
  try {
    json = JSON.parse(line);
  } catch {
    throw new InfrastructureError(`the Windows probe printed no report under wine: ${r.stdout.slice(0, 200)}`);
  }
  return {
    version: Number(json.version),
    loadAddr: BigInt(json.load_addr),
    entryAddr: BigInt(json.entry_addr),
    size: BigInt(json.size),
    address: BigInt(json.address),
    module: BigInt(json.module),
    protect: Number(json.protect),
    writable: json.writable === 1,
    executable: json.executable === 1,
    image: json.image === 1,
    bytes: readFileSync14(payloadFile),
    payloadFile
  };
}

// src/windows/verify-dll.ts
var LINUX_PAYLOAD_ALIGN = 65536;
var hex4 = (v) => `0x${v.toString(16)}`;
function exportMismatches(pe) {
  const bad = [];
  const entries2 = pe.exports?.entries ?? [];
  const names = entries2.map((e) => e.name);
  for (const fn of DLL_EXPORTS) {
    if (names.includes(fn)) continue;
    const near = names.find((n2) => n2 !== void 0 && n2.includes(fn));
    bad.push(near ? `${fn} is exported only as '${near}'` : `${fn} is not exported`);
  }
  for (const e of entries2) {
    if (e.name !== void 0 && DLL_EXPORTS.includes(e.name)) {
      if (e.forwarder) bad.push(`${e.name} is forwarded to ${e.forwarder}`);
      continue;
    }
    const what = e.name === void 0 ? `ordinal ${e.ordinal} (no name)` : `'${e.name}'`;
    if (e.name && /@\d+$/.test(e.name)) bad.push(`export ${what} is decorated with @<bytes> (link with --kill-at)`);
    else if (e.name && /^_+krunfw_/.test(e.name)) bad.push(`export ${what} has a leading underscore`);
    else bad.push(`unexpected export ${what}`);
  }
  if (pe.exports && pe.exports.dllName !== DLL_FILE) bad.push(`the export directory names the DLL '${pe.exports.dllName}', expected ${DLL_FILE}`);
  return bad;
}
function headerMismatches(pe) {
  const bad = [];
  if (pe.machine !== IMAGE_FILE_MACHINE_AMD64) bad.push(`machine is ${machineName2(pe.machine)}, expected x86-64`);
  if (!pe.isDll) bad.push("it is not a DLL (IMAGE_FILE_DLL is not set)");
  if (!pe.nxCompat) bad.push("DllCharacteristics lacks NX_COMPAT (link with --nxcompat)");
  if (pe.timeDateStamp !== 0)
    bad.push(`the COFF header has a link timestamp (${pe.timeDateStamp}): the build is not reproducible (link with --no-insert-timestamp)`);
  if (pe.exports && pe.exports.timeDateStamp !== 0) bad.push(`the export directory has a timestamp (${pe.exports.timeDateStamp})`);
  return bad;
}
function verifyDll(input, pe, report, expected) {
  const bad = [...headerMismatches(pe), ...exportMismatches(pe)];
  if (report.version !== input.abiVersion) bad.push(`krunfw_get_version() = ${report.version}, expected ${input.abiVersion}`);
  if (report.loadAddr !== input.loadAddr) bad.push(`load_addr = ${hex4(report.loadAddr)}, expected ${hex4(input.loadAddr)}`);
  if (report.entryAddr !== input.entryAddr) bad.push(`entry_addr = ${hex4(report.entryAddr)}, expected ${hex4(input.entryAddr)}`);
  const want = BigInt(expected.length);
  if (report.size !== want) {
    const linux = BigInt(Math.ceil(expected.length / LINUX_PAYLOAD_ALIGN) * LINUX_PAYLOAD_ALIGN);
    const why = report.size === linux && linux !== want ? ": padded to 64 KiB (the Linux layout), WHP needs 4 KiB" : "";
    bad.push(`the kernel payload size = ${report.size}, expected ${expected.length}${why}`);
  }
  if (report.size % BigInt(DLL_PAYLOAD_ALIGN) !== 0n) bad.push(`the kernel payload size ${report.size} is not a multiple of 4 KiB`);
  if (report.address % BigInt(DLL_PAYLOAD_ALIGN) !== 0n) bad.push(`the kernel payload is at ${hex4(report.address)}, not 4 KiB aligned`);
  if (!report.writable) bad.push(`the kernel payload's pages are not all writable (VirtualQuery: ${pageProtectionName(report.protect)})`);
  if (report.executable) bad.push(`the kernel payload's pages are executable (VirtualQuery: ${pageProtectionName(report.protect)})`);
  if (!report.image) bad.push("the kernel payload is not in pages mapped from the DLL");
  const rva = report.address - report.module;
  const section = rva >= 0n && rva < 1n << 32n ? sectionOfRva(pe, Number(rva)) : void 0;
  if (!section) bad.push(`the kernel payload (RVA ${hex4(rva)}) is in no section of the DLL`);
  else {
    if (section.name !== DLL_PAYLOAD_SECTION) bad.push(`the kernel payload is in section ${section.name}, expected ${DLL_PAYLOAD_SECTION}`);
    if (!section.writable) bad.push(`section ${section.name}, which holds the kernel payload, is not writable`);
    if (section.executable) bad.push(`section ${section.name}, which holds the kernel payload, is executable`);
    if (Number(rva) + Number(report.size) > section.virtualAddress + section.virtualSize)
      bad.push(`the kernel payload runs past the end of section ${section.name}`);
  }
  if (!report.bytes.equals(expected)) {
    bad.push(`the kernel payload bytes differ from the ELF's payload, first at offset ${firstDifference(report.bytes, expected)}`);
  }
  return bad;
}
var dllVerifyStage = {
  name: "verify",
  title: "load the DLL under wine with LoadLibrary and check what it hands out",
  async run(input, ctx) {
    const dir = path36.join(ctx.workDir, "verify-dll");
    const started = performance.now();
    const pe = await readPe(input.library);
    const report = await probeDll(input.library, dir, { prefix: input.winePrefix }).catch((e) => {
      if (e instanceof VerifyError) throw new VerifyError(input.library, [...e.mismatches, ...headerMismatches(pe), ...exportMismatches(pe)]);
      throw e;
    });
    ctx.log.info(`LoadLibrary under wine took ${((performance.now() - started) / 1e3).toFixed(1)}s (the first start of a wine prefix is the slow part)`);
    const expected = readFileSync15(input.payloadFile);
    const bad = verifyDll(input, pe, report, expected);
    if (bad.length > 0) throw new VerifyError(input.library, bad);
    const checks = [
      `a ${machineName2(pe.machine)} DLL, NX_COMPAT, no link timestamp`,
      `exports ${(pe.exports?.entries ?? []).map((e) => e.name).join(", ")} (undecorated, nothing else)`,
      `krunfw_get_version() = ${report.version}`,
      `load_addr ${hex4(report.loadAddr)}, entry_addr ${hex4(report.entryAddr)}`,
      `size ${report.size} (4 KiB multiple), at ${hex4(report.address)} (4 KiB aligned, ${pageProtectionName(report.protect)}, in ${DLL_PAYLOAD_SECTION})`,
      `${expected.length} bytes equal to the kernel's payload`
    ];
    for (const c3 of checks) ctx.log.info(`\u2713 ${c3}`);
    return { checks, payloadFromLibrary: report.payloadFile };
  },
  summary: (o2) => `${o2.checks.length} checks passed`
};

// src/pipeline/stages/verify.ts
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
  return { size: BigInt(json.size), address: BigInt(json.address), perms: String(json.perms), bytes: readFileSync16(file) };
}
async function probeLibrary(library, dir, tools = targetTools("x86_64")) {
  mkdirSync16(dir, { recursive: true });
  const src = path37.join(dir, "krunfw-probe.c");
  const probe = path37.join(dir, "krunfw-probe");
  writeFileSync13(src, PROBE_C);
  await runChecked(tools.cc, ["-O1", "-Wall", "-o", probe, src, "-ldl"]).catch((e) => {
    throw missingTool(e, tools.cc, tools);
  });
  const payloadOut = path37.join(dir, PAYLOAD_FROM_LIBRARY);
  const [cmd, ...prefix] = [...tools.runPrefix, probe];
  const r = await run(cmd, [...prefix, path37.resolve(library), payloadOut]).catch((e) => {
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
function firstDifference(a2, b) {
  const n2 = Math.min(a2.length, b.length);
  for (let i2 = 0; i2 < n2; i2 += 4096) {
    const end = Math.min(i2 + 4096, n2);
    if (a2.subarray(i2, end).equals(b.subarray(i2, end))) continue;
    for (let j = i2; j < end; j++) if (a2[j] !== b[j]) return j;
  }
  return n2;
}
async function inspectLibrary(library, readelf = "readelf") {
  const dyn = await runChecked(readelf, ["-dW", library]);
  const soname = /Library soname: \[([^\]]+)\]/.exec(dyn.stdout)?.[1];
  const syms = await runChecked(readelf, ["--dyn-syms", "-W", library]);
  const exports = syms.stdout.split("\n").map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 8 && f[4] === "GLOBAL" && f[6] !== "UND").map((f) => f[7].replace(/@.*$/, ""));
  const sections = await runChecked(readelf, ["-SW", library]);
  return { soname, exports, stripped: !/\s\.symtab\s/.test(sections.stdout) };
}
var hex5 = (v) => `0x${v.toString(16)}`;
function compareRegion(what, got, expected) {
  const bad = [];
  if (got.size !== BigInt(expected.length)) bad.push(`${what} size = ${got.size}, expected ${expected.length}`);
  if (got.size % BigInt(PAYLOAD_ALIGN) !== 0n) bad.push(`${what} size ${got.size} is not a multiple of 64 KiB`);
  if (got.address % BigInt(PAYLOAD_ALIGN) !== 0n) bad.push(`the ${what} is at ${hex5(got.address)}, not 64 KiB aligned`);
  if (got.perms[1] !== "w") bad.push(`the ${what} is mapped '${got.perms}', not writable`);
  if (!got.bytes.equals(expected)) bad.push(`the ${what} bytes differ from what was bundled, first at offset ${firstDifference(got.bytes, expected)}`);
  return bad;
}
function compareReport(input, report, expected, info) {
  const bad = [];
  if (report.version !== input.abiVersion) bad.push(`krunfw_get_version() = ${report.version}, expected ${input.abiVersion}`);
  if (report.loadAddr !== input.loadAddr) bad.push(`load_addr = ${hex5(report.loadAddr)}, expected ${hex5(input.loadAddr)}`);
  if (report.entryAddr !== input.entryAddr) bad.push(`entry_addr = ${hex5(report.entryAddr)}, expected ${hex5(input.entryAddr)}`);
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
  const wanted = ["krunfw_get_kernel", "krunfw_get_version", ...blobNames.map((n2) => `krunfw_get_${n2}`)];
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
    if (input.host === "windows") return dllVerifyStage.run(input, ctx);
    const tools = input.tools ?? targetTools("x86_64");
    const probeDir = path37.join(ctx.workDir, "verify");
    if (tools.runPrefix.length > 0) ctx.log.info(`running the ${tools.arch} probe under ${tools.runPrefix.join(" ")}`);
    const report = await probeLibrary(input.library, probeDir, tools);
    const expected = {
      kernel: readFileSync16(input.payloadFile),
      blobs: Object.fromEntries((input.blobs ?? []).map((b) => [b.name, readFileSync16(b.payloadFile)]))
    };
    const info = await inspectLibrary(input.library, tools.readelf);
    const bad = compareReport(input, report, expected, info);
    if (bad.length > 0) throw new VerifyError(input.library, bad);
    const checks = [
      `krunfw_get_version() = ${report.version}`,
      `load_addr 0x${report.loadAddr.toString(16)}, entry_addr 0x${report.entryAddr.toString(16)}`,
      `size ${report.size} (64 KiB multiple), at 0x${report.address.toString(16)} (64 KiB aligned, ${report.perms})`,
      `${expected.kernel.length} bytes equal to the kernel's payload`,
      ...Object.entries(report.blobs).map(([n2, b]) => `${n2}: ${b.size} bytes at 0x${b.address.toString(16)} (${b.perms}), equal to what was bundled`),
      `soname ${info.soname}, stripped, exports ${info.exports.filter((e) => e.startsWith("krunfw_")).join(", ")}`
    ];
    for (const c3 of checks) ctx.log.info(`\u2713 ${c3}`);
    return { checks, payloadFromLibrary: path37.join(probeDir, PAYLOAD_FROM_LIBRARY) };
  },
  summary: (o2) => `${o2.checks.length} checks passed`
};

// src/check/config-check.ts
import path39 from "node:path";

// src/check/kconfig-in-patches.ts
import { readFileSync as readFileSync17 } from "node:fs";
import path38 from "node:path";

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
  for (let i2 = 0; i2 < lines.length; i2++) {
    const l = lines[i2];
    if (l.startsWith("--- ") && lines[i2 + 1]?.startsWith("+++ ") && HUNK.test(lines[i2 + 2] ?? "")) {
      const oldName = strip1(l.slice(4));
      const newName = strip1(lines[i2 + 1].slice(4));
      file = { path: newName ?? oldName ?? "", headerLine: i2 + 1, creates: oldName === void 0, deletes: newName === void 0, hunks: [] };
      files.push(file);
      i2++;
      continue;
    }
    const m = HUNK.exec(l);
    if (!m || !file) continue;
    const hunk = {
      number: file.hunks.length + 1,
      headerLine: i2 + 1,
      oldStart: Number(m[1]),
      oldCount: m[2] === void 0 ? 1 : Number(m[2]),
      newStart: Number(m[3]),
      newCount: m[4] === void 0 ? 1 : Number(m[4]),
      lines: []
    };
    let oldLeft = hunk.oldCount;
    let newLeft = hunk.newCount;
    while ((oldLeft > 0 || newLeft > 0) && i2 + 1 < lines.length) {
      const body = lines[++i2];
      const kind = body[0];
      if (body.startsWith("\\")) continue;
      if (kind === "+") newLeft--;
      else if (kind === "-") oldLeft--;
      else if (kind === " " || body === "") {
        oldLeft--;
        newLeft--;
      } else break;
      hunk.lines.push({ kind: kind === "+" || kind === "-" ? kind : " ", text: body.slice(1), patchLine: i2 + 1 });
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
function hunkSides(h2) {
  return { before: h2.lines.filter((l) => l.kind !== "+"), after: h2.lines.filter((l) => l.kind !== "-") };
}
function seriesKconfig(patches) {
  const added = [];
  const removed = [];
  for (const patch2 of patches) {
    const name = path38.basename(patch2);
    for (const file of parseDiff(readFileSync17(patch2, "utf8"))) {
      if (!path38.basename(file.path).startsWith("Kconfig")) continue;
      for (const hunk of file.hunks) {
        const { before, after } = hunkSides(hunk);
        const old = entries(before);
        const now = entries(after);
        for (const e of now) if (!old.some((o2) => o2.symbol === e.symbol)) added.push({ ...e, file: file.path, patch: patch2, name });
        for (const e of old) if (!now.some((o2) => o2.symbol === e.symbol)) removed.push({ ...e, file: file.path, patch: patch2, name });
      }
    }
  }
  return { added, removed };
}

// src/check/config-check.ts
var normalPrompt = (p) => p.trim().replace(/\s+/g, " ").toLowerCase();
function renamesOf(kconfig, old, basis) {
  if (!old.prompt) return [];
  const dir = path39.dirname(old.file);
  const want = normalPrompt(old.prompt);
  const out = [];
  for (const sym of kconfig.symbols.values()) {
    if (sym.name === old.symbol) continue;
    for (const def of sym.definitions) {
      if (!def.prompt || normalPrompt(def.prompt.text) !== want) continue;
      const d = path39.dirname(def.at.file);
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
  for (const o2 of lost) {
    const name = o2.option.replace(/^CONFIG_/, "");
    const sym = ev.symbol(name);
    const why = whyNot(ev, o2.option, o2.requested, final.get(o2.option)?.value ?? "n", { requested });
    const verdict = {
      option: o2.option,
      requested: o2.requested,
      actual: final.has(o2.option) ? final.get(o2.option).value : "absent",
      from: o2.from,
      status: sym ? "lost" : "vanished",
      derived: isDerived(input.config.mode, o2.option, kconfig),
      cause: why.text,
      why,
      dependsOn: sym ? sym.definitions.flatMap((d) => d.dependsOn.map((c3) => c3.text)) : [],
      renames: []
    };
    if (!sym) {
      verdict.cause = "no longer exists in this kernel";
      const adder = patched.added.find((a2) => a2.symbol === name && leftOut.has(a2.name));
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
  fileLines.forEach((l, i2) => {
    const list = index.get(l);
    if (list) list.push(i2);
    else index.set(l, [i2]);
  });
  return index;
}
function locateHunk(hunk, fileLines, near, index = lineIndex(fileLines)) {
  const expected = oldSide(hunk);
  if (expected.length === 0) return void 0;
  const votes = /* @__PURE__ */ new Map();
  expected.forEach((l, i2) => {
    if (!telling(l.text)) return;
    for (const pos of index.get(l.text) ?? []) votes.set(pos - i2, (votes.get(pos - i2) ?? 0) + 1);
  });
  let best;
  let bestVotes = 0;
  for (const [start, n2] of votes) {
    if (n2 > bestVotes || n2 === bestVotes && best !== void 0 && Math.abs(start + 1 - near) < Math.abs(best + 1 - near)) {
      best = start;
      bestVotes = n2;
    }
  }
  if (best === void 0) return void 0;
  let matching = 0;
  let firstDiff;
  expected.forEach((l, i2) => {
    if (fileLines[best + i2] === l.text) matching++;
    else firstDiff ??= i2;
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
var signed = (n2) => n2 > 0 ? `+${n2}` : n2 < 0 ? `\u2212${-n2}` : "0";
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
  for (const h2 of hs) byFile.set(h2.file, [...byFile.get(h2.file) ?? [], h2.hunk]);
  return [...byFile].map(([file, ns]) => `${file} #${ns.join(", #")}`).join("; ");
}
function failedText(v) {
  const parts = v.failed.map(
    (f) => f.reason ? `${f.file}: ${f.reason}` : `${f.file}: ${f.hunks.length} hunk${f.hunks.length === 1 ? "" : "s"} (#${f.hunks.map((h2) => h2.hunk).join(", #")})`
  );
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
    for (const h2 of f.hunks) {
      const at = [h2.triedAt !== void 0 ? `at line ${h2.triedAt} of ${f.file}` : "", `(line ${h2.patchLine} of the patch)`].filter(Boolean).join(" ");
      out.push(`${f.file}: hunk #${h2.hunk} FAILED ${at}`);
      out.push(...placeLines(h2.nearest).map((l) => `  ${l}`));
    }
  }
  return out;
}
function placeLines(n2) {
  if (!n2) return ["none of its lines are in the file any more"];
  if (!n2.expected) return [`its text stands whole at line ${n2.line}`];
  return [
    `nearest at line ${n2.line} (${n2.matching} of ${n2.of} lines match)`,
    `expected (patch line ${n2.expected.patchLine}): ${shortLine(n2.expected.text)}`,
    n2.found ? `found (line ${n2.found.line}): ${shortLine(n2.found.text)}` : "found: the end of the file"
  ];
}
function configGroups(c3) {
  const groups = [
    { title: "lost", verdicts: c3.verdicts.filter((v) => v.status === "lost" && !v.derived) },
    { title: "no longer in this kernel", verdicts: c3.verdicts.filter((v) => v.status === "vanished") },
    { title: "derived by kconfig (no prompt: the compiler or other options decide)", verdicts: c3.verdicts.filter((v) => v.status === "lost" && v.derived) }
  ];
  return groups.filter((g) => g.verdicts.length > 0);
}
function configVerdictLine(v) {
  const where2 = v.from ? ` (${v.from.file}${v.from.line ? `:${v.from.line}` : ""})` : "";
  return `${v.option}: asked ${v.requested}, got ${v.actual}${where2} \u2014 ${v.cause}`;
}
function configSummary(c3) {
  return [`${c3.requested} options asked for, ${c3.kept} landed`, ...configGroups(c3).map((g) => `${g.verdicts.length} ${g.title.replace(/ \(.*\)$/, "")}`)].join(
    ", "
  );
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
      out.push({
        level: "warning",
        message: `${p.name} is already in this kernel (it reverse-applies): drop it from the series`,
        where: { file: p.patch, line: 1, title: "already in this kernel" }
      });
    }
    for (const h2 of p.result === "partly-in" ? p.inKernel : []) {
      out.push({
        level: "warning",
        message: `${h2.file}: hunk #${h2.hunk} is already in this kernel`,
        where: { file: p.patch, line: h2.patchLine, title: `${h2.file}: hunk #${h2.hunk} already in this kernel` }
      });
    }
    if (p.fatal) out.push({ level: "error", message: `patch cannot read ${p.name}: ${p.fatal}`, where: { file: p.patch, title: "patch does not apply" } });
    for (const f of p.failed) {
      if (f.reason) out.push({ level: "error", message: `${f.file}: ${f.reason}`, where: { file: p.patch, title: `${f.file} does not patch` } });
      for (const h2 of f.hunks) {
        const title = `${f.file}: hunk #${h2.hunk} FAILED${h2.triedAt !== void 0 ? ` at line ${h2.triedAt}` : ""}`;
        out.push({ level: "error", message: [title, ...placeLines(h2.nearest)].join("\n"), where: { file: p.patch, line: h2.patchLine, title } });
      }
    }
  }
  for (const v of r.config?.verdicts ?? []) {
    if (!v.from) continue;
    const level = v.derived ? "warning" : "error";
    out.push({ level, message: configVerdictLine(v), where: { ...v.from, title: `${v.option} ${v.derived ? "derived by kconfig" : "did not land"}` } });
  }
  return out;
}

// src/check/patch-trial.ts
import { readFileSync as readFileSync18 } from "node:fs";
import path40 from "node:path";

// src/check/patch-output.ts
var unquote = (name) => name.replace(/^'(.*)'$/, "$1").replace(/^"(.*)"$/, "$1");
function parsePatchRun(output, diff) {
  const files = /* @__PURE__ */ new Map();
  const outcome = (file) => {
    let o2 = files.get(file);
    if (!o2) files.set(file, o2 = { failed: /* @__PURE__ */ new Map(), moved: /* @__PURE__ */ new Map() });
    return o2;
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
      lines = readFileSync18(path40.join(tree, f.file), "utf8").split("\n");
    } catch {
      continue;
    }
    const index = lineIndex(lines);
    const file = diff.find((d) => d.path === f.file);
    for (const h2 of f.hunks) {
      const hunk = file?.hunks.find((x) => x.number === h2.hunk);
      if (!hunk) continue;
      const place = locateHunk(hunk, lines, h2.triedAt ?? hunk.oldStart, index);
      if (place) h2.nearest = place;
    }
  }
}
function ref2(diff, file, hunk) {
  const h2 = diff.find((d) => d.path === file)?.hunks.find((x) => x.number === hunk);
  return { file, hunk, patchLine: h2?.headerLine ?? 0 };
}
async function tryPatch(tree, patch2, index, options = {}) {
  const text = readFileSync18(patch2, "utf8");
  const diff = parseDiff(text);
  const base = { patch: patch2, name: path40.basename(patch2), index, files: [...new Set(diff.map((d) => d.path))] };
  const forward = await patchRun(tree, patch2, ["--dry-run"], diff, options.logFile);
  const moved = (r) => [...r.files].flatMap(([file, o2]) => [...o2.moved].map(([hunk, m]) => ({ ...ref2(diff, file, hunk), line: m.line, offset: m.offset })));
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
    const inKernel2 = diff.flatMap((d) => d.hunks.map((h2) => ({ file: d.path, hunk: h2.number, patchLine: h2.headerLine })));
    return { ...base, result: "already-in", applied: false, moved: [], inKernel: inKernel2, failed: [] };
  }
  const inKernel = [];
  const failed = [];
  for (const [file, fwd] of forward.run.files) {
    const rev = reverse.run.files.get(file);
    const detail = { file, hunks: [] };
    if (fwd.reason) {
      if (rev && !rev.reason && rev.failed.size === 0) {
        for (const h2 of diff.find((d) => d.path === file)?.hunks ?? []) inKernel.push(ref2(diff, file, h2.number));
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
  for (const [i2, patch2] of patches.entries()) {
    const v = await tryPatch(tree, patch2, i2 + 1, options);
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
    const row = (n2, name, result, detail) => `${n2.padStart(3)}  ${name.padEnd(nameWidth)}  ${result.padEnd(resultWidth)}  ${detail}`.trimEnd();
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
import { mkdirSync as mkdirSync17, renameSync as renameSync3, writeFileSync as writeFileSync14 } from "node:fs";
import path41 from "node:path";
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
  mkdirSync17(dir, { recursive: true });
  const file = path41.join(dir, CHECK_REPORT_FILE);
  writeFileSync14(`${file}.partial`, `${JSON.stringify(report, null, 2)}
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
      {
        tree: input.tree,
        arch: input.arch,
        config: input.config,
        crossCompile: input.crossCompile,
        series: { patches: input.patches, leftOut },
        previous: input.previous
      },
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
    for (const a2 of checkAnnotations(report)) {
      if (a2.level === "error") ctx.log.error(a2.message, a2.where);
      else ctx.log.warning(a2.message, a2.where);
    }
    await revertApplied(input.tree, report.patches, ctx.logFile);
    return { report, file: writeCheckReport(report, input.outDir) };
  },
  produces: (o2) => [o2.file],
  summary: (o2) => summaryLine(o2.report),
  verdict: (o2) => o2.report.passed
};

// src/measure/measure-stage.ts
import { mkdirSync as mkdirSync18, readFileSync as readFileSync19, renameSync as renameSync4, writeFileSync as writeFileSync15 } from "node:fs";
import path43 from "node:path";

// src/measure/measure-library.ts
import path42 from "node:path";

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
var hex6 = (v) => `0x${v.toString(16)}`;
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
  for (const [what, bytes] of [
    ["kernel", image.kernel],
    ["initrd", image.initrd]
  ]) {
    if (bytes.length === 0 || bytes.length % PAGE_SIZE !== 0) bad(`the ${what} is ${bytes.length} bytes, not whole 4 KiB pages (SNP measures pages)`);
  }
  if (image.kernelLoadAddr % page !== 0n) bad(`the kernel's load_addr ${hex6(image.kernelLoadAddr)} is not 4 KiB aligned`);
  const regions = guestRegions(image);
  for (let i2 = 0; i2 < regions.length; i2++) {
    for (let j = i2 + 1; j < regions.length; j++) {
      const a2 = regions[i2];
      const b = regions[j];
      if (a2.start < b.end && b.start < a2.end) {
        bad(`${b.what} (${hex6(b.start)}..${hex6(b.end)}) overlaps ${a2.what} (${hex6(a2.start)}..${hex6(a2.end)}) in libkrun's SEV layout`);
      }
    }
  }
}
function checkFitsMemory(image, memoryMiB, source2) {
  const ramBelowGap = BigInt(memoryMiB) * 0x100000n < MMIO_MEM_START ? BigInt(memoryMiB) * 0x100000n : MMIO_MEM_START;
  for (const r of guestRegions(image).filter((r2) => r2.what === "the kernel" || r2.what === "the initrd")) {
    if (r.end > ramBelowGap) {
      throw new InputError(`memory ${memoryMiB} MiB: ${r.what} of ${source2} ends at ${hex6(r.end)}, beyond the guest's RAM (${hex6(ramBelowGap)})`);
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
  measureWithoutContents(type, gpa, count2) {
    const none = Buffer.alloc(SNP_DIGEST_SIZE);
    for (let i2 = 0; i2 < count2; i2++) this.update(type, gpa + BigInt(i2 * PAGE_SIZE), none);
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
  SEGMENT_NAMES.forEach((name, i2) => {
    const s = state[name];
    const at = i2 * VMSA_SEGMENT_SIZE;
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
  map.forEach((e, i2) => {
    const at = f.e820Table + i2 * E820_ENTRY_SIZE;
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
  for (let i2 = 1; i2 < vcpus; i2++) f(vmsa.ap);
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
    const missing = ["qboot", "initrd"].filter((n2) => !report.blobs[n2]).map((n2) => `krunfw_get_${n2}`);
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
    library: { file: path42.basename(library), sha256: sha256(elf.data) },
    nrCpus: input.nrCpus
  });
}

// src/measure/render.ts
var vcpuText = (n2) => `${n2} vCPU${n2 === 1 ? "" : "s"}`;
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
    const dir = path43.join(ctx.workDir, "measure");
    const nrCpus = input.dotConfig ? kernelNrCpus(readFileSync19(input.dotConfig, "utf8")) : void 0;
    const measurements = await measureLibrary({ library: input.library, options: input.options ?? defaultMeasureOptions(), nrCpus, workDir: dir });
    const file = path43.join(input.outDir, MEASUREMENTS_FILE);
    mkdirSync18(input.outDir, { recursive: true });
    writeFileSync15(`${file}.partial`, `${JSON.stringify(measurements, null, 2)}
`);
    renameSync4(`${file}.partial`, file);
    for (const line of renderText({ ...measurements, warnings: [] }).trimEnd().split("\n"))
      ctx.log.info(line);
    for (const w of measurements.warnings) ctx.log.warning(w);
    return { file, measurements };
  },
  produces: (o2) => [o2.file],
  summary: (o2) => {
    const vcpus = [...new Set(o2.measurements.measurements.map((m) => m.vcpus))];
    const memory = [...new Set(o2.measurements.measurements.map((m) => m.memoryMiB))];
    return `${o2.measurements.measurements.length} launches measured (${vcpus.join(", ")} vCPUs \xD7 ${memory.join(", ")} MiB)`;
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
  input: (s) => ({ image: s.compiled.image, arch: s.request.arch, host: s.request.host, blobs: s.request.blobs }),
  output: (bundled) => ({ bundled })
});
var link = step(linkStage, {
  needs: ["request", "bundled"],
  produces: ["linked"],
  input: ({ request: r, bundled }) => ({ ...bundled, variant: r.variant, arch: r.arch, host: r.host, abiVersion: r.abiVersion, version: r.version, cc: targetTools(r.arch).cc, strip: targetTools(r.arch).strip }),
  output: (linked) => ({ linked })
});
var verify = step(verifyStage, {
  needs: ["request", "bundled", "linked"],
  produces: ["verified"],
  input: ({ request, bundled, linked }) => ({ ...bundled, ...linked, abiVersion: request.abiVersion, tools: targetTools(request.arch), host: request.host }),
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
  input: (s) => ({ payloadFile: s.verified.payloadFromLibrary, loadAddr: s.bundled.loadAddr, entryAddr: s.bundled.entryAddr, arch: s.request.arch }),
  output: (booted) => ({ booted })
});
var pack = step(packageStage, {
  needs: ["request", "linked"],
  produces: ["packaged"],
  input: (s) => ({ ...s.linked, ...s.request, sourceDateEpoch: s.request.reproducibility.sourceDateEpoch, kept: s.keptPackage }),
  output: (packaged) => ({ packaged })
});
var release = step(releaseStage, {
  needs: ["build", "fetched", "kernel", "bundled", "linked", "packaged"],
  produces: ["released"],
  input: async ({ build: b, fetched, kernel, bundled, linked, packaged, measured }, rt) => ({
    ...b,
    library: { file: linked.fileName, soname: linked.soname, sha256: packaged.librarySha256, payloadSha256: bundled.sha256 },
    kernel: { version: kernel.version, tarball: fetched.tarball, sha256: fetched.sha256, origin: b.kernel.source.kind === "url" ? b.kernel.source.url : `local file ${path44.basename(b.kernel.source.path)}` },
    recipe: b.recipe.kind === "project" ? void 0 : { kind: "libkrunfw-tree", repository: b.recipe.repository, ref: b.recipe.ref, commit: b.recipe.commit },
    ...{ finalConfig: kernel.finalConfig, licenses: kernel.licenses, librarySources: linked.sourceDir, blobs: bundled.blobs, measurements: measured?.file },
    toolchain: (await rt.toolchain(b.arch, b.host)).tools
  }),
  output: (released) => ({ released })
});
var publish = step(publishStage, {
  needs: ["build", "packaged", "released"],
  produces: ["published"],
  skip: (s, rt) => !s.build.upload ? "upload is false" : !rt.platform.publisher ? "this platform does not upload; the files stay in out-dir" : void 0,
  input: ({ build: b, packaged: p, released }) => ({
    ...b,
    name: `libkrunfw-${b.version}-${b.variant}${hostInfix(b.host)}-${b.arch}`,
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
import { readdirSync as readdirSync8, readFileSync as readFileSync20 } from "node:fs";
import path45 from "node:path";

// src/result.ts
function checkResultOf(s, run2) {
  const { build, checked } = s;
  if (!build || !checked) throw new InternalError("the check route ended without a report");
  const { report, file } = checked;
  return {
    kind: "check",
    arch: build.arch,
    variant: build.variant,
    kernelVersion: report.kernel.version,
    passed: report.passed,
    reportFile: file,
    report,
    ...run2
  };
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
    // A windows release rebuilds the DLL: its 4 KiB payload, mingw's link, its sha256 compared.
    host: m.host ?? "linux",
    "kernel-source": path45.join(dir, m.kernel.tarball),
    "kernel-sha256": m.kernel.sha256,
    patches: m.patches.length === 0 ? "none" : path45.join(dir, "patches"),
    "kernel-config": m.config.given.map((g) => path45.join(dir, g)),
    "kernel-config-mode": m.config.mode,
    // The blobs as bundled (already padded): bundling them again changes nothing.
    ...qboot ? { qboot: path45.join(dir, qboot) } : {},
    ...initrd ? { initrd: path45.join(dir, initrd) } : {},
    "abi-version": String(m.abiVersion),
    version: m.version,
    "source-date-epoch": String(m.reproducibility.sourceDateEpoch),
    jobs: String(v.jobs),
    "out-dir": path45.join(v.workDir, "out"),
    "work-dir": path45.join(v.workDir, "build"),
    "cache-source": "false",
    "cache-compiler": "false",
    "cache-output": "false",
    "cache-tree": "false",
    upload: "false",
    "boot-test": "false"
  };
}
function configDifferences(expected, actual) {
  const a2 = parseConfig2(readFileSync20(expected, "utf8"));
  const b = parseConfig2(readFileSync20(actual, "utf8"));
  const out = [];
  for (const k of /* @__PURE__ */ new Set([...a2.keys(), ...b.keys()])) {
    const x = a2.get(k)?.value ?? "n";
    const y = b.get(k)?.value ?? "n";
    if (x !== y) out.push(`${k}: release says ${x}, rebuilt ${y}`);
  }
  return out;
}
async function verifySource(v, platform2, env) {
  const { log } = platform2;
  const extracted = await extractTarball(v.release, path45.join(v.workDir, "release"));
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
  const toolchain = await targetToolchain(request.arch, request.host);
  const toolDiffs = Object.keys({ ...manifest.toolchain, ...toolchain.tools }).filter((t) => manifest.toolchain[t] !== toolchain.tools[t]).map((t) => `${t}: release built with '${manifest.toolchain[t] ?? "nothing"}', here '${toolchain.tools[t] ?? "nothing"}'`);
  for (const d of toolDiffs) log.warning(`toolchain differs, the bytes may too: ${d}`);
  const { rebuilt, payloadSha } = await rebuild(request, platform2);
  if (rebuilt.sha256 !== manifest.library.sha256) {
    const differences = [`library sha256: release names ${manifest.library.sha256}, rebuilt ${rebuilt.sha256}`];
    if (payloadSha !== manifest.library.payloadSha256) {
      differences.push(`kernel payload sha256: release ${manifest.library.payloadSha256}, rebuilt ${payloadSha} (the kernel built differently)`);
    } else {
      differences.push("the kernel payload is the same: the difference is in linking (compiler or binutils)");
    }
    const tree = path45.join(request.workDir, "src", readdirSync8(path45.join(request.workDir, "src"))[0] ?? "");
    const cfg = configDifferences(path45.join(dir, manifest.config.final), path45.join(tree, ".config"));
    differences.push(...cfg.slice(0, 20), ...toolDiffs);
    throw new NotReproducedError(v.release, differences);
  }
  log.info(`rebuilt ${manifest.library.file}: sha256 ${rebuilt.sha256} equals the release's`);
  return { manifest, rebuilt };
}
async function rebuild(request, platform2) {
  prepareWorkDir(request.workDir);
  const rt = new Runtime(platform2, request.workDir, void 0);
  const start = { request, build: request };
  const state = await runRoute(routeOf(start), start, rt);
  if (!state.bundled) throw new InternalError("the rebuild ended without a bundled payload");
  return { rebuilt: resultOf(state, { stages: rt.records, caches: rt.caches, pendingSaves: [], workDir: request.workDir }), payloadSha: state.bundled.sha256 };
}

// src/run.ts
function requestEnvironment(platform2, cwd) {
  return { cwd, tempDir: platform2.tempDir, cpuCount: os.availableParallelism(), hostArch: process.arch, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH };
}
function outDirOf(raw, env) {
  const given = raw["out-dir"];
  const dir = typeof given === "string" && given.trim() ? given.trim() : BUILD_INPUTS.find((s) => s.name === "out-dir")?.default;
  return dir === void 0 ? void 0 : path46.resolve(env.cwd, dir);
}
function prepareRun(raw, platform2, cwd) {
  const env = requestEnvironment(platform2, cwd);
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
    outcome: "failed",
    started: false
  };
  return { request, record, execute: () => executeRequest(request, platform2, env, record) };
}
function purposeOf(request) {
  return "arch" in request ? `${request.mode} ${request.arch} ${request.variant}` : request.mode;
}
function checkDirectories(request) {
  const cacheDir = "cacheDir" in request ? request.cacheDir : void 0;
  if ("outDir" in request) checkRelation({ outDir: request.outDir, workDir: request.workDir, cacheDir });
  if (request.mode !== "bundle") checkKbuildPath(request.workDir, "work-dir");
}
async function takeDirectories(request, rt, log) {
  const owner = rt.platform.jobProcess;
  const purpose = owner === void 0 ? purposeOf(request) : `${purposeOf(request)}, an earlier step of a job: held until its post step; give each use of the action in one job its own work-dir`;
  const held = takeWorkDir(request.workDir, purpose, { keep: [rt.cacheDir("compiler")], log, owner });
  try {
    if (request.mode !== "verify-source") checkWritableDir(request.outDir, "out-dir");
    const need = request.mode === "bundle" ? WORK_DIR_NEED.bundle : WORK_DIR_NEED.build;
    await awaitFreeSpace(request.workDir, need, "work-dir", { removals: held.removals, log });
    if (request.mode !== "verify-source")
      withFaults({ doing: "clearing the last run's files from out-dir", path: request.outDir }, () => clearOutputs(request.outDir));
    return held.lock;
  } catch (e) {
    held.lock.release();
    throw e;
  }
}
function named(e) {
  if (!(e instanceof InterruptedError)) return e;
  const said = e.during(e.stage ?? "the preparation of the run");
  said.stages = e.stages;
  return said;
}
async function executeRequest(request, platform2, env = requestEnvironment(platform2, process.cwd()), record = { outcome: "failed", pending: [] }) {
  checkDirectories(request);
  const store = request.mode === "build" || request.mode === "check" ? platform2.cacheStore?.(request.cacheDir) : void 0;
  const rt = new Runtime(platform2, request.workDir, store, request.mode === "verify-source" ? void 0 : request.outDir);
  const lock = await takeDirectories(request, rt, platform2.log);
  record.started = true;
  try {
    if (request.mode === "verify-source") {
      const { rebuilt } = await verifySource(request, platform2, env);
      throwIfInterrupted();
      record.outcome = "succeeded";
      return { ...rebuilt, workDir: request.workDir };
    }
    return await runLibraryRoute(request, platform2, rt, record);
  } catch (e) {
    record.outcome = e instanceof InterruptedError ? "interrupted" : "failed";
    throw named(e);
  } finally {
    if (platform2.jobProcess === void 0) lock.release();
  }
}
async function runLibraryRoute(request, platform2, rt, record) {
  const state = request.mode === "bundle" ? { request, compiled: { image: request.image } } : "settle" in request ? { pending: request } : { request, build: request };
  try {
    await runRoute(routeOf(state), state, rt);
    throwIfInterrupted();
    record.outcome = "succeeded";
  } catch (e) {
    clearOutputs(request.outDir);
    throw e;
  } finally {
    record.pending = rt.pending;
  }
  if (request.mode === "bundle" && request.upload && platform2.publisher) {
    platform2.log.warning("nothing uploaded: a bundled vmlinux has no source release, and a library is never published without one");
  }
  const facts = { stages: rt.records, caches: rt.caches, pendingSaves: rt.pending, workDir: request.workDir };
  return request.mode === "check" ? checkResultOf(state, facts) : resultOf(state, facts);
}
async function runRequest(raw, platform2, cwd = process.cwd()) {
  const run2 = prepareRun(raw, platform2, cwd);
  try {
    return await run2.execute();
  } finally {
    await finishRun(run2.record, platform2);
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
  sourceReleaseFileName,
  sourceReleaseTop,
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
//# sourceMappingURL=chunk-PY3N3A6Y.js.map
