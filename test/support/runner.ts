// A GitHub runner, as far as a JavaScript action can tell. It reads action.yml
// and runs the action's steps the way the runner does:
//
//   - INPUT_<NAME> for every input that has a `default:` in action.yml, whether
//     the caller gave it or not, and for every input the caller gave (the name
//     upper-cased, spaces to `_`, hyphens kept); the caller's value wins;
//   - a fresh GITHUB_OUTPUT, GITHUB_STATE, GITHUB_STEP_SUMMARY, GITHUB_ENV and
//     GITHUB_PATH file per step, RUNNER_TEMP, RUNNER_TOOL_CACHE, and
//     GITHUB_WORKSPACE as the working directory;
//   - `runs.main`, then `runs.post` when `post-if` holds, with STATE_<name> for
//     what main saved and main's GITHUB_ENV/GITHUB_PATH applied;
//   - the log parsed for workflow commands (annotations, groups), the output,
//     state and env files parsed, the summary read as written.
//
// Two deliberate differences: an input action.yml does not declare throws (the
// runner only warns, which would hide a typo in a test), and the steps run on
// this Node, not the `runs.using` version (both are supported).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ActionsService } from './actions-service/index.ts';

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..', '..');

interface ActionYml {
  inputs?: Record<string, { default?: unknown; required?: boolean; description?: string }>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string; pre?: string };
}

export function readActionYml(actionDir = REPOSITORY_ROOT): ActionYml {
  return parseYaml(readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as ActionYml;
}

/** The runner's name for an input's variable: INPUT_ + upper case, spaces to `_`, hyphens kept. */
export const inputVariable = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/** The INPUT_* variables a runner sets for a step of this action, given the caller's `with:`. */
export function runnerInputs(action: ActionYml, given: Record<string, string> = {}): Record<string, string> {
  const declared = action.inputs ?? {};
  const unknown = Object.keys(given).filter((name) => !(name in declared));
  if (unknown.length > 0) throw new Error(`action.yml declares no input ${unknown.map((n) => `'${n}'`).join(', ')}`);
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared)) {
    if (spec.default === undefined) continue;
    const value = String(spec.default);
    if (value.includes('${{')) throw new Error(`input ${name}: the emulation does not evaluate the expression in its default`);
    env[inputVariable(name)] = value;
  }
  for (const [name, value] of Object.entries(given)) env[inputVariable(name)] = value;
  return env;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
}

export interface StepRun {
  step: 'main' | 'post';
  exitCode: number;
  /** The log as GitHub shows it: stdout and stderr, workflow commands included. */
  stdout: string;
  stderr: string;
  annotations: Annotation[];
  /** Titles of the log's collapsible groups, in order. */
  groups: string[];
  /** Workflow commands GitHub has retired (set-output, save-state, ...): a runner warns about each. */
  retiredCommands: string[];
  outputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  /** GITHUB_STEP_SUMMARY as the step left it. */
  summary: string;
}

export interface ActionRun {
  /** The INPUT_* variables the steps saw. */
  inputs: Record<string, string>;
  main: StepRun;
  /** Undefined when post-if did not hold. */
  post?: StepRun;
}

export interface RunActionOptions {
  /** The caller's `with:`. */
  with?: Record<string, string>;
  /** The local results service the cache and artifact clients talk to. */
  service?: ActionsService;
  /** Default: the service's workspace. */
  workspace?: string;
  /** The job's `env:`. */
  env?: Record<string, string>;
  actionDir?: string;
  /** Run main only (a test that hands post its own state uses runStep). */
  skipPost?: boolean;
}

const RETIRED = new Set(['set-output', 'save-state', 'set-env', 'add-path']);

/** %-escapes of workflow command data and properties, undone. */
const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

export function parseWorkflowCommands(log: string): Pick<StepRun, 'annotations' | 'groups' | 'retiredCommands'> {
  const annotations: Annotation[] = [];
  const groups: string[] = [];
  const retiredCommands: string[] = [];
  for (const line of log.split('\n')) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line.replace(/\r$/, ''));
    if (!m) continue;
    const [, command, props = '', data = ''] = m;
    if (command === 'group') groups.push(unescapeData(data));
    if (RETIRED.has(command!)) retiredCommands.push(command!);
    if (command !== 'error' && command !== 'warning' && command !== 'notice') continue;
    const a: Annotation = { level: command, message: unescapeData(data) };
    for (const pair of props.split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      const key = pair.slice(0, eq);
      const value = unescapeProperty(pair.slice(eq + 1));
      if (key === 'title' || key === 'file') a[key] = value;
      else if (key === 'line' || key === 'endLine' || key === 'col') a[key] = Number(value);
    }
    annotations.push(a);
  }
  return { annotations, groups, retiredCommands };
}

