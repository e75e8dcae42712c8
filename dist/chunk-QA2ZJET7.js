import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  InputError,
  UserError,
  buildLibrary,
  bundleExisting,
  checkRelease,
  extractTarball,
  finishBuild,
  isBundleOnly,
  isVerifySource,
  parseConfig,
  prepareWorkDir,
  readManifest,
  resolveBuildRequest,
  resolveBundleRequest,
  resolveVerifySourceRequest,
  sha256,
  toolchainIdentity
} from "./chunk-IGAHHRSP.js";

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
    name: "vmlinux",
    description: "An already built kernel image to package instead of building one: skips source, patch, configure and compile."
  },
  {
    name: "verify-source",
    description: "A source release (libkrunfw-\u2026-source.tar.gz) to verify instead of building: check it against its manifest, rebuild the library from it alone and compare the sha256."
  },
  {
    name: "arch",
    description: "Target architecture. Default: the runner's. Supported: x86_64."
  },
  {
    name: "abi-version",
    description: "libkrunfw ABI version: the number krunfw_get_version() returns and the soname carries.",
    default: "5"
  },
  {
    name: "version",
    description: "libkrunfw version in the file name, e.g. 5.4.0 gives libkrunfw.so.5.4.0.",
    default: "5.4.0"
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
  version: "The library version, e.g. 5.4.0.",
  sha256: "The library's sha256.",
  "kernel-version": "The kernel version built, read from the kernel Makefile.",
  tarball: "Path of the install tarball (lib64/ with the library and its symlinks).",
  "tarball-sha256": "The install tarball's sha256.",
  "source-release": "Path of the GPL source release (libkrunfw-<version>-<variant>-<arch>-source.tar.gz) that rebuilds the library.",
  "source-release-sha256": "The source release's sha256.",
  "artifact-id": "Id of the uploaded artifact with the library, install tarball and SHA256SUMS.",
  "artifact-digest": "That artifact's sha256 digest.",
  "source-artifact-id": "Id of the uploaded source release artifact.",
  "source-artifact-digest": "That artifact's sha256 digest.",
  sha256sums: "Path of SHA256SUMS for the uploaded files.",
  "source-cache-hit": "'true' when the kernel tarball came from the cache.",
  "compiler-cache-hit": "'true' when a ccache entry was restored (the exact key or a fallback).",
  "output-cache-hit": "'true' when the finished library came from the cache and no kernel was built."
};

// src/run-request.ts
import os from "node:os";

// src/release/verify-source.ts
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
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
    arch: m.arch,
    variant: m.variant,
    kernel: { source: { kind: "file", path: path.join(dir, m.kernel.tarball) }, sha256: m.kernel.sha256 },
    patches: path.join(dir, "patches"),
    config: { mode: m.config.mode, files: m.config.given.map((g) => path.join(dir, g)) },
    abiVersion: m.abiVersion,
    version: m.version,
    reproducibility: m.reproducibility,
    jobs: o.jobs,
    outDir: path.join(o.workDir, "out"),
    workDir: path.join(o.workDir, "build"),
    keepWorkDir: false,
    cache: { source: false, compiler: false, output: false, ccacheMaxSize: "0" },
    upload: false,
    bootTest: "off",
    retentionDays: 0
  };
}
function configDifferences(expected, actual) {
  const a = parseConfig(readFileSync(expected, "utf8"));
  const b = parseConfig(readFileSync(actual, "utf8"));
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
  const extracted = await extractTarball(path.resolve(release), path.join(o.workDir, "release"));
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
  const toolchain = await toolchainIdentity();
  const toolDiffs = Object.keys({ ...manifest.toolchain, ...toolchain.tools }).filter((t) => manifest.toolchain[t] !== toolchain.tools[t]).map((t) => `${t}: release built with '${manifest.toolchain[t] ?? "nothing"}', here '${toolchain.tools[t] ?? "nothing"}'`);
  for (const d of toolDiffs) log.warning(`toolchain differs, the bytes may too: ${d}`);
  const request = requestFromRelease(dir, manifest, o);
  const rebuilt = await buildLibrary(request, platform);
  if (rebuilt.sha256 !== manifest.library.sha256) {
    const differences = [`library sha256: release names ${manifest.library.sha256}, rebuilt ${rebuilt.sha256}`];
    const payload = readFileSync(path.join(request.workDir, "libkrunfw", "kernel.bin"));
    const payloadSha = sha256(payload);
    if (payloadSha !== manifest.library.payloadSha256) {
      differences.push(`kernel payload sha256: release ${manifest.library.payloadSha256}, rebuilt ${payloadSha} (the kernel built differently)`);
    } else {
      differences.push("the kernel payload is the same: the difference is in linking (compiler or binutils)");
    }
    const tree = path.join(request.workDir, "src", readdirSync(path.join(request.workDir, "src"))[0] ?? "");
    const cfg = configDifferences(path.join(dir, manifest.config.final), path.join(tree, ".config"));
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
function prepareRun(raw, platform) {
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
  const request = resolveBuildRequest(raw, env);
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
  const run = prepareRun(raw, platform);
  let result;
  try {
    result = await run.execute();
  } catch (e) {
    platform.log.info(`the work directory is kept for inspection: ${run.workDir}`);
    throw e;
  }
  await finishBuild(result, run.store, run.keepWorkDir, platform);
  return result;
}

export {
  BUILD_INPUTS,
  OUTPUTS,
  prepareRun,
  runRequest
};
