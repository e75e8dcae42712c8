import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  setOutput
} from "./chunk-4YJAQ6HX.js";
import {
  OUTPUTS
} from "./chunk-PY3N3A6Y.js";

// src/outputs.ts
function outputsOf(result) {
  const state = (level) => result.caches.find((c) => c.level === level)?.state;
  const caches = {
    "source-cache-hit": String(state("source") === "hit"),
    "compiler-cache-hit": String(state("compiler") === "hit" || state("compiler") === "partial"),
    "output-cache-hit": String(state("output") === "hit"),
    "tree-cache-hit": String(state("tree") === "hit")
  };
  if (result.kind === "check") {
    const none = Object.fromEntries(Object.keys(OUTPUTS).map((name) => [name, ""]));
    return { ...none, ...caches, variant: result.variant, arch: result.arch, "kernel-version": result.kernelVersion ?? "", "check-report": result.reportFile };
  }
  return {
    library: result.library,
    soname: result.soname,
    variant: result.variant,
    arch: result.arch,
    version: result.version,
    sha256: result.sha256,
    "kernel-version": result.kernelVersion ?? "",
    tarball: result.tarball,
    "tarball-sha256": result.tarballSha256,
    "prebuilt-tarball": result.prebuilt?.tarball ?? "",
    "source-release": result.sourceRelease?.tarball ?? "",
    "source-release-sha256": result.sourceRelease?.sha256 ?? "",
    "artifact-id": String(result.published?.binary.id ?? ""),
    "artifact-digest": result.published?.binary.digest ?? "",
    "source-artifact-id": String(result.published?.source.id ?? ""),
    "source-artifact-digest": result.published?.source.digest ?? "",
    sha256sums: result.published?.sha256sums ?? "",
    measurements: result.measurements?.file ?? "",
    "check-report": "",
    ...caches
  };
}
function setOutputs(result) {
  for (const [name, value] of Object.entries(outputsOf(result))) setOutput(name, value);
}

export {
  outputsOf,
  setOutputs
};
//# sourceMappingURL=chunk-QPHEBJS4.js.map
