import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/errors.ts
var LibkrunfwError = class extends Error {
  /** Places to annotate (in the action) beside the message. */
  locations;
  /** The step that failed, set by the route as the error passes through it. */
  stage;
  /** What the run had done when it failed, for the failure summary. */
  stages;
  constructor(message, locations = []) {
    super(message);
    this.name = new.target.name;
    this.locations = locations;
  }
};
var UserError = class extends LibkrunfwError {
};
var InfrastructureError = class extends LibkrunfwError {
};
var InputError = class extends UserError {
};
var ChecksumError = class extends UserError {
  constructor(file, expected, actual) {
    super(`sha256 mismatch for ${file}: expected ${expected}, got ${actual}. The tarball is not the one that was pinned; nothing was extracted.`, [
      { file, title: "sha256 mismatch" }
    ]);
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }
};
var DownloadError = class extends InfrastructureError {
};
var UnsafeArchiveError = class extends UserError {
  constructor(archive, entry, reason) {
    super(`unsafe entry in ${archive}: '${entry}' ${reason}; nothing was kept from this archive.`, [{ file: archive, title: "unsafe archive entry" }]);
    this.archive = archive;
    this.entry = entry;
    this.reason = reason;
  }
};
var ArchiveError = class extends UserError {
};
var PatchError = class extends UserError {
  constructor(patch, files, detail = "") {
    const lines = [`patch ${patch} does not apply:`];
    for (const f of files) {
      if (f.reason) lines.push(`  ${f.file}: ${f.reason}`);
      for (const h of f.hunks) {
        const at = [
          h.targetLine !== void 0 ? `at line ${h.targetLine} of ${f.file}` : "",
          h.patchLine !== void 0 ? `(line ${h.patchLine} of the patch)` : ""
        ].filter(Boolean).join(" ");
        lines.push(`  ${f.file}: hunk #${h.hunk} FAILED ${at}`.trimEnd());
      }
    }
    if (files.length === 0 && detail) lines.push(...detail.split("\n").map((l) => `  ${l}`));
    const locations = [];
    for (const f of files) {
      const failed = f.hunks.filter((h) => h.patchLine !== void 0);
      if (failed.length === 0) locations.push({ file: patch, title: `${f.file} does not patch` });
      for (const h of failed) {
        locations.push({ file: patch, line: h.patchLine, title: `${f.file}: hunk #${h.hunk} FAILED` });
      }
    }
    if (locations.length === 0) locations.push({ file: patch, title: "patch does not apply" });
    super(lines.join("\n"), locations);
    this.patch = patch;
    this.files = files;
  }
};
var ConfigError = class extends UserError {
};
var LostConfigOptionsError = class extends ConfigError {
  constructor(lost) {
    const lines = [`${lost.length} kernel config option(s) did not keep the value asked for:`];
    for (const o of lost) {
      const where = o.from ? ` (${o.from.file}${o.from.line ? `:${o.from.line}` : ""})` : "";
      lines.push(`  ${o.option}: asked ${o.requested}, got ${o.actual}${where}${o.cause ? ` \u2014 ${o.cause}` : ""}`);
      if (!o.cause && o.dependsOn?.length) lines.push(`    depends on ${o.dependsOn.join(" && ")}`);
    }
    lines.push("Set the options they depend on too, or drop them from the config.");
    super(
      lines.join("\n"),
      lost.filter((o) => o.from).map((o) => ({ ...o.from, title: `${o.option} lost: asked ${o.requested}, got ${o.actual}${o.cause ? ` \u2014 ${o.cause}` : ""}` }))
    );
    this.lost = lost;
  }
};
var CompileError = class extends UserError {
  constructor(message, errorLines, locations = []) {
    super(message, locations);
    this.errorLines = errorLines;
  }
};
var ElfError = class extends UserError {
  constructor(file, reason) {
    super(`${file}: ${reason}`, [{ file, title: "not a usable kernel image" }]);
    this.file = file;
  }
};
var LinkError = class extends InfrastructureError {
};
var VerifyError = class extends UserError {
  constructor(library, mismatches) {
    super(`${library} failed verification:
${mismatches.map((m) => `  ${m}`).join("\n")}`);
    this.library = library;
    this.mismatches = mismatches;
  }
};
var BootError = class extends UserError {
  constructor(message, console) {
    super(message);
    this.console = console;
  }
};
var SourceReleaseError = class extends UserError {
  constructor(release, problems) {
    super(`${release} does not match its manifest:
${problems.map((p) => `  ${p}`).join("\n")}`, [
      { file: release, title: "source release does not match its manifest" }
    ]);
    this.release = release;
    this.problems = problems;
  }
};
var NotReproducedError = class extends UserError {
  constructor(release, differences) {
    super(`${release} did not rebuild the library it names:
${differences.map((d) => `  ${d}`).join("\n")}`);
    this.release = release;
    this.differences = differences;
  }
};
var PublishError = class extends InfrastructureError {
};
var InternalError = class extends InfrastructureError {
};
var ToolMissingError = class extends InfrastructureError {
  constructor(tool, hint) {
    super(`'${tool}' was not found on PATH. ${hint}`);
    this.tool = tool;
  }
};
var FaultError = class extends InfrastructureError {
  constructor(code, path9, message) {
    super(message);
    this.code = code;
    this.path = path9;
  }
};
var LockedError = class extends UserError {
  constructor(dir, holder) {
    super(`${dir} is in use by ${holder}; wait for that run to end, or give this run another directory.`);
    this.dir = dir;
    this.holder = holder;
  }
};
var InputFileError = class extends InputError {
  constructor(input, file, reason) {
    super(`${input}: ${file} ${reason}`, [{ file, title: `${input} refused` }]);
    this.input = input;
    this.file = file;
  }
};
var SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 };
var InterruptedError = class _InterruptedError extends LibkrunfwError {
  constructor(signal, stage) {
    super(`interrupted by ${signal}${stage ? ` during ${stage}` : ""}: every child process was stopped and no output was kept.`);
    this.signal = signal;
    this.exitCode = SIGNAL_EXIT[signal];
    this.stage = stage;
    this.named = stage !== void 0;
  }
  exitCode;
  /** Whether the message names the stage (the route sets `stage` later, on the error as thrown). */
  named;
  /** The same interruption, naming the stage it hit (the runner knows it; run() does not). */
  during(stage) {
    return this.named ? this : new _InterruptedError(this.signal, stage);
  }
};
function exitCodeOf(error) {
  if (error instanceof InterruptedError) return error.exitCode;
  return error instanceof UserError ? 1 : 2;
}
var PeError = class extends UserError {
  constructor(file, reason) {
    super(`${file}: ${reason}`, [{ file, title: "not a usable PE file" }]);
    this.file = file;
  }
};

