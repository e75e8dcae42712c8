#!/usr/bin/env node
import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  outputsOf
} from "./chunk-QPHEBJS4.js";
import "./chunk-4YJAQ6HX.js";
import {
  localPlatform
} from "./chunk-LHI2BQEA.js";
import {
  BUILD_INPUTS,
  MANIFEST,
  PROJECT_ROOT,
  VERSION_PATTERN,
  defaultMeasureOptions,
  inputDefault,
  knownKernelSha256,
  manifestKernel,
  measureLibrary,
  parseMemoryMiB,
  parseVcpus,
  prebuiltName,
  renderText,
  runRequest,
  sha256File,
  sourceReleaseFileName,
  sourceReleaseTop
} from "./chunk-PY3N3A6Y.js";
import {
  ARCHES,
  ArchiveError,
  HOSTS,
  HOST_PACKAGES,
  InfrastructureError,
  InputError,
  LibkrunfwError,
  TEE_ARCHES,
  TEE_VARIANTS,
  VARIANTS,
  WINDOWS_TARGET,
  archFacts,
  crossPackages,
  exitCodeOf,
  hostInfix,
  installInterruptHandlers,
  isArch,
  isHost,
  isVariant,
  libraryBase,
  tarballName
} from "./chunk-FDKAMVP5.js";

// src/cli.ts
import { readFileSync as readFileSync2 } from "node:fs";

