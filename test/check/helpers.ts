// Real patches for the check tests: files of Debian's kernel source, edited in
// the test and turned into a patch by diff -u, as a person makes one.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireKernelTarball } from '../support/kernel-source.ts';

/**
 * Extracts only `paths` (relative to the tree) of Debian's tarball with plain tar:
 * the patch tests need a few real files, not 80,000 of them.
 */
export function extractKernelFiles(dest: string, paths: string[]): string {
  const top = 'linux-source-6.12';
  execFileSync('tar', ['-xJf', requireKernelTarball(), '-C', dest, ...paths.map((p) => `${top}/${p}`)]);
  return path.join(dest, top);
}

/** A file's text with some of its lines (numbered from 1) replaced. */
export function withLines(text: string, changes: Record<number, string>): string {
  const lines = text.split('\n');
  for (const [n, line] of Object.entries(changes)) lines[Number(n) - 1] = line;
  return lines.join('\n');
}

/** `diff -u` of `file` in `tree` against `after`, with a/ and b/ labels as git writes them. */
export function diffOf(tree: string, file: string, after: string, scratch: string): string {
  const a = path.join(scratch, 'a', file);
  const b = path.join(scratch, 'b', file);
  mkdirSync(path.dirname(a), { recursive: true });
  mkdirSync(path.dirname(b), { recursive: true });
  writeFileSync(a, readFileSync(path.join(tree, file)));
  writeFileSync(b, after);
  try {
    execFileSync('diff', ['-u', '--label', `a/${file}`, '--label', `b/${file}`, a, b], { encoding: 'utf8' });
    throw new Error(`diff found no change in ${file}`);
  } catch (e) {
    const out = (e as { stdout?: string }).stdout;
    if (out === undefined) throw e;
    return out; // diff exits 1 when the files differ
  }
}

/** A patch file as git format-patch writes one: mail headers, the diffs, a signature. */
export function writePatch(file: string, subject: string, diffs: string[]): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `From: Test <test@example.org>\nSubject: [PATCH] ${subject}\n\n---\n${diffs.join('')}-- \n2.39.5\n\n`);
  return file;
}

/** Line `n` (from 1) of a file. */
export function lineAt(file: string, n: number): string {
  return readFileSync(file, 'utf8').split('\n')[n - 1]!;
}