// src/util/interrupt.ts
var SIGNALS = ["SIGINT", "SIGTERM"];
var controller = new AbortController();
var handlers;
function installInterruptHandlers(options = {}) {
  if (!handlers) {
    handlers = /* @__PURE__ */ new Map();
    for (const signal of SIGNALS) {
      const handler = () => {
        if (controller.signal.aborted) {
          process.exit(new InterruptedError(signal).exitCode);
        }
        options.onSignal?.(signal);
        controller.abort(new InterruptedError(signal));
      };
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }
  return uninstallInterruptHandlers;
}
function uninstallInterruptHandlers() {
  for (const [signal, handler] of handlers ?? []) process.off(signal, handler);
  handlers = void 0;
}
function interruptHandlersInstalled() {
  return handlers !== void 0;
}
function interruptSignal() {
  return controller.signal;
}
function throwIfInterrupted() {
  if (controller.signal.aborted) throw controller.signal.reason;
}
function resetInterrupt() {
  controller = new AbortController();
}

// src/platform/local/cache-store.ts
import { existsSync as existsSync2, mkdirSync as mkdirSync3, readdirSync, renameSync, rmSync, statSync as statSync3 } from "node:fs";
import os2 from "node:os";
import path4 from "node:path";

// src/util/faults.ts
var CONDITIONS = {
  ENOSPC: {
    text: "no space left on device",
    // GNU tar reports a short write by itself ("Wrote only 9216 of 10240 bytes") before any errno: the disk is full.
    printed: /No space left on device|Wrote only \d+ of \d+ bytes/i,
    hint: "free space on that file system or choose a directory on another"
  },
  EDQUOT: { text: "disk quota exceeded", printed: /Disk quota exceeded/i, hint: "free space within the quota or choose a directory on another file system" },
  EROFS: { text: "read-only file system", printed: /Read-only file system/i, hint: "choose a directory on a writable file system" },
  EACCES: { text: "permission denied", printed: /Permission denied/i, hint: "choose a directory this user can write, or fix its permissions" },
  EPERM: {
    text: "operation not permitted",
    printed: /Operation not permitted/i,
    hint: "choose a directory this user can write (an immutable or sealed file refuses even root)"
  },
  EBUSY: {
    text: "device or resource busy",
    printed: /Device or resource busy/i,
    hint: "something holds it (a mount, an open file): release it or choose another directory"
  },
  ENOMEM: {
    text: "out of memory",
    // gcc: "virtual memory exhausted", "out of memory allocating"; "Killed signal" is the OOM killer's work.
    printed: /Cannot allocate memory|virtual memory exhausted|out of memory|Killed signal terminated program/i,
    hint: "give the machine more memory or run fewer jobs (jobs)"
  },
  EIO: { text: "input/output error", printed: /Input\/output error/i, hint: "the disk or its file system failed: check the machine" }
};
var CODES = Object.keys(CONDITIONS);
function faultCodeOf(error) {
  const code = error?.code;
  return CODES.find((c) => c === code);
}
var SOURCE_EXCERPT = /^\s*\d*\s*\|/;
function faultInLine(line) {
  if (SOURCE_EXCERPT.test(line)) return void 0;
  return CODES.find((c) => CONDITIONS[c].printed.test(line));
}
function describeFault(code) {
  return `${CONDITIONS[code].text} (${code})`;
}
function faultError(code, place, detail) {
  const said = detail ? `: ${place.tool ? `${place.tool} reported it for ` : ""}${detail}` : "";
  const log = place.logFile ? ` (${place.tool ? `${place.tool}'s` : "the"} output: ${place.logFile})` : "";
  return new FaultError(code, place.path, `${describeFault(code)} while ${place.doing} ${place.path}${said}; ${CONDITIONS[code].hint}${log}`);
}
function asFault(error, place) {
  if (error instanceof FaultError) return error;
  const code = faultCodeOf(error);
  if (!code) return void 0;
  const at = error.path;
  return faultError(code, place, at && at !== place.path ? at : void 0);
}
function rethrowAsFault(error, place) {
  throw asFault(error, place) ?? error;
}
function withFaults(place, fn) {
  try {
    return fn();
  } catch (error) {
    rethrowAsFault(error, place);
  }
}
function pathInLine(line) {
  const quoted = /['‘"]([^'’"]+)['’"]\s*:/.exec(line);
  if (quoted) return quoted[1];
  const tar = /^[\w.-]*tar: (.+?): (?:Cannot|Can't|Error|Read error|Write error|Wrote only)\b/i.exec(line);
  if (tar) return tar[1];
  const of = / of (\S+?):? '/.exec(line);
  if (of) return of[1];
  const abs = /(?:^|\s)(\/[^\s:]+):/.exec(line.replace(/^\S+: /, ""));
  return abs?.[1];
}
function faultOfRun(result, place) {
  return result.fault ? faultError(result.fault.code, place, pathInLine(result.fault.line)) : void 0;
}

// src/util/lock.ts
import { randomBytes } from "node:crypto";
import { closeSync as closeSync2, linkSync, openSync as openSync2, readFileSync as readFileSync2, statSync as statSync2, unlinkSync as unlinkSync2, writeFileSync, writeSync as writeSync2 } from "node:fs";
import os from "node:os";
import path2 from "node:path";

// src/util/dir-checks.ts
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  statfsSync,
  statSync,
  unlinkSync,
  writeSync
} from "node:fs";
import path from "node:path";
var WORK_DIR_NEED = {
  /** The project's libkrun guest config (kernel-config/x86_64): measured 3.1 GB. */
  build: 4 * 2 ** 30,
  /** bundle --vmlinux: a copy of the payload, the library and the package. */
  bundle: 512 * 2 ** 20
};
function existingAncestor(dir) {
  let p = path.resolve(dir);
  while (!existsSync(p)) {
    const up = path.dirname(p);
    if (up === p) break;
    p = up;
  }
  return p;
}
function canonicalPath(dir) {
  const abs = path.resolve(dir);
  const base = existingAncestor(abs);
  let real;
  try {
    real = realpathSync(base);
  } catch {
    real = base;
  }
  return path.join(real, path.relative(base, abs));
}
function isWithin(inner, outer) {
  const rel = path.relative(canonicalPath(outer), canonicalPath(inner));
  return rel === "" || !rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel);
}
function checkRelation(dirs) {
  const pairs = [
    ["out-dir", dirs.outDir, "work-dir", dirs.workDir, "the work dir is emptied after the run, and the library would go with it"],
    ["cache-dir", dirs.cacheDir ?? "", "work-dir", dirs.workDir, "the work dir is emptied before and after each run, and the caches would go with it"],
    ["out-dir", dirs.outDir, "cache-dir", dirs.cacheDir ?? "", "cache entries are replaced and pruned, and the library could go with them"]
  ];
  for (const [aName, a, bName, b, why] of pairs) {
    if (!a || !b) continue;
    if (isWithin(a, b)) {
      const how = canonicalPath(a) === canonicalPath(b) ? "is the same directory as" : "is inside";
      throw new InputError(`${aName} ${a} ${how} ${bName} ${b}: ${why}; choose an ${aName} outside it`);
    }
    if (isWithin(b, a)) {
      throw new InputError(`${bName} ${b} is inside ${aName} ${a}: ${aName} would hold the ${bName}'s files; choose directories that do not nest`);
    }
  }
}
function makeDirs(dir) {
  const made = [];
  for (let p = path.resolve(dir); !existsSync(p); p = path.dirname(p)) made.unshift(p);
  for (const p of made) {
    try {
      mkdirSync(p);
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
  }
  return made;
}
function checkWritableDir(dir, name) {
  const abs = path.resolve(dir);
  const made = [];
  try {
    const st = statOrUndefined(abs);
    if (st && !st.isDirectory()) throw new InputError(`${name} ${dir} exists and is not a directory`);
    if (!st) {
      let blocker = path.dirname(abs);
      while (!existsSync(blocker)) blocker = path.dirname(blocker);
      if (!statSync(blocker).isDirectory()) throw new InputError(`${name} ${dir}: ${blocker} is not a directory`);
      for (let p = abs; p !== blocker; p = path.dirname(p)) made.unshift(p);
      makeDirs(abs);
    }
    const probe = path.join(abs, `.libkrunfw-action-write-test-${process.pid}`);
    const fd = openSync(probe, "wx");
    try {
      writeSync(fd, "x");
    } finally {
      closeSync(fd);
      unlinkSync(probe);
    }
  } catch (error) {
    for (const p of made.reverse()) {
      try {
        rmdirSync(p);
      } catch {
        break;
      }
    }
    if (error instanceof InputError) throw error;
    const code = faultCodeOf(error);
    throw code ? faultError(code, { doing: `writing to ${name}`, path: dir }) : error;
  }
}
function statOrUndefined(p) {
  try {
    return statSync(p, { throwIfNoEntry: false });
  } catch (error) {
    if (error.code === "ENOTDIR") return void 0;
    throw error;
  }
}
function freeSpace(dir) {
  const at = existingAncestor(dir);
  const s = statfsSync(at);
  return { available: s.bavail * s.bsize, total: s.blocks * s.bsize, measuredAt: at };
}
function formatBytes(n) {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(0)} MiB`;
  return `${n} bytes`;
}
function checkFreeSpace(dir, need, name, what = "a kernel build") {
  const free = freeSpace(dir);
  if (free.available < need) {
    throw faultError("ENOSPC", { doing: `checking ${name}`, path: dir }, `${formatBytes(free.available)} free, ${what} needs ${formatBytes(need)}`);
  }
  return free;
}
async function awaitFreeSpace(dir, need, name, options = {}) {
  const removals = options.removals ?? [];
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 6e4);
  let lastLine = 0;
  for (; ; ) {
    const free = freeSpace(dir);
    const running = removals.filter((r) => !r.done());
    if (free.available >= need || running.length === 0 || Date.now() >= deadline) break;
    if (Date.now() - lastLine >= 1e4) {
      lastLine = Date.now();
      options.log?.info(`waiting for the earlier files to be deleted: ${formatBytes(free.available)} free in ${name}, ${formatBytes(need)} needed`);
    }
    await Promise.race(running.map((r) => r.wait(1e3)));
  }
  return checkFreeSpace(dir, need, name, options.what);
}
var KBUILD_SAFE = /^[\p{L}\p{M}\p{N}/._+@~-]$/u;
var CHAR_NAMES = {
  " ": "a space",
  ":": "a colon",
  "	": "a tab",
  "\n": "a newline",
  "'": "a single quote",
  '"': "a double quote",
  "`": "a backtick",
  $: "a dollar sign",
  ";": "a semicolon",
  "\\": "a backslash"
};
function kbuildPathProblem(dir) {
  const bad = [...canonicalPath(dir)].find((ch) => !KBUILD_SAFE.test(ch));
  if (bad === void 0) return void 0;
  return CHAR_NAMES[bad] ?? (/\s/u.test(bad) ? "whitespace" : `the character ${bad}`);
}
function checkKbuildPath(dir, name) {
  const problem = kbuildPathProblem(dir);
  if (problem) {
    throw new InputError(
      `${name} ${dir}: the kernel cannot be built in a path with ${problem} in it (Linux's Makefile hands its directory to the shell unquoted); choose a ${name} whose path has only letters, digits and / . _ + @ ~ -`
    );
  }
}
function unescapeMount(field) {
  return field.replace(/\\([0-7]{3})/g, (_, oct) => String.fromCharCode(parseInt(oct, 8)));
}
function isMountPoint(dir) {
  let real;
  try {
    real = realpathSync(dir);
  } catch {
    return false;
  }
  const info = (() => {
    try {
      return readFileSync("/proc/self/mountinfo", "utf8");
    } catch {
      return void 0;
    }
  })();
  if (info !== void 0) {
    return info.split("\n").some((line) => {
      const mountPoint = line.split(" ")[4];
      return mountPoint !== void 0 && unescapeMount(mountPoint) === real;
    });
  }
  const parent = path.dirname(real);
  return parent === real || statSync(parent).dev !== statSync(real).dev;
}

