// File trees for round-trip tests: write one, read one back, compare bytes.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** Relative path -> contents. */
export type Tree = Record<string, Buffer>;

/** A small tree with text, an empty file, nested directories and incompressible binary data. */
export function sampleTree(seed: string, binaryBytes = 300 * 1024): Tree {
  return {
    'README.txt': Buffer.from(`tree ${seed}\nline two with unicode: \u00e9\u00e8\u2603\n`, 'utf8'),
    'empty.bin': Buffer.alloc(0),
    'nested/deeper/data.bin': randomBytes(binaryBytes),
    'nested/config.json': Buffer.from(JSON.stringify({ seed, list: [1, 2, 3] }), 'utf8'),
    'name with spaces.txt': Buffer.from(`spaces ${seed}`, 'utf8'),
  };
}

export async function writeTree(root: string, tree: Tree): Promise<string[]> {
  const written: string[] = [];
  for (const [path, contents] of Object.entries(tree)) {
    const file = join(root, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, contents);
    written.push(file);
  }
  return written;
}

export async function readTree(root: string): Promise<Tree> {
  const tree: Tree = {};
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    tree[relative(root, file)] = await readFile(file);
  }
  return tree;
}

/** Paths whose bytes differ, are missing, or are extra; empty when the trees are identical. */
export function treeDifferences(expected: Tree, actual: Tree): string[] {
  const differences: string[] = [];
  for (const [path, contents] of Object.entries(expected)) {
    const other = actual[path];
    if (!other) differences.push(`missing ${path}`);
    else if (!other.equals(contents)) differences.push(`different ${path} (${other.length} vs ${contents.length} bytes)`);
  }
  for (const path of Object.keys(actual)) if (!(path in expected)) differences.push(`extra ${path}`);
  return differences;
}
