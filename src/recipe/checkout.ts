// Checks a libkrunfw repository out at one ref, shallowly: `git init`, then
// `git fetch --depth 1 <repo> <ref>`, then a detached checkout of FETCH_HEAD. That
// one sequence takes a branch, a tag or a full commit sha alike (fetching a sha
// needs a server that allows it, as GitHub and protocol-v2 servers do).
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { run, runChecked } from '../util/run.ts';

export interface CheckoutOptions {
  /** A git URL, or a local path to a repository. */
  repository: string;
  /** A branch, a tag or a full commit sha. */
  ref: string;
  /** Where the work tree goes: missing or empty. */
  dest: string;
}

/** Never ask for credentials on a terminal; a CI job would hang. */
const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** Whether `repository` is something git reads as a URL: scheme://… or scp-like host:path. */
function isUrl(repository: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(repository) || /^[^/]+:/.test(repository);
}

/** Refuse a ref or repository git would misread; called when the request is resolved, before any checkout. */
export function checkRefArguments(opts: Pick<CheckoutOptions, 'repository' | 'ref'>): void {
  const { repository, ref } = opts;
  // Both go to git as arguments; one that starts with '-' would be read as an option.
  if (!ref.trim()) throw new InputError('libkrunfw ref is empty; give a branch, tag or commit sha');
  if (ref.startsWith('-')) {
    throw new InputError(`libkrunfw ref '${ref}' starts with '-'; refs cannot, and git would read it as an option`);
  }
  if (/[\s:]/.test(ref)) {
    throw new InputError(`libkrunfw ref '${ref}' is not a branch, tag or commit sha (it has a space or ':')`);
  }
  if (!repository.trim()) throw new InputError('libkrunfw repository is empty; give a git URL or a local path');
  if (repository.startsWith('-')) {
    throw new InputError(`libkrunfw repository '${repository}' starts with '-'; git would read it as an option`);
  }
}

function prepareDest(dest: string): string {
  const dir = path.resolve(dest);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) {
      throw new InputError(`${dir} exists and is not a directory; cannot check libkrunfw out there`);
    }
    if (readdirSync(dir).length > 0) {
      throw new InputError(`${dir} is not empty; check libkrunfw out into a new or empty directory`);
    }
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Check `ref` of `repository` out into `dest`; returns the work tree and the commit it holds. */
export async function checkoutLibkrunfw(opts: CheckoutOptions): Promise<{ dir: string; commit: string }> {
  checkRefArguments(opts);
  // git runs inside dest, so a relative local path must be made absolute first.
  const repository = isUrl(opts.repository) ? opts.repository : path.resolve(opts.repository);
  const dir = prepareDest(opts.dest);
  const git = (args: string[]): ReturnType<typeof run> => run('git', args, { cwd: dir, env: GIT_ENV, tail: 40 });

  await runChecked('git', ['init', '--quiet'], { cwd: dir, env: GIT_ENV });
  // `--` ends the options, so neither the repository nor the ref is read as one.
  const fetch = await git(['fetch', '--quiet', '--depth', '1', '--no-tags', '--', repository, opts.ref]);
  if (fetch.exitCode !== 0) {
    throw new InputError(`could not fetch ref '${opts.ref}' from ${opts.repository}:\n${fetch.tail.slice(-10).join('\n')}`);
  }
  await runChecked('git', ['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--detach', 'FETCH_HEAD'], {
    cwd: dir,
    env: GIT_ENV,
  });
  const commit = (await runChecked('git', ['rev-parse', '--verify', 'HEAD^{commit}'], { cwd: dir, env: GIT_ENV })).stdout.trim();
  // A sha names exactly one commit: anything else means the server gave us something else.
  if (FULL_SHA.test(opts.ref) && commit.toLowerCase() !== opts.ref.toLowerCase()) {
    throw new InputError(`asked ${opts.repository} for commit ${opts.ref} but checked out ${commit}`);
  }
  return { dir, commit };
}