// src/util/lock.ts
var LOCK_FILE_NAME = ".libkrunfw-action.lock";
var held = /* @__PURE__ */ new Map();
var exitHook = false;
function readProc(file) {
  try {
    return readFileSync2(file, "utf8");
  } catch {
    return void 0;
  }
}
function startTicksOf(pid) {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return void 0;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z") return void 0;
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks : void 0;
}
var BOOT_ID = readProc("/proc/sys/kernel/random/boot_id")?.trim();
function me(purpose, owner) {
  return {
    pid: owner ?? process.pid,
    host: os.hostname(),
    bootId: BOOT_ID,
    startTicks: startTicksOf(owner ?? "self"),
    started: (/* @__PURE__ */ new Date()).toISOString(),
    purpose,
    token: randomBytes(8).toString("hex")
  };
}
function describeHolder(h) {
  return `pid ${h.pid} on ${h.host} (${h.purpose}, since ${h.started})`;
}
function lockHolder(file) {
  try {
    const h = JSON.parse(readFileSync2(file, "utf8"));
    return typeof h.pid === "number" && typeof h.host === "string" ? h : void 0;
  } catch {
    return void 0;
  }
}
function sameProcess(a, b) {
  return a.pid === b.pid && a.host === b.host && a.bootId === b.bootId && a.startTicks === b.startTicks;
}
function holderAlive(h) {
  if (h.host !== os.hostname()) return void 0;
  if (h.bootId && BOOT_ID && h.bootId !== BOOT_ID) return false;
  try {
    process.kill(h.pid, 0);
  } catch (error) {
    if (error.code !== "EPERM") return false;
  }
  if (h.startTicks !== void 0) {
    const now = startTicksOf(h.pid);
    if (now === void 0) return process.platform === "linux" ? false : true;
    return now === h.startTicks;
  }
  return true;
}
function releaseAllOnExit() {
  if (exitHook) return;
  exitHook = true;
  process.once("exit", () => {
    for (const lock of [...held.values()]) lock.release();
  });
}
var sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms) {
  Atomics.wait(sleeper, 0, 0, ms);
}
function createExclusive(file, content) {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(tmp, content);
  try {
    linkSync(tmp, file);
    return true;
  } catch (error) {
    const code = error.code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
    let fd;
    try {
      fd = openSync2(file, "wx");
    } catch (e) {
      if (e.code === "EEXIST") return false;
      throw e;
    }
    writeSync2(fd, content);
    closeSync2(fd);
    return true;
  } finally {
    try {
      unlinkSync2(tmp);
    } catch {
    }
  }
}
var UNREADABLE_STALE_MS = 5e3;
var GUARD_STALE_MS = 3e4;
function removeLockOf(file, stale) {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, String(process.pid))) {
    const age = Date.now() - (statSync2(guard, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > GUARD_STALE_MS) unlinkSync2(guard);
    return false;
  }
  try {
    const now = lockHolder(file);
    if (stale ? now?.token !== stale.token || now.pid !== stale.pid : now !== void 0) return false;
    unlinkSync2(file);
    return true;
  } catch (error) {
    if (error.code === "ENOENT") return true;
    throw error;
  } finally {
    unlinkSync2(guard);
  }
}
function lockFile(file, options) {
  const what = options.what ?? path2.dirname(file);
  const holder = me(options.purpose, options.owner);
  const content = `${JSON.stringify(holder)}
`;
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (; ; ) {
    let created;
    try {
      created = createExclusive(file, content);
    } catch (error) {
      rethrowAsFault(error, { doing: "locking", path: what });
    }
    if (created) break;
    const other = lockHolder(file);
    if (other && options.adopt && sameProcess(other, holder)) {
      removeLockOf(file, other);
      continue;
    }
    const alive = other ? holderAlive(other) : void 0;
    if (other && alive === false) {
      if (removeLockOf(file, other)) {
        options.log?.notice(`took over the lock on ${what}: ${describeHolder(other)} is no longer running`);
      }
      continue;
    }
    if (!other) {
      const age = Date.now() - (statSync2(file, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > UNREADABLE_STALE_MS && removeLockOf(file, void 0)) {
        options.log?.notice(`took over the lock on ${what}: its lock file ${file} was left unreadable by a run that died`);
        continue;
      }
    }
    if (Date.now() >= deadline) {
      const who = other ? describeHolder(other) : `a run whose lock file ${file} is being written`;
      const elsewhere = other && alive === void 0 ? ` (a lock from another host cannot be checked from here: if no run is going on there, delete ${file})` : "";
      throw new LockedError(what, `${who}${elsewhere}`);
    }
    sleepSync(100);
  }
  let released = false;
  const lock = {
    file,
    holder,
    release() {
      if (released) return;
      released = true;
      held.delete(file);
      if (lockHolder(file)?.token !== holder.token) return;
      try {
        unlinkSync2(file);
      } catch {
      }
    }
  };
  if (options.owner !== void 0 && options.owner !== process.pid) return lock;
  held.set(file, lock);
  releaseAllOnExit();
  return lock;
}
function lockDirectory(dir, options) {
  try {
    makeDirs(dir);
  } catch (error) {
    rethrowAsFault(error, { doing: "creating", path: dir });
  }
  return lockFile(path2.join(dir, LOCK_FILE_NAME), { what: dir, ...options });
}

// src/util/run.ts
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync as mkdirSync2 } from "node:fs";
import path3 from "node:path";
import { StringDecoder } from "node:string_decoder";
import { constants as osConstants } from "node:os";
var KILL_GRACE_MS = 3e3;
var PIPE_GRACE_MS = 1e3;
var MAX_STDOUT = 512 * 1024 * 1024;
var liveGroups = /* @__PURE__ */ new Set();
var exitHook2 = false;
function killGroupsOnExit() {
  if (exitHook2) return;
  exitHook2 = true;
  process.once("exit", () => {
    for (const pid of liveGroups) signalGroup(pid, "SIGKILL");
  });
}
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
  }
}
function eachLine(stream, onLine) {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  stream.on("data", (chunk) => {
    pending += decoder.write(chunk);
    let nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      onLine(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  });
  return new Promise((resolve) => {
    const done = () => {
      pending += decoder.end();
      if (pending) onLine(pending);
      pending = "";
      resolve();
    };
    stream.once("close", done);
    stream.once("error", done);
  });
}
function openLog(file) {
  if (!file) return void 0;
  let lost;
  try {
    mkdirSync2(path3.dirname(file), { recursive: true });
  } catch (error) {
    lost = `(the log ${file} could not be written: ${error.message})`;
  }
  const stream = lost === void 0 ? createWriteStream(file, { flags: "a" }) : void 0;
  stream?.on("error", (error) => {
    lost ??= `(the log ${file} could not be written: ${error.message})`;
  });
  return {
    write: (line) => {
      if (lost === void 0) stream?.write(`${line}
`);
    },
    lost: () => lost,
    close: () => new Promise((resolve) => lost !== void 0 || !stream ? resolve() : stream.end(resolve))
  };
}
var Lines = class {
  constructor(keep, options, log, stop) {
    this.keep = keep;
    this.options = options;
    this.log = log;
    this.stop = stop;
  }
  tail = [];
  fault;
  stoppedOn;
  remember(line) {
    this.tail.push(line);
    if (this.tail.length > this.keep) this.tail.shift();
  }
  take(line) {
    this.remember(line);
    this.log?.write(line);
    this.options.echo?.info(line);
    if (!this.fault) {
      const code = faultInLine(line);
      if (code) this.fault = { code, line };
    }
    if (this.stoppedOn === void 0 && this.options.stopOn?.(line)) {
      this.stoppedOn = line;
      this.stop();
    }
  }
};
function stopperOf(child, ownGroup) {
  const pid = child.pid;
  let killTimer;
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null || pid === void 0) return;
    if (ownGroup) signalGroup(pid, "SIGTERM");
    else child.kill("SIGTERM");
    killTimer ??= setTimeout(() => ownGroup ? signalGroup(pid, "SIGKILL") : child.kill("SIGKILL"), KILL_GRACE_MS);
  };
  return { stop, clear: () => clearTimeout(killTimer) };
}
function collectStdout(pipe, binary, onLine, stop) {
  const chunks = [];
  let total = 0;
  let overflow = false;
  pipe.on("data", (chunk) => {
    if (total + chunk.length <= MAX_STDOUT) chunks.push(chunk);
    else if (binary) {
      overflow = true;
      stop();
    }
    total += chunk.length;
  });
  const done = binary ? new Promise((resolve) => pipe.once("close", () => resolve())) : eachLine(pipe, onLine);
  return { done, overflow: () => overflow, bytes: () => Buffer.concat(chunks) };
}
function exitOf(child, file) {
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, sig) => resolve({ code, signal: sig }));
  }).catch((error) => {
    if (error.code === "ENOENT") {
      throw new ToolMissingError(file, "Install it (README: set-up), or run `bash scripts/setup.sh` as root.");
    }
    throw new InfrastructureError(`${file} could not run: ${error.message}`);
  });
}
async function run(file, args, options = {}) {
  const keep = options.tail ?? 200;
  const signal = options.signal ?? interruptSignal();
  signal.throwIfAborted();
  const ownGroup = options.signal !== void 0 || options.stopOn !== void 0 || interruptHandlersInstalled();
  const log = openLog(options.logFile);
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: [options.input !== void 0 ? "pipe" : "ignore", "pipe", "pipe"],
    detached: ownGroup
  });
  const pid = child.pid;
  if (ownGroup && pid !== void 0) {
    killGroupsOnExit();
    liveGroups.add(pid);
  }
  const { stop, clear } = stopperOf(child, ownGroup);
  const lines = new Lines(keep, options, log, stop);
  const onLine = (line) => lines.take(line);
  const stdout = collectStdout(child.stdout, options.binaryStdout === true, onLine, stop);
  const pipes = [eachLine(child.stderr, onLine), stdout.done];
  if (options.input !== void 0 && child.stdin) {
    child.stdin.on("error", () => {
    });
    child.stdin.end(options.input);
  }
  signal.addEventListener("abort", stop, { once: true });
  try {
    const exit = await exitOf(child, file);
    if (ownGroup && pid !== void 0 && (signal.aborted || lines.stoppedOn !== void 0)) signalGroup(pid, "SIGKILL");
    await settleWithin(Promise.all(pipes), PIPE_GRACE_MS, () => {
      child.stdout.destroy();
      child.stderr.destroy();
    });
    if (signal.aborted) {
      const reason = signal.reason;
      throw reason instanceof Error ? reason : new InfrastructureError(`${file} was stopped`);
    }
    if (stdout.overflow()) throw new InfrastructureError(`${file} wrote more than ${MAX_STDOUT} bytes to stdout`);
    const bytes = stdout.bytes();
    const lost = log?.lost();
    if (lost) lines.remember(lost);
    return {
      exitCode: exit.code ?? 128 + (exit.signal ? osConstants.signals[exit.signal] ?? 0 : 0),
      signal: exit.signal ?? void 0,
      tail: lines.tail,
      stdout: options.binaryStdout ? "" : bytes.toString("utf8").replace(/\r?\n$/, ""),
      stdoutBuffer: options.binaryStdout ? bytes : void 0,
      stoppedOn: lines.stoppedOn,
      fault: lines.fault
    };
  } finally {
    signal.removeEventListener("abort", stop);
    clear();
    if (pid !== void 0) liveGroups.delete(pid);
    await log?.close();
  }
}
async function settleWithin(work, ms, giveUp) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => {
      giveUp();
      resolve();
    }, ms);
  });
  await Promise.race([work.then(() => void 0), late]);
  clearTimeout(timer);
}
async function runChecked(file, args, options = {}) {
  const result = await run(file, args, options);
  if (result.exitCode !== 0) {
    const place = options.place ?? { doing: `running ${file} in`, path: options.cwd ?? process.cwd(), tool: path3.basename(file), logFile: options.logFile };
    const fault = faultOfRun(result, place);
    if (fault) throw fault;
    throw new InfrastructureError(`${[file, ...args].join(" ")} failed (exit ${result.exitCode}):
${result.tail.slice(-30).join("\n")}`);
  }
  return result;
}

