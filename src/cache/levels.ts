// The four cache levels, each a wrapper around the steps it can spare (see
// route.ts for where each sits). Each decides in `off`, and only there, whether
// it is on for a run; restores before its steps; and after they passed says
// what to save once the whole run has succeeded.
//   source    assists `source`: the tarball restored in place (its sha256 is still checked)
//   tree      provides `extract`: the last build's tree, objects kept, patches reversed
//   compiler  assists `compile`: ccache's directory
//   output    provides extract…link: the finished library of these exact inputs
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CacheLevel, Runtime } from '../pipeline/plan.ts';
import { kernelTree } from '../pipeline/stages/extract.ts';
import type { BuildState } from '../pipeline/state.ts';
import { sha256File } from '../util/hash.ts';
import { run } from '../util/run.ts';
import { outputFingerprint } from './fingerprint.ts';
import { compilerCacheKeys, outputCacheKey, sourceCacheKey } from './keys.ts';
import type { PackageOutput } from '../pipeline/stages/package.ts';
import { OUTPUT_EXTRAS, sizeOf, treeRoot, type CacheReport, type KeptPackage, type OutputMeta } from './saves.ts';
import { TreeCache } from './tree-cache.ts';

/** The level's own report of this run (each level reports once). */
function reportOf(rt: Runtime, level: CacheReport['level']): CacheReport | undefined {
  return rt.caches.find((r) => r.level === level);
}

export const sourceCache: CacheLevel = {
  name: 'source',
  kind: 'assists',
  off(s, rt) {
    if (s.build?.kernel.source.kind !== 'url') return 'a local tarball needs no cache';
    if (!s.build.cache.source) return 'cache-source is false';
    if (!rt.store) return 'no cache here';
    return undefined;
  },
  async restore(s, rt) {
    const { kernel } = s.build!;
    const sha256 = kernel.sha256!;
    const url = kernel.source.kind === 'url' ? kernel.source.url : '';
    const file = path.join(rt.cacheDir('source'), `${sha256}-${path.basename(new URL(url).pathname) || 'linux.tar'}`);
    const key = sourceCacheKey(sha256);
    mkdirSync(path.dirname(file), { recursive: true });
    const shelf = rt.platform.tarballShelf;
    const kept = shelf?.find(sha256, path.basename(file));
    if (kept && existsSync(kept)) {
      cpSync(kept, file);
      return {
        fills: { downloadTo: file },
        hit: true,
        report: { level: 'source', state: 'hit', key, matchedKey: kept, bytes: sizeOf(file), detail: "from the runner's tool cache" },
      };
    }
    const matched = await rt.store!.restore([file], key);
    const hit = matched !== undefined && existsSync(file);
    return {
      fills: { downloadTo: file },
      hit,
      report: { level: 'source', state: hit ? 'hit' : 'miss', key, matchedKey: matched, bytes: hit ? sizeOf(file) : undefined },
    };
  },
  keep(s, rt) {
    // Saved only when downloaded now, and only after the source step checked its sha256.
    if (reportOf(rt, 'source')?.state !== 'miss') return undefined;
    return { level: 'source', key: sourceCacheKey(s.fetched!.sha256), paths: [s.downloadTo!], sha256: s.fetched!.sha256 };
  },
};

export const treeCache: CacheLevel = {
  name: 'tree',
  kind: 'provides',
  keepsAfterRoute: true,
  off(s, rt) {
    if (!s.build?.cache.tree) return 'cache-tree is false';
    if (rt.store?.kind !== 'directory' || !rt.store.dir) return 'kept only with a directory cache (the CLI, or cache-dir)';
    return undefined;
  },
  async restore(s, rt) {
    const sha256 = s.fetched!.sha256;
    const key = `tree of ${sha256.slice(0, 16)}`;
    const taken = await new TreeCache(treeRoot(rt.store!), rt.log).take(sha256, s.request!.arch, path.join(rt.workDir, 'src'), rt.cacheDir('tree'));
    if (!taken) return { fills: {}, hit: false, report: { level: 'tree', state: 'miss', key } };
    const detail = taken.cleanedArch
      ? `${taken.reversed} patch(es) reversed; built for ${taken.cleanedArch} before, cleaned with make mrproper (sources reused, everything recompiled)`
      : `${taken.reversed} patch(es) reversed; only what changed is recompiled`;
    return { fills: { extracted: kernelTree(taken.tree) }, hit: true, report: { level: 'tree', state: taken.cleanedArch ? 'partial' : 'hit', key, detail } };
  },
  keep(s) {
    const root = s.extracted!.tree;
    return {
      level: 'tree',
      key: `tree of ${s.fetched!.sha256.slice(0, 16)}`,
      paths: [root],
      // The patches on it now, which the next run reverses (none after a check, which takes its own off).
      tree: {
        tarballSha256: s.fetched!.sha256,
        arch: s.request!.arch,
        srcDir: path.dirname(root),
        root: path.basename(root),
        applied: s.patched?.series.map((p) => p.path) ?? [],
      },
    };
  },
};

