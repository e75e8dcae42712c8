import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  consoleLog,
  localPlatform
} from "./chunk-KRVNRXW4.js";
import {
  BUILD_INPUTS,
  OUTPUTS,
  prepareRun,
  resolveBuildRequest,
  resolveBundleRequest,
  runRequest
} from "./chunk-7GAT4HF3.js";
import {
  ArchiveError,
  ChecksumError,
  CompileError,
  ConfigError,
  DownloadError,
  ElfError,
  InfrastructureError,
  InputError,
  LibkrunfwError,
  LinkError,
  LostConfigOptionsError,
  PAYLOAD_ALIGN,
  PatchError,
  ToolMissingError,
  UnsafeArchiveError,
  UserError,
  VerifyError,
  buildLibrary,
  bundleExisting,
  defaultCacheDir,
  directoryCacheStore,
  finishBuild,
  kernelPayloadFromElf
} from "./chunk-6TGI6TJH.js";

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
  ArchiveError,
  BUILD_INPUTS,
  ChecksumError,
  CompileError,
  ConfigError,
  DownloadError,
  ElfError,
  InfrastructureError,
  InputError,
  LibkrunfwError,
  LinkError,
  LostConfigOptionsError,
  MemoryLog,
  OUTPUTS,
  PAYLOAD_ALIGN,
  PatchError,
  ToolMissingError,
  UnsafeArchiveError,
  UserError,
  VerifyError,
  buildLibrary,
  bundleExisting,
  consoleLog,
  defaultCacheDir,
  directoryCacheStore,
  finishBuild,
  kernelPayloadFromElf,
  localPlatform,
  prepareRun,
  resolveBuildRequest,
  resolveBundleRequest,
  runRequest
};
