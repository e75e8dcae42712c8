// A workflow step's I/O: its inputs (flags, else the environment the step sets),
// workflow commands on stdout, and the step's outputs and summary files. Every
// text a caller can influence is escaped here, so no value can end our line and
// start a workflow command of its own.
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InfrastructureError, InputError } from '../errors.ts';

/** The environment name of an input: kernel-version → KERNEL_VERSION. */
export function envName(input: string): string {
  return input.toUpperCase().replaceAll('-', '_');
}

/**
 * The step's inputs: `--name value` wins over the environment variable the
 * workflow step sets (NAME), then the default; missing is ''.
 */
export function readStepInputs<N extends string>(
  command: string,
  names: readonly N[],
  argv: string[],
  env: NodeJS.ProcessEnv,
  defaults: Partial<Record<N, string>> = {},
): Record<N, string> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new InputError(`${command}: ${(e as Error).message.replace(/\. To specify.*$/s, '')} (see --help)`);
  }
  const inputs = {} as Record<N, string>;
  for (const n of names) {
    const flag = values[n];
    inputs[n] = typeof flag === 'string' ? flag : (env[envName(n)] ?? defaults[n] ?? '');
  }
  return inputs;
}

/** GitHub's escaping of a workflow command's message: it stays on one line. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** ...and of a property value (title=...), which also ends at ',' and '::'. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** A value quoted for a message, Python-repr style: 'a\nb' stays on one line, quotes and all. */
export function quote(value: string): string {
  const inner = JSON.stringify(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${inner}'`;
}

export type Level = 'error' | 'warning' | 'notice';

/** A finding of a check, in the order found; errors refuse the step. */
export interface Message {
  level: Level;
  text: string;
}

/** The workflow command that annotates the run with `text`. */
export function workflowCommand(level: Level, title: string, text: string): string {
  return `::${level} title=${escapeProperty(title)}::${escapeData(text)}`;
}

/** Where a command writes: stdout, and the runner's files from the environment. */
export interface StepEnvironment {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
}

export function processStep(): StepEnvironment {
  return { env: process.env, stdout: (text) => process.stdout.write(text) };
}

export class StepIO {
  constructor(
    private readonly step: StepEnvironment,
    /** The annotations' title: what the step checks. */
    private readonly title: string,
    /** Another title for some levels (the plan's notices are about the plan, not its inputs). */
    private readonly titles: Partial<Record<Level, string>> = {},
  ) {}

  annotate(message: Message): void {
    this.step.stdout(`${workflowCommand(message.level, this.titles[message.level] ?? this.title, message.text)}\n`);
  }

  /**
   * A plain log line. The commands print only names they validated, but a line
   * the runner would read as a command is printed as a JSON string instead.
   */
  info(text: string): void {
    for (const line of text.split('\n')) {
      this.step.stdout(`${/^\s*(::|##\[)/.test(line) ? JSON.stringify(line) : line}\n`);
    }
  }

  /** Step outputs, one `name=value` line each, to GITHUB_OUTPUT (stdout when there is none). */
  setOutputs(outputs: Record<string, string>): void {
    const lines = Object.entries(outputs).map(([name, value]) => {
      if (/[\r\n]/.test(value)) throw new InfrastructureError(`output ${name}: a value on more than one line cannot be written as name=value`);
      return `${name}=${value}\n`;
    });
    const file = this.step.env.GITHUB_OUTPUT;
    if (file) appendTo(file, 'GITHUB_OUTPUT', lines.join(''));
    else this.info(lines.join('').trimEnd());
  }

  /** Markdown for the job summary (GITHUB_STEP_SUMMARY; nothing without one). */
  summary(markdown: string): void {
    const file = this.step.env.GITHUB_STEP_SUMMARY;
    if (file) appendTo(file, 'GITHUB_STEP_SUMMARY', markdown);
  }

  /**
   * Annotates every message; throws InputError naming the refusal when any is
   * an error (on one line: the CLI prints it to stderr, which the runner reads
   * for workflow commands too).
   */
  report(messages: Message[], what: string): void {
    for (const m of messages) this.annotate(m);
    const errors = messages.filter((m) => m.level === 'error').map((m) => m.text.replace(/\r\n|\r|\n/g, '\\n'));
    if (errors.length === 1) throw new InputError(errors[0]!);
    if (errors.length > 1) throw new InputError(`${what}: ${errors.length} problems, each annotated above: ${errors.join('; ')}`);
  }
}

function appendTo(file: string, name: string, text: string): void {
  try {
    appendFileSync(file, text, 'utf8');
  } catch (e) {
    throw new InfrastructureError(`${name} (${file}) cannot be written: ${(e as Error).message}`);
  }
}
