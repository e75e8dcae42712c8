// The identity of the tools whose output ends up in the library: the compiler,
// the binutils and make. Part of the compiler and output cache keys, and recorded
// with each build, because another gcc makes other bytes.
import { run } from './util/run.ts';
import { sha256 } from './util/hash.ts';

export interface ToolchainIdentity {
  /** First line of each tool's --version, e.g. "gcc (Debian 12.2.0-14) 12.2.0". */
  tools: Record<string, string>;
  /** A short stable digest of `tools`, for cache keys. */
  id: string;
}

async function firstLine(tool: string): Promise<string> {
  const r = await run(tool, ['--version'], { env: { LC_ALL: 'C' } });
  return r.exitCode === 0 ? (r.stdout.split('\n')[0] ?? '').trim() : `${tool}: unavailable`;
}

export async function toolchainIdentity(cc = 'gcc', binutilsPrefix = ''): Promise<ToolchainIdentity> {
  const names = [cc, `${binutilsPrefix}ld`, `${binutilsPrefix}objcopy`, 'make'];
  const tools: Record<string, string> = {};
  for (const n of names) tools[n] = await firstLine(n);
  return { tools, id: sha256(JSON.stringify(tools)).slice(0, 16) };
}