// src/platform/local/cache-store.ts
function defaultCacheDir(env = process.env) {
  const base = env.XDG_CACHE_HOME || path4.join(os2.homedir(), ".cache");
  return path4.join(base, "libkrunfw-action");
}
var SUFFIX = ".tar";
var fileOf = (key) => `${encodeURIComponent(key)}${SUFFIX}`;
var keyOf = (file) => decodeURIComponent(file.slice(0, -SUFFIX.length));
var LOCK = ".lock";
var PARTIAL = ".partial";
function lockEntry(target, purpose, log) {
  try {
    return lockFile(`${target}${LOCK}`, { purpose, what: `cache entry ${path4.basename(target)}`, log });
  } catch (error) {
    if (error instanceof LockedError) return void 0;
    throw error;
  }
}
function sweepDeadSaves(dir, log) {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(`${SUFFIX}${LOCK}`)) continue;
    const target = path4.join(dir, name.slice(0, -LOCK.length));
    const lock = lockEntry(target, "clearing a dead save", { notice: (m) => log.debug(m) });
    if (!lock) continue;
    rmSync(`${target}${PARTIAL}`, { force: true });
    lock.release();
  }
}
function directoryCacheStore(dir, log) {
  const entries = () => {
    if (!existsSync2(dir)) return [];
    return readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).map((f) => ({ key: keyOf(f), file: path4.join(dir, f), mtime: statSync3(path4.join(dir, f)).mtimeMs }));
  };
  return {
    kind: "directory",
    dir,
    async restore(paths, primaryKey, restoreKeys = []) {
      try {
        const all = entries();
        const newest = (prefix) => all.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.mtime - a.mtime)[0];
        const hit = all.find((e) => e.key === primaryKey) ?? [primaryKey, ...restoreKeys].map(newest).find(Boolean);
        if (!hit) return void 0;
        for (const p of paths) rmSync(p, { recursive: true, force: true });
        const r = await run("tar", ["-xPf", hit.file]);
        if (r.exitCode !== 0) {
          const fault = faultOfRun(r, { doing: `restoring ${hit.key} to`, path: paths.join(", "), tool: "tar" });
          log.warning(`cache entry ${hit.file} could not be restored: ${fault?.message ?? r.tail.join(" ")}`);
          return void 0;
        }
        return hit.key;
      } catch (e) {
        const fault = asFault(e, { doing: `restoring ${primaryKey} to`, path: paths.join(", ") });
        log.warning(`cache restore of ${primaryKey} failed: ${(fault ?? e).message}`);
        return void 0;
      }
    },
    async save(paths, key) {
      const target = path4.join(dir, fileOf(key));
      if (existsSync2(target)) return false;
      const partial = `${target}${PARTIAL}`;
      let lock;
      try {
        const present = paths.filter((p) => existsSync2(p)).map((p) => path4.resolve(p));
        if (present.length === 0) return false;
        mkdirSync3(dir, { recursive: true });
        sweepDeadSaves(dir, log);
        lock = lockEntry(target, `saving cache entry ${key}`, log);
        if (!lock) {
          log.info(`cache entry ${key} is being saved by another run; not saving it twice`);
          return false;
        }
        if (existsSync2(target)) return false;
        rmSync(partial, { force: true });
        const r = await run("tar", ["-cPf", partial, "--", ...present]);
        if (r.exitCode !== 0) {
          const fault = faultOfRun(r, { doing: `saving ${key} to`, path: dir, tool: "tar" });
          throw fault ?? new Error(r.tail.join(" "));
        }
        renameSync(partial, target);
        return true;
      } catch (e) {
        const fault = asFault(e, { doing: `saving ${key} to`, path: dir });
        log.warning(`cache save of ${key} to ${dir} failed: ${(fault ?? e).message}`);
        return false;
      } finally {
        if (lock) {
          rmSync(partial, { force: true });
          lock.release();
        }
      }
    }
  };
}

