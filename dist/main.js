import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  annotateFailure,
  githubPlatform,
  saveRunRecord
} from "./chunk-O4I2YZO6.js";
import {
  setOutputs
} from "./chunk-QPHEBJS4.js";
import {
  getInput,
  getMultilineInput,
  info,
  setFailed,
  summary,
  warning
} from "./chunk-4YJAQ6HX.js";
import {
  BUILD_INPUTS,
  RESULT_TEXT,
  TABLE_HEADER,
  configGroups,
  failedHunkLines,
  leftOutLine,
  prepareRun,
  summaryLine,
  tableRows,
  verdictDetail
} from "./chunk-PY3N3A6Y.js";
import {
  InfrastructureError,
  LibkrunfwError,
  UserError,
  exitCodeOf,
  installInterruptHandlers
} from "./chunk-FDKAMVP5.js";

// src/main.ts
import { existsSync } from "node:fs";

// src/request/from-inputs.ts
function readActionInputs() {
  const raw = {};
  for (const spec of BUILD_INPUTS) {
    if ("multiple" in spec && spec.multiple) raw[spec.name] = getMultilineInput(spec.name);
    else raw[spec.name] = getInput(spec.name);
  }
  return raw;
}

// src/summary.ts
import { statSync } from "node:fs";
import path from "node:path";
var NONE = "\u2014";
var escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 2 ** 20) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 2 ** 30) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  return `${(n / 2 ** 30).toFixed(2)} GiB`;
}
function formatDuration(ms) {
  if (ms < 100) return "< 0.1 s";
  if (ms < 1e4) return `${(ms / 1e3).toFixed(1)} s`;
  const s = Math.round(ms / 1e3);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}
