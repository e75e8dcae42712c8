// The job summary: what a run built, or where and why it failed. A pure
// function from the run's data to the HTML GitHub shows on the run's page, so a
// test can parse exactly what a reader would see. Every table it writes has rows
// and every cell says something; a table that would be empty is a sentence.
import { statSync } from 'node:fs';
import path from 'node:path';
import { InfrastructureError, LibkrunfwError, UserError, type Location } from './errors.ts';
import { configGroups, failedHunkLines, leftOutLine, RESULT_TEXT, summaryLine, verdictDetail } from './check/describe.ts';
import type { ConfigVerdict } from './check/config-check.ts';
import type { PatchVerdict } from './check/patch-trial.ts';
import { TABLE_HEADER as MEASURE_HEADER, tableRows } from './measure/render.ts';
import type { BuildResult, CheckResult } from './result.ts';
import type { StageRecord } from './pipeline/stage.ts';

export interface SucceededRun {
  result: BuildResult;
  /** Bytes of the files the result names; a file missing here gets no size. */
  sizes?: Record<string, number>;
}

export interface FailedRun {
  error: unknown;
  /** The stages of the failed run, as far as it got. */
  stages?: readonly StageRecord[];
  /** Paths left on disk for inspection. */
  kept?: string[];
}

export interface CheckedRun {
  check: CheckResult;
}

export type SummaryInput = (SucceededRun | FailedRun | CheckedRun) & {
  /** Paths inside it are shown relative to it, as on GitHub. */
  workspace?: string;
};

const NONE = '—';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Bytes in the unit that keeps the number readable: 512 B, 4.0 KiB, 152.3 MiB, 1.25 GiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 2 ** 20) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 2 ** 30) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  return `${(n / 2 ** 30).toFixed(2)} GiB`;
}

