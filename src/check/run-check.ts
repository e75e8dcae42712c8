// Check mode (issue 14): the source tree → every patch → configure, no compile.
// One run answers for the whole series and the whole config.
import type { Kconfig } from '../kconfig/index.ts';
import type { Stage, StageContext } from '../pipeline/stage.ts';
import { kernelVersionOf } from '../pipeline/stages/extract.ts';
import type { KernelConfig } from '../request/types.ts';
import type { Arch } from '../target.ts';
import { checkConfig, type ConfigCheck } from './config-check.ts';
import { RESULT_TEXT, summaryLine, verdictDetail } from './describe.ts';
import { checkAnnotations } from './annotations.ts';
import { revertApplied, trySeries } from './patch-trial.ts';
import { renderTerminal } from './render-terminal.ts';
import { buildReport, writeCheckReport, type CheckReport } from './report.ts';

export interface CheckInput {
  /** An extracted kernel tree; the patches that apply are left applied on it. */
  tree: string;
  arch: Arch;
  /** The series in the order it applies. */
  patches: string[];
  /** The config to try; none checks only the patches. */
  config?: KernelConfig;
  /** make CROSS_COMPILE=, as for configure. */
  crossCompile?: string;
  /** The Kconfig of the kernel the config was written for, if the caller has that tree (renames by prompt). */
  previous?: Kconfig;
}

export async function runCheck(input: CheckInput, ctx: StageContext): Promise<CheckReport> {
  const t0 = performance.now();
  const patches = await trySeries(input.tree, input.patches, {
    logFile: ctx.logFile,
    onVerdict: (v) => ctx.log.info(`${String(v.index).padStart(2)} ${v.name}: ${RESULT_TEXT[v.result]} — ${verdictDetail(v)}`),
  });
  const t1 = performance.now();
  let config: ConfigCheck | undefined;
  if (input.config) {
    const leftOut = patches.filter((p) => p.result === 'fails' || p.result === 'partly-in').map((p) => p.name);
    config = await checkConfig(
      {
        tree: input.tree,
        arch: input.arch,
        config: input.config,
        crossCompile: input.crossCompile,
        series: { patches: input.patches, leftOut },
        previous: input.previous,
      },
      ctx,
    );
  }
  const report = buildReport({
    tree: input.tree,
    arch: input.arch,
    kernelVersion: kernelVersionOf(input.tree),
    patches,
    config,
    timings: { patchesMs: Math.round(t1 - t0), configMs: config ? Math.round(performance.now() - t1) : undefined },
  });
  ctx.log.info(summaryLine(report));
  return report;
}

export interface CheckStageOutput {
  report: CheckReport;
  /** check-report.json, in out-dir. */
  file: string;
}

/**
 * Check mode as a stage: the report is its output whether or not it passed (the
 * door turns a failed check into its exit status), written to out-dir, with each
 * finding annotated on the patch or config line to edit. The patches it applied
 * are taken off again, so the tree goes back to the tree cache as extracted.
 */
export const checkStage: Stage<CheckInput & { outDir: string }, CheckStageOutput> = {
  name: 'check',
  title: 'try every patch and every config option',
  async run(input, ctx) {
    const report = await runCheck(input, ctx);
    for (const line of renderTerminal(report).split('\n')) ctx.log.info(line);
    for (const a of checkAnnotations(report)) {
      if (a.level === 'error') ctx.log.error(a.message, a.where);
      else ctx.log.warning(a.message, a.where);
    }
    await revertApplied(input.tree, report.patches, ctx.logFile);
    return { report, file: writeCheckReport(report, input.outDir) };
  },
  produces: (o) => [o.file],
  summary: (o) => summaryLine(o.report),
  verdict: (o) => o.report.passed,
};