var text = (t) => ({ text: t ? t : NONE });
var code = (t) => ({ html: `<code>${escape(t)}</code>` });
function table(headers, rows) {
  const cell = (c) => "html" in c ? c.html : escape(c.text);
  const head = `<thead><tr>${headers.map((h) => `<th>${escape(h)}</th>`).join("")}</tr></thead>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join("")}</tr>`).join("\n");
  return `<table>${head}
<tbody>
${body}
</tbody></table>`;
}
function shown(file, workspace) {
  if (!workspace) return file;
  const rel = path.relative(workspace, file);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel) ? rel : file;
}
function stagesTable(stages) {
  return table(
    ["stage", "status", "time", "result"],
    stages.map((s) => [text(s.name), text(s.status), text(s.status === "skipped" ? void 0 : formatDuration(s.durationMs)), text(s.summary)])
  );
}
function succeeded({ result, sizes = {} }, workspace) {
  const title = `libkrunfw ${result.version}: ${result.variant}, ${result.arch}${result.kernelVersion ? `, Linux ${result.kernelVersion}` : ""}`;
  const files = [
    [result.library, result.sha256],
    [result.tarball, result.tarballSha256],
    ...result.prebuilt ? [[result.prebuilt.tarball, result.prebuilt.sha256]] : [],
    ...result.sourceRelease ? [[result.sourceRelease.tarball, result.sourceRelease.sha256]] : []
  ];
  const parts = [
    `<h3>${escape(title)}</h3>`,
    table(
      ["file", "size", "sha256"],
      files.map(([f, sha]) => [code(shown(f, workspace)), text(sizes[f] === void 0 ? void 0 : formatBytes(sizes[f])), code(sha)])
    )
  ];
  const p = result.published;
  parts.push(
    p ? table(
      ["artifact", "id", "size", "digest"],
      [p.source, p.binary].map((a) => [code(a.name), text(String(a.id)), text(formatBytes(a.size)), a.digest ? code(a.digest) : text(void 0)])
    ) : "<p>Nothing was uploaded.</p>"
  );
  if (result.measurements) {
    const m = result.measurements.measurements;
    parts.push(
      `<p>Launch digests of <code>${escape(path.basename(result.library))}</code> (<code>${escape(shown(result.measurements.file, workspace))}</code>):</p>`
    );
    parts.push(
      table(
        [...TABLE_HEADER],
        tableRows(m).map((row) => row.map((c, i) => i < 2 ? text(c) : code(c)))
      )
    );
  }
  if (result.caches.length > 0) {
    parts.push(
      table(
        ["cache", "result", "size", "time saved"],
        result.caches.map((c) => [
          text(c.level),
          text(`${c.state}${c.detail ? ` (${c.detail})` : ""}`),
          text(c.bytes === void 0 ? void 0 : formatBytes(c.bytes)),
          text(c.savedMs === void 0 ? void 0 : formatDuration(c.savedMs))
        ])
      )
    );
  }
  if (result.stages.length > 0) parts.push(stagesTable(result.stages));
  return parts.join("\n");
}
function verdict(error) {
  if (error instanceof UserError) return "The input is at fault: fix it and run again.";
  if (error instanceof InfrastructureError) return "The machine or a tool failed: a retry, or a fix to the runner, may help.";
  if (error instanceof LibkrunfwError) return "The build did not pass its checks.";
  return "An unexpected failure, a bug in libkrunfw-action: please report it with the log.";
}
function locationsList(locations, workspace) {
  const item = (l) => {
    const where = `<code>${escape(shown(l.file, workspace))}${l.line ? `:${l.line}` : ""}</code>`;
    return `<li>${where}${l.title ? `: ${escape(l.title)}` : ""}</li>`;
  };
  return `<ul>
${locations.map(item).join("\n")}
</ul>`;
}
function failed({ error, stages = [], kept = [] }, workspace) {
  const failedStage = stages.find((s) => s.status === "failed");
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  const parts = [
    `<h3>libkrunfw: failed ${failedStage ? `in the ${escape(failedStage.name)} stage` : stages.length > 0 ? "between stages" : "before the build started"}</h3>`,
    `<p><strong>${escape(name)}</strong>. ${escape(verdict(error))}</p>`,
    `<pre>${escape(message)}</pre>`
  ];
  if (error instanceof LibkrunfwError && error.locations.length > 0) parts.push(locationsList(error.locations, workspace));
  if (stages.length > 0) parts.push(stagesTable(stages));
  parts.push(
    kept.length > 0 ? `<p>Kept for inspection: ${kept.map((k) => `<code>${escape(shown(k, workspace))}</code>`).join(", ")}.</p>` : "<p>Nothing was kept: the run stopped before it made a work directory, and out-dir holds none of its files.</p>"
  );
  return parts.join("\n");
}
function checked({ check }, workspace) {
  const r = check.report;
  const parts = [`<h3>libkrunfw check${r.kernel.version ? ` against Linux ${escape(r.kernel.version)}` : ""}: ${escape(summaryLine(r))}</h3>`];
  const lines = (l) => ({ html: l.map(escape).join("<br/>") });
  if (r.patches.length > 0) {
    const detail = (p) => [verdictDetail(p), ...p.result === "fails" || p.result === "partly-in" ? failedHunkLines(p) : []];
    parts.push(
      table(
        ["#", "patch", "result", "detail"],
        r.patches.map((p) => [text(String(p.index)), code(p.name), text(RESULT_TEXT[p.result]), lines(detail(p))])
      )
    );
    const left = leftOutLine(r);
    if (left) parts.push(`<p>${escape(left)}</p>`);
  }
  for (const g of r.config ? configGroups(r.config) : []) {
    parts.push(`<p><strong>Config options ${escape(g.title)}</strong></p>`);
    const at = (v) => v.from ? `${shown(v.from.file, workspace)}${v.from.line ? `:${v.from.line}` : ""}` : void 0;
    parts.push(
      table(
        ["option", "asked", "got", "asked at", "why"],
        g.verdicts.map((v) => [code(v.option), text(v.requested), text(v.actual), text(at(v)), text(v.cause)])
      )
    );
  }
  parts.push(`<p>Report: <code>${escape(shown(check.reportFile, workspace))}</code>.</p>`);
  if (check.stages.length > 0) parts.push(stagesTable(check.stages));
  return parts.join("\n");
}
function renderSummary(input) {
  const html = "result" in input ? succeeded(input, input.workspace) : "check" in input ? checked(input, input.workspace) : failed(input, input.workspace);
  return `${html}
`;
}
function fileSizes(result) {
  const files = [result.library, result.tarball, result.prebuilt?.tarball, result.sourceRelease?.tarball].filter((f) => Boolean(f));
  const sizes = {};
  for (const f of files) {
    try {
      sizes[f] = statSync(f).size;
    } catch {
    }
  }
  return sizes;
}

// src/main.ts
async function writeSummary(input) {
  try {
    await summary.addRaw(renderSummary({ ...input, workspace: process.env.GITHUB_WORKSPACE || process.cwd() }), true).write();
  } catch (e) {
    warning(`the job summary was not written: ${e.message}`);
  }
}
async function run() {
  process.setSourceMapsEnabled(true);
  const platform = githubPlatform();
  let prepared;
  try {
    prepared = prepareRun(readActionInputs(), platform, process.env.GITHUB_WORKSPACE || process.cwd());
    saveRunRecord({ ...prepared.record, outcome: "interrupted" });
    const result = await prepared.execute();
    setOutputs(result);
    await writeSummary(result.kind === "check" ? { check: result } : { result, sizes: fileSizes(result) });
    if (result.kind === "check" && !result.passed) setFailed(`check: ${summaryLine(result.report)}`);
  } catch (e) {
    annotateFailure(e);
    process.exitCode = exitCodeOf(e);
    const kept = prepared && existsSync(prepared.record.workDir) ? [prepared.record.workDir] : [];
    await writeSummary({ error: e, stages: e instanceof LibkrunfwError ? e.stages : void 0, kept });
  } finally {
    if (prepared) saveRunRecord(prepared.record);
  }
}

// src/entry/main.ts
installInterruptHandlers({ onSignal: (signal) => info(`stopping: ${signal} received`) });
await run();
//# sourceMappingURL=main.js.map
