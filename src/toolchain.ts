// The identity of the tools whose output ends up in the library: the compiler,
// the binutils and make. Part of the compiler and output cache keys, and recorded
// with each build, because another gcc makes other bytes.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { targetTools, type Arch, type Host } from './target.ts';
import { run } from './util/run.ts';
import { sha256, sha256File } from './util/hash.ts';
import { MINGW_CC, MINGW_LD } from './windows/dll-sources.ts';

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

export async function toolchainIdentity(cc = 'gcc', binutilsPrefix = '', extra: string[] = []): Promise<ToolchainIdentity> {
  const names = [cc, `${binutilsPrefix}ld`, `${binutilsPrefix}objcopy`, 'make', ...extra];
  const tools: Record<string, string> = {};
  for (const n of names) tools[n] = await firstLine(n);
  return { tools, id: sha256(JSON.stringify(tools)).slice(0, 16) };
}

/**
 * The tools behind a library for `arch` and `host`: the kernel's compiler and
 * binutils and make, and for windows mingw's gcc and ld, which link the DLL
 * (another mingw, another DLL). A linux identity is unchanged by the host's
 * existence, so its cache keys stay what they were.
 */
export async function targetToolchain(arch: Arch, host: Host = 'linux'): Promise<ToolchainIdentity> {
  const tools = targetTools(arch);
  const identity = await toolchainIdentity(tools.cc, tools.crossCompile, host === 'windows' ? [MINGW_CC, MINGW_LD] : []);
  if (host !== 'windows') return identity;
  // Debian's mingw gcc calls itself "12-win32" whatever its revision: its cc1's digest tells them apart.
  identity.tools[MINGW_CC] = `${identity.tools[MINGW_CC]}; cc1 sha256 ${await compilerProperDigest(MINGW_CC)}`;
  return { tools: identity.tools, id: sha256(JSON.stringify(identity.tools)).slice(0, 16) };
}

/** The sha256 (16 hex digits) of the compiler proper that `cc` runs, or 'unknown'. */
async function compilerProperDigest(cc: string): Promise<string> {
  const r = await run(cc, ['-print-prog-name=cc1'], { env: { LC_ALL: 'C' } });
  const cc1 = r.exitCode === 0 ? r.stdout.trim() : '';
  return path.isAbsolute(cc1) && existsSync(cc1) ? (await sha256File(cc1)).slice(0, 16) : 'unknown';
}