// src/target.ts
import { existsSync as existsSync3 } from "node:fs";
var ARCHES = ["x86_64", "aarch64", "riscv64"];
var VARIANTS = ["generic", "sev", "tdx"];
var TEE_VARIANTS = ["sev", "tdx"];
var HOSTS = ["linux", "windows"];
function isHost(name) {
  return HOSTS.includes(name);
}
var WINDOWS_TARGET = { arch: "x86_64", variant: "generic" };
var HOST_PACKAGES = { linux: [], windows: ["gcc-mingw-w64-x86-64", "wine64"] };
var TEE_ARCHES = ["x86_64"];
var FACTS = {
  x86_64: {
    kernelArch: "x86_64",
    srcArch: "x86",
    image: "vmlinux",
    imagePath: "vmlinux",
    triplet: "x86_64-linux-gnu",
    nodeArch: "x64",
    qemuUser: "qemu-x86_64",
    bootEmulator: "qemu-system-x86_64",
    bootPackage: "qemu-system-x86"
  },
  aarch64: {
    kernelArch: "arm64",
    srcArch: "arm64",
    image: "Image",
    imagePath: "arch/arm64/boot/Image",
    triplet: "aarch64-linux-gnu",
    nodeArch: "arm64",
    qemuUser: "qemu-aarch64",
    bootEmulator: "qemu-system-aarch64",
    bootPackage: "qemu-system-arm"
  },
  riscv64: {
    kernelArch: "riscv",
    srcArch: "riscv",
    image: "Image",
    imagePath: "arch/riscv/boot/Image",
    triplet: "riscv64-linux-gnu",
    nodeArch: "riscv64",
    qemuUser: "qemu-riscv64",
    bootEmulator: "qemu-system-riscv64",
    bootPackage: "qemu-system-misc"
  }
};
function archFacts(arch) {
  return FACTS[arch];
}
function isArch(name) {
  return ARCHES.includes(name);
}
function isVariant(name) {
  return VARIANTS.includes(name);
}
function archOfHost(nodeArch) {
  return ARCHES.find((a) => FACTS[a].nodeArch === nodeArch);
}
function targetTools(arch, hostNodeArch = process.arch) {
  const f = FACTS[arch];
  if (f.nodeArch === hostNodeArch) return { arch, crossCompile: "", cc: "gcc", strip: "strip", readelf: "readelf", runPrefix: [] };
  const prefix = `${f.triplet}-`;
  const sysroot = `/usr/${f.triplet}`;
  return {
    arch,
    crossCompile: prefix,
    cc: `${prefix}gcc`,
    strip: `${prefix}strip`,
    readelf: "readelf",
    runPrefix: [f.qemuUser, "-L", sysroot]
  };
}
function crossPackages(arch) {
  return [`gcc-${FACTS[arch].triplet}`, `libc6-dev-${debArch(arch)}-cross`, "qemu-user"];
}
function missingToolHint(arch) {
  const sysroot = `/usr/${FACTS[arch].triplet}`;
  const packages = crossPackages(arch).filter((p) => !existsSync3(sysroot) || !p.startsWith("libc6-dev-"));
  return `apt-get install ${packages.join(" ")}`;
}
function debArch(arch) {
  return { x86_64: "amd64", aarch64: "arm64", riscv64: "riscv64" }[arch];
}
function libraryBase(variant) {
  return variant === "generic" ? "libkrunfw" : `libkrunfw-${variant}`;
}
function libraryNames(r) {
  const base = libraryBase(r.variant);
  return { file: `${base}.so.${r.version}`, soname: `${base}.so.${r.abiVersion}`, dev: `${base}.so` };
}
function hostInfix(host = "linux") {
  return host === "windows" ? "-windows" : "";
}
function tarballName(variant, arch, host = "linux") {
  return `${libraryBase(variant)}${hostInfix(host)}-${arch}.tgz`;
}

