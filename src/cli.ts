#!/usr/bin/env node
// The CLI door: `libkrunfw-action build|bundle ...`. Exit 0 on success, 1 when
// the input is at fault, 2 when the machine or a tool is.
import { readFileSync } from 'node:fs';
import { InputError, LibkrunfwError, UserError } from './errors.ts';
import { outputsOf } from './outputs.ts';
import { localPlatform } from './platform/local/index.ts';
import { PROJECT_ROOT } from './recipe.ts';
import { parseArgv, usage } from './request/from-argv.ts';
import { requestEnvironment, runRequest } from './run-request.ts';
import { verifySource } from './release/verify-source.ts';
import path from 'node:path';

function positiveJobs(v: string): number {
  if (!/^[1-9]\d*$/.test(v)) throw new InputError(`jobs must be a positive whole number, not '${v}'`);
  return Number(v);
}

export async function cli(argv: string[]): Promise<number> {
  try {
    const args = parseArgv(argv);
    if (args.command === 'help') {
      process.stdout.write(usage());
      return 0;
    }
    if (args.command === 'version') {
      const pkg = JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, 'utf8')) as { version: string };
      process.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    const platform = localPlatform({ verbose: args.verbose });
    if (args.command === 'verify-source') {
      const env = requestEnvironment(platform);
      const { manifest, rebuilt } = await verifySource(args.release!, platform, {
        workDir: typeof args.raw['work-dir'] === 'string' ? path.resolve(args.raw['work-dir']) : path.join(env.tempDir, 'libkrunfw-verify-source'),
        keepWorkDir: args.raw['keep-work-dir'] === true,
        jobs: typeof args.raw.jobs === 'string' ? positiveJobs(args.raw.jobs) : env.cpuCount,
      });
      process.stdout.write(`${JSON.stringify({ release: args.release, library: manifest.library.file, sha256: rebuilt.sha256, reproduced: true }, null, 2)}\n`);
      return 0;
    }
    const result = await runRequest(args.raw, platform);
    // Machine-readable results on stdout; the log went to stderr.
    process.stdout.write(`${JSON.stringify(outputsOf(result), null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof LibkrunfwError) {
      process.stderr.write(`error: ${e.message}\n`);
      return e instanceof UserError ? 1 : 2;
    }
    process.stderr.write(`unexpected failure: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

process.exitCode = await cli(process.argv.slice(2));