/** ccache is a speed-up: without it the build goes on, slower, and says so. */
async function ccacheInstalled(rt: Runtime): Promise<boolean> {
  const found = (await run('ccache', ['--version']).catch(() => undefined))?.exitCode === 0;
  if (!found) rt.log.warning('ccache is not installed: compiling without the compiler cache (apt-get install ccache)');
  return found;
}

export const compilerCache: CacheLevel = {
  name: 'compiler',
  kind: 'assists',
  async off(s, rt) {
    if (!s.build?.cache.compiler) return 'cache-compiler is false';
    if (!rt.store) return 'no cache here';
    if (!(await ccacheInstalled(rt))) return 'ccache is not installed';
    return undefined;
  },
  async restore(s, rt) {
    const { arch, variant } = s.request!;
    // The kernel's compiler only: a windows build compiles the same kernel objects, so it shares linux's ccache.
    const toolchain = await rt.toolchain(arch);
    const { primary, restore } = compilerCacheKeys({ arch, variant, kernelVersion: s.extracted!.kernelVersion, toolchainId: toolchain.id }, new Date());
    const dir = rt.cacheDir('compiler');
    mkdirSync(dir, { recursive: true });
    const matched = await rt.store!.restore([dir], primary, restore);
    return {
      fills: { ccache: { dir, maxSize: s.build!.cache.ccacheMaxSize } },
      hit: matched !== undefined,
      report: {
        level: 'compiler',
        state: matched ? (matched === primary ? 'hit' : 'partial') : 'miss',
        key: primary,
        matchedKey: matched,
        bytes: matched ? sizeOf(dir) : undefined,
      },
      // ccache's entries are content-addressed, so even a failed build's are sound: saved whatever happens.
      pending: { level: 'compiler', key: primary, paths: [dir] },
    };
  },
  keep(s, rt) {
    const stats = s.compiled?.ccache;
    const report = reportOf(rt, 'compiler');
    if (stats && report) {
      report.detail = `ccache: ${stats.hits} hits, ${stats.misses} misses`;
      rt.log.info(report.detail);
    }
    return undefined;
  },
};

async function outputKey(s: BuildState, rt: Runtime): Promise<string> {
  return outputCacheKey(outputFingerprint(s.build!, await rt.toolchain(s.request!.arch, s.request!.host), s.fetched!.sha256));
}

/** The restored entry's record, if every file in it is what the record says. */
async function intactOutput(dir: string): Promise<OutputMeta | undefined> {
  try {
    const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as OutputMeta;
    if (meta.format !== 1) return undefined;
    for (const name of OUTPUT_EXTRAS) if (!existsSync(path.join(dir, 'extras', name))) return undefined;
    const lib = path.join(dir, 'libkrunfw');
    if ((await sha256File(path.join(lib, meta.fileName))) !== meta.librarySha256) return undefined;
    if ((await sha256File(path.join(lib, 'kernel.bin'))) !== meta.payloadSha256) return undefined;
    for (const b of meta.blobs) if ((await sha256File(path.join(lib, `${b.name}.bin`))) !== b.sha256) return undefined;
    return meta;
  } catch {
    return undefined;
  }
}

/** The tarballs the package step made, each with its sha256. */
function packagedTarballs(p: PackageOutput): { file: string; sha256: string }[] {
  return [{ file: p.tarball, sha256: p.tarballSha256 }, ...(p.prebuilt ? [{ file: p.prebuilt.tarball, sha256: p.prebuilt.sha256 }] : [])];
}