// src/measure/measure-command.ts
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
function measureUsage() {
  return `Usage:
  libkrunfw-action measure LIBRARY [--vcpus N,...] [--memory MiB,...]
      The SEV, SEV-ES and SNP launch digests libkrun's guest gets from a SEV
      library (libkrunfw-sev.so...), for each vCPU count and memory size.
      Prints measurements.json on stdout and the digests as text on stderr.

Options:
  --vcpus N,...     vCPU counts (default ${inputDefault("measure-vcpus")}; libkrun takes 1 to 255)
  --memory MiB,...  guest memory sizes in MiB (default ${inputDefault("measure-memory")})
`;
}
var processIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t)
};
async function measureCommand(argv, io = processIo) {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { vcpus: { type: "string", multiple: true }, memory: { type: "string", multiple: true }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true
    }));
  } catch (e) {
    throw new InputError(`measure: ${e.message.replace(/\. To specify.*$/s, "")} (see measure --help)`);
  }
  if (values.help) {
    io.stdout(measureUsage());
    return 0;
  }
  if (positionals.length !== 1) throw new InputError("measure takes one library (see measure --help)");
  const options = defaultMeasureOptions();
  if (values.vcpus) options.vcpus = parseVcpus(values.vcpus.join(","));
  if (values.memory) options.memoryMiB = parseMemoryMiB(values.memory.join(","));
  const workDir = mkdtempSync(path.join(os.tmpdir(), "libkrunfw-measure-"));
  try {
    const m = await measureLibrary({ library: positionals[0], options, workDir });
    io.stderr(renderText(m));
    io.stdout(`${JSON.stringify(m, null, 2)}
`);
    return 0;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

// src/request/from-argv.ts
import { parseArgs as parseArgs3 } from "node:util";

// src/workflows/build-manifest.ts
import { existsSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import path2 from "node:path";

// src/workflows/step-io.ts
import { appendFileSync } from "node:fs";
import { parseArgs as parseArgs2 } from "node:util";
function envName(input) {
  return input.toUpperCase().replaceAll("-", "_");
}
function readStepInputs(command, names2, argv, env, defaults = {}) {
  let values;
  try {
    ({ values } = parseArgs2({
      args: argv,
      options: Object.fromEntries(names2.map((n) => [n, { type: "string" }])),
      strict: true,
      allowPositionals: false
    }));
  } catch (e) {
    throw new InputError(`${command}: ${e.message.replace(/\. To specify.*$/s, "")} (see --help)`);
  }
  const inputs = {};
  for (const n of names2) {
    const flag = values[n];
    inputs[n] = typeof flag === "string" ? flag : env[envName(n)] ?? defaults[n] ?? "";
  }
  return inputs;
}
function escapeData(text2) {
  return text2.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}
function escapeProperty(text2) {
  return escapeData(text2).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
function quote(value) {
  const inner = JSON.stringify(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${inner}'`;
}
function workflowCommand(level, title, text2) {
  return `::${level} title=${escapeProperty(title)}::${escapeData(text2)}`;
}
function processStep() {
  return { env: process.env, stdout: (text2) => process.stdout.write(text2) };
}
var StepIO = class {
  constructor(step, title, titles = {}) {
    this.step = step;
    this.title = title;
    this.titles = titles;
  }
  annotate(message) {
    this.step.stdout(`${workflowCommand(message.level, this.titles[message.level] ?? this.title, message.text)}
`);
  }
  /**
   * A plain log line. The commands print only names they validated, but a line
   * the runner would read as a command is printed as a JSON string instead.
   */
  info(text2) {
    for (const line of text2.split("\n")) {
      this.step.stdout(`${/^\s*(::|##\[)/.test(line) ? JSON.stringify(line) : line}
`);
    }
  }
  /** Step outputs, one `name=value` line each, to GITHUB_OUTPUT (stdout when there is none). */
  setOutputs(outputs) {
    const lines = Object.entries(outputs).map(([name, value]) => {
      if (/[\r\n]/.test(value)) throw new InfrastructureError(`output ${name}: a value on more than one line cannot be written as name=value`);
      return `${name}=${value}
`;
    });
    const file = this.step.env.GITHUB_OUTPUT;
    if (file) appendTo(file, "GITHUB_OUTPUT", lines.join(""));
    else this.info(lines.join("").trimEnd());
  }
  /** Markdown for the job summary (GITHUB_STEP_SUMMARY; nothing without one). */
  summary(markdown) {
    const file = this.step.env.GITHUB_STEP_SUMMARY;
    if (file) appendTo(file, "GITHUB_STEP_SUMMARY", markdown);
  }
  /**
   * Annotates every message; throws InputError naming the refusal when any is
   * an error (on one line: the CLI prints it to stderr, which the runner reads
   * for workflow commands too).
   */
  report(messages, what) {
    for (const m of messages) this.annotate(m);
    const errors = messages.filter((m) => m.level === "error").map((m) => m.text.replace(/\r\n|\r|\n/g, "\\n"));
    if (errors.length === 1) throw new InputError(errors[0]);
    if (errors.length > 1) throw new InputError(`${what}: ${errors.length} problems, each annotated above: ${errors.join("; ")}`);
  }
};
function appendTo(file, name, text2) {
  try {
    appendFileSync(file, text2, "utf8");
  } catch (e) {
    throw new InfrastructureError(`${name} (${file}) cannot be written: ${e.message}`);
  }
}

// src/workflows/build-manifest.ts
var MANIFEST_INPUTS = [
  "artifact",
  "variant",
  "arch",
  "host",
  "library",
  "soname",
  "library-version",
  "library-sha256",
  "kernel-version",
  "tarball",
  "tarball-sha256",
  "source-release",
  "source-release-sha256",
  "prebuilt",
  "measurements",
  "built-variant",
  "built-arch",
  "action-repository",
  "action-sha",
  "out-dir"
];
var PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
var SHA256 = /^[0-9a-f]{64}$/;
var FILES = [
  { key: "library", sha: "sha256", input: "library", inputSha: "library-sha256" },
  { key: "tarball", sha: "tarball-sha256", input: "tarball", inputSha: "tarball-sha256" },
  { key: "source-release", sha: "source-release-sha256", input: "source-release", inputSha: "source-release-sha256" }
];
async function buildManifest(raw) {
  const problems = [];
  for (const [what, asked, built] of [
    ["variant", raw.variant, raw["built-variant"]],
    ["arch", raw.arch, raw["built-arch"]]
  ]) {
    if (asked !== built) problems.push(`the action built ${what} ${quote(built)}, this cell asked for ${quote(asked)}`);
  }
  if (!isVariant(raw.variant)) problems.push(`variant: ${quote(raw.variant)} is not one of ${VARIANTS.join(", ")}`);
  if (!isArch(raw.arch)) problems.push(`arch: ${quote(raw.arch)} is not one of ${ARCHES.join(", ")}`);
  if (!isHost(raw.host)) problems.push(`host: ${quote(raw.host)} is not one of ${HOSTS.join(", ")}`);
  if (!PLAIN_NAME.test(raw.artifact)) problems.push(`artifact: ${quote(raw.artifact)} is not a plain name`);
  let outDir = "";
  try {
    outDir = realpathSync(raw["out-dir"]);
  } catch {
    problems.push(`out-dir: ${quote(raw["out-dir"])} does not exist`);
  }
  const inOutDir = (input, given) => {
    let real;
    try {
      real = realpathSync(given);
    } catch {
      problems.push(`${input}: ${quote(given)} does not exist`);
      return void 0;
    }
    if (!statSync(real).isFile()) problems.push(`${input}: ${quote(given)} is not a file`);
    else if (outDir && path2.dirname(real) !== outDir) problems.push(`${input} ${quote(given)} is not in ${quote(raw["out-dir"])}`);
    else if (!PLAIN_NAME.test(path2.basename(real))) problems.push(`${input}: ${quote(path2.basename(real))} is not a plain file name`);
    else return path2.basename(real);
    return void 0;
  };
  const names2 = {};
  for (const f of FILES) {
    const given = raw[f.input];
    if (!given) {
      problems.push(`${f.input}: the action gave no path (every build writes one)`);
      continue;
    }
    const name = inOutDir(f.input, given);
    if (name === void 0) continue;
    const actual = await sha256File(given);
    if (actual !== raw[f.inputSha]) problems.push(`${f.input}: ${name} has sha256 ${actual}, the action said ${quote(raw[f.inputSha])}`);
    names2[f.key] = name;
  }
  const prebuilt = raw.prebuilt ? inOutDir("prebuilt", raw.prebuilt) : void 0;
  const measured = await measurementsFile(raw, inOutDir, (text2) => void problems.push(text2));
  if (problems.length > 0) return { problems };
  const manifest = {
    artifact: raw.artifact,
    variant: raw.variant,
    arch: raw.arch,
    host: raw.host,
    library: names2.library,
    soname: raw.soname,
    version: raw["library-version"],
    sha256: raw["library-sha256"],
    "kernel-version": raw["kernel-version"],
    tarball: names2.tarball,
    "tarball-sha256": raw["tarball-sha256"],
    "source-release": names2["source-release"],
    "source-release-sha256": raw["source-release-sha256"],
    action: `${raw["action-repository"]}@${raw["action-sha"]}`,
    // aarch64: the macOS bundle's sources, which the action writes beside the install tarball.
    ...prebuilt ? { prebuilt, "prebuilt-sha256": await sha256File(raw.prebuilt) } : {},
    ...measured ? { measurements: measured.name, "measurements-sha256": measured.sha256 } : {}
  };
  return { manifest };
}
function measurementsProblem(variant, named) {
  if (variant === "sev" && !named) return "no measurements.json: every sev library is released with its launch digests";
  if (variant !== "sev" && named) return `a measurements.json for a ${quote(String(variant))} build: only sev libraries are measured`;
  return void 0;
}
async function measurementsFile(raw, inOutDir, problem) {
  const wrong = measurementsProblem(raw.variant, raw.measurements !== "");
  if (wrong) problem(`measurements: ${wrong}`);
  if (wrong || !raw.measurements) return void 0;
  const name = inOutDir("measurements", raw.measurements);
  if (name === void 0) return void 0;
  let measured;
  try {
    measured = JSON.parse(readFileSync(raw.measurements, "utf8")).library?.sha256;
  } catch {
  }
  if (measured !== raw["library-sha256"]) {
    problem(`measurements: ${name} measured a library of sha256 ${measured ?? "(none)"}, not this build's ${raw["library-sha256"]}`);
  }
  return { name, sha256: await sha256File(raw.measurements) };
}
function manifestJson(manifest) {
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a < b ? -1 : 1));
  return `${JSON.stringify(sorted, null, 2)}
`;
}
function writeBuildManifest(dir, manifest) {
  const file = path2.join(dir, `${manifest.artifact}.json`);
  writeFileSync(`${file}.partial`, manifestJson(manifest));
  renameSync(`${file}.partial`, file);
  return file;
}
function artifactList(raw) {
  let list;
  try {
    list = JSON.parse(raw || "[]");
  } catch {
    return { problem: `build.yml's 'artifacts' output is not JSON: ${quote(raw)}` };
  }
  if (!Array.isArray(list) || list.length === 0) return { problem: "build.yml uploaded nothing (its 'artifacts' output is empty)" };
  const bad = list.filter((a) => typeof a !== "string" || !PLAIN_NAME.test(a));
  if (bad.length > 0) return { problem: `build.yml's 'artifacts' output holds ${bad.map((b) => quote(String(b))).join(", ")}, not artifact names` };
  return { artifacts: [...new Set(list)] };
}
function findBuild(buildsDir, artifact) {
  return [path2.join(buildsDir, artifact), buildsDir].find((dir) => existsSync(path2.join(dir, `${artifact}.json`)));
}
function readBuildManifest(folder, artifact) {
  const file = path2.join(folder, `${artifact}.json`);
  let data;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return { problem: `${artifact}.json cannot be read: ${e.message}` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { problem: `${artifact}.json is not a JSON object` };
  const m = data;
  for (const [key, value] of Object.entries(m)) {
    if (typeof value !== "string") return { problem: `${artifact}.json: ${key} is not a string` };
  }
  if (m.variant !== void 0 && !isVariant(m.variant))
    return { problem: `its manifest names the variant ${quote(String(m.variant))}, not one of ${VARIANTS.join(", ")}` };
  if (m.arch !== void 0 && !isArch(m.arch))
    return { problem: `its manifest names the arch ${quote(String(m.arch))}, not one of ${ARCHES.join(", ")}` };
  if (m.host !== void 0 && !isHost(m.host))
    return { problem: `its manifest names the host ${quote(String(m.host))}, not one of ${HOSTS.join(", ")}` };
  for (const key of ["library", "tarball", "source-release", "prebuilt", "measurements"]) {
    const name = m[key];
    if (name && !PLAIN_NAME.test(name)) return { problem: `its manifest names ${quote(name)} as its ${key}, not a plain file name` };
  }
  for (const key of ["sha256", "tarball-sha256", "source-release-sha256", "prebuilt-sha256", "measurements-sha256"]) {
    const sha = m[key];
    if (sha !== void 0 && !SHA256.test(sha)) return { problem: `its manifest's ${key} is not a sha256: ${quote(sha)}` };
  }
  return { manifest: m };
}
var SHA_OF = {
  library: "sha256",
  tarball: "tarball-sha256",
  "source-release": "source-release-sha256",
  prebuilt: "prebuilt-sha256",
  measurements: "measurements-sha256"
};
async function namedFile(folder, m, key) {
  const name = m[key];
  if (!name) return void 0;
  const file = path2.join(folder, name);
  if (!existsSync(file) || !statSync(file).isFile()) return { problem: `its manifest names ${name}, which is not in the artifact` };
  const sha256 = await sha256File(file);
  const said = m[SHA_OF[key]];
  if (sha256 !== said) return { problem: `${name} has sha256 ${sha256}, its manifest says ${said ?? "none"}` };
  return { name, path: file, sha256 };
}
function sourceReleaseFile(m) {
  return m.version && m.variant && m.arch ? sourceReleaseFileName({ version: m.version, variant: m.variant, arch: m.arch, host: m.host }) : void 0;
}

// src/workflows/plan.ts
var PLAN_INPUTS = [
  "variants",
  "architectures",
  "hosts",
  "kernel-version",
  "kernel-sha256",
  "libkrunfw-ref",
  "libkrunfw-repository",
  "qboot",
  "initrd",
  "check",
  "upload",
  "boot-test",
  "retention-days",
  "artifact-prefix"
];
var PLAN_DEFAULTS = {
  variants: '["generic"]',
  architectures: '["x86_64"]',
  hosts: '["linux"]',
  check: "false",
  upload: "true",
  "boot-test": "true",
  "retention-days": "0",
  "artifact-prefix": "libkrunfw"
};
var RUNNERS = {
  x86_64: { label: "ubuntu-24.04", host: "x86_64" },
  aarch64: { label: "ubuntu-24.04-arm", host: "aarch64" },
  riscv64: { label: "ubuntu-24.04", host: "x86_64" }
};
var CALLER_DIR = ".libkrunfw-caller";
function nameList(raw) {
  const text2 = raw.trim();
  if (!text2.startsWith("[")) return { names: text2.split(/[\s,]+/).filter(Boolean) };
  let parsed;
  try {
    parsed = JSON.parse(text2);
  } catch (e) {
    return { problem: `not a JSON array (${e.message})` };
  }
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === "string")) {
    return { problem: `must be a JSON array of strings, got ${quote(text2)}` };
  }
  return { names: parsed };
}
var PLAIN_PATH = /^[A-Za-z0-9_][A-Za-z0-9._/+-]*$/;
var GIT_REF = /^[A-Za-z0-9_][A-Za-z0-9._/+-]*$/;
var HTTPS_GIT_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~-]+)+\/?$/;
var ARTIFACT_PREFIX = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
function names(error, label, value, buildable) {
  const list = nameList(value);
  if ("problem" in list) {
    error(`${label}: ${list.problem}`);
    return [];
  }
  if (list.names.length === 0) error(`${label}: empty; buildable: ${buildable.join(", ")}`);
  const unique = [...new Set(list.names)];
  for (const name of unique)
    if (!buildable.includes(name)) error(`${label}: unknown value ${quote(name)}; buildable: ${buildable.join(", ")}`);
  return unique.filter((n) => buildable.includes(n));
}
function repositoryPath(error, label, value) {
  const path6 = value.trim();
  if (!path6) return "";
  if (!PLAIN_PATH.test(path6) || path6.split("/").some((p) => p === "" || p === "." || p === "..")) {
    error(`${label}: ${quote(path6)} is not a plain relative path in your repository (like ci/qboot/bios.bin)`);
    return "";
  }
  return `${CALLER_DIR}/${path6}`;
}
function checkSource(error, raw) {
  const kernelVersion = raw["kernel-version"].trim();
  const kernelSha256 = raw["kernel-sha256"].trim();
  if (kernelVersion && !VERSION_PATTERN.test(kernelVersion)) {
    error(`kernel-version: ${quote(kernelVersion)} is not a kernel.org release number like 6.12.87`);
  } else if (kernelVersion && !kernelSha256 && !knownKernelSha256(kernelVersion)) {
    error(`kernel-version: ${kernelVersion} has no sha256 the action knows; set kernel-sha256 (from kernel.org's signed sha256sums.asc)`);
  }
  if (kernelSha256 && !/^[0-9a-fA-F]{64}$/.test(kernelSha256)) error("kernel-sha256: must be 64 hex digits");
  if (kernelSha256 && !kernelVersion) error("kernel-sha256: given without kernel-version");
  const ref = raw["libkrunfw-ref"].trim();
  if (ref && (!GIT_REF.test(ref) || ref.includes("..") || /(\.|\/|\.lock)$/.test(ref))) {
    error(`libkrunfw-ref: ${quote(ref)} is not a branch, tag or commit sha`);
  }
  const repository = raw["libkrunfw-repository"].trim();
  if (repository && !HTTPS_GIT_URL.test(repository)) {
    error(`libkrunfw-repository: ${quote(repository)} is not an https git URL like https://github.com/containers/libkrunfw`);
  }
  if (repository && !ref) error("libkrunfw-repository: given without libkrunfw-ref (say which ref of it to build)");
  return ref;
}
function pairsOf(messages, variants, arches) {
  const exists = (v, a) => !TEE_VARIANTS.includes(v) || TEE_ARCHES.includes(a);
  const pairs = variants.flatMap((variant) => arches.map((arch) => ({ variant, arch })));
  const kept = pairs.filter((p) => exists(p.variant, p.arch));
  const leftOut = pairs.filter((p) => !exists(p.variant, p.arch));
  if (variants.length > 0 && arches.length > 0 && kept.length === 0) {
    messages.push({
      level: "error",
      text: `nothing to build: ${variants.join(", ")} exist only for ${TEE_ARCHES.join(", ")}, and architectures holds ${arches.join(", ")}`
    });
  } else if (leftOut.length > 0) {
    messages.push({
      level: "notice",
      text: `left out: ${leftOut.map((p) => `${p.variant} ${p.arch}`).join(", ")} (${TEE_VARIANTS.join(", ")} are confidential guests for ${TEE_ARCHES.join(", ")} only)`
    });
  }
  return { kept, leftOut };
}
function hostCells(error, hosts, kept) {
  const windowsPair = kept.find((p) => p.arch === WINDOWS_TARGET.arch && p.variant === WINDOWS_TARGET.variant);
  if (hosts.includes("windows") && !windowsPair && kept.length > 0) {
    error(
      `hosts: windows is built for ${WINDOWS_TARGET.arch} ${WINDOWS_TARGET.variant} only, and variants x architectures hold ${kept.map((p) => `${p.variant} ${p.arch}`).join(", ")}`
    );
  }
  return hosts.flatMap(
    (host) => host === "windows" ? windowsPair ? [{ ...windowsPair, host }] : [] : kept.map((p) => ({ ...p, host }))
  );
}
function planBuilds(raw) {
  const messages = [];
  const error = (text2) => void messages.push({ level: "error", text: text2 });
  const variants = names(error, "variants", raw.variants, VARIANTS);
  const arches = names(error, "architectures", raw.architectures, ARCHES);
  const hosts = names(error, "hosts", raw.hosts, HOSTS);
  const ref = checkSource(error, raw);
  const qboot = repositoryPath(error, "qboot", raw.qboot);
  const initrd = repositoryPath(error, "initrd", raw.initrd);
  const retention = raw["retention-days"].trim();
  if (!/^\d+$/.test(retention) || Number(retention) > 90) {
    error(`retention-days: ${quote(retention)} is not a whole number of days from 0 to 90`);
  }
  const prefix = raw["artifact-prefix"].trim();
  if (!ARTIFACT_PREFIX.test(prefix)) error(`artifact-prefix: ${quote(prefix)} may hold only letters, digits, '.', '_' and '-'`);
  const { kept, leftOut } = pairsOf(messages, variants, arches);
  const check = raw.check === "true";
  const tee = TEE_VARIANTS.filter((v) => kept.some((p) => p.variant === v));
  if (tee.length > 0 && !check && !ref && !(qboot && initrd)) {
    const missing = [qboot ? "" : "qboot", initrd ? "" : "initrd"].filter(Boolean).join(" and ");
    error(
      `variants: ${tee.join(", ")} bundle the qboot firmware and an initrd: set libkrunfw-ref (a containers/libkrunfw ref, whose qboot/<variant>/bios.bin and initrd/initrd.gz are used), or ${missing} (a path in your repository)`
    );
  }
  if ((qboot || initrd) && (tee.length === 0 || check)) {
    messages.push({
      level: "warning",
      text: `qboot and initrd are for the sev and tdx builds, and ${check ? "a check builds none" : "none is planned"}; they are not used`
    });
  }
  const planned = hostCells(error, hosts, kept);
  if (messages.some((m) => m.level === "error")) return { messages };
  const cells = planned.map(({ variant, arch, host }) => {
    const blobs = TEE_VARIANTS.includes(variant) && !check;
    const boot = !check && raw["boot-test"] === "true" && archFacts(arch).bootEmulator !== void 0;
    return {
      variant,
      arch,
      host,
      runner: RUNNERS[arch].label,
      artifact: `${prefix}-${variant}${hostInfix(host)}-${arch}`,
      boot: boot ? "true" : "false",
      emulator: boot ? archFacts(arch).bootPackage : "",
      cross: RUNNERS[arch].host === arch ? "" : crossPackages(arch).join(" "),
      hostPackages: HOST_PACKAGES[host].join(" "),
      qboot: blobs ? qboot : "",
      initrd: blobs ? initrd : ""
    };
  });
  const artifacts = raw.upload === "true" ? cells.map((c) => c.artifact) : [];
  return { messages, plan: { cells, leftOut, artifacts, artifactPattern: `${prefix}-*` } };
}
function planOutputs(plan) {
  return {
    matrix: JSON.stringify({ include: plan.cells }),
    artifacts: JSON.stringify(plan.artifacts),
    "artifact-pattern": plan.artifactPattern,
    builds: JSON.stringify(plan.cells.map(({ variant, arch, runner, artifact }) => ({ variant, arch, runner, artifact })))
  };
}
function planSummary(plan) {
  const rows = plan.cells.map((c) => {
    const how = c.cross ? `${c.runner} (cross)` : c.runner;
    const uploaded = plan.artifacts.includes(c.artifact) ? c.artifact : "(not uploaded)";
    return `| ${c.variant} | ${c.arch}${c.host === "linux" ? "" : ` (${c.host})`} | ${how} | ${c.boot === "true" ? "yes" : "no"} | ${uploaded} |
`;
  });
  const left = plan.leftOut.map((p) => `| ${p.variant} | ${p.arch} | (left out: ${p.variant} is for ${TEE_ARCHES.join(", ")} only) | | |
`);
  return ["| variant | arch | runner | boot test | artifact |\n| --- | --- | --- | --- | --- |\n", ...rows, ...left].join("");
}