// src/cache/saves.ts
import { existsSync as existsSync5, readdirSync as readdirSync4, statSync as statSync5 } from "node:fs";
import path7 from "node:path";

// src/cache/tree-cache.ts
import { copyFileSync, existsSync as existsSync4, mkdirSync as mkdirSync5, readdirSync as readdirSync3, readFileSync as readFileSync3, renameSync as renameSync3, rmSync as rmSync3, statSync as statSync4, writeFileSync as writeFileSync2 } from "node:fs";
import path6 from "node:path";

// src/util/remove.ts
import { spawn as spawn2 } from "node:child_process";
import { lstatSync, mkdirSync as mkdirSync4, readdirSync as readdirSync2, renameSync as renameSync2, rmdirSync as rmdirSync2, rmSync as rmSync2 } from "node:fs";
import path5 from "node:path";
var TRASH_PREFIX = ".libkrunfw-action-trash-";
var nothing = { trash: [], done: () => true, wait: async () => true };
var serial = 0;
var trashName = (what) => `${TRASH_PREFIX}${what}-${process.pid}-${Date.now()}-${serial++}`;
function emptyDir(dir, options = {}) {
  const keep = new Set(options.keep ?? []);
  let names;
  try {
    names = readdirSync2(dir);
  } catch (error) {
    if (error.code === "ENOENT") return;
    rethrowAsFault(error, { doing: "emptying", path: dir });
  }
  for (const name of names) {
    if (keep.has(name)) continue;
    try {
      rmSync2(path5.join(dir, name), { recursive: true, force: true, maxRetries: 2 });
    } catch (error) {
      rethrowAsFault(error, { doing: "emptying", path: dir });
    }
  }
}
function removeDir(dir) {
  emptyDir(dir);
  if (isMountPoint(dir)) return;
  try {
    rmdirSync2(dir);
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT") return;
    rethrowAsFault(error, { doing: "removing", path: dir });
  }
}
function deleteDetached(paths, log, what) {
  if (paths.length === 0) return nothing;
  const rm = spawn2("rm", ["-rf", "--", ...paths], { detached: true, stdio: "ignore" });
  let ended = false;
  const waiters = [];
  const end = () => {
    ended = true;
    for (const w of waiters.splice(0)) w();
  };
  rm.once("exit", end);
  rm.once("error", (error) => {
    log?.warning(`could not start rm to delete ${what}: ${error.message}; delete ${paths.join(", ")} by hand`);
    end();
  });
  rm.unref();
  log?.info(`deleting ${what} in the background (rm, pid ${rm.pid ?? "?"}): the run goes on meanwhile`);
  return {
    trash: paths,
    pid: rm.pid,
    done: () => ended,
    wait: (timeoutMs) => new Promise((resolve) => {
      if (ended) return resolve(true);
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
      waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    })
  };
}
function clearDirInBackground(dir, options = {}) {
  const keep = new Set(options.keep ?? []);
  let names;
  try {
    names = readdirSync2(dir);
  } catch (error) {
    if (error.code === "ENOENT") return nothing;
    rethrowAsFault(error, { doing: "clearing", path: dir });
  }
  const earlier = names.filter((n) => n.startsWith(TRASH_PREFIX)).map((n) => path5.join(dir, n));
  const moving = names.filter((n) => !keep.has(n) && !n.startsWith(TRASH_PREFIX)).sort();
  let trash;
  if (moving.length > 0) {
    trash = path5.join(dir, trashName("contents"));
    try {
      mkdirSync4(trash);
      for (const name of moving) renameSync2(path5.join(dir, name), path5.join(trash, name));
    } catch (error) {
      rethrowAsFault(error, { doing: "clearing", path: dir });
    }
  }
  const what = options.what ?? `the old contents of ${dir}`;
  const listed = moving.length > 0 ? `${what} (${moving.slice(0, 4).join(", ")}${moving.length > 4 ? ", ..." : ""})` : `${what}: what earlier runs left`;
  return deleteDetached([...trash ? [trash] : [], ...earlier], options.log, listed);
}
function removeInBackground(target, log, what = target) {
  const st = lstatSync(target, { throwIfNoEntry: false });
  if (!st) return nothing;
  if (st.isDirectory() && isMountPoint(target)) return clearDirInBackground(target, { log, what });
  const aside = path5.join(path5.dirname(target), trashName(path5.basename(target)));
  try {
    renameSync2(target, aside);
  } catch (error) {
    const code = error.code;
    if (st.isDirectory() && (code === "EBUSY" || code === "EACCES" || code === "EPERM" || code === "EXDEV" || code === "EROFS")) {
      return clearDirInBackground(target, { log, what });
    }
    rethrowAsFault(error, { doing: "removing", path: target });
  }
  return deleteDetached([aside], log, what);
}

