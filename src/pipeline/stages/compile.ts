// compile: build the kernel image, reproducibly. The log streams into a
// collapsible group; on failure the compiler's own error lines lead the message.
import { accessSync, constants, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { CompileError, ToolMissingError, type Location } from '../../errors.ts';
import type { Reproducibility } from '../../request/types.ts';
import { archFacts, type Arch } from '../../target.ts';
import { run } from '../../util/run.ts';
import type { Stage } from '../stage.ts';
import { archArgs } from './configure.ts';

export interface CompileInput {
  tree: string;
  arch: Arch;
  jobs: number;
  reproducibility: Reproducibility;
  /** make CROSS_COMPILE=, e.g. aarch64-linux-gnu-; empty natively. */
  crossCompile?: string;
  /** Compile through ccache with this cache directory. The output is the same bytes either way. */
  ccache?: { dir: string; maxSize: string };
}

export interface CcacheStats {
  hits: number;
  misses: number;
}

export interface CompileOutput {
  /** The ELF kernel, always built. */
  vmlinux: string;
  /** What the bundle stage takes: vmlinux on x86_64, the raw Image on aarch64 and riscv64. */
  image: string;
  ccache?: CcacheStats;
}

/**
 * ccache's settings, each measured on this kernel's build (bench/FINDINGS.md).
 * - Depend mode: on a miss, ccache keys the result by the source, the flags
 *   and the headers listed in the dependency file the compiler writes anyway
 *   (kbuild passes -Wp,-MMD), instead of running the preprocessor once more to
 *   hash its output. That extra pass made a cold build 38% dearer than without
 *   ccache; in depend mode it costs 1%. Given up: the fallback on preprocessed
 *   output, which hits when a header changed without changing a unit's code
 *   (another variant's config, a kernel point release).
 * - Paths below the tree hash as relative (base dir, no hash dir), so a tree
 *   in another directory still hits.
 * - The compiler is identified by its content, not its mtime: a restored cache
 *   may come from a runner with another build of the same gcc version.
 */
export function ccacheEnv(dir: string, maxSize: string, tree: string): Record<string, string> {
  return {
    CCACHE_DIR: dir,
    CCACHE_MAXSIZE: maxSize,
    CCACHE_BASEDIR: tree,
    CCACHE_NOHASHDIR: 'true',
    CCACHE_COMPILERCHECK: 'content',
    CCACHE_DEPEND: 'true',
  };
}

/** The first executable `name` on PATH. */
function onPath(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * A directory of links named like the compilers make runs (gcc, and the cross
 * gcc), each to ccache, to put first on make's PATH: ccache then stands in for
 * them (its masquerade mode) and finds the real one further down PATH. CC stays
 * what configure saw. Passing CC="ccache gcc" instead made kbuild run Kconfig
 * again at the start of each build (CC is recorded in auto.conf.cmd), and
 * recorded other command lines for the objects than a build without ccache
 * makes, so a tree could not be reused across the two.
 */
export function ccacheCompilerLinks(binDir: string, compilers: string[]): string {
  const ccache = onPath('ccache');
  if (!ccache) throw new ToolMissingError('ccache', 'Install it (apt-get install ccache), or turn the compiler cache off.');
  rmSync(binDir, { recursive: true, force: true });
  mkdirSync(binDir, { recursive: true });
  for (const name of new Set(compilers)) symlinkSync(ccache, path.join(binDir, name));
  return binDir;
}

/** Hits and misses since the statistics were last zeroed, from `ccache --print-stats`. */
export function parseCcacheStats(text: string): CcacheStats {
  const stat = (name: string): number => Number(new RegExp(`^${name}\\t(\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  return {
    hits: stat('direct_cache_hit') + stat('preprocessed_cache_hit'),
    misses: stat('cache_miss'),
  };
}

/** The environment that makes two builds of the same tree byte-identical. */
export function reproducibleEnv(r: Reproducibility): Record<string, string> {
  return {
    SOURCE_DATE_EPOCH: String(r.sourceDateEpoch),
    // The kernel prints this in its banner (uname -v); any fixed text works.
    KBUILD_BUILD_TIMESTAMP: new Date(r.sourceDateEpoch * 1000).toUTCString(),
    KBUILD_BUILD_USER: r.user,
    KBUILD_BUILD_HOST: r.host,
    // Without it the build number comes from .version and grows with each build.
    KBUILD_BUILD_VERSION: '1',
    LC_ALL: 'C',
    TZ: 'UTC',
  };
}

const COMPILER_ERROR = /^(.+?):(\d+):(?:(\d+):)? (?:fatal )?error: (.*)$/;

/** The lines that say why the build failed, and where. */
export function compilerErrors(lines: string[], tree: string): { errors: string[]; locations: Location[] } {
  const errors: string[] = [];
  const locations: Location[] = [];
  for (const line of lines) {
    const m = COMPILER_ERROR.exec(line);
    if (m) {
      errors.push(line);
      locations.push({ file: path.resolve(tree, m[1]!), line: Number(m[2]), title: m[4]! });
    } else if (/\berror\b|\*\*\*|Error \d+|undefined reference/i.test(line)) {
      errors.push(line);
    }
  }
  return { errors, locations };
}

export const compileStage: Stage<CompileInput, CompileOutput> = {
  name: 'compile',
  title: 'compile the kernel',
  async run(input, ctx) {
    const { tree } = input;
    rmSync(path.join(tree, '.version'), { force: true });
    const facts = archFacts(input.arch);
    const cross = input.crossCompile ?? '';
    const args = ['-C', tree, ...archArgs(input.arch, cross), `-j${input.jobs}`];
    let env = reproducibleEnv(input.reproducibility);
    if (input.ccache) {
      // The host compiler (gcc) too: objtool and the other host programs are built in every tree.
      const links = ccacheCompilerLinks(path.join(ctx.workDir, 'ccache-bin'), [`${cross}gcc`, 'gcc']);
      env = { ...env, ...ccacheEnv(input.ccache.dir, input.ccache.maxSize, tree), PATH: `${links}${path.delimiter}${process.env.PATH ?? ''}` };
      await run('ccache', ['--zero-stats'], { env });
    }
    // vmlinux is always made (Image is objcopy'd from it); name both targets so make says so.
    args.push(...new Set(['vmlinux', facts.image]));
    ctx.log.info(`make ${args.join(' ')}`);
    const r = await run('make', args, {
      env,
      logFile: ctx.logFile,
      echo: ctx.log,
      tail: 400,
    });
    if (r.exitCode !== 0) {
      const { errors, locations } = compilerErrors(r.tail, tree);
      const shown = errors.length > 0 ? errors.slice(0, 40) : r.tail.slice(-40);
      throw new CompileError(
        `the kernel build failed (make exit ${r.exitCode}); ${errors.length > 0 ? 'errors' : 'last lines'}:\n` +
          `${shown.map((l) => `  ${l}`).join('\n')}\nFull log: ${ctx.logFile}`,
        errors,
        locations,
      );
    }
    const vmlinux = path.join(tree, 'vmlinux');
    const stats = input.ccache ? parseCcacheStats((await run('ccache', ['--print-stats'], { env })).stdout) : undefined;
    return { vmlinux, image: path.join(tree, facts.imagePath), ccache: stats };
  },
  produces: (o) => [o.vmlinux, o.image],
};
