#!/usr/bin/env node
import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  outputsOf
} from "./chunk-SK6MJCAK.js";
import "./chunk-AQH7MFKA.js";
import {
  localPlatform
} from "./chunk-TIS64UED.js";
import {
  BUILD_INPUTS,
  PROJECT_ROOT,
  runRequest
} from "./chunk-UZXBDATL.js";
import {
  InputError,
  LibkrunfwError,
  UserError
} from "./chunk-TEIPK5F2.js";

// src/cli.ts
import { readFileSync } from "node:fs";

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

// src/cli.ts
import path from "node:path";
async function cli(argv) {
  try {
    const args = parseArgv(argv);
    if (args.command === "help") {
      process.stdout.write(usage());
      return 0;
    }
    if (args.command === "version") {
      const pkg = JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, "utf8"));
      process.stdout.write(`${pkg.version}
`);
      return 0;
    }
    const platform = localPlatform({ verbose: args.verbose });
    const raw = args.command === "verify-source" ? { ...args.raw, "verify-source": args.release } : args.raw;
    const result = await runRequest(raw, platform, process.cwd());
    const report = args.command === "verify-source" ? { release: args.release, library: path.basename(result.library), sha256: result.sha256, reproduced: true } : outputsOf(result);
    process.stdout.write(`${JSON.stringify(report, null, 2)}
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

// src/entry/cli.ts
process.exitCode = await cli(process.argv.slice(2));
//# sourceMappingURL=cli.js.map