// src/cache/tree-cache.ts
var STATE = "state.json";
var TREES_KEPT = 2;
var LOCK_WAIT_MS = 3e4;
function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}
var entryKey = (sha256) => sha256.slice(0, 32);
var patchArgs = (tree, file) => ["-p1", "--batch", "--fuzz=0", "--no-backup-if-mismatch", "-r", "-", "-d", tree, "-i", file];
var TreeCache = class {
  constructor(root, log, lockWaitMs = LOCK_WAIT_MS) {
    this.root = root;
    this.log = log;
    this.lockWaitMs = lockWaitMs;
  }
  entry(sha256) {
    return path6.join(this.root, entryKey(sha256));
  }
  /** The cache's lock, waited for; undefined (with a line saying so) when another run holds it too long. */
  lock(purpose) {
    try {
      return lockDirectory(this.root, { purpose, log: this.log, waitMs: this.lockWaitMs, what: `the tree cache ${this.root}` });
    } catch (e) {
      if (!(e instanceof LockedError)) throw e;
      this.log.info(`tree cache: ${e.message}`);
      return void 0;
    }
  }
  /**
   * Move the cached tree for this tarball and arch to `srcDir`/<root> with the
   * last run's patches reversed; undefined (and nothing in srcDir) when there
   * is none or it cannot be reused.
   */
  async take(sha256, arch, srcDir, scratch) {
    const entry = this.entry(sha256);
    if (!existsSync4(path6.join(entry, STATE))) return void 0;
    const claimed = path6.join(scratch, "tree-cache-entry");
    removeInBackground(claimed, this.log, "a tree an earlier run left unused");
    mkdirSync5(scratch, { recursive: true });
    const lock = this.lock(`taking the kernel tree ${entryKey(sha256)}`);
    if (!lock) return void 0;
    try {
      if (!existsSync4(path6.join(entry, STATE))) return void 0;
      renameSync3(entry, claimed);
    } catch (e) {
      this.log.info(
        `tree cache: not reused (${e.code === "EXDEV" ? "the cache and work directories are on different filesystems" : e.message})`
      );
      return void 0;
    } finally {
      lock.release();
    }
    try {
      const state = JSON.parse(readFileSync3(path6.join(claimed, STATE), "utf8"));
      const builtFor = state.arch;
      if (state.format !== 1 || state.tarballSha256 !== sha256 || !isArch(builtFor)) return this.drop(claimed, "its record does not match");
      if (path6.resolve(state.srcDir) !== path6.resolve(srcDir)) return this.drop(claimed, `it was built in ${state.srcDir}, not ${srcDir}`);
      const tree = path6.join(srcDir, state.root);
      removeInBackground(srcDir, this.log, `the old ${srcDir}`);
      mkdirSync5(srcDir, { recursive: true });
      renameSync3(path6.join(claimed, "src", state.root), tree);
      for (const name of [...state.applied].reverse()) {
        const file = path6.join(claimed, "patches", name);
        const dry = await run("patch", ["-R", "--dry-run", ...patchArgs(tree, file)], { env: { LC_ALL: "C" } });
        if (dry.exitCode !== 0) {
          removeInBackground(srcDir, this.log, "the tree that could not be reused");
          return this.drop(claimed, `reversing ${name} failed`);
        }
        await run("patch", ["-R", "--silent", ...patchArgs(tree, file)], { env: { LC_ALL: "C" } });
      }
      if (builtFor !== arch) {
        const clean = await run("make", ["-C", tree, `ARCH=${archFacts(builtFor).kernelArch}`, "mrproper"], { env: { LC_ALL: "C" } });
        if (clean.exitCode !== 0) {
          removeInBackground(srcDir, this.log, "the tree that could not be reused");
          return this.drop(claimed, `make mrproper of its ${builtFor} build failed`);
        }
      }
      rmSync3(claimed, { recursive: true, force: true });
      return { tree, reversed: state.applied.length, cleanedArch: builtFor === arch ? void 0 : builtFor };
    } catch (e) {
      removeInBackground(srcDir, this.log, "the tree that could not be reused");
      return this.drop(claimed, e.message);
    }
  }
  drop(claimed, why) {
    this.log.info(`tree cache: not reused, ${why}; extracting afresh`);
    removeInBackground(claimed, this.log, "the cached tree");
    return void 0;
  }
  /** After a successful build: move the tree into the cache with what was applied to it. */
  give(info) {
    const tree = path6.join(info.srcDir, info.root);
    if (!existsSync4(tree)) return false;
    const entry = this.entry(info.tarballSha256);
    const staging = `${entry}.${process.pid}.partial`;
    try {
      rmSync3(staging, { recursive: true, force: true });
      mkdirSync5(path6.join(staging, "patches"), { recursive: true });
      mkdirSync5(path6.join(staging, "src"), { recursive: true });
      const applied = info.applied.map((file, i) => {
        const name = `${String(i + 1).padStart(4, "0")}-${path6.basename(file)}`;
        copyFileSync(file, path6.join(staging, "patches", name));
        return name;
      });
      const state = { format: 1, tarballSha256: info.tarballSha256, arch: info.arch, srcDir: path6.resolve(info.srcDir), root: info.root, applied };
      writeFileSync2(path6.join(staging, STATE), `${JSON.stringify(state, null, 2)}
`);
      renameSync3(tree, path6.join(staging, "src", info.root));
      const lock = this.lock(`keeping the kernel tree ${entryKey(info.tarballSha256)}`);
      if (!lock) {
        removeInBackground(staging, this.log, "the tree that was not kept");
        return false;
      }
      try {
        removeInBackground(entry, this.log, "the tree it replaces");
        renameSync3(staging, entry);
        this.prune();
      } finally {
        lock.release();
      }
      return true;
    } catch (e) {
      const fault = asFault(e, { doing: "keeping the kernel tree in", path: this.root });
      this.log.warning(`tree cache: could not keep the tree (${(fault ?? e).message})`);
      removeInBackground(staging, this.log, "the tree that was not kept");
      return false;
    }
  }
  /** Keep the newest TREES_KEPT entries (called with the lock held). */
  prune() {
    const entries = readdirSync3(this.root).filter((n) => !n.endsWith(".partial") && !n.startsWith(TRASH_PREFIX) && existsSync4(path6.join(this.root, n, STATE))).map((n) => ({ dir: path6.join(this.root, n), mtime: statSync4(path6.join(this.root, n, STATE)).mtimeMs })).sort((a, b) => b.mtime - a.mtime);
    for (const old of entries.slice(TREES_KEPT)) removeInBackground(old.dir, this.log, "an old cached tree");
    for (const n of readdirSync3(this.root)) {
      const pid = /\.(\d+)\.partial$/.exec(n)?.[1];
      if (pid && !processAlive(Number(pid))) removeInBackground(path6.join(this.root, n), this.log, "a tree a dead run was keeping");
    }
  }
};

