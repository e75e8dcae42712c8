// Check mode's public face: try a series and a config against a kernel tree
// without compiling, and report it for people (terminal, job summary,
// annotations) and machines (check-report.json).
export { checkAnnotations, type CheckAnnotation } from './annotations.ts';
export { checkConfig, type CheckConfigInput, type ConfigCheck, type ConfigVerdict, type RenameSuggestion } from './config-check.ts';
export { failedHunkLines, summaryLine, verdictDetail } from './describe.ts';
export {
  revertApplied,
  tryPatch,
  trySeries,
  type FailedFileDetail,
  type FailedHunkDetail,
  type HunkRef,
  type MovedHunk,
  type PatchResult,
  type PatchVerdict,
  type TrySeriesOptions,
} from './patch-trial.ts';
export { renderTerminal } from './render-terminal.ts';
export { buildReport, CHECK_REPORT_FILE, writeCheckReport, type CheckReport } from './report.ts';
export { checkStage, runCheck, type CheckInput } from './run-check.ts';