// src/workflows/release-gather.ts
import { copyFileSync, existsSync as existsSync2, mkdirSync, mkdtempSync as mkdtempSync2, readdirSync, renameSync as renameSync2, rmdirSync, rmSync as rmSync2, statSync as statSync2, writeFileSync as writeFileSync2 } from "node:fs";
import path3 from "node:path";
import os2 from "node:os";

// src/workflows/source-release.ts
import { createHash } from "node:crypto";
import { closeSync, createReadStream, createWriteStream, openSync, readSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";

// src/workflows/tar-members.ts
var BLOCK = 512;
var RECORD = 20 * BLOCK;
var MAX_EXTENDED = 1 << 20;
var ByteReader = class {
  chunks;
  pending = Buffer.alloc(0);
  ended = false;
  /** Bytes handed out so far. */
  offset = 0;
  constructor(source) {
    this.chunks = source[Symbol.asyncIterator]();
  }
  /** Up to `n` bytes; an empty buffer only at the end of the input. */
  async some(n) {
    while (this.pending.length === 0 && !this.ended) {
      const r = await this.chunks.next();
      if (r.done) this.ended = true;
      else this.pending = r.value;
    }
    const piece = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(piece.length);
    this.offset += piece.length;
    return piece;
  }
  /** Exactly `n` bytes; undefined at the end of the input; a short read throws. */
  async exactly(n, what) {
    const parts = [];
    let got = 0;
    while (got < n) {
      const piece = await this.some(n - got);
      if (piece.length === 0) {
        if (got === 0) return void 0;
        throw new ArchiveError(`${what()} is truncated`);
      }
      parts.push(piece);
      got += piece.length;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }
  async skip(n, what) {
    let left = n;
    while (left > 0) {
      const piece = await this.some(Math.min(left, 1 << 20));
      if (piece.length === 0) throw new ArchiveError(`${what()} is truncated`);
      left -= piece.length;
    }
  }
  async close() {
    await this.chunks.return?.();
  }
};
function padding(size) {
  return (BLOCK - size % BLOCK) % BLOCK;
}
function text(b, start, end) {
  const nul = b.indexOf(0, start);
  return b.toString("utf8", start, nul >= 0 && nul < end ? nul : end);
}
function numeric(b, start, length) {
  if (b[start] === 128) {
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + b[i];
    return Number.isSafeInteger(value) ? value : void 0;
  }
  const field = text(b, start, start + length).trim();
  return /^[0-7]{1,12}$/.test(field) ? parseInt(field, 8) : void 0;
}
function checksumOk(b) {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 32 : b[i];
    unsigned += c;
    signed += c >= 128 ? c - 256 : c;
  }
  const stored = numeric(b, 148, 8);
  return stored === unsigned || stored === signed;
}
function paxRecords(data, where) {
  const records = /* @__PURE__ */ new Map();
  let pos = 0;
  while (pos < data.length && data[pos] !== 0) {
    const space = data.indexOf(32, pos);
    const length = Number(data.toString("latin1", pos, space));
    const end = pos + length;
    if (space < 0 || !Number.isSafeInteger(length) || length <= space - pos || end > data.length || data[end - 1] !== 10) {
      throw new ArchiveError(`${where()} has a malformed pax record`);
    }
    const record = data.toString("utf8", space + 1, end - 1);
    const eq = record.indexOf("=");
    if (eq <= 0) throw new ArchiveError(`${where()} has a malformed pax record`);
    records.set(record.slice(0, eq), record.slice(eq + 1));
    pos = end;
  }
  return records;
}
var KINDS = { "0": "file", "\0": "file", "7": "file", "5": "directory", "2": "symlink", "1": "hardlink" };
async function* tarMembers(source, archive) {
  const reader = new ByteReader(source);
  let last = "";
  const at = () => `${archive}${last ? ` (after ${last})` : ""}`;
  try {
    let extended = [];
    let longName;
    let pax = /* @__PURE__ */ new Map();
    for (; ; ) {
      const offset = reader.offset;
      const header = await reader.exactly(BLOCK, at);
      if (header === void 0 || header.every((b) => b === 0)) {
        if (extended.length > 0) throw new ArchiveError(`${at()} ends with an extended header and no member`);
        return;
      }
      if (!checksumOk(header)) throw new ArchiveError(`${at()} is corrupt: bad header checksum at byte ${offset}`);
      const type = String.fromCharCode(header[156]);
      let size = numeric(header, 124, 12);
      if (size === void 0) throw new ArchiveError(`${at()} is corrupt: unreadable size at byte ${offset}`);
      if (type === "L" || type === "K" || type === "x" || type === "g") {
        if (size > MAX_EXTENDED) throw new ArchiveError(`${at()}: an extended header of ${size} bytes at byte ${offset}`);
        const body = await reader.exactly(size + padding(size), at) ?? Buffer.alloc(0);
        if (body.length < size + padding(size)) throw new ArchiveError(`${at()} is truncated`);
        const data = body.subarray(0, size);
        if (type === "g") {
          const records = paxRecords(data, at);
          if (records.has("path") || records.has("size")) throw new ArchiveError(`${at()}: a pax global header sets path or size`);
        } else {
          extended.push(header, body);
          if (type === "L") longName = text(data, 0, data.length);
          if (type === "x") pax = new Map([...pax, ...paxRecords(data, at)]);
        }
        continue;
      }
      const kind = KINDS[type];
      const posix = header.toString("latin1", 257, 263) === "ustar\0";
      const prefix = posix ? text(header, 345, 500) : "";
      const name = pax.get("path") ?? longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
      if (pax.has("size")) {
        const paxSize = pax.get("size");
        if (!/^\d{1,15}$/.test(paxSize)) throw new ArchiveError(`${at()}: pax size ${JSON.stringify(paxSize)} of ${name}`);
        size = Number(paxSize);
      }
      if (kind === void 0) throw new ArchiveError(`${archive}: ${name} has the tar entry type ${JSON.stringify(type)}, which is not read here`);
      if (kind !== "file" && size !== 0) throw new ArchiveError(`${archive}: ${name} is a ${kind} with ${size} bytes of data`);
      last = name;
      let left = size;
      let current = true;
      const what = () => `${archive}: ${name}`;
      const member = {
        name,
        kind,
        size,
        headers: Buffer.concat([...extended, header]),
        async *data() {
          if (!current) throw new Error(`${what()}: its data was read after the next member`);
          while (left > 0) {
            const piece = await reader.some(Math.min(left, 1 << 20));
            if (piece.length === 0) throw new ArchiveError(`${what()} is truncated`);
            left -= piece.length;
            yield piece;
          }
        }
      };
      extended = [];
      longName = void 0;
      pax = /* @__PURE__ */ new Map();
      yield member;
      current = false;
      await reader.skip(left + padding(size), what);
    }
  } finally {
    await reader.close();
  }
}
function endOfArchive(written) {
  const end = written + 2 * BLOCK;
  return Buffer.alloc(2 * BLOCK + (RECORD - end % RECORD) % RECORD);
}

// src/workflows/source-release.ts
var MAX_MANIFEST = 16 << 20;
function isGzip(file) {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 31 && head[1] === 139;
  } finally {
    closeSync(fd);
  }
}
async function* tarBytes(file) {
  if (!isGzip(file)) {
    for await (const chunk of createReadStream(file)) yield chunk;
    return;
  }
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on("error", (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}
function members(file) {
  return tarMembers(tarBytes(file), file);
}
async function readAll(m) {
  const parts = [];
  for await (const piece of m.data()) parts.push(piece);
  return Buffer.concat(parts);
}
async function readSourceManifest(file, top) {
  for await (const m of members(file)) {
    if (m.name === `${top}/${MANIFEST}` && m.kind === "file" && m.size < MAX_MANIFEST) {
      return JSON.parse((await readAll(m)).toString("utf8"));
    }
  }
  return void 0;
}
async function extractMember(file, member, dest) {
  for await (const m of members(file)) {
    if (m.name !== member || m.kind !== "file") continue;
    const hash = createHash("sha256");
    await pipeline(
      m.data(),
      async function* (source) {
        for await (const piece of source) {
          hash.update(piece);
          yield piece;
        }
      },
      createWriteStream(dest)
    );
    return hash.digest("hex");
  }
  return void 0;
}
async function copyWithout(file, top, drop, dest) {
  const result = {};
  async function* kept() {
    let written = 0;
    for await (const m of members(file)) {
      if (m.name !== top && !m.name.startsWith(`${top}/`)) {
        result.outside = m.name;
        return;
      }
      if (m.name === drop && m.kind === "file") {
        const hash = createHash("sha256");
        for await (const piece of m.data()) hash.update(piece);
        result.dropped = hash.digest("hex");
        continue;
      }
      if (m.name === `${top}/${MANIFEST}` && m.kind === "file" && m.size < MAX_MANIFEST) {
        const data = await readAll(m);
        result.manifest = JSON.parse(data.toString("utf8"));
        yield m.headers;
        yield data;
      } else {
        yield m.headers;
        for await (const piece of m.data()) yield piece;
      }
      const pad = padding(m.size);
      if (pad > 0) yield Buffer.alloc(pad);
      written += m.headers.length + m.size + pad;
    }
    yield endOfArchive(written);
  }
  const gzip = isGzip(file);
  if (gzip) await pipeline(Readable.from(kept()), createGzip({ level: 9 }), createWriteStream(dest));
  else await pipeline(Readable.from(kept()), createWriteStream(dest));
  return result;
}

// src/workflows/release-gather.ts
var GATHER_INPUTS = ["artifacts", "builds-dir", "kernel-source-dir", "release-dir", "work-dir"];
var SHA256SUMS = "SHA256SUMS";
async function keptKernel(dir) {
  const files = existsSync2(dir) && statSync2(dir).isDirectory() ? readdirSync(dir).filter((f) => statSync2(path3.join(dir, f)).isFile()) : [];
  if (files.length !== 1) return { problem: `${dir}/ holds ${files.length} files; want the one kernel tarball the 'kernel' job kept` };
  return { file: files[0], sha256: await sha256File(path3.join(dir, files[0])) };
}
function measurementsAssetName(variant, arch, host) {
  return `${libraryBase(variant)}${hostInfix(host)}-${arch}-measurements.json`;
}
function misnamed(variant, m, files, source) {
  const want = sourceReleaseFile(m);
  if (source.name !== want) return `its manifest names ${source.name} as its source release, not ${want ?? "libkrunfw-<version>-<variant>-<arch>-source.tar"}`;
  if (files.prebuilt && files.prebuilt.name !== `${prebuiltName(variant)}.tgz`)
    return `its manifest names ${files.prebuilt.name} as its macOS bundle, not ${prebuiltName(variant)}.tgz`;
  const unmeasured = measurementsProblem(variant, m.measurements !== void 0);
  return unmeasured && `its manifest names ${unmeasured}`;
}
async function gatherBuild(artifact, c) {
  const { builds, work, kernel, error, add } = c;
  const problem = (text2) => error(`${artifact}: ${text2}`);
  const folder = findBuild(builds, artifact);
  if (!folder) {
    problem(`missing (no ${artifact}.json)`);
    return;
  }
  const read = readBuildManifest(folder, artifact);
  if ("problem" in read) {
    problem(read.problem);
    return;
  }
  const m = read.manifest;
  const files = {};
  for (const key of ["tarball", "prebuilt", "measurements", "source-release"]) {
    const f = await namedFile(folder, m, key);
    if (f && "problem" in f) problem(f.problem);
    else if (f) files[key] = f;
  }
  if (!files.tarball) {
    if (!m.tarball) problem("its manifest names no install tarball");
    return;
  }
  if (!files["source-release"]) {
    if (!m["source-release"]) problem("its manifest names no source release, so its binaries are not attached");
    return;
  }
  if (!kernel) return;
  if (!m.variant || !m.arch) {
    problem("its manifest names no variant or arch");
    return;
  }
  const wrong = misnamed(m.variant, m, files, files["source-release"]);
  if (wrong) {
    problem(wrong);
    return;
  }
  const source = files["source-release"];
  const top = sourceReleaseTop(source.name);
  const slim = path3.join(work, source.name);
  let copy;
  try {
    copy = await copyWithout(source.path, top, `${top}/linux/${kernel.file}`, slim);
  } catch (e) {
    problem(`${source.name} cannot be read: ${e.message}`);
    return;
  }
  const named = manifestKernel(copy.manifest);
  if (copy.outside !== void 0) problem(`${source.name} holds ${quote(copy.outside)}, outside ${top}/`);
  else if (copy.dropped === void 0) problem(`${source.name} holds no linux/${kernel.file}, the kernel tarball this release attaches`);
  else if (copy.dropped !== kernel.sha256)
    problem(`${source.name} holds linux/${kernel.file} with sha256 ${copy.dropped}; the one attached has ${kernel.sha256}`);
  else if (typeof named === "string" || named.file !== kernel.file || named.sha256 !== kernel.sha256) {
    problem(`${source.name}'s manifest.json does not name ${kernel.file} by its sha256 ${kernel.sha256}`);
  } else {
    add(source.name, slim, await sha256File(slim));
    add(tarballName(m.variant, m.arch, m.host), files.tarball.path, files.tarball.sha256);
    if (files.prebuilt) add(files.prebuilt.name, files.prebuilt.path, files.prebuilt.sha256);
    if (files.measurements) add(measurementsAssetName(m.variant, m.arch, m.host), files.measurements.path, files.measurements.sha256);
  }
}
async function gatherRelease(raw) {
  const messages = [];
  const error = (text2) => void messages.push({ level: "error", text: text2 });
  const assets = /* @__PURE__ */ new Map();
  const add = (name, source, sha256) => {
    const had = assets.get(name);
    if (!PLAIN_NAME.test(name)) error(`${source}: ${quote(name)} is not a safe asset name`);
    else if (had && had.sha256 !== sha256) error(`two different files would be attached as ${name}: ${had.source} and ${source}`);
    else if (!had) assets.set(name, { name, source, sha256 });
  };
  const kernelDir = raw["kernel-source-dir"];
  const kept = await keptKernel(kernelDir);
  const kernel = "problem" in kept ? void 0 : kept;
  if ("problem" in kept) error(kept.problem);
  else add(kept.file, path3.join(kernelDir, kept.file), kept.sha256);
  const list = artifactList(raw.artifacts);
  const artifacts = "problem" in list ? [] : list.artifacts;
  if ("problem" in list) error(list.problem);
  const builds = raw["builds-dir"];
  for (const extra of existsSync2(builds) ? readdirSync(builds).sort() : []) {
    if (statSync2(path3.join(builds, extra)).isDirectory() && !artifacts.includes(extra)) {
      messages.push({ level: "warning", text: `ignoring artifact ${extra}: build.yml did not name it` });
    }
  }
  mkdirSync(raw["work-dir"] || os2.tmpdir(), { recursive: true });
  const work = mkdtempSync2(path3.join(raw["work-dir"] || os2.tmpdir(), "gather-"));
  try {
    for (const artifact of artifacts) await gatherBuild(artifact, { builds, work, kernel, error, add });
    if (assets.has(SHA256SUMS)) error(`an artifact holds a file named ${SHA256SUMS}; that name is the checksum list's`);
    const dir = raw["release-dir"];
    if (existsSync2(dir) && readdirSync(dir).length > 0) error(`${dir}/ exists and is not empty; the release set goes into a new directory`);
    if (messages.some((m) => m.level === "error")) return { messages };
    const sorted = [...assets.values()].sort((a, b) => a.name < b.name ? -1 : 1);
    writeReleaseSet(dir, sorted);
    return { messages, release: { dir, assets: sorted, kernel: kernel.file } };
  } finally {
    rmSync2(work, { recursive: true, force: true });
  }
}
function writeReleaseSet(dir, assets) {
  const parent = path3.dirname(path3.resolve(dir));
  mkdirSync(parent, { recursive: true });
  const stage = mkdtempSync2(path3.join(parent, `.${path3.basename(dir)}-`));
  try {
    for (const a of assets) copyFileSync(a.source, path3.join(stage, a.name));
    writeFileSync2(path3.join(stage, SHA256SUMS), assets.map((a) => `${a.sha256}  ${a.name}
`).join(""));
    if (existsSync2(dir)) rmdirSync(dir);
    renameSync2(stage, dir);
  } catch (e) {
    rmSync2(stage, { recursive: true, force: true });
    throw e;
  }
}
function releaseSummary(r) {
  return [
    "| asset | sha256 |\n| --- | --- |\n",
    ...r.assets.map((a) => `| ${a.name} | \`${a.sha256}\` |
`),
    `
The source releases leave out linux/${r.kernel}, attached once; their manifest.json names it by sha256.
`
  ].join("");
}

// src/workflows/release-kernel.ts
import { mkdirSync as mkdirSync2, renameSync as renameSync3, rmSync as rmSync3 } from "node:fs";
import path4 from "node:path";
var KERNEL_INPUTS = ["artifacts", "builds-dir", "kernel-source-dir"];
async function sourceKernels(raw) {
  const problems = [];
  const kernels = [];
  const list = artifactList(raw.artifacts);
  if ("problem" in list) return { kernels, problems: [list.problem] };
  for (const artifact of list.artifacts) {
    const problem = (text2) => void problems.push(`${artifact}: ${text2}`);
    const folder = findBuild(raw["builds-dir"], artifact);
    if (!folder) {
      problem(`missing (no ${artifact}.json)`);
      continue;
    }
    const read = readBuildManifest(folder, artifact);
    if ("problem" in read) {
      problem(read.problem);
      continue;
    }
    const m = read.manifest;
    if (!m["source-release"]) {
      problem("its manifest names no source release");
      continue;
    }
    const want = sourceReleaseFile(m);
    if (m["source-release"] !== want) {
      problem(`its manifest names ${m["source-release"]} as its source release, not ${want ?? "libkrunfw-<version>-<variant>-<arch>-source.tar"}`);
      continue;
    }
    const release = await namedFile(folder, m, "source-release");
    if (release === void 0 || "problem" in release) {
      problem(release?.problem ?? "its manifest names no source release");
      continue;
    }
    const top = sourceReleaseTop(release.name);
    let inner;
    try {
      inner = await readSourceManifest(release.path, top);
    } catch (e) {
      problem(`${release.name} cannot be read: ${e.message}`);
      continue;
    }
    if (inner === void 0) {
      problem(`${release.name} has no ${top}/manifest.json`);
      continue;
    }
    const kernel = manifestKernel(inner);
    if (typeof kernel === "string") {
      problem(`${release.name}'s manifest.json ${kernel}`);
      continue;
    }
    kernels.push({ artifact, release: release.path, top, file: kernel.file, sha256: kernel.sha256 });
  }
  if (new Set(kernels.map((k) => `${k.file} ${k.sha256}`)).size > 1) {
    problems.push(
      "the builds' source manifests name different kernel tarballs, and a release attaches one: " + kernels.map((k) => `${k.artifact}: ${k.file} sha256 ${k.sha256}`).join("; ")
    );
  }
  return { kernels, problems };
}
async function takeKernel(raw) {
  const { kernels, problems } = await sourceKernels(raw);
  const errors = (texts) => ({ messages: texts.map((text2) => ({ level: "error", text: text2 })) });
  if (problems.length > 0) return errors(problems);
  const first = kernels[0];
  mkdirSync2(raw["kernel-source-dir"], { recursive: true });
  const target = path4.join(raw["kernel-source-dir"], first.file);
  const partial = `${target}.partial`;
  let sha256;
  try {
    sha256 = await extractMember(first.release, `${first.top}/linux/${first.file}`, partial);
  } catch (e) {
    rmSync3(partial, { force: true });
    return errors([`${first.artifact}: ${path4.basename(first.release)} cannot be read: ${e.message}`]);
  }
  if (sha256 !== first.sha256) {
    rmSync3(partial, { force: true });
    const what = sha256 === void 0 ? "is not in it" : `has sha256 ${sha256}`;
    return errors([`${first.artifact}: linux/${first.file} ${what}; every manifest says ${first.sha256}`]);
  }
  renameSync3(partial, target);
  return {
    messages: [],
    kernel: { path: target, file: first.file, sha256, from: first.artifact, namedBy: kernels.map((k) => k.artifact) }
  };
}
function kernelOutputs(k) {
  return { tarball: k.file, sha256: k.sha256 };
}
function kernelSummary(k) {
  return `Kernel tarball \`${k.file}\`, sha256 \`${k.sha256}\`, named by the source manifests of ${k.namedBy.join(", ")}; taken from ${k.from}.
`;
}

// src/workflows/commands.ts
var COMMANDS = {
  plan: {
    summary: "build.yml's plan job: check the inputs, write the matrix (outputs matrix, artifacts, artifact-pattern, builds)",
    inputs: PLAN_INPUTS,
    async run(argv, step) {
      const io = new StepIO(step, "libkrunfw build inputs", { notice: "libkrunfw build plan" });
      const { messages, plan } = planBuilds(readStepInputs("plan", PLAN_INPUTS, argv, step.env, PLAN_DEFAULTS));
      io.report(messages, "plan");
      io.setOutputs(planOutputs(plan));
      io.summary(planSummary(plan));
    }
  },
  "build-manifest": {
    summary: "build.yml's cell: check the action's outputs and write <artifact>.json beside them in out-dir",
    inputs: MANIFEST_INPUTS,
    async run(argv, step) {
      const io = new StepIO(step, "build manifest");
      const raw = readStepInputs("build-manifest", MANIFEST_INPUTS, argv, step.env);
      const built = await buildManifest(raw);
      if ("problems" in built)
        return io.report(
          built.problems.map((text2) => ({ level: "error", text: text2 })),
          "build-manifest"
        );
      writeBuildManifest(raw["out-dir"], built.manifest);
      io.info(manifestJson(built.manifest).trimEnd());
    }
  },
  "release-kernel": {
    summary: "release.yml's kernel job: take the kernel tarball every source manifest names, once (outputs tarball, sha256)",
    inputs: KERNEL_INPUTS,
    async run(argv, step) {
      const io = new StepIO(step, "kernel tarball");
      const { messages, kernel } = await takeKernel(readStepInputs("release-kernel", KERNEL_INPUTS, argv, step.env));
      io.report(messages, "release-kernel");
      io.setOutputs(kernelOutputs(kernel));
      io.summary(kernelSummary(kernel));
      io.info(`${kernel.file} ${kernel.sha256}`);
    }
  },
  "release-gather": {
    summary: "release.yml's gather job: check every build against its manifest, write the release set and SHA256SUMS",
    inputs: GATHER_INPUTS,
    async run(argv, step) {
      const io = new StepIO(step, "release set");
      const { messages, release } = await gatherRelease(readStepInputs("release-gather", GATHER_INPUTS, argv, step.env));
      io.report(messages, "release-gather");
      io.summary(releaseSummary(release));
      io.info(release.assets.map((a) => a.name).join("\n"));
    }
  }
};
function isWorkflowCommand(name) {
  return name !== void 0 && Object.hasOwn(COMMANDS, name);
}
async function runWorkflowCommand(name, argv, step = processStep()) {
  if (!isWorkflowCommand(name)) throw new InputError(`unknown workflow command '${name}'`);
  await COMMANDS[name].run(argv, step);
}
function workflowUsage() {
  const wrap = (words, indent) => {
    const lines = [indent];
    for (const w of words) {
      if (lines.at(-1).length + w.length > 100) lines.push(indent);
      lines[lines.length - 1] += `${lines.at(-1).trim() ? " " : ""}${w}`;
    }
    return lines.join("\n");
  };
  const commands = Object.entries(COMMANDS).map(
    ([name, c]) => `  libkrunfw-action ${name}
      ${c.summary}.
${wrap(
      c.inputs.map((i) => `--${i} (${envName(i)})`),
      "        "
    )}`
  );
  return `Workflow commands, run by .github/workflows (each input is a flag or the environment variable in
brackets; findings are printed as workflow commands, outputs go to GITHUB_OUTPUT, tables to
GITHUB_STEP_SUMMARY; exit 1 when the input is refused):
${commands.join("\n")}
`;
}

// src/request/from-argv.ts
var COMMANDS2 = ["build", "bundle", "verify-source", "check"];
var SAID_BY_COMMAND = ["verify-source", "check"];
var ALIASES = { out: "out-dir" };
function parseArgv(argv) {
  const [command, ...rest] = argv;
  if (command === void 0 || command === "help" || command === "--help" || command === "-h") {
    return { command: "help", raw: {}, verbose: false };
  }
  if (command === "version" || command === "--version") return { command: "version", raw: {}, verbose: false };
  if (!COMMANDS2.includes(command)) {
    throw new InputError(`unknown command '${command}'; commands: ${COMMANDS2.join(", ")} (see --help)`);
  }
  const options = {
    verbose: { type: "boolean" }
  };
  const mode = command;
  for (const spec of BUILD_INPUTS) {
    if (!spec.modes.includes(mode) || SAID_BY_COMMAND.includes(spec.name)) continue;
    options[spec.name] = { type: spec.boolean ? "boolean" : "string", multiple: spec.multiple === true };
  }
  for (const [alias, name] of Object.entries(ALIASES)) if (options[name]) options[alias] = options[name];
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs3({ args: rest, options, strict: true, allowPositionals: command === "verify-source" }));
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
  if (command === "verify-source") raw["verify-source"] = positionals[0];
  if (command === "check") raw.check = true;
  return { command, raw, verbose: values.verbose === true };
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
  libkrunfw-action verify-source RELEASE.tar [--work-dir DIR] [--jobs N]
      Check a source release against its manifest, rebuild the library from it
      alone (no network, no cache) and compare the sha256 with the manifest's.
  libkrunfw-action check [--kernel-source URL|FILE] [--kernel-config FILE]... [--patches DIR] --out DIR
      Try every patch and every config option against the kernel without
      compiling: a verdict for each, check-report.json in out-dir; exit 1 when
      something does not apply or land.
  libkrunfw-action measure LIBRARY [--vcpus N,...] [--memory MiB,...]
      The SEV, SEV-ES and SNP launch digests of a SEV library (see measure --help).

Options (the action's inputs; --out is short for --out-dir; --help lists which a command takes):
${flags}
  --verbose
      Show debug messages.

${workflowUsage()}`;
}

// src/cli.ts
import path5 from "node:path";
function reportOf(command, raw, result) {
  if (command === "verify-source" && result.kind === "library") {
    return { release: raw["verify-source"], library: path5.basename(result.library), sha256: result.sha256, reproduced: true };
  }
  return outputsOf(result);
}
async function cli(argv) {
  try {
    if (isWorkflowCommand(argv[0])) {
      await runWorkflowCommand(argv[0], argv.slice(1));
      return 0;
    }
    if (argv[0] === "measure") return await measureCommand(argv.slice(1));
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
    const result = await runRequest(args.raw, platform, process.cwd());
    process.stdout.write(`${JSON.stringify(reportOf(args.command, args.raw, result), null, 2)}
`);
    return result.kind === "check" && !result.passed ? 1 : 0;
  } catch (e) {
    if (e instanceof LibkrunfwError) {
      process.stderr.write(`error: ${e.message}
`);
      return exitCodeOf(e);
    }
    process.stderr.write(`unexpected failure: ${e.stack ?? String(e)}
`);
    return 2;
  }
}

// src/entry/cli.ts
installInterruptHandlers({ onSignal: (signal) => process.stderr.write(`stopping: ${signal} received
`) });
process.exitCode = await cli(process.argv.slice(2));
//# sourceMappingURL=cli.js.map