// src/cache/saves.ts
function sizeOf(p) {
  if (!existsSync5(p)) return 0;
  const st = statSync5(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync4(p).reduce((n, f) => n + sizeOf(path7.join(p, f)), 0);
}
var OUTPUT_EXTRAS = ["final.config", "GPL-2.0", "LGPL-2.1"];
function treeRoot(store) {
  return path7.join(store.dir, "trees");
}
async function saveCaches(store, pending, log, shelf) {
  const saved = [];
  for (const p of pending) {
    if (p.level === "tree") {
      if (p.tree && store.dir && new TreeCache(treeRoot(store), log).give(p.tree)) {
        saved.push(p);
        log.info(`tree cache: kept the ${p.tree.arch} kernel tree for the next run`);
      }
      continue;
    }
    if (!p.paths.every((f) => existsSync5(f))) {
      log.info(`${p.level} cache: nothing to save (${p.paths.join(", ")} missing)`);
      continue;
    }
    if (shelf && p.sha256) {
      await shelf.keep(p.paths[0], p.sha256).catch((e) => log.warning(`keeping the tarball in the tool cache failed: ${e.message}`));
    }
    if (await store.save(p.paths, p.key)) {
      saved.push(p);
      log.info(`${p.level} cache: saved ${p.key} (${(sizeOf(p.paths[0]) / 2 ** 20).toFixed(1)} MiB)`);
    } else {
      log.info(`${p.level} cache: ${p.key} not saved (it exists, or the cache refused it)`);
    }
  }
  return saved;
}

// src/finish.ts
import { existsSync as existsSync7 } from "node:fs";

// src/work-dir.ts
import { existsSync as existsSync6, readdirSync as readdirSync5, writeFileSync as writeFileSync3 } from "node:fs";
import path8 from "node:path";
var WORK_MARK = ".libkrunfw-action-work";
function refuseForeign(dir) {
  const names = existsSync6(dir) ? readdirSync5(dir).filter((n) => n !== LOCK_FILE_NAME) : [];
  if (names.length > 0 && !existsSync6(path8.join(dir, WORK_MARK))) {
    throw new InputError(`work-dir ${dir} is not empty and was not made by libkrunfw-action; choose an empty or new directory`);
  }
}
function clearKeeping(dir, keep, log) {
  const rel = keep.map((k) => path8.relative(dir, k)).filter((r) => r && !r.startsWith("..") && !path8.isAbsolute(r));
  const top = /* @__PURE__ */ new Map();
  for (const r of rel) {
    const [first, ...rest] = r.split(path8.sep);
    top.set(first, [...top.get(first) ?? [], ...rest.length > 0 ? [path8.join(dir, ...[first, ...rest])] : []]);
  }
  const here = clearDirInBackground(dir, { keep: [LOCK_FILE_NAME, WORK_MARK, ...top.keys()], log, what: `the last run's files in ${dir}` });
  const below = [...top].filter(([, inner]) => inner.length > 0).flatMap(([name, inner]) => clearKeeping(path8.join(dir, name), inner, log));
  return [here, ...below];
}
function prepareWorkDir(dir, options = {}) {
  refuseForeign(dir);
  return withFaults({ doing: "preparing work-dir", path: dir }, () => {
    const started = existsSync6(dir) ? clearKeeping(dir, options.keep ?? [], options.log) : [];
    makeDirs(dir);
    writeFileSync3(path8.join(dir, WORK_MARK), "");
    return started;
  });
}
function takeWorkDir(dir, purpose, options = {}) {
  refuseForeign(dir);
  const lock = lockDirectory(dir, { purpose, log: options.log, what: `work-dir ${dir}`, owner: options.owner });
  try {
    return { lock, removals: prepareWorkDir(dir, options) };
  } catch (e) {
    lock.release();
    throw e;
  }
}
function removeWorkDir(dir) {
  if (existsSync6(path8.join(dir, WORK_MARK))) removeDir(dir);
}

// src/finish.ts
function savesFor(record) {
  if (record.outcome !== "succeeded") return record.pending.filter((p) => p.level === "compiler");
  return record.keepWorkDir ? record.pending.filter((p) => p.level !== "tree") : record.pending;
}
async function finishRun(record, platform) {
  const { log } = platform;
  if (record.started === false) return;
  if (!existsSync7(record.workDir)) return finishHeld(record, platform);
  if (record.outcome === "interrupted") resetInterrupt();
  let lock;
  try {
    const owner = platform.jobProcess;
    lock = lockDirectory(record.workDir, { purpose: "finishing a run", log, what: `work-dir ${record.workDir}`, owner, adopt: true });
  } catch (e) {
    if (!(e instanceof LockedError)) throw e;
    return log.warning(`nothing saved or cleaned: ${e.message}`);
  }
  try {
    await finishHeld(record, platform);
  } finally {
    lock.release();
  }
}
async function finishHeld(record, platform) {
  const { log } = platform;
  const saves = savesFor(record);
  if (record.outcome !== "succeeded" && record.pending.length > saves.length) {
    log.info(`the run ${record.outcome === "failed" ? "failed" : "was interrupted"}: only the compiler cache is saved from it`);
  }
  const store = saves.length > 0 ? platform.cacheStore?.(record.cacheDir) : void 0;
  if (store) await saveCaches(store, saves, log, platform.tarballShelf);
  if (record.outcome === "succeeded" && !record.keepWorkDir) removeWorkDir(record.workDir);
  else log.info(`work directory kept${record.keepWorkDir ? " (keep-work-dir)" : " for inspection"}: ${record.workDir}`);
}

export {
  __require,
  __commonJS,
  __export,
  __toESM,
  LibkrunfwError,
  UserError,
  InfrastructureError,
  InputError,
  ChecksumError,
  DownloadError,
  UnsafeArchiveError,
  ArchiveError,
  PatchError,
  ConfigError,
  LostConfigOptionsError,
  CompileError,
  ElfError,
  LinkError,
  VerifyError,
  BootError,
  SourceReleaseError,
  NotReproducedError,
  PublishError,
  InternalError,
  ToolMissingError,
  FaultError,
  LockedError,
  InputFileError,
  InterruptedError,
  exitCodeOf,
  PeError,
  faultCodeOf,
  faultInLine,
  faultError,
  asFault,
  rethrowAsFault,
  withFaults,
  pathInLine,
  WORK_DIR_NEED,
  checkRelation,
  makeDirs,
  checkWritableDir,
  formatBytes,
  awaitFreeSpace,
  checkKbuildPath,
  installInterruptHandlers,
  interruptSignal,
  throwIfInterrupted,
  run,
  runChecked,
  defaultCacheDir,
  directoryCacheStore,
  ARCHES,
  VARIANTS,
  TEE_VARIANTS,
  HOSTS,
  isHost,
  WINDOWS_TARGET,
  HOST_PACKAGES,
  TEE_ARCHES,
  archFacts,
  isArch,
  isVariant,
  archOfHost,
  targetTools,
  crossPackages,
  missingToolHint,
  libraryBase,
  libraryNames,
  hostInfix,
  tarballName,
  TreeCache,
  sizeOf,
  OUTPUT_EXTRAS,
  treeRoot,
  prepareWorkDir,
  takeWorkDir,
  finishRun
};
//# sourceMappingURL=chunk-FDKAMVP5.js.map
