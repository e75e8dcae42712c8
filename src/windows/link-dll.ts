// link for the Windows host: write the DLL's sources beside the payload and
// build libkrunfw.dll with their Makefile and the mingw cross compiler.
import path from 'node:path';
import { LinkError, ToolMissingError } from '../errors.ts';
import type { Stage } from '../pipeline/stage.ts';
import { run } from '../util/run.ts';
import { DLL_FILE, DLL_PAYLOAD_ALIGN, MINGW_CC, writeDllSources, type DllSourceInput } from './dll-sources.ts';

export interface DllLinkInput extends DllSourceInput {
  /** The mingw C compiler; default x86_64-w64-mingw32-gcc. */
  cc?: string;
}

export interface DllLinkOutput {
  library: string;
  fileName: string;
  /** The generated sources and Makefile the DLL was made from. */
  sourceDir: string;
}

/** Builds libkrunfw.dll in `sourceDir` (made afresh) and returns its path. */
export async function linkDll(input: DllLinkInput, sourceDir: string, logFile?: string): Promise<string> {
  if (input.size % DLL_PAYLOAD_ALIGN !== 0) {
    throw new LinkError(`the kernel payload for ${DLL_FILE} is ${input.size} bytes, not padded to 4 KiB`);
  }
  writeDllSources(sourceDir, input);
  const cc = input.cc ?? MINGW_CC;
  const r = await run('make', ['-C', sourceDir, `CC=${cc}`], { logFile, env: { LC_ALL: 'C' } });
  if (r.exitCode !== 0) {
    if (r.tail.some((l) => l.includes(`${cc}: not found`) || l.includes(`${cc}: No such file`))) {
      throw new ToolMissingError(cc, 'Building the Windows DLL needs the mingw-w64 cross compiler: apt-get install gcc-mingw-w64-x86-64');
    }
    throw new LinkError(`linking ${DLL_FILE} failed (exit ${r.exitCode}):\n${r.tail.slice(-20).join('\n')}`);
  }
  return path.join(sourceDir, DLL_FILE);
}

export const dllLinkStage: Stage<DllLinkInput, DllLinkOutput> = {
  name: 'link',
  title: 'link libkrunfw.dll with mingw',
  async run(input, ctx) {
    const sourceDir = path.join(ctx.workDir, 'libkrunfw-windows');
    const library = await linkDll(input, sourceDir, ctx.logFile);
    return { library, fileName: DLL_FILE, sourceDir };
  },
  produces: (o) => [o.library],
  summary: (o) => `${o.fileName} (PE32+ x86-64, 4 KiB payload)`,
};
