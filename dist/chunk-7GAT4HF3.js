import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  ARCHES,
  InputError,
  RECIPE,
  TEE_VARIANTS,
  UserError,
  VARIANTS,
  archOfHost,
  buildLibrary,
  bundleExisting,
  checkBlob,
  checkRelease,
  extractTarball,
  finishBuild,
  parseConfig,
  prepareWorkDir,
  readManifest,
  readSeries,
  run,
  runChecked,
  sha256,
  targetTools,
  toolchainIdentity
} from "./chunk-6TGI6TJH.js";

// src/request/inputs.ts
var BUILD_INPUTS = [
  {
    name: "kernel-version",
    description: "Kernel release to build from kernel.org, e.g. 6.12.87. Default: the project's recipe. Versions the project does not know need kernel-sha256."
  },
  {
    name: "kernel-source",
    description: "A kernel source tarball instead of a kernel.org release: an https URL (needs kernel-sha256) or a local path (.tar.xz, .tar.gz, .tar.bz2, .tar)."
  },
  {
    name: "kernel-sha256",
    description: "The sha256 the tarball must have. Checked before anything is extracted. Required for URLs and unknown versions; optional for a local file."
  },
  {
    name: "kernel-config",
    description: "Kernel config: one full .config, or fragments (files or directories of *.config) merged onto allnoconfig. Newline-separated. Default: the project's fragments for the architecture.",
    multiple: true
  },
  {
    name: "kernel-config-mode",
    description: "How to read kernel-config: 'full' (one complete config, then olddefconfig), 'fragments' (merged onto allnoconfig), or 'auto' (a single file written by kconfig is full, anything else fragments).",
    default: "auto"
  },
  {
    name: "patches",
    description: "The patch series: a directory of *.patch files (applied in name order, or in the order of its series file) or a series file. 'none' applies nothing. Default: the project's patches/."
  },
  {
    name: "libkrunfw-dir",
    description: "A libkrunfw source tree to build as its Makefile says: the kernel version, ABI and version from its Makefile, its patches/ (and patches-tee/ for sev/tdx), its config-libkrunfw[-sev|-tdx]_<arch>, and for sev/tdx its qboot/<variant>/bios.bin and initrd/initrd.gz. Inputs given explicitly win."
  },
  {
    name: "libkrunfw-ref",
    description: "A branch, tag or commit of libkrunfw-repository to check out and build as with libkrunfw-dir (the commit is recorded in the source release)."
  },
  {
    name: "libkrunfw-repository",
    description: "The git repository libkrunfw-ref is fetched from (a URL or a local path).",
    default: "https://github.com/containers/libkrunfw"
  },
  {
    name: "vmlinux",
    description: "An already built kernel image to package instead of building one: skips source, patch, configure and compile."
  },
  {
    name: "verify-source",
    description: "A source release (libkrunfw-\u2026-source.tar.gz) to verify instead of building: check it against its manifest, rebuild the library from it alone and compare the sha256."
  },
  {
    name: "arch",
    description: "Target architecture: x86_64, aarch64 or riscv64. Default: the runner's. Other than the runner's, it is cross-compiled (Debian's gcc-<arch>-linux-gnu) and verified under qemu-user."
  },
  {
    name: "variant",
    description: "generic, sev (AMD SEV guests) or tdx (Intel TDX guests; both x86_64 only). sev and tdx make libkrunfw-sev/-tdx.so with the qboot firmware and an initrd bundled, and add the project's patches-tee/ and kernel-config/x86_64-<variant>.",
    default: "generic"
  },
  {
    name: "qboot",
    description: "sev/tdx: the qboot firmware (bios.bin, exactly 64 KiB) that krunfw_get_qboot() hands out. Default: the libkrunfw tree's, when building from one."
  },
  {
    name: "initrd",
    description: "sev/tdx: the initrd (gzip or cpio) that krunfw_get_initrd() hands out. Default: the libkrunfw tree's, when building from one."
  },
  {
    name: "abi-version",
    description: "libkrunfw ABI version: the number krunfw_get_version() returns and the soname carries. Default: the recipe's (5), or the libkrunfw tree's ABI_VERSION."
  },
  {
    name: "version",
    description: "libkrunfw version in the file name, e.g. 5.4.0 gives libkrunfw.so.5.4.0. Default: the recipe's (5.4.0), or the libkrunfw tree's FULL_VERSION."
  },
  {
    name: "source-date-epoch",
    description: "Build timestamp (seconds since 1970) for a reproducible build. Default: SOURCE_DATE_EPOCH from the environment, else the recipe's fixed date."
  },
  {
    name: "jobs",
    description: "Parallel make jobs. Default: the number of CPUs."
  },
  {
    name: "out-dir",
    description: "Where the library and tarball are written. Default: 'libkrunfw-out' in the workspace."
  },
  {
    name: "work-dir",
    description: "Scratch space for the kernel tree. Default: a directory under the runner's temp."
  },
  {
    name: "cache-source",
    description: "Cache the kernel tarball by its sha256; a hit never touches the network.",
    default: "true"
  },
  {
    name: "cache-compiler",
    description: "Compile through ccache and cache its directory (by arch, variant, kernel version and toolchain). The library's bytes are the same either way.",
    default: "true"
  },
  {
    name: "cache-output",
    description: "Cache the finished library by a hash of every input that can change it; a hit skips source, patch, configure and compile, and still verifies and packages.",
    default: "true"
  },
  {
    name: "cache-tree",
    description: "With a directory cache (the CLI, or cache-dir): keep the built kernel tree, objects included, between runs of the same tarball, arch and work-dir. The next build reverses the last run's patches, applies its own and recompiles only what changed; the library's bytes are the same either way.",
    default: "true"
  },
  {
    name: "ccache-max-size",
    description: "ccache's max_size, e.g. 2G or 500M.",
    default: "2G"
  },
  {
    name: "cache-dir",
    description: "Keep caches in this directory instead of GitHub's cache service (for self-hosted runners with a persistent disk). The CLI's default: $XDG_CACHE_HOME/libkrunfw-action."
  },
  {
    name: "boot-test",
    description: "Boot the kernel from the bytes the built library hands out, under QEMU's microvm (TCG), to a test init. 'auto': when qemu-system-x86_64 is installed; 'true': required; 'false': never.",
    default: "auto"
  },
  {
    name: "upload",
    description: "Upload the source release, then (only if that succeeded) the library, install tarball and SHA256SUMS, as workflow artifacts. The CLI never uploads.",
    default: "true"
  },
  {
    name: "retention-days",
    description: "Days to keep the uploaded artifacts; 0 means the repository's default.",
    default: "0"
  },
  {
    name: "keep-work-dir",
    description: "Keep the kernel tree after the build (for debugging).",
    default: "false",
    boolean: true
  }
];
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
  "tree-cache-hit": "'true' when the last build's kernel tree was reused (directory caches only)."
};

