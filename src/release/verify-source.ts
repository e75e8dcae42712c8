// verify-source: given a source release alone (no network, no cache), prove it
// rebuilds the exact library it names. First every file is checked against the
// manifest; then the release's files become the inputs of an ordinary build —
// through the same resolver as any caller's — which runs the same route; then
// the sha256 is compared, and when it differs the report says what does.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractTarball } from '../archive/index.ts';
import { InputError, InternalError, NotReproducedError, SourceReleaseError } from '../errors.ts';
import { runRoute, Runtime } from '../pipeline/plan.ts';
import { routeOf } from '../pipeline/route.ts';
import { parseConfig } from '../pipeline/stages/configure.ts';
import type { Platform } from '../platform/types.ts';
import type { RawBuildInputs } from '../request/inputs.ts';
import { resolveRequest } from '../request/resolve.ts';
import type { BuildRequest, RequestEnvironment, VerifySourceRequest } from '../request/types.ts';
import { resultOf, type BuildResult } from '../result.ts';
import { targetToolchain } from '../toolchain.ts';
import { prepareWorkDir } from '../work-dir.ts';
import { checkRelease, readManifest, type ReleaseManifest } from './manifest.ts';

export interface VerifySourceResult {
  manifest: ReleaseManifest;
  rebuilt: BuildResult;
}

/** The inputs a caller would give to build what the release describes, from the release's own files. */
export function inputsFromRelease(dir: string, m: ReleaseManifest, v: Pick<VerifySourceRequest, 'workDir' | 'jobs'>): RawBuildInputs {
  const blob = (name: 'qboot' | 'initrd'): string | undefined => m.blobs.find((b) => b.name === name)?.path;
  const qboot = blob('qboot');
  const initrd = blob('initrd');
  return {
    arch: m.arch,
    variant: m.variant,
    // A windows release rebuilds the DLL: its 4 KiB payload, mingw's link, its sha256 compared.
    host: m.host ?? 'linux',
    'kernel-source': path.join(dir, m.kernel.tarball),
    'kernel-sha256': m.kernel.sha256,
    patches: m.patches.length === 0 ? 'none' : path.join(dir, 'patches'),
    'kernel-config': m.config.given.map((g) => path.join(dir, g)),
    'kernel-config-mode': m.config.mode,
    // The blobs as bundled (already padded): bundling them again changes nothing.
    ...(qboot ? { qboot: path.join(dir, qboot) } : {}),
    ...(initrd ? { initrd: path.join(dir, initrd) } : {}),
    'abi-version': String(m.abiVersion),
    version: m.version,
    'source-date-epoch': String(m.reproducibility.sourceDateEpoch),
    jobs: String(v.jobs),
    'out-dir': path.join(v.workDir, 'out'),
    'work-dir': path.join(v.workDir, 'build'),
    'cache-source': 'false',
    'cache-compiler': 'false',
    'cache-output': 'false',
    'cache-tree': 'false',
    upload: 'false',
    'boot-test': 'false',
  };
}

function configDifferences(expected: string, actual: string): string[] {
  const a = parseConfig(readFileSync(expected, 'utf8'));
  const b = parseConfig(readFileSync(actual, 'utf8'));
  const out: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k)?.value ?? 'n';
    const y = b.get(k)?.value ?? 'n';
    if (x !== y) out.push(`${k}: release says ${x}, rebuilt ${y}`);
  }
  return out;
}

/** Check and rebuild `v.release` in `v.workDir` (which the caller has prepared). */
export async function verifySource(v: VerifySourceRequest, platform: Platform, env: RequestEnvironment): Promise<VerifySourceResult> {
  const { log } = platform;
  const extracted = await extractTarball(v.release, path.join(v.workDir, 'release'));
  const dir = extracted.root;
  let manifest: ReleaseManifest;
  try {
    manifest = readManifest(dir);
  } catch (e) {
    throw new InputError(`${v.release} has no readable manifest.json: ${(e as Error).message}`);
  }
  const problems = await checkRelease(dir, manifest);
  if (problems.length > 0) throw new SourceReleaseError(v.release, problems);
  log.info(`${manifest.files.length} files match the manifest; rebuilding ${manifest.library.file} (sha256 ${manifest.library.sha256})`);

  // The manifest's values go through the resolver like any caller's: nothing in it is trusted unchecked.
  const request = resolveRequest(inputsFromRelease(dir, manifest, v), env);
  if (!('kernel' in request)) throw new InputError(`${v.release}: its manifest does not describe a build`);
  const toolchain = await targetToolchain(request.arch, request.host);
  const toolDiffs = Object.keys({ ...manifest.toolchain, ...toolchain.tools })
    .filter((t) => manifest.toolchain[t] !== toolchain.tools[t])
    .map((t) => `${t}: release built with '${manifest.toolchain[t] ?? 'nothing'}', here '${toolchain.tools[t] ?? 'nothing'}'`);
  for (const d of toolDiffs) log.warning(`toolchain differs, the bytes may too: ${d}`);
  const { rebuilt, payloadSha } = await rebuild(request, platform);
  if (rebuilt.sha256 !== manifest.library.sha256) {
    const differences = [`library sha256: release names ${manifest.library.sha256}, rebuilt ${rebuilt.sha256}`];
    if (payloadSha !== manifest.library.payloadSha256) {
      differences.push(`kernel payload sha256: release ${manifest.library.payloadSha256}, rebuilt ${payloadSha} (the kernel built differently)`);
    } else {
      differences.push('the kernel payload is the same: the difference is in linking (compiler or binutils)');
    }
    const tree = path.join(request.workDir, 'src', readdirSync(path.join(request.workDir, 'src'))[0] ?? '');
    const cfg = configDifferences(path.join(dir, manifest.config.final), path.join(tree, '.config'));
    differences.push(...cfg.slice(0, 20), ...toolDiffs);
    throw new NotReproducedError(v.release, differences);
  }
  log.info(`rebuilt ${manifest.library.file}: sha256 ${rebuilt.sha256} equals the release's`);
  return { manifest, rebuilt };
}

/** The build route, with no cache and no upload, inside the verify-source work dir; and the payload's sha256 as bundled. */
async function rebuild(request: BuildRequest, platform: Platform): Promise<{ rebuilt: BuildResult; payloadSha: string }> {
  prepareWorkDir(request.workDir);
  const rt = new Runtime(platform, request.workDir, undefined);
  const start = { request, build: request };
  const state = await runRoute(routeOf(start), start, rt);
  if (!state.bundled) throw new InternalError('the rebuild ended without a bundled payload');
  return { rebuilt: resultOf(state, { stages: rt.records, caches: rt.caches, pendingSaves: [], workDir: request.workDir }), payloadSha: state.bundled.sha256 };
}