/** A file command file: `name<<DELIMITER` blocks and `name=value` lines, as the runner reads them. */
export function parseFileCommands(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]!);
      if (i >= lines.length) throw new Error(`${file}: ${heredoc[1]} has no closing ${heredoc[2]}`);
      out[heredoc[1]!] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`${file}: a line the runner would refuse: ${JSON.stringify(line)}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/** post-if as action.yml may write it (the status functions only). */
function postRuns(condition: string | undefined, mainOk: boolean): boolean {
  const c = (condition ?? 'always()').replace(/^\$\{\{\s*|\s*\}\}$/g, '').trim();
  if (c === 'always()' || c === '!cancelled()') return true;
  if (c === 'success()') return mainOk;
  if (c === 'failure()') return !mainOk;
  throw new Error(`post-if '${condition}' is beyond this emulation`);
}

interface StepContext {
  action: ActionYml;
  actionDir: string;
  workspace: string;
  runnerTemp: string;
  toolCache: string;
  inputs: Record<string, string>;
  jobEnv: Record<string, string>;
}

/** One step (main or post) as the runner starts it, with the given STATE_* and carried env/path. */
export async function runStep(
  step: 'main' | 'post',
  ctx: StepContext,
  carried: { state?: Record<string, string>; env?: Record<string, string>; path?: string[] } = {},
): Promise<StepRun> {
  const entry = step === 'main' ? ctx.action.runs.main : ctx.action.runs.post;
  if (!entry) throw new Error(`action.yml has no runs.${step}`);
  const commands = path.join(ctx.runnerTemp, '_runner_file_commands');
  mkdirSync(commands, { recursive: true });
  const id = randomUUID();
  const files = {
    GITHUB_OUTPUT: path.join(commands, `set_output_${id}`),
    GITHUB_STATE: path.join(commands, `save_state_${id}`),
    GITHUB_STEP_SUMMARY: path.join(commands, `step_summary_${id}`),
    GITHUB_ENV: path.join(commands, `set_env_${id}`),
    GITHUB_PATH: path.join(commands, `add_path_${id}`),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: Record<string, string> = {
    // What the runner's own process hands on; nothing else leaks in from the test.
    PATH: [...(carried.path ?? []), process.env.PATH ?? '/usr/bin:/bin'].join(path.delimiter),
    HOME: process.env.HOME ?? ctx.runnerTemp,
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__self',
    GITHUB_REPOSITORY: 'owner/caller',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'build',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: process.arch === 'arm64' ? 'ARM64' : 'X64',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: ctx.runnerTemp,
    RUNNER_TOOL_CACHE: ctx.toolCache,
    ...ctx.jobEnv,
    ...(carried.env ?? {}),
    GITHUB_WORKSPACE: ctx.workspace,
    ...files,
    ...ctx.inputs,
  };
  for (const [name, value] of Object.entries(carried.state ?? {})) env[`STATE_${name}`] = value;
  const child = spawn(process.execPath, [path.join(ctx.actionDir, entry)], { cwd: ctx.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  return {
    step,
    exitCode,
    stdout,
    stderr,
    ...parseWorkflowCommands(stdout),
    outputs: parseFileCommands(files.GITHUB_OUTPUT),
    state: parseFileCommands(files.GITHUB_STATE),
    env: parseFileCommands(files.GITHUB_ENV),
    path: readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
  };
}

/** The step context a runner makes for this action in this workspace. */
export function stepContext(options: RunActionOptions = {}): StepContext {
  const actionDir = options.actionDir ?? REPOSITORY_ROOT;
  const workspace = options.workspace ?? options.service?.workspace;
  if (!workspace) throw new Error('runAction needs a workspace (or a service, whose workspace it takes)');
  const runnerTemp = options.service?.runnerTemp ?? path.join(workspace, '..', 'runner-temp');
  const toolCache = path.join(runnerTemp, '..', 'tool-cache');
  mkdirSync(runnerTemp, { recursive: true });
  mkdirSync(toolCache, { recursive: true });
  const action = readActionYml(actionDir);
  return {
    action,
    actionDir,
    workspace,
    runnerTemp,
    toolCache,
    inputs: runnerInputs(action, options.with),
    jobEnv: { ...(options.service?.env ?? {}), ...(options.env ?? {}) },
  };
}

/** The action's steps in a job: main, then post when post-if holds. */
export async function runAction(options: RunActionOptions = {}): Promise<ActionRun> {
  const ctx = stepContext(options);
  const main = await runStep('main', ctx);
  if (options.skipPost || !ctx.action.runs.post || !postRuns(ctx.action.runs['post-if'], main.exitCode === 0)) {
    return { inputs: ctx.inputs, main };
  }
  const post = await runStep('post', ctx, {
    state: main.state,
    env: main.env,
    path: [...main.path].reverse(),
  });
  return { inputs: ctx.inputs, main, post };
}
