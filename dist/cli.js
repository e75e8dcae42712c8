#!/usr/bin/env node
import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  outputsOf
} from "./chunk-ZMTBCUAC.js";
import "./chunk-3VMRYCI4.js";
import {
  localPlatform
} from "./chunk-JIZAZEKW.js";
import {
  BUILD_INPUTS,
  requestEnvironment,
  runRequest
} from "./chunk-JDNZ76BF.js";
import {
  InputError,
  LibkrunfwError,
  PROJECT_ROOT,
  UserError,
  buildLibrary,
  checkRelease,
  extractTarball,
  finishBuild,
  parseConfig,
  prepareWorkDir,
  readManifest,
  sha256,
  toolchainIdentity
} from "./chunk-DMNRTAFG.js";

// src/cli.ts
import { readFileSync as readFileSync2 } from "node:fs";

// src/request/from-argv.ts
import { parseArgs } from "node:util";
var COMMANDS = ["build", "bundle", "verify-source"];
var VERIFY_SOURCE_INPUTS = ["work-dir", "keep-work-dir", "jobs"];
var ALIASES = { out: "out-dir" };
function parseArgv(argv) {
  const [command, ...rest] = argv;
  if (command === void 0 || command === "help" || command === "--help" || command === "-h") {
    return { command: "help", raw: {}, verbose: false };
  }
  if (command === "version" || command === "--version") return { command: "version", raw: {}, verbose: false };
  if (!COMMANDS.includes(command)) {
    throw new InputError(`unknown command '${command}'; commands: ${COMMANDS.join(", ")} (see --help)`);
  }
  const options = {
    verbose: { type: "boolean" }
  };
  for (const spec of BUILD_INPUTS) {
    options[spec.name] = { type: "boolean" in spec && spec.boolean ? "boolean" : "string", multiple: "multiple" in spec && spec.multiple };
  }
  for (const [alias, name] of Object.entries(ALIASES)) options[alias] = options[name];
  if (command === "verify-source") {
    for (const k of Object.keys(options)) if (k !== "verbose" && !VERIFY_SOURCE_INPUTS.includes(k)) delete options[k];
  }
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({ args: rest, options, strict: true, allowPositionals: command === "verify-source" }));
  } catch (e) {
    throw new InputError(`${command}: ${e.message.replace(/\. To specify.*$/s, "")} (see --help)`);
  }
  if (command === "verify-source" && positionals.length !== 1) {
    throw new InputError("verify-source takes one source release tarball (see --help)");
  }
  const raw = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === "verbose" || value === void 0) continue;
    const name = ALIASES[key] ?? key;
    raw[name] = value;
  }
  if (command === "bundle" && raw.vmlinux === void 0) throw new InputError("bundle needs --vmlinux FILE (see --help)");
  return { command, raw, verbose: values.verbose === true, release: positionals[0] };
}
function usage() {
  const flags = BUILD_INPUTS.map((s) => {
    const arg = "boolean" in s && s.boolean ? "" : " VALUE";
    const rep = "multiple" in s && s.multiple ? " (repeatable)" : "";
    return `  --${s.name}${arg}${rep}
      ${s.description}`;
  }).join("\n");
  return `libkrunfw-action: build libkrunfw, a Linux kernel bundled in a shared library for libkrun.

Usage:
  libkrunfw-action build [--kernel-source URL|FILE] [--kernel-sha256 HEX] [--kernel-config FILE]... [--patches DIR] --out DIR
      Build the whole pipeline. With no options: the project's own recipe.
  libkrunfw-action bundle --vmlinux FILE --out DIR
      Package an existing kernel into the library (bundle, link, verify, package).
  libkrunfw-action verify-source RELEASE.tar.gz [--work-dir DIR] [--jobs N]
      Check a source release against its manifest, rebuild the library from it
      alone (no network, no cache) and compare the sha256 with the manifest's.

Options (the action's inputs; --out is short for --out-dir):
${flags}
  --verbose
      Show debug messages.
`;
}

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
  await finishBuild(rebuilt, void 0, Boolean(o.keepWorkDir), platform);
  return { manifest, rebuilt };
}

// src/cli.ts
import path2 from "node:path";
function positiveJobs(v) {
  if (!/^[1-9]\d*$/.test(v)) throw new InputError(`jobs must be a positive whole number, not '${v}'`);
  return Number(v);
}
async function cli(argv) {
  try {
    const args = parseArgv(argv);
    if (args.command === "help") {
      process.stdout.write(usage());
      return 0;
    }
    if (args.command === "version") {
      const pkg = JSON.parse(readFileSync2(`${PROJECT_ROOT}/package.json`, "utf8"));
      process.stdout.write(`${pkg.version}
`);
      return 0;
    }
    const platform = localPlatform({ verbose: args.verbose });
    if (args.command === "verify-source") {
      const env = requestEnvironment(platform);
      const { manifest, rebuilt } = await verifySource(args.release, platform, {
        workDir: typeof args.raw["work-dir"] === "string" ? path2.resolve(args.raw["work-dir"]) : path2.join(env.tempDir, "libkrunfw-verify-source"),
        keepWorkDir: args.raw["keep-work-dir"] === true,
        jobs: typeof args.raw.jobs === "string" ? positiveJobs(args.raw.jobs) : env.cpuCount
      });
      process.stdout.write(`${JSON.stringify({ release: args.release, library: manifest.library.file, sha256: rebuilt.sha256, reproduced: true }, null, 2)}
`);
      return 0;
    }
    const result = await runRequest(args.raw, platform);
    process.stdout.write(`${JSON.stringify(outputsOf(result), null, 2)}
`);
    return 0;
  } catch (e) {
    if (e instanceof LibkrunfwError) {
      process.stderr.write(`error: ${e.message}
`);
      return e instanceof UserError ? 1 : 2;
    }
    process.stderr.write(`unexpected failure: ${e.stack ?? String(e)}
`);
    return 2;
  }
}
process.exitCode = await cli(process.argv.slice(2));
export {
  cli
};
