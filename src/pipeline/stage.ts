// The stage contract. A stage is a named step with a typed input and output;
// it reaches the world only through its context. The runner decides order,
// logging and bookkeeping; a stage only does its one job.
import type { Log, Platform } from '../platform/types.ts';

/** Every step a run can take, in the order a build takes them. */
export const STAGE_NAMES = [
  'recipe',
  'source',
  'extract',
  'patch',
  'check',
  'configure',
  'compile',
  'bundle',
  'link',
  'verify',
  'measure',
  'boot',
  'package',
  'release',
  'publish',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface StageContext {
  platform: Platform;
  log: Log;
  /** Scratch directory of this run; stages make their own sub-directories. */
  workDir: string;
  /** Where this stage writes its full log, if it runs programs. */
  logFile: string;
}

export interface Stage<I, O> {
  name: StageName;
  /** What it does, for the log heading: "apply the patch series". */
  title: string;
  run(input: I, ctx: StageContext): Promise<O>;
  /** Files the output promises; the runner checks they exist. */
  produces?(output: O): string[];
  /** One line for the log once it passed: "applied 3 patches". */
  summary?(output: O): string;
  /** A stage whose output is a verdict (check): false marks its log line ✗, though the stage ran to its end. */
  verdict?(output: O): boolean;
}

export type StageStatus = 'passed' | 'failed' | 'skipped';

export interface StageRecord {
  name: StageName;
  status: StageStatus;
  durationMs: number;
  summary?: string;
  logFile?: string;
}
