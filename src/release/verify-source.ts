// verify-source: given a source release alone (no network, no cache), prove it
// rebuilds the exact library it names. First every file is checked against the
// manifest; then the library is rebuilt from the release's own files and its
// sha256 compared; when it differs, say what does.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractTarball } from '../archive/index.ts';
import { InputError, UserError } from '../errors.ts';
import { buildLibrary, prepareWorkDir, type BuildResult } from '../pipeline/build.ts';
import { parseConfig } from '../pipeline/stages/configure.ts';
import { readSeries } from '../pipeline/stages/patch.ts';
import type { Platform } from '../platform/types.ts';
import type { BuildRequest } from '../request/build-request.ts';
import { targetTools, type Arch } from '../target.ts';
import { toolchainIdentity } from '../toolchain.ts';
import { sha256 } from '../util/hash.ts';
import { checkRelease, readManifest, type ReleaseManifest } from './manifest.ts';

export class SourceReleaseError extends UserError {
  constructor(
    readonly release: string,
    readonly problems: string[],
  ) {
    super(`${release} does not match its manifest:\n${problems.map((p) => `  ${p}`).join('\n')}`, [{ file: release, title: 'source release does not match its manifest' }]);
  }
}

export class NotReproducedError extends UserError {
  constructor(
    readonly release: string,
    readonly differences: string[],
  ) {
    super(`${release} did not rebuild the library it names:\n${differences.map((d) => `  ${d}`).join('\n')}`);
  }
}

export interface VerifySourceOptions {
  workDir: string;
  jobs: number;
}

export interface VerifySourceResult {
  manifest: ReleaseManifest;
  rebuilt: BuildResult;
}

/** The build request a release describes, over its own files. */
export function requestFromRelease(dir: string, m: ReleaseManifest, o: VerifySourceOptions): BuildRequest {
  return {
    recipe: { kind: 'project' },
    arch: m.arch as Arch,
    variant: m.variant as BuildRequest['variant'],
    kernel: { source: { kind: 'file', path: path.join(dir, m.kernel.tarball) }, sha256: m.kernel.sha256 },
    patches: readSeries(path.join(dir, 'patches')),
    blobs: blobsOf(dir, m),
    config: { mode: m.config.mode, files: m.config.given.map((g) => path.join(dir, g)) },
    abiVersion: m.abiVersion,
    version: m.version,
    reproducibility: m.reproducibility,
    jobs: o.jobs,
    outDir: path.join(o.workDir, 'out'),
    workDir: path.join(o.workDir, 'build'),
    keepWorkDir: false,
    cache: { source: false, compiler: false, output: false, tree: false, ccacheMaxSize: '0' },
    upload: false,
    bootTest: 'off',
    retentionDays: 0,
  };
}

/** The release's blobs as bundled; padded already, so bundling them again changes nothing. */
function blobsOf(dir: string, m: ReleaseManifest): BuildRequest['blobs'] {
  if (!m.blobs || m.blobs.length === 0) return undefined;
  const out: Partial<NonNullable<BuildRequest['blobs']>> = {};
  for (const b of m.blobs) out[b.name] = { file: path.join(dir, b.path), origin: b.source.origin };
  return out as NonNullable<BuildRequest['blobs']>;
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

export async function verifySource(release: string, platform: Platform, o: VerifySourceOptions): Promise<VerifySourceResult> {
  const { log } = platform;
  prepareWorkDir(o.workDir);
  const extracted = await extractTarball(path.resolve(release), path.join(o.workDir, 'release'));
  const dir = extracted.root;
  let manifest: ReleaseManifest;
  try {
    manifest = readManifest(dir);
  } catch (e) {
    throw new InputError(`${release} has no readable manifest.json: ${(e as Error).message}`);
  }
  const problems = await checkRelease(dir, manifest);
  if (problems.length > 0) throw new SourceReleaseError(release, problems);
  log.info(`${manifest.files.length} files match the manifest; rebuilding ${manifest.library.file} (sha256 ${manifest.library.sha256})`);

  const tools = targetTools(manifest.arch as Arch);
  const toolchain = await toolchainIdentity(tools.cc, tools.crossCompile);
  const toolDiffs = Object.keys({ ...manifest.toolchain, ...toolchain.tools })
    .filter((t) => manifest.toolchain[t] !== toolchain.tools[t])
    .map((t) => `${t}: release built with '${manifest.toolchain[t] ?? 'nothing'}', here '${toolchain.tools[t] ?? 'nothing'}'`);
  for (const d of toolDiffs) log.warning(`toolchain differs, the bytes may too: ${d}`);

  const request = requestFromRelease(dir, manifest, o);
  const rebuilt = await buildLibrary(request, platform);
  if (rebuilt.sha256 !== manifest.library.sha256) {
    const differences = [`library sha256: release names ${manifest.library.sha256}, rebuilt ${rebuilt.sha256}`];
    const payload = readFileSync(path.join(request.workDir, 'libkrunfw', 'kernel.bin'));
    const payloadSha = sha256(payload);
    if (payloadSha !== manifest.library.payloadSha256) {
      differences.push(`kernel payload sha256: release ${manifest.library.payloadSha256}, rebuilt ${payloadSha} (the kernel built differently)`);
    } else {
      differences.push('the kernel payload is the same: the difference is in linking (compiler or binutils)');
    }
    const tree = path.join(request.workDir, 'src', readdirSync(path.join(request.workDir, 'src'))[0] ?? '');
    const cfg = configDifferences(path.join(dir, manifest.config.final), path.join(tree, '.config'));
    differences.push(...cfg.slice(0, 20), ...toolDiffs);
    throw new NotReproducedError(release, differences);
  }
  log.info(`rebuilt ${manifest.library.file}: sha256 ${rebuilt.sha256} equals the release's`);
  return { manifest, rebuilt };
}
