import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  setOutput,
  summary
} from "./chunk-ICIAVV27.js";

// src/outputs.ts
import { statSync } from "node:fs";
import path from "node:path";
function outputsOf(result) {
  const state = (level) => result.caches.find((c) => c.level === level)?.state;
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
    "source-cache-hit": String(state("source") === "hit"),
    "compiler-cache-hit": String(state("compiler") === "hit" || state("compiler") === "partial"),
    "output-cache-hit": String(state("output") === "hit"),
    "tree-cache-hit": String(state("tree") === "hit")
  };
}
function setOutputs(result) {
  for (const [name, value] of Object.entries(outputsOf(result))) setOutput(name, value);
}
async function writeSummary(result) {
  const rows = result.stages.map((s) => [s.name, s.status, `${(s.durationMs / 1e3).toFixed(1)} s`, s.summary ?? ""]);
  const size = (f) => `${(statSync(f).size / 2 ** 20).toFixed(1)} MiB`;
  const files = [
    [result.library, result.sha256],
    [result.tarball, result.tarballSha256],
    ...result.prebuilt ? [[result.prebuilt.tarball, result.prebuilt.sha256]] : [],
    ...result.sourceRelease ? [[result.sourceRelease.tarball, result.sourceRelease.sha256]] : []
  ];
  const p = result.published;
  await summary.addHeading(`libkrunfw ${result.version}: ${result.variant}, ${result.arch}${result.kernelVersion ? `, Linux ${result.kernelVersion}` : ""}`, 3).addTable([
    [{ data: "file", header: true }, { data: "size", header: true }, { data: "sha256", header: true }],
    ...files.map(([f, sha]) => [path.basename(f), size(f), `<code>${sha}</code>`])
  ]).addTable([
    [{ data: "artifact", header: true }, { data: "size", header: true }, { data: "digest", header: true }],
    ...p ? [p.source, p.binary].map((a) => [a.name, `${(a.size / 2 ** 20).toFixed(1)} MiB`, `<code>${a.digest}</code>`]) : [["(nothing uploaded)", "", ""]]
  ]).addTable([
    [
      { data: "cache", header: true },
      { data: "result", header: true },
      { data: "size", header: true },
      { data: "time saved", header: true }
    ],
    ...result.caches.map((c) => [
      c.level,
      `${c.state}${c.detail ? ` (${c.detail})` : ""}`,
      c.bytes === void 0 ? "" : `${(c.bytes / 2 ** 20).toFixed(1)} MiB`,
      c.savedMs === void 0 ? "" : `${(c.savedMs / 1e3).toFixed(0)} s`
    ])
  ]).addTable([
    [
      { data: "stage", header: true },
      { data: "status", header: true },
      { data: "time", header: true },
      { data: "result", header: true }
    ],
    ...rows
  ]).write();
}

export {
  outputsOf,
  setOutputs,
  writeSummary
};
