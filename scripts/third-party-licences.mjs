// dist/licenses.txt: the licence of every package the bundle holds, read from
// the installed packages (package.json's `license` and the licence files they
// ship). A bundled package with neither fails the build, unless it is named in
// WITHOUT_LICENCE with where it comes from.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Bundled packages that ship no licence and declare none, each with its reason for being there. */
export const WITHOUT_LICENCE = {
  'buffers@0.1.1': 'pulled in by binary, from unzip-stream, from @actions/artifact; its README and package.json state no licence',
};

/** The package directories (…/node_modules/<name> or …/node_modules/@scope/<name>) an esbuild metafile took code from. */
export function bundledPackages(root, metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const at = input.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const [first, second] = input.slice(at + 'node_modules/'.length).split('/');
    dirs.add(path.join(root, input.slice(0, at), 'node_modules', first.startsWith('@') ? `${first}/${second}` : first));
  }
  return [...dirs];
}

const LICENCE_FILE = /^(licen[cs]e|copying|unlicense)(\.|-|$)/i;

function describe(dir) {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const declared = pkg.license ?? (Array.isArray(pkg.licenses) ? pkg.licenses.map((l) => l.type ?? l).join(' OR ') : pkg.licenses?.type);
  const files = readdirSync(dir)
    .filter((f) => LICENCE_FILE.test(f))
    .sort();
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  return { id: `${pkg.name}@${pkg.version}`, declared, repository, texts: files.map((f) => readFileSync(path.join(dir, f), 'utf8').trim()) };
}

/** The licences file for these package directories. */
export function thirdPartyLicences(packageDirs, withoutLicence = WITHOUT_LICENCE) {
  // The same package can sit in two places in node_modules; list it once.
  const unique = [...new Map(packageDirs.map(describe).map((p) => [p.id, p])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const unlicensed = unique.filter((p) => !p.declared && p.texts.length === 0);
  const unknown = unlicensed.filter((p) => !Object.hasOwn(withoutLicence, p.id));
  if (unknown.length > 0) {
    throw new Error(
      `bundled packages with no licence, declared or shipped: ${unknown.map((p) => p.id).join(', ')} (see WITHOUT_LICENCE in scripts/third-party-licences.mjs)`,
    );
  }
  const head = [
    'Third-party software bundled in dist/ by scripts/package.mjs, with the licence',
    'each package declares and the licence text it ships. libkrunfw-action itself is',
    'under the Apache License 2.0 (LICENSE).',
    '',
    `${unique.length} packages: ${[...new Set(unique.map((p) => p.declared ?? 'none'))].sort().join(', ')}.`,
  ];
  if (unlicensed.length > 0) head.push('', 'Without a licence:', ...unlicensed.map((p) => `  ${p.id}: ${withoutLicence[p.id]}`));
  const body = unique.map((p) =>
    [
      '-'.repeat(78),
      p.id,
      `License: ${p.declared ?? 'none declared'}`,
      ...(p.repository ? [`Repository: ${p.repository}`] : []),
      '',
      ...(p.texts.length > 0 ? p.texts : ['(the package ships no licence text)']),
    ].join('\n'),
  );
  return `${[head.join('\n'), ...body].join('\n\n')}\n`;
}
