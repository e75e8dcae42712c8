// ccache as the compile stage drives it, with the real ccache and gcc on a unit
// compiled the way kbuild compiles one: `gcc` by name from PATH (where the stage
// puts its links to ccache first), -Wp,-MMD,<dir>/.<name>.o.d, relative paths.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccacheCompilerLinks, ccacheEnv, parseCcacheStats } from '../../src/pipeline/stages/compile.ts';
import { run, runChecked } from '../../src/util/run.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('compile');
const cache = path.join(root, 'ccache');
let links: string;

/** A tree with a header and a unit that includes it, in `dir`. */
function writeTree(dir: string, value: number): void {
  mkdirSync(path.join(dir, 'include'), { recursive: true });
  mkdirSync(path.join(dir, 'kernel'), { recursive: true });
  writeFileSync(path.join(dir, 'include', 'answer.h'), `#define ANSWER ${value}\n`);
  writeFileSync(path.join(dir, 'kernel', 'unit.c'), '#include "answer.h"\nint answer(void) { return ANSWER; }\n');
}

/** Compile kernel/unit.c in `tree` as kbuild would, `gcc` from PATH; ccache's counters for that one call. */
async function compile(tree: string): Promise<Record<string, number>> {
  const env = { ...ccacheEnv(cache, '100M', tree), PATH: `${links}${path.delimiter}${process.env.PATH}` };
  await runChecked('ccache', ['--zero-stats'], { env });
  await runChecked('gcc', ['-Wp,-MMD,kernel/.unit.o.d', '-nostdinc', '-I./include', '-O2', '-c', '-o', 'kernel/unit.o', 'kernel/unit.c'], { cwd: tree, env });
  const text = (await runChecked('ccache', ['--print-stats'], { env })).stdout;
  return Object.fromEntries(
    text
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.split('\t')[0]!, Number(l.split('\t')[1])]),
  );
}

beforeAll(async () => {
  const ccache = await run('ccache', ['--version']).catch(() => undefined);
  if (ccache?.exitCode !== 0) throw new Error('ccache is not installed: run bash scripts/setup.sh');
  links = ccacheCompilerLinks(path.join(root, 'bin'), ['gcc', 'gcc']);
});

describe('ccache in the compile stage', () => {
  it('stands in for gcc called by name, misses without running the preprocessor, then hits from a tree in another directory with the same object', async () => {
    const a = path.join(root, 'a');
    writeTree(a, 42);
    const first = await compile(a);
    expect(first.cache_miss).toBe(1);
    // Depend mode: the miss was keyed from the dependency file; no preprocessor pass was hashed.
    expect(first.preprocessed_cache_miss ?? 0).toBe(0);
    // kbuild's fixdep reads the dependency file after the compile: it must be there.
    expect(readFileSync(path.join(a, 'kernel', '.unit.o.d'), 'utf8')).toContain('include/answer.h');

    const b = path.join(root, 'b');
    cpSync(a, b, { recursive: true });
    writeFileSync(path.join(b, 'kernel', 'unit.o'), '');
    const second = await compile(b);
    expect(
      parseCcacheStats(
        Object.entries(second)
          .map(([k, v]) => `${k}\t${v}`)
          .join('\n'),
      ),
    ).toEqual({ hits: 1, misses: 0 });
    expect(readFileSync(path.join(b, 'kernel', 'unit.o'))).toEqual(readFileSync(path.join(a, 'kernel', 'unit.o')));
  });

  it('misses when a header the unit includes changed, and compiles the new value', async () => {
    const c = path.join(root, 'c');
    writeTree(c, 43);
    const stats = await compile(c);
    expect(stats.cache_miss).toBe(1);
    const { stdout } = await runChecked('objdump', ['-d', path.join(c, 'kernel', 'unit.o')]);
    expect(stdout).toMatch(/\$0x2b,%eax/); // 43
  });
});
