// The commands the reusable workflows run (`node dist/cli.js <command>`): each
// reads its inputs from flags or the step's environment, runs its module, and
// writes workflow commands, outputs and the job summary where the step expects
// them. A refused input throws InputError (exit 1) after every problem has been
// annotated.
import { InputError } from '../errors.ts';
import { buildManifest, MANIFEST_INPUTS, manifestJson, writeBuildManifest } from './build-manifest.ts';
import { planBuilds, PLAN_DEFAULTS, PLAN_INPUTS, planOutputs, planSummary } from './plan.ts';
import { gatherRelease, GATHER_INPUTS, releaseSummary } from './release-gather.ts';
import { KERNEL_INPUTS, kernelOutputs, kernelSummary, takeKernel } from './release-kernel.ts';
import { envName, processStep, readStepInputs, StepIO, type StepEnvironment } from './step-io.ts';

interface WorkflowCommand {
  /** What it does, for --help. */
  summary: string;
  inputs: readonly string[];
  run(argv: string[], step: StepEnvironment): Promise<void>;
}

const COMMANDS = {
  plan: {
    summary: "build.yml's plan job: check the inputs, write the matrix (outputs matrix, artifacts, artifact-pattern, builds)",
    inputs: PLAN_INPUTS,
    async run(argv, step) {
      const io = new StepIO(step, 'libkrunfw build inputs', { notice: 'libkrunfw build plan' });
      const { messages, plan } = planBuilds(readStepInputs('plan', PLAN_INPUTS, argv, step.env, PLAN_DEFAULTS));
      io.report(messages, 'plan');
      io.setOutputs(planOutputs(plan!));
      io.summary(planSummary(plan!));
    },
  },
  'build-manifest': {
    summary: "build.yml's cell: check the action's outputs and write <artifact>.json beside them in out-dir",
    inputs: MANIFEST_INPUTS,
    async run(argv, step) {
      const io = new StepIO(step, 'build manifest');
      const raw = readStepInputs('build-manifest', MANIFEST_INPUTS, argv, step.env);
      const built = await buildManifest(raw);
      if ('problems' in built)
        return io.report(
          built.problems.map((text) => ({ level: 'error', text })),
          'build-manifest',
        );
      writeBuildManifest(raw['out-dir'], built.manifest);
      io.info(manifestJson(built.manifest).trimEnd());
    },
  },
  'release-kernel': {
    summary: "release.yml's kernel job: take the kernel tarball every source manifest names, once (outputs tarball, sha256)",
    inputs: KERNEL_INPUTS,
    async run(argv, step) {
      const io = new StepIO(step, 'kernel tarball');
      const { messages, kernel } = await takeKernel(readStepInputs('release-kernel', KERNEL_INPUTS, argv, step.env));
      io.report(messages, 'release-kernel');
      io.setOutputs(kernelOutputs(kernel!));
      io.summary(kernelSummary(kernel!));
      io.info(`${kernel!.file} ${kernel!.sha256}`);
    },
  },
  'release-gather': {
    summary: "release.yml's gather job: check every build against its manifest, write the release set and SHA256SUMS",
    inputs: GATHER_INPUTS,
    async run(argv, step) {
      const io = new StepIO(step, 'release set');
      const { messages, release } = await gatherRelease(readStepInputs('release-gather', GATHER_INPUTS, argv, step.env));
      io.report(messages, 'release-gather');
      io.summary(releaseSummary(release!));
      io.info(release!.assets.map((a) => a.name).join('\n'));
    },
  },
} satisfies Record<string, WorkflowCommand>;

export type WorkflowCommandName = keyof typeof COMMANDS;

export function isWorkflowCommand(name: string | undefined): name is WorkflowCommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/** Runs a workflow command; throws a LibkrunfwError when it refuses (the CLI maps it to the exit status). */
export async function runWorkflowCommand(name: string, argv: string[], step: StepEnvironment = processStep()): Promise<void> {
  if (!isWorkflowCommand(name)) throw new InputError(`unknown workflow command '${name}'`);
  await COMMANDS[name].run(argv, step);
}

/** The commands for --help. */
export function workflowUsage(): string {
  const wrap = (words: string[], indent: string): string => {
    const lines = [indent];
    for (const w of words) {
      if (lines.at(-1)!.length + w.length > 100) lines.push(indent);
      lines[lines.length - 1] += `${lines.at(-1)!.trim() ? ' ' : ''}${w}`;
    }
    return lines.join('\n');
  };
  const commands = Object.entries(COMMANDS).map(
    ([name, c]) =>
      `  libkrunfw-action ${name}\n      ${c.summary}.\n${wrap(
        c.inputs.map((i) => `--${i} (${envName(i)})`),
        '        ',
      )}`,
  );
  return (
    'Workflow commands, run by .github/workflows (each input is a flag or the environment variable in\n' +
    'brackets; findings are printed as workflow commands, outputs go to GITHUB_OUTPUT, tables to\n' +
    `GITHUB_STEP_SUMMARY; exit 1 when the input is refused):\n${commands.join('\n')}\n`
  );
}