/** Whether the entry's install tarballs are the ones its record names (else the package step makes them again). */
async function intactPackage(dir: string, kept: KeptPackage): Promise<boolean> {
  for (const f of kept.files) {
    const file = path.join(dir, f.name);
    if (!existsSync(file) || (await sha256File(file)) !== f.sha256) return false;
  }
  return true;
}

export const outputCache: CacheLevel = {
  name: 'output',
  kind: 'provides',
  off(s, rt) {
    if (!s.build?.cache.output) return 'cache-output is false';
    if (!rt.store) return 'no cache here';
    return undefined;
  },
  async restore(s, rt) {
    const key = await outputKey(s, rt);
    const dir = rt.cacheDir('output');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const matched = await rt.store!.restore([dir], key);
    const meta = matched ? await intactOutput(dir) : undefined;
    if (matched && !meta) rt.log.warning(`output cache entry ${key} is incomplete or does not match its record; building instead`);
    if (!meta) {
      rmSync(dir, { recursive: true, force: true });
      return { fills: {}, hit: false, report: { level: 'output', state: 'miss', key } };
    }
    const lib = path.join(dir, 'libkrunfw');
    const extra = (name: string): string => path.join(dir, 'extras', name);
    const fills: Partial<BuildState> = {
      kernel: { version: meta.kernelVersion, finalConfig: extra('final.config'), licenses: { gpl: extra('GPL-2.0'), lgpl: extra('LGPL-2.1') } },
      bundled: {
        payloadFile: path.join(lib, 'kernel.bin'),
        loadAddr: BigInt(meta.loadAddr),
        entryAddr: BigInt(meta.entryAddr),
        size: meta.size,
        sha256: meta.payloadSha256,
        blobs: meta.blobs.map((b) => ({ ...b, payloadFile: path.join(lib, `${b.name}.bin`) })),
      },
      linked: { library: path.join(lib, meta.fileName), fileName: meta.fileName, soname: meta.soname, sourceDir: lib },
    };
    if (meta.packaged && (await intactPackage(path.join(dir, 'package'), meta.packaged)))
      fills.keptPackage = { ...meta.packaged, dir: path.join(dir, 'package') };
    return { fills, hit: true, report: { level: 'output', state: 'hit', key, matchedKey: matched, bytes: sizeOf(dir), savedMs: meta.buildMs } };
  },
  // After the whole route, so the entry also holds the install tarballs the package step made.
  keepsAfterRoute: true,
  async keep(s, rt, tookMs) {
    if (reportOf(rt, 'output')?.state !== 'miss') return undefined;
    const dir = rt.cacheDir('output');
    const { kernel, bundled, linked } = s as Required<Pick<BuildState, 'kernel' | 'bundled' | 'linked'>>;
    const meta: OutputMeta = {
      format: 1,
      kernelVersion: kernel.version,
      fileName: linked.fileName,
      soname: linked.soname,
      loadAddr: `0x${bundled.loadAddr.toString(16)}`,
      entryAddr: `0x${bundled.entryAddr.toString(16)}`,
      size: bundled.size,
      payloadSha256: bundled.sha256,
      librarySha256: await sha256File(linked.library),
      blobs: bundled.blobs.map((b) => ({ name: b.name, size: b.size, sha256: b.sha256, source: b.source })),
      buildMs: tookMs,
      packaged: s.packaged && {
        sourceDateEpoch: s.request!.reproducibility.sourceDateEpoch,
        files: packagedTarballs(s.packaged).map((t) => ({ name: path.basename(t.file), sha256: t.sha256 })),
      },
    };
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'extras'), { recursive: true });
    if (s.packaged) {
      mkdirSync(path.join(dir, 'package'));
      for (const t of packagedTarballs(s.packaged)) cpSync(t.file, path.join(dir, 'package', path.basename(t.file)));
    }
    cpSync(linked.sourceDir, path.join(dir, 'libkrunfw'), { recursive: true });
    const extras: Record<(typeof OUTPUT_EXTRAS)[number], string> = {
      'final.config': kernel.finalConfig,
      'GPL-2.0': kernel.licenses.gpl,
      'LGPL-2.1': kernel.licenses.lgpl,
    };
    for (const [name, file] of Object.entries(extras)) cpSync(file, path.join(dir, 'extras', name));
    writeFileSync(path.join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
    return { level: 'output', key: await outputKey(s, rt), paths: [dir] };
  },
};
