import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  consoleLog,
  localPlatform
} from "./chunk-LHI2BQEA.js";
import {
  BUILD_INPUTS,
  OUTPUTS,
  PAYLOAD_ALIGN,
  kernelPayloadFromElf,
  prepareRun,
  requestEnvironment,
  resolveRequest,
  runRequest
} from "./chunk-PY3N3A6Y.js";
import {
  ARCHES,
  ArchiveError,
  BootError,
  ChecksumError,
  CompileError,
  ConfigError,
  DownloadError,
  ElfError,
  FaultError,
  InfrastructureError,
  InputError,
  InputFileError,
  InternalError,
  InterruptedError,
  LibkrunfwError,
  LinkError,
  LockedError,
  LostConfigOptionsError,
  NotReproducedError,
  PatchError,
  PeError,
  PublishError,
  SourceReleaseError,
  ToolMissingError,
  UnsafeArchiveError,
  UserError,
  VARIANTS,
  VerifyError,
  defaultCacheDir,
  directoryCacheStore,
  exitCodeOf,
  finishRun
} from "./chunk-FDKAMVP5.js";

// src/platform/types.ts
var MemoryLog = class {
  lines = [];
  info(message) {
    this.lines.push({ level: "info", message });
  }
  debug(message) {
    this.lines.push({ level: "debug", message });
  }
  notice(message, where) {
    this.lines.push({ level: "notice", message, where });
  }
  warning(message, where) {
    this.lines.push({ level: "warning", message, where });
  }
  error(message, where) {
    this.lines.push({ level: "error", message, where });
  }
  async group(title, fn) {
    this.lines.push({ level: "group", message: title });
    return fn();
  }
  text() {
    return this.lines.map((l) => `${l.level}: ${l.message}`).join("\n");
  }
};
export {
  ARCHES,
  ArchiveError,
  BUILD_INPUTS,
  BootError,
  ChecksumError,
  CompileError,
  ConfigError,
  DownloadError,
  ElfError,
  FaultError,
  InfrastructureError,
  InputError,
  InputFileError,
  InternalError,
  InterruptedError,
  LibkrunfwError,
  LinkError,
  LockedError,
  LostConfigOptionsError,
  MemoryLog,
  NotReproducedError,
  OUTPUTS,
  PAYLOAD_ALIGN,
  PatchError,
  PeError,
  PublishError,
  SourceReleaseError,
  ToolMissingError,
  UnsafeArchiveError,
  UserError,
  VARIANTS,
  VerifyError,
  consoleLog,
  defaultCacheDir,
  directoryCacheStore,
  exitCodeOf,
  finishRun,
  kernelPayloadFromElf,
  localPlatform,
  prepareRun,
  requestEnvironment,
  resolveRequest,
  runRequest
};
//# sourceMappingURL=index.js.map