// src/request/build-request.ts
import { existsSync as existsSync2, readdirSync as readdirSync2, readFileSync as readFileSync2, statSync as statSync2 } from "node:fs";
import path2 from "node:path";

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

// src/recipe/libkrunfw-tree.ts
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
var ARCHES2 = ["x86_64", "aarch64", "riscv64"];
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
function logicalLines(text2) {
  const raw = text2.split("\n").map((l) => l.replace(/\r$/, ""));
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
function stripComment(text2) {
  const m = /(^|[^\\])#/.exec(text2);
  const cut = m ? text2.slice(0, m.index + m[1].length) : text2;
  return cut.replace(/\\#/g, "#");
}
var CONDITIONAL = /^(ifeq|ifneq|ifdef|ifndef)\b/;
var ASSIGNMENT = /^(?:(?:export|override)\s+)*([A-Za-z0-9_.-]+)\s*(:::=|::=|:=|\?=|\+=|!=|=)\s*(.*)$/;
function closing(text2, open) {
  const [o, c] = text2[open] === "(" ? ["(", ")"] : ["{", "}"];
  let depth = 0;
  for (let i = open; i < text2.length; i++) {
    if (text2[i] === o) depth++;
    else if (text2[i] === c && --depth === 0) return i;
  }
  return -1;
}
function expand(text2, lookup) {
  let out = "";
  for (let i = 0; i < text2.length; i++) {
    if (text2[i] !== "$") {
      out += text2[i];
      continue;
    }
    const next = text2[i + 1];
    if (next === "$") {
      out += "$";
      i++;
    } else if (next === "(" || next === "{") {
      const end = closing(text2, i + 1);
      if (end < 0) throw new Unevaluable(`has an unclosed '${text2.slice(i)}'`);
      const inner = text2.slice(i + 2, end);
      if (!/^[A-Za-z0-9_.-]+$/.test(inner)) {
        throw new Unevaluable(`uses '${text2.slice(i, end + 1)}', which only make can evaluate`);
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
    for (const { text: raw, line } of logicalLines(readFileSync(file, "utf8"))) {
      if (inRule && raw.startsWith("	")) continue;
      const text2 = stripComment(raw).trim();
      if (!text2) continue;
      const word = text2.split(/\s/, 1)[0];
      if (inDefine) {
        if (word === "endef") inDefine = false;
      } else if (CONDITIONAL.test(text2)) {
        depth++;
      } else if (word === "endif") {
        depth = Math.max(0, depth - 1);
      } else if (word === "define") {
        inDefine = true;
        const name = text2.split(/\s+/)[1];
        if (name) this.assign(name, "define", "", line, depth > 0);
      } else if (word !== "else") {
        const m = ASSIGNMENT.exec(text2);
        if (m) {
          inRule = false;
          this.assign(m[1], m[2], m[3].trim(), line, depth > 0);
        } else if (text2.includes(":")) {
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
      return { value: expand(value, (ref) => this.resolve(ref, [], line)) };
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
      return expand(v.value, (ref) => this.resolve(ref, [...chain, name], before));
    } catch (e) {
      if (e instanceof Unevaluable && !e.at) throw new Unevaluable(e.reason, { name, line: v.line });
      throw e;
    }
  }
};
function inTree(root, rel, kind) {
  const file = path.join(root, rel);
  if (!existsSync(file)) return void 0;
  const real = realpathSync(file);
  const realRoot = realpathSync(root);
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    throw new InputError(`${file} leads out of the libkrunfw tree (to ${real}); refusing to use it`, [
      { file, title: "symlink out of the tree" }
    ]);
  }
  const stat = statSync(real);
  return (kind === "dir" ? stat.isDirectory() : stat.isFile()) ? file : void 0;
}
var byCodePoint = (a, b) => a < b ? -1 : a > b ? 1 : 0;
function findPatches(root, rel) {
  const found = [];
  const walk = (relDir) => {
    const entries = readdirSync(path.join(root, relDir), { withFileTypes: true });
    for (const e of entries) {
      const relPath = `${relDir}/${e.name}`;
      if (e.isDirectory()) walk(relPath);
      else if (/^0.*\.patch$/s.test(e.name) && inTree(root, relPath, "file")) found.push(relPath);
    }
  };
  walk(rel);
  return found.sort(byCodePoint).map((p) => path.join(root, p));
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
  const present = readdirSync(root).filter((f) => f.startsWith("config-libkrunfw")).sort(byCodePoint);
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
  if (!ARCHES2.includes(arch)) throw new InputError(`unknown libkrunfw arch '${arch}'; use one of ${ARCHES2.join(", ")}`);
  if (variant !== "generic" && arch !== "x86_64") {
    throw new InputError(`libkrunfw's ${variant} variant is built for x86_64 only, not ${arch}`);
  }
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new InputError(`${root} is not a directory; expected a libkrunfw source tree`, [{ file: root }]);
  }
  const makefilePath = inTree(root, "Makefile", "file");
  if (!makefilePath) {
    throw new InputError(`${root} has no Makefile; expected a libkrunfw source tree`, [{ file: root, title: "no Makefile" }]);
  }
  const makefile = new Makefile(makefilePath);
  const recipe = {
    dir: root,
    ...versions(makefile),
    patches: findPatches(root, patchDir(root, ["patches"], makefilePath)),
    config: configFor(root, variant, arch)
  };
  if (variant === "generic") return recipe;
  recipe.patches.push(...findPatches(root, patchDir(root, LAYOUT[variant].teePatches, makefilePath)));
  recipe.qboot = blob(root, LAYOUT[variant].qboot, variant, "qboot firmware");
  recipe.initrd = blob(root, [INITRD], variant, "initrd");
  return recipe;
}

// src/request/build-request.ts
var SHA256 = /^[0-9a-f]{64}$/;
var LIB_VERSION = /^\d+\.\d+\.\d+$/;
function text(raw, name) {
  const v = raw[name];
  if (Array.isArray(v)) return v.join("\n").trim() || void 0;
  if (typeof v === "boolean") return String(v);
  const t = v?.trim();
  return t ? t : void 0;
}
function list(raw, name) {
  const v = raw[name];
  const parts = Array.isArray(v) ? v : typeof v === "string" ? v.split("\n") : [];
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}
function flag(raw, name, otherwise = false) {
  const v = raw[name];
  if (typeof v === "boolean") return v;
  const t = text(raw, name);
  if (t === void 0) return otherwise;
  if (["true", "True", "TRUE", "1", "yes"].includes(t)) return true;
  if (["false", "False", "FALSE", "0", "no"].includes(t)) return false;
  throw new InputError(`${name} must be true or false, not '${t}'`);
}
function positiveInt(value, name) {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new InputError(`${name} must be a positive whole number, not '${value}'`);
  }
  return Number(value);
}
function mustExist(file, input) {
  if (!existsSync2(file)) throw new InputError(`${input}: ${file} does not exist`);
  return file;
}
function configFiles(entries, cwd) {
  const files = [];
  for (const entry of entries) {
    const p = mustExist(path2.resolve(cwd, entry), "kernel-config");
    if (statSync2(p).isDirectory()) {
      const inDir = readdirConfig(p);
      if (inDir.length === 0) throw new InputError(`kernel-config: directory ${p} holds no *.config files`);
      files.push(...inDir);
    } else {
      files.push(p);
    }
  }
  return files;
}
function readdirConfig(dir) {
  return readdirSync2(dir).filter((f) => f.endsWith(".config")).sort((a, b) => a < b ? -1 : a > b ? 1 : 0).map((f) => path2.join(dir, f));
}
function looksLikeFullConfig(file) {
  const head = readFileSync2(file, "utf8").slice(0, 4096);
  return /^# Automatically generated file; DO NOT EDIT\./m.test(head) || /^CONFIG_CC_VERSION_TEXT=/m.test(head);
}
function resolveConfig(raw, env, arch, variant, tree) {
  const given = list(raw, "kernel-config");
  const mode = text(raw, "kernel-config-mode") ?? "auto";
  if (!["auto", "full", "fragments"].includes(mode)) {
    throw new InputError(`kernel-config-mode must be auto, full or fragments, not '${mode}'`);
  }
  if (given.length === 0 && tree) return { mode: "full", files: [tree.config] };
  if (given.length === 0) {
    if (mode === "full") throw new InputError("kernel-config-mode is full but no kernel-config was given");
    const dirs = variant === "generic" ? [RECIPE.configDir(arch)] : [RECIPE.configDir(arch), RECIPE.configDir(`${arch}-${variant}`)];
    const files2 = [];
    for (const dir of dirs) {
      const inDir = existsSync2(dir) ? readdirConfig(dir) : [];
      if (inDir.length === 0) throw new InputError(`the project has no kernel config for ${path2.basename(dir)} (expected *.config files in ${dir})`);
      files2.push(...inDir);
    }
    return { mode: "fragments", files: files2 };
  }
  const files = configFiles(given, env.cwd);
  if (mode === "full") {
    if (files.length !== 1) {
      throw new InputError(`kernel-config-mode is full, which takes one file, but ${files.length} were given`);
    }
    return { mode: "full", files };
  }
  if (mode === "auto" && files.length === 1 && given.length === 1 && looksLikeFullConfig(files[0])) {
    return { mode: "full", files };
  }
  return { mode: "fragments", files };
}
function resolveKernel(raw, env, tree) {
  const version = text(raw, "kernel-version");
  const source = text(raw, "kernel-source");
  const sha = text(raw, "kernel-sha256")?.toLowerCase();
  if (sha !== void 0 && !SHA256.test(sha)) {
    throw new InputError(`kernel-sha256 must be 64 hex digits, not '${sha}'`);
  }
  if (version !== void 0 && source !== void 0) {
    throw new InputError("give kernel-version or kernel-source, not both");
  }
  if (source !== void 0) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
      let url;
      try {
        url = new URL(source);
      } catch {
        throw new InputError(`kernel-source '${source}' is not a valid URL`);
      }
      if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new InputError(`kernel-source: only https and http URLs are supported, not ${url.protocol}`);
      }
      if (!sha) {
        throw new InputError(
          `kernel-source is a URL (${source}) but kernel-sha256 is not set: a downloaded kernel must be pinned. Set kernel-sha256 to the tarball's published sha256.`
        );
      }
      return { source: { kind: "url", url: source }, sha256: sha };
    }
    const file = path2.resolve(env.cwd, source);
    if (!existsSync2(file) || !statSync2(file).isFile()) {
      throw new InputError(`kernel-source: ${file} is not a file`);
    }
    return { source: { kind: "file", path: file }, sha256: sha };
  }
  const v = version ?? tree?.kernelVersion ?? RECIPE.kernelVersion;
  if (!VERSION_PATTERN.test(v)) throw new InputError(`kernel-version '${v}' is not a version like 6.12.87`);
  return { source: { kind: "url", url: kernelOrgUrl(v), version: v }, sha256: requireKernelSha256(v, sha) };
}
function resolvePatches(raw, env, variant, tree) {
  const p = text(raw, "patches");
  if (p === "none") return [];
  if (p !== void 0) return readSeries(mustExist(path2.resolve(env.cwd, p), "patches"));
  if (tree) return tree.patches;
  const series = [RECIPE.patchesDir, ...TEE_VARIANTS.includes(variant) ? [RECIPE.teePatchesDir] : []];
  return series.flatMap((dir) => readSeries(dir));
}
var BLOB_NAMES = ["qboot", "initrd"];
function resolveBlobs(raw, env, variant, fromTree) {
  const given = BLOB_NAMES.filter((n) => text(raw, n) !== void 0);
  if (!TEE_VARIANTS.includes(variant)) {
    if (given.length > 0) throw new InputError(`${given.join(" and ")} only apply to the sev and tdx variants, not ${variant}`);
    return void 0;
  }
  const blobs = {};
  for (const name of BLOB_NAMES) {
    const v = text(raw, name);
    const src = v !== void 0 ? { file: path2.resolve(env.cwd, v), origin: `input ${name}: ${path2.basename(v)}` } : fromTree?.[name];
    if (!src) {
      throw new InputError(
        `the ${variant} variant needs ${name === "qboot" ? "the qboot firmware (a 64 KiB bios.bin)" : "an initrd (initrd.gz)"}: set ${name}, or build from a libkrunfw source tree (libkrunfw-dir) that has one`
      );
    }
    checkBlob(name, src.file, name);
    blobs[name] = src;
  }
  return blobs;
}
function resolveVariant(raw, arch) {
  const v = text(raw, "variant") ?? "generic";
  if (!VARIANTS.includes(v)) throw new InputError(`variant must be one of ${VARIANTS.join(", ")}, not '${v}'`);
  if (TEE_VARIANTS.includes(v) && arch !== "x86_64") {
    throw new InputError(`variant ${v} is for x86_64 confidential guests; it does not exist for ${arch}`);
  }
  return v;
}
function resolveEpoch(raw, env) {
  const given = text(raw, "source-date-epoch") ?? env.sourceDateEpoch?.trim();
  if (!given) return RECIPE.sourceDateEpoch;
  if (!/^\d+$/.test(given) || !Number.isSafeInteger(Number(given))) {
    throw new InputError(`source-date-epoch must be whole seconds since 1970, not '${given}'`);
  }
  return Number(given);
}
function treeBlobs(tree) {
  if (!tree) return void 0;
  const where = (f) => `libkrunfw tree: ${path2.relative(tree.dir, f)}`;
  return {
    ...tree.qboot ? { qboot: { file: tree.qboot, origin: where(tree.qboot) } } : {},
    ...tree.initrd ? { initrd: { file: tree.initrd, origin: where(tree.initrd) } } : {}
  };
}
function resolveCommon(raw, env, tree) {
  const arch = text(raw, "arch") ?? archOfHost(env.hostArch);
  if (!ARCHES.includes(arch)) {
    throw new InputError(`arch '${arch}' is not supported; supported: ${ARCHES.join(", ")}`);
  }
  const variant = resolveVariant(raw, arch);
  const recipe = typeof tree === "function" ? tree(arch, variant) : tree;
  const abi = text(raw, "abi-version") ?? (recipe ? String(recipe.abiVersion) : void 0);
  const version = text(raw, "version") ?? recipe?.version ?? RECIPE.version;
  if (!LIB_VERSION.test(version)) throw new InputError(`version must look like 5.4.0, not '${version}'`);
  const abiVersion = abi === void 0 ? RECIPE.abiVersion : positiveInt(abi, "abi-version");
  if (!version.startsWith(`${abiVersion}.`)) {
    throw new InputError(`version ${version} does not belong to abi-version ${abiVersion} (it must start with '${abiVersion}.')`);
  }
  const workDir = text(raw, "work-dir");
  const boot = text(raw, "boot-test") ?? "auto";
  if (boot !== "auto" && !["true", "false"].includes(boot)) throw new InputError(`boot-test must be auto, true or false, not '${boot}'`);
  if (boot === "true" && arch !== "x86_64") {
    throw new InputError(`boot-test: true is for x86_64 (QEMU microvm boots the PVH kernel); for ${arch} use auto or false`);
  }
  return {
    arch,
    variant,
    blobs: resolveBlobs(raw, env, variant, treeBlobs(recipe)),
    bootTest: boot === "auto" ? "auto" : boot === "true" ? "on" : "off",
    abiVersion,
    version,
    reproducibility: { sourceDateEpoch: resolveEpoch(raw, env), user: RECIPE.buildUser, host: RECIPE.buildHost },
    outDir: path2.resolve(env.cwd, text(raw, "out-dir") ?? "libkrunfw-out"),
    workDir: workDir ? path2.resolve(env.cwd, workDir) : path2.join(env.tempDir, "libkrunfw-work"),
    keepWorkDir: flag(raw, "keep-work-dir")
  };
}
function resolveBuildRequest(raw, env, checkedOut) {
  if (text(raw, "vmlinux") !== void 0) throw new InputError("vmlinux is for bundling an existing kernel, not for a build");
  const treeDir = text(raw, "libkrunfw-dir");
  if (treeDir !== void 0 && text(raw, "libkrunfw-ref") !== void 0) throw new InputError("give libkrunfw-dir or libkrunfw-ref, not both");
  if (text(raw, "libkrunfw-ref") !== void 0 && !checkedOut) throw new InputError("libkrunfw-ref needs the tree checked out first (prepareRun does this)");
  const dir = checkedOut?.dir ?? (treeDir === void 0 ? void 0 : path2.resolve(env.cwd, treeDir));
  let tree;
  const common = resolveCommon(raw, env, dir === void 0 ? void 0 : (arch, variant) => tree = readLibkrunfwTree(dir, { arch, variant }));
  const jobs = text(raw, "jobs");
  const recipe = !dir ? { kind: "project" } : { kind: "libkrunfw-tree", dir, ...checkedOut ? { repository: checkedOut.repository, ref: checkedOut.ref, commit: checkedOut.commit } : {} };
  return {
    ...common,
    recipe,
    kernel: resolveKernel(raw, env, tree),
    patches: resolvePatches(raw, env, common.variant, tree),
    config: resolveConfig(raw, env, common.arch, common.variant, tree),
    jobs: jobs === void 0 ? Math.max(1, env.cpuCount) : positiveInt(jobs, "jobs"),
    cache: resolveCache(raw),
    upload: flag(raw, "upload", true),
    retentionDays: retentionDays(raw),
    cacheDir: text(raw, "cache-dir") === void 0 ? void 0 : path2.resolve(env.cwd, text(raw, "cache-dir"))
  };
}
function retentionDays(raw) {
  const v = text(raw, "retention-days") ?? "0";
  if (!/^\d+$/.test(v) || Number(v) > 400) throw new InputError(`retention-days must be a whole number of days (0 for the default), not '${v}'`);
  return Number(v);
}
function resolveCache(raw) {
  const ccacheMaxSize = text(raw, "ccache-max-size") ?? "2G";
  if (!/^\d+(\.\d+)?[KMGT]?i?B?$/i.test(ccacheMaxSize)) {
    throw new InputError(`ccache-max-size must be a size like 2G or 500M, not '${ccacheMaxSize}'`);
  }
  return {
    source: flag(raw, "cache-source", true),
    compiler: flag(raw, "cache-compiler", true),
    output: flag(raw, "cache-output", true),
    tree: flag(raw, "cache-tree", true),
    ccacheMaxSize
  };
}
var BUILD_ONLY = [
  "kernel-version",
  "kernel-source",
  "kernel-sha256",
  "kernel-config",
  "patches",
  "jobs",
  "cache-dir",
  "ccache-max-size",
  "libkrunfw-dir",
  "libkrunfw-ref"
];
function resolveBundleRequest(raw, env) {
  const image = text(raw, "vmlinux");
  if (image === void 0) throw new InputError("vmlinux is required: the kernel image to package");
  const stray = BUILD_ONLY.filter((n) => text(raw, n) !== void 0);
  if (stray.length > 0) throw new InputError(`${stray.join(", ")} do not apply when packaging an existing vmlinux`);
  const file = path2.resolve(env.cwd, image);
  if (!existsSync2(file) || !statSync2(file).isFile()) throw new InputError(`vmlinux: ${file} is not a file`);
  return { ...resolveCommon(raw, env), image: file };
}
function resolveVerifySourceRequest(raw, env) {
  const release = text(raw, "verify-source");
  if (release === void 0) throw new InputError("verify-source needs a source release tarball");
  const workDir = text(raw, "work-dir");
  const jobs = text(raw, "jobs");
  return {
    release: path2.resolve(env.cwd, release),
    workDir: workDir ? path2.resolve(env.cwd, workDir) : path2.join(env.tempDir, "libkrunfw-verify-source"),
    keepWorkDir: flag(raw, "keep-work-dir"),
    jobs: jobs === void 0 ? Math.max(1, env.cpuCount) : positiveInt(jobs, "jobs")
  };
}
function isVerifySource(raw) {
  return text(raw, "verify-source") !== void 0;
}
function isBundleOnly(raw) {
  return text(raw, "vmlinux") !== void 0;
}

