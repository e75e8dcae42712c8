// Runs a workflow command in this process as a step would: its env, a real
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY file, stdout captured, and the exit
// status the CLI would give for what it threw.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LibkrunfwError, UserError } from '../../src/errors.ts';
import { runWorkflowCommand } from '../../src/workflows/commands.ts';

export interface Ran {
  status: number;
  stdout: string;
  /** The CLI's error line. */
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** The name=value lines of a GITHUB_OUTPUT file. */
export function outputsFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

export async function runStep(scratch: string, command: string, env: Record<string, string>, argv: string[] = []): Promise<Ran> {
  const dir = mkdtempSync(path.join(scratch, 'step-'));
  const output = path.join(dir, 'output');
  const summary = path.join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  let stdout = '';
  let stderr = '';
  let status = 0;
  try {
    await runWorkflowCommand(command, argv, { env: { ...env, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary }, stdout: (t) => void (stdout += t) });
  } catch (e) {
    if (!(e instanceof LibkrunfwError)) throw e;
    stderr = `error: ${e.message}\n`;
    status = e instanceof UserError ? 1 : 2;
  }
  return { status, stdout, stderr, outputs: outputsFile(readFileSync(output, 'utf8')), summary: readFileSync(summary, 'utf8') };
}

/** The workflow command lines of one kind (error, warning, notice). */
export function commandLines(r: Ran, kind: string): string[] {
  return r.stdout.split('\n').filter((l) => l.startsWith(`::${kind}`));
}