/** 0.4 s, 12 s, 3 min 05 s. */
export function formatDuration(ms: number): string {
  if (ms < 100) return '< 0.1 s';
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** A cell's HTML: text is escaped; an empty value says so. */
type Cell = { text: string } | { html: string };
const text = (t: string | undefined): Cell => ({ text: t ? t : NONE });
const code = (t: string): Cell => ({ html: `<code>${escape(t)}</code>` });

function table(headers: string[], rows: Cell[][]): string {
  const cell = (c: Cell): string => ('html' in c ? c.html : escape(c.text));
  const head = `<thead><tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>${head}\n<tbody>\n${body}\n</tbody></table>`;
}

function shown(file: string, workspace: string | undefined): string {
  if (!workspace) return file;
  const rel = path.relative(workspace, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel) ? rel : file;
}

function stagesTable(stages: readonly StageRecord[]): string {
  return table(
    ['stage', 'status', 'time', 'result'],
    stages.map((s) => [text(s.name), text(s.status), text(s.status === 'skipped' ? undefined : formatDuration(s.durationMs)), text(s.summary)]),
  );
}

function succeeded({ result, sizes = {} }: SucceededRun, workspace?: string): string {
  const title = `libkrunfw ${result.version}: ${result.variant}, ${result.arch}${result.kernelVersion ? `, Linux ${result.kernelVersion}` : ''}`;
  const files: [string, string][] = [
    [result.library, result.sha256],
    [result.tarball, result.tarballSha256],
    ...(result.prebuilt ? [[result.prebuilt.tarball, result.prebuilt.sha256] as [string, string]] : []),
    ...(result.sourceRelease ? [[result.sourceRelease.tarball, result.sourceRelease.sha256] as [string, string]] : []),
  ];
  const parts = [
    `<h3>${escape(title)}</h3>`,
    table(
      ['file', 'size', 'sha256'],
      files.map(([f, sha]) => [code(shown(f, workspace)), text(sizes[f] === undefined ? undefined : formatBytes(sizes[f]!)), code(sha)]),
    ),
  ];
  const p = result.published;
  parts.push(
    p
      ? table(
          ['artifact', 'id', 'size', 'digest'],
          [p.source, p.binary].map((a) => [code(a.name), text(String(a.id)), text(formatBytes(a.size)), a.digest ? code(a.digest) : text(undefined)]),
        )
      : '<p>Nothing was uploaded.</p>',
  );
  if (result.measurements) {
    const m = result.measurements.measurements;
    parts.push(
      `<p>Launch digests of <code>${escape(path.basename(result.library))}</code> (<code>${escape(shown(result.measurements.file, workspace))}</code>):</p>`,
    );
    parts.push(
      table(
        [...MEASURE_HEADER],
        tableRows(m).map((row) => row.map((c, i) => (i < 2 ? text(c) : code(c)))),
      ),
    );
  }
  if (result.caches.length > 0) {
    parts.push(
      table(
        ['cache', 'result', 'size', 'time saved'],
        result.caches.map((c) => [
          text(c.level),
          text(`${c.state}${c.detail ? ` (${c.detail})` : ''}`),
          text(c.bytes === undefined ? undefined : formatBytes(c.bytes)),
          text(c.savedMs === undefined ? undefined : formatDuration(c.savedMs)),
        ]),
      ),
    );
  }
  if (result.stages.length > 0) parts.push(stagesTable(result.stages));
  return parts.join('\n');
}

function verdict(error: unknown): string {
  if (error instanceof UserError) return 'The input is at fault: fix it and run again.';
  if (error instanceof InfrastructureError) return 'The machine or a tool failed: a retry, or a fix to the runner, may help.';
  if (error instanceof LibkrunfwError) return 'The build did not pass its checks.';
  return 'An unexpected failure, a bug in libkrunfw-action: please report it with the log.';
}

function locationsList(locations: Location[], workspace?: string): string {
  const item = (l: Location): string => {
    const where = `<code>${escape(shown(l.file, workspace))}${l.line ? `:${l.line}` : ''}</code>`;
    return `<li>${where}${l.title ? `: ${escape(l.title)}` : ''}</li>`;
  };
  return `<ul>\n${locations.map(item).join('\n')}\n</ul>`;
}

function failed({ error, stages = [], kept = [] }: FailedRun, workspace?: string): string {
  const failedStage = stages.find((s) => s.status === 'failed');
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const parts = [
    `<h3>libkrunfw: failed ${failedStage ? `in the ${escape(failedStage.name)} stage` : stages.length > 0 ? 'between stages' : 'before the build started'}</h3>`,
    `<p><strong>${escape(name)}</strong>. ${escape(verdict(error))}</p>`,
    `<pre>${escape(message)}</pre>`,
  ];
  if (error instanceof LibkrunfwError && error.locations.length > 0) parts.push(locationsList(error.locations, workspace));
  if (stages.length > 0) parts.push(stagesTable(stages));
  parts.push(
    kept.length > 0
      ? `<p>Kept for inspection: ${kept.map((k) => `<code>${escape(shown(k, workspace))}</code>`).join(', ')}.</p>`
      : '<p>Nothing was kept: the run stopped before it made a work directory, and out-dir holds none of its files.</p>',
  );
  return parts.join('\n');
}

/** A check: the verdict on every patch (failed hunks under their patch), then every option that did not land. */
function checked({ check }: CheckedRun, workspace?: string): string {
  const r = check.report;
  const parts = [`<h3>libkrunfw check${r.kernel.version ? ` against Linux ${escape(r.kernel.version)}` : ''}: ${escape(summaryLine(r))}</h3>`];
  const lines = (l: string[]): Cell => ({ html: l.map(escape).join('<br/>') });
  if (r.patches.length > 0) {
    const detail = (p: PatchVerdict): string[] => [verdictDetail(p), ...(p.result === 'fails' || p.result === 'partly-in' ? failedHunkLines(p) : [])];
    parts.push(
      table(
        ['#', 'patch', 'result', 'detail'],
        r.patches.map((p) => [text(String(p.index)), code(p.name), text(RESULT_TEXT[p.result]), lines(detail(p))]),
      ),
    );
    const left = leftOutLine(r);
    if (left) parts.push(`<p>${escape(left)}</p>`);
  }
  for (const g of r.config ? configGroups(r.config) : []) {
    parts.push(`<p><strong>Config options ${escape(g.title)}</strong></p>`);
    const at = (v: ConfigVerdict): string | undefined => (v.from ? `${shown(v.from.file, workspace)}${v.from.line ? `:${v.from.line}` : ''}` : undefined);
    parts.push(
      table(
        ['option', 'asked', 'got', 'asked at', 'why'],
        g.verdicts.map((v) => [code(v.option), text(v.requested), text(v.actual), text(at(v)), text(v.cause)]),
      ),
    );
  }
  parts.push(`<p>Report: <code>${escape(shown(check.reportFile, workspace))}</code>.</p>`);
  if (check.stages.length > 0) parts.push(stagesTable(check.stages));
  return parts.join('\n');
}

/** The summary of one run, as HTML (GitHub renders HTML inside the summary's Markdown). */
export function renderSummary(input: SummaryInput): string {
  const html = 'result' in input ? succeeded(input, input.workspace) : 'check' in input ? checked(input, input.workspace) : failed(input, input.workspace);
  return `${html}\n`;
}

/** Sizes of the files a result names, for renderSummary. */
export function fileSizes(result: BuildResult): Record<string, number> {
  const files = [result.library, result.tarball, result.prebuilt?.tarball, result.sourceRelease?.tarball].filter((f): f is string => Boolean(f));
  const sizes: Record<string, number> = {};
  for (const f of files) {
    try {
      sizes[f] = statSync(f).size;
    } catch {
      // A file that is not there has no size; the summary says so rather than fail the run.
    }
  }
  return sizes;
}