// src/run-request.ts
import { rmSync } from "node:fs";
import os from "node:os";
import path5 from "node:path";

// src/recipe/checkout.ts
import { existsSync as existsSync3, mkdirSync, readdirSync as readdirSync3, statSync as statSync3 } from "node:fs";
import path3 from "node:path";
var GIT_ENV = { GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
var FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
function isUrl(repository) {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(repository) || /^[^/]+:/.test(repository);
}
function checkArguments(opts) {
  const { repository, ref } = opts;
  if (!ref.trim()) throw new InputError("libkrunfw ref is empty; give a branch, tag or commit sha");
  if (ref.startsWith("-")) {
    throw new InputError(`libkrunfw ref '${ref}' starts with '-'; refs cannot, and git would read it as an option`);
  }
  if (/[\s:]/.test(ref)) {
    throw new InputError(`libkrunfw ref '${ref}' is not a branch, tag or commit sha (it has a space or ':')`);
  }
  if (!repository.trim()) throw new InputError("libkrunfw repository is empty; give a git URL or a local path");
  if (repository.startsWith("-")) {
    throw new InputError(`libkrunfw repository '${repository}' starts with '-'; git would read it as an option`);
  }
}
function prepareDest(dest) {
  const dir = path3.resolve(dest);
  if (existsSync3(dir)) {
    if (!statSync3(dir).isDirectory()) {
      throw new InputError(`${dir} exists and is not a directory; cannot check libkrunfw out there`);
    }
    if (readdirSync3(dir).length > 0) {
      throw new InputError(`${dir} is not empty; check libkrunfw out into a new or empty directory`);
    }
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}
async function checkoutLibkrunfw(opts) {
  checkArguments(opts);
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

// src/release/verify-source.ts
import { readdirSync as readdirSync4, readFileSync as readFileSync3 } from "node:fs";
import path4 from "node:path";
var SourceReleaseError = class extends UserError {
  constructor(release, problems) {
    super(`${release} does not match its manifest:
${problems.map((p) => `  ${p}`).join("\n")}`, [{ file: release, title: "source release does not match its manifest" }]);
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
function requestFromRelease(dir, m, o) {
  return {
    recipe: { kind: "project" },
    arch: m.arch,
    variant: m.variant,
    kernel: { source: { kind: "file", path: path4.join(dir, m.kernel.tarball) }, sha256: m.kernel.sha256 },
    patches: readSeries(path4.join(dir, "patches")),
    blobs: blobsOf(dir, m),
    config: { mode: m.config.mode, files: m.config.given.map((g) => path4.join(dir, g)) },
    abiVersion: m.abiVersion,
    version: m.version,
    reproducibility: m.reproducibility,
    jobs: o.jobs,
    outDir: path4.join(o.workDir, "out"),
    workDir: path4.join(o.workDir, "build"),
    keepWorkDir: false,
    cache: { source: false, compiler: false, output: false, tree: false, ccacheMaxSize: "0" },
    upload: false,
    bootTest: "off",
    retentionDays: 0
  };
}
function blobsOf(dir, m) {
  if (!m.blobs || m.blobs.length === 0) return void 0;
  const out = {};
  for (const b of m.blobs) out[b.name] = { file: path4.join(dir, b.path), origin: b.source.origin };
  return out;
}
function configDifferences(expected, actual) {
  const a = parseConfig(readFileSync3(expected, "utf8"));
  const b = parseConfig(readFileSync3(actual, "utf8"));
  const out = [];
  for (const k of /* @__PURE__ */ new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k)?.value ?? "n";
    const y = b.get(k)?.value ?? "n";
    if (x !== y) out.push(`${k}: release says ${x}, rebuilt ${y}`);
  }
  return out;
}
async function verifySource(release, platform, o) {
  const { log } = platform;
  prepareWorkDir(o.workDir);
  const extracted = await extractTarball(path4.resolve(release), path4.join(o.workDir, "release"));
  const dir = extracted.root;
  let manifest;
  try {
    manifest = readManifest(dir);
  } catch (e) {
    throw new InputError(`${release} has no readable manifest.json: ${e.message}`);
  }
  const problems = await checkRelease(dir, manifest);
  if (problems.length > 0) throw new SourceReleaseError(release, problems);
  log.info(`${manifest.files.length} files match the manifest; rebuilding ${manifest.library.file} (sha256 ${manifest.library.sha256})`);
  const tools = targetTools(manifest.arch);
  const toolchain = await toolchainIdentity(tools.cc, tools.crossCompile);
  const toolDiffs = Object.keys({ ...manifest.toolchain, ...toolchain.tools }).filter((t) => manifest.toolchain[t] !== toolchain.tools[t]).map((t) => `${t}: release built with '${manifest.toolchain[t] ?? "nothing"}', here '${toolchain.tools[t] ?? "nothing"}'`);
  for (const d of toolDiffs) log.warning(`toolchain differs, the bytes may too: ${d}`);
  const request = requestFromRelease(dir, manifest, o);
  const rebuilt = await buildLibrary(request, platform);
  if (rebuilt.sha256 !== manifest.library.sha256) {
    const differences = [`library sha256: release names ${manifest.library.sha256}, rebuilt ${rebuilt.sha256}`];
    const payload = readFileSync3(path4.join(request.workDir, "libkrunfw", "kernel.bin"));
    const payloadSha = sha256(payload);
    if (payloadSha !== manifest.library.payloadSha256) {
      differences.push(`kernel payload sha256: release ${manifest.library.payloadSha256}, rebuilt ${payloadSha} (the kernel built differently)`);
    } else {
      differences.push("the kernel payload is the same: the difference is in linking (compiler or binutils)");
    }
    const tree = path4.join(request.workDir, "src", readdirSync4(path4.join(request.workDir, "src"))[0] ?? "");
    const cfg = configDifferences(path4.join(dir, manifest.config.final), path4.join(tree, ".config"));
    differences.push(...cfg.slice(0, 20), ...toolDiffs);
    throw new NotReproducedError(release, differences);
  }
  log.info(`rebuilt ${manifest.library.file}: sha256 ${rebuilt.sha256} equals the release's`);
  return { manifest, rebuilt };
}

// src/run-request.ts
function requestEnvironment(platform) {
  return {
    cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
    tempDir: platform.tempDir,
    cpuCount: os.availableParallelism(),
    hostArch: process.arch,
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH
  };
}
async function checkoutRecipe(raw, env, platform) {
  const ref = typeof raw["libkrunfw-ref"] === "string" ? raw["libkrunfw-ref"].trim() : "";
  if (!ref) return void 0;
  const given = raw["libkrunfw-repository"];
  const repository = typeof given === "string" && given.trim() || "https://github.com/containers/libkrunfw";
  const dest = path5.join(env.tempDir, "libkrunfw-recipe");
  rmSync(dest, { recursive: true, force: true });
  platform.log.info(`checking out libkrunfw ${ref} from ${repository}`);
  const { dir, commit } = await checkoutLibkrunfw({ repository, ref, dest });
  platform.log.info(`libkrunfw ${ref} is commit ${commit}`);
  return { dir, repository, ref, commit };
}
async function prepareRun(raw, platform) {
  const env = requestEnvironment(platform);
  if (isVerifySource(raw)) {
    const v = resolveVerifySourceRequest(raw, env);
    return {
      workDir: v.workDir,
      keepWorkDir: v.keepWorkDir,
      // The door cleans up the whole work dir (the extracted release too), not only the rebuild.
      execute: async () => ({ ...(await verifySource(v.release, platform, v)).rebuilt, workDir: v.workDir })
    };
  }
  if (isBundleOnly(raw)) {
    const request2 = resolveBundleRequest(raw, env);
    return { workDir: request2.workDir, keepWorkDir: request2.keepWorkDir, execute: () => bundleExisting(request2, platform) };
  }
  const request = resolveBuildRequest(raw, env, await checkoutRecipe(raw, env, platform));
  const anyCache = request.cache.source || request.cache.compiler || request.cache.output;
  const store = anyCache ? platform.cacheStore?.(request.cacheDir) : void 0;
  return {
    workDir: request.workDir,
    keepWorkDir: request.keepWorkDir,
    cacheDir: request.cacheDir,
    store,
    execute: () => buildLibrary(request, platform, store)
  };
}
async function runRequest(raw, platform) {
  const run2 = await prepareRun(raw, platform);
  let result;
  try {
    result = await run2.execute();
  } catch (e) {
    platform.log.info(`the work directory is kept for inspection: ${run2.workDir}`);
    throw e;
  }
  await finishBuild(result, run2.store, run2.keepWorkDir, platform);
  return result;
}

export {
  BUILD_INPUTS,
  OUTPUTS,
  resolveBuildRequest,
  resolveBundleRequest,
  prepareRun,
  runRequest
};
