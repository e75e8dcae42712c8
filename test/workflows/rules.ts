// The security and consistency rules every workflow of this repository keeps.
// Each rule is a function of one parsed file that returns its violations, so a
// test can run it on the repository (expecting none) and on a fixture with the
// defect planted (expecting exactly that defect).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ARCHES, TEE_ARCHES, TEE_VARIANTS, VARIANTS } from '../../src/target.ts';
import { nameList } from '../../src/workflows/plan.ts';
import { BUILD_INPUTS, type InputSpec as ActionInput, type Mode } from '../../src/request/inputs.ts';
import {
  actionInputs,
  allSteps,
  eventsOf,
  isMapping,
  jobsOf,
  lineOf,
  lineOfKey,
  loadYaml,
  REPO_ROOT,
  sourceLine,
  stepsOf,
  workflowCallInputs,
  type InputSpec,
  type Job,
  type Mapping,
  type Violation,
  type YamlFile,
} from './model.ts';

export interface RuleContext {
  /** This repository's action.yml. */
  action: YamlFile;
  /** The workflow a job-level `uses:` calls, when it is this repository's; undefined otherwise. */
  calledWorkflow(uses: string): YamlFile | undefined;
  /** What the action builds (src/target.ts). */
  supported: Support;
}

export interface Support {
  variants: readonly string[];
  arches: readonly string[];
  /** Variants that exist only for some architectures (sev, tdx: confidential guests)... */
  teeVariants: readonly string[];
  /** ...and those architectures (x86_64). */
  teeArches: readonly string[];
}

export type Rule = (y: YamlFile, ctx: RuleContext) => Violation[];

const EXPRESSION = /\$\{\{/;
const FULL_SHA = /^[0-9a-f]{40}$/;
const VERSION_COMMENT = /#\s*v?\d+(\.\d+)*\b/;

function violation(rule: string, y: YamlFile, at: readonly (string | number)[], message: string): Violation {
  return { rule, file: y.file, line: lineOf(y, at), message };
}

/** The whole value is one expression, e.g. `${{ matrix.arch }}`: its inner text. */
function soleExpression(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\s*\$\{\{\s*(.*?)\s*\}\}\s*$/s.exec(value);
  return m && !m[1]!.includes('${{') ? m[1] : undefined;
}

// ---------------------------------------------------------------------------
// 1. No `${{ … }}` inside `run:`: values reach scripts through `env:`, where
//    the shell sees data, never code.

export const noExpressionInRun: Rule = (y) =>
  allSteps(y).flatMap(({ at, step }) =>
    typeof step.run === 'string' && EXPRESSION.test(step.run)
      ? [violation('expression-in-run', y, [...at, 'run'], 'an expression inside run: (pass the value through env:)')]
      : [],
  );

// ---------------------------------------------------------------------------
// 2. Every action or reusable workflow from another repository is pinned by a
//    full commit SHA, with the version it stands for in a comment.

/** Whether `uses` names this repository's own files (checked by other rules, not pinned). */
export function isLocal(uses: string): boolean {
  return uses.startsWith('./');
}

export const pinnedUses: Rule = (y) => {
  const out: Violation[] = [];
  const check = (uses: unknown, at: (string | number)[]): void => {
    if (typeof uses !== 'string' || isLocal(uses)) return;
    const where = [...at, 'uses'];
    if (uses.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(uses)) {
        out.push(violation('unpinned-uses', y, where, `${uses}: a container image not pinned by its sha256 digest`));
      }
      return;
    }
    const ref = uses.includes('@') ? uses.slice(uses.lastIndexOf('@') + 1) : '';
    if (!FULL_SHA.test(ref)) {
      out.push(violation('unpinned-uses', y, where, `${uses}: not pinned by a full commit SHA`));
      return;
    }
    const line = sourceLine(y, lineOf(y, where));
    if (!VERSION_COMMENT.test(line.slice(line.indexOf(ref)))) {
      out.push(violation('unpinned-uses', y, where, `${uses}: no '# vX.Y.Z' comment naming the version the SHA stands for`));
    }
  };
  for (const job of jobsOf(y)) check(job.job.uses, job.at);
  for (const { at, step } of allSteps(y)) check(step.uses, at);
  return out;
};

// ---------------------------------------------------------------------------
// 3. Least privilege: top-level `permissions` present, a mapping that grants
//    no write (contents: read); a job raises what it needs by name, never
//    with write-all.

export const leastPrivilege: Rule = (y) => {
  if (!('jobs' in y.data)) return [];
  const out: Violation[] = [];
  const top = y.data.permissions;
  if (top === undefined || top === null) {
    out.push({ rule: 'permissions', file: y.file, line: lineOfKey(y, ['jobs']), message: 'no top-level permissions: (want contents: read)' });
  } else if (typeof top === 'string') {
    out.push(violation('permissions', y, ['permissions'], `top-level permissions: ${top} (want a mapping such as contents: read)`));
  } else if (isMapping(top)) {
    for (const [scope, level] of Object.entries(top)) {
      if (level === 'write') {
        out.push(violation('permissions', y, ['permissions', scope], `top-level permissions grant ${scope}: write (raise it in the one job that needs it)`));
      }
    }
  }
  for (const job of jobsOf(y)) {
    const p = job.job.permissions;
    if (typeof p === 'string' && p !== 'read-all') {
      out.push(violation('permissions', y, [...job.at, 'permissions'], `job ${job.id}: permissions: ${p} (name the scopes it needs)`));
    }
  }
  return out;
};

// ---------------------------------------------------------------------------
// 4. No cache in a release job: no job of a workflow that runs on `release`,
//    nor of any workflow it calls, restores a cache.

/** Why `step` restores a cache, or undefined when it does not. */
export function cacheReason(step: Mapping): string | undefined {
  if (typeof step.uses !== 'string') return undefined;
  const [name = ''] = step.uses.split('@');
  const repo = name.split('/').slice(0, 2).join('/').toLowerCase();
  const w = isMapping(step.with) ? step.with : {};
  const off = (v: unknown): boolean => v === false || v === 'false';
  if (/cache/.test(repo)) return `${name} is a cache action`;
  if (w.cache !== undefined && w.cache !== '' && !off(w.cache)) return `${name} with cache: ${String(w.cache)}`;
  if (repo === 'actions/setup-node' && !off(w['package-manager-cache'])) {
    return `${name} caches npm by itself unless package-manager-cache: false`;
  }
  if (repo === 'actions/setup-go' && !off(w.cache)) return `${name} caches by default unless cache: false`;
  return undefined;
}

/**
 * The action's own cache switches: inputs named cache-* that default to on
 * (cache-source, cache-compiler, cache-output), and cache-dir, which keeps
 * caches in a directory. None of them, when action.yml has no caches.
 */
export function actionCacheInputs(action: YamlFile): { switches: string[]; dirs: string[] } {
  const inputs = [...actionInputs(action).values()].filter((i) => i.name.startsWith('cache-'));
  return {
    switches: inputs.filter((i) => String(i.default) === 'true').map((i) => i.name),
    dirs: inputs.filter((i) => i.name === 'cache-dir').map((i) => i.name),
  };
}

/** Input values a called workflow gets: the caller's literals over the workflow's defaults; undefined for what only the run knows. */
type Bindings = Map<string, unknown>;

function bind(called: YamlFile, given: unknown): Bindings {
  const out: Bindings = new Map();
  const w = isMapping(given) ? given : {};
  for (const spec of workflowCallInputs(called).values()) {
    const v = spec.name in w ? w[spec.name] : spec.default;
    out.set(spec.name, typeof v === 'string' && EXPRESSION.test(v) ? undefined : v);
  }
  return out;
}

/** A `with:` value as far as it can be known: a literal, or `${{ inputs.X }}` looked up in the bindings. */
function resolve(value: unknown, bindings: Bindings | undefined): { known: boolean; value?: unknown } {
  const expr = soleExpression(value);
  if (expr === undefined) return typeof value === 'string' && EXPRESSION.test(value) ? { known: false } : { known: true, value };
  const m = /^inputs\.([A-Za-z0-9_-]+)$/.exec(expr);
  if (!m || !bindings || bindings.get(m[1]!) === undefined) return { known: false };
  return { known: true, value: bindings.get(m[1]!) };
}

export const noCacheInRelease: Rule = (y, ctx) => {
  if (!eventsOf(y).includes('release')) return [];
  const out: Violation[] = [];
  const seen = new Set<string>();
  const { switches, dirs } = actionCacheInputs(ctx.action);
  const visit = (file: YamlFile, via: string, bindings: Bindings | undefined): void => {
    if (seen.has(file.file)) return;
    seen.add(file.file);
    for (const job of jobsOf(file)) {
      const here = `${via} > ${job.id}`;
      if (typeof job.job.uses === 'string') {
        const called = ctx.calledWorkflow(job.job.uses);
        if (called) visit(called, `${here} (${called.file})`, bind(called, job.job.with));
        continue;
      }
      for (const { at, step } of stepsOf(job)) {
        const reason = cacheReason(step);
        if (reason) out.push(violation('cache-in-release', file, [...at, 'uses'], `release job ${here}: ${reason}`));
        if (typeof step.uses !== 'string' || !isThisAction(step.uses)) continue;
        // The action restores its caches unless each switch is off.
        const w = isMapping(step.with) ? step.with : {};
        // A check step compiles nothing: only the switches its mode reads apply (inputs.ts says which).
        const mode: Mode = resolve(w.check, bindings).value === 'true' ? 'check' : 'build';
        const specs: readonly ActionInput[] = BUILD_INPUTS;
        for (const name of switches.filter((n) => specs.find((i) => i.name === n)?.modes.includes(mode) ?? true)) {
          const r = resolve(name in w ? w[name] : 'true', bindings);
          if (!r.known || (r.value !== false && r.value !== 'false')) {
            const why = r.known ? `is ${String(r.value)}` : 'cannot be seen to be false';
            out.push(violation('cache-in-release', file, [...at, 'uses'], `release job ${here}: the action's ${name} ${why} (want false)`));
          }
        }
        for (const name of dirs) {
          const r = resolve(w[name], bindings);
          if (name in w && (!r.known || (r.value !== undefined && r.value !== ''))) {
            out.push(violation('cache-in-release', file, [...at, 'with', name], `release job ${here}: the action keeps caches in ${name}`));
          }
        }
      }
    }
  };
  visit(y, y.file, undefined);
  return out;
};

// ---------------------------------------------------------------------------
// 5. What a job hands to this action or to build.yml exists there: every
//    `with:` key is an input, the required ones are given, and the values
//    we can see (literals and static matrix values) are ones it accepts.

/** A step that runs this repository's action. */
export function isThisAction(uses: string): boolean {
  return uses === './' || uses === '.' || uses === './.libkrunfw-action' || /(^|\/)libkrunfw-action@/.test(uses);
}

/** Splits a list input as build.yml's plan job does (the plan's own parser); undefined when it is no list. */
export function listInput(raw: string): string[] | undefined {
  const list = nameList(raw);
  return 'names' in list ? list.names : undefined;
}

interface StaticMatrix {
  dynamic: boolean;
  values: Map<string, unknown[]>;
}

function matrixOf(job: Job): StaticMatrix | undefined {
  const strategy = job.job.strategy;
  if (!isMapping(strategy) || strategy.matrix === undefined) return undefined;
  const m = strategy.matrix;
  if (!isMapping(m)) return { dynamic: true, values: new Map() };
  const values = new Map<string, unknown[]>();
  const add = (key: string, v: unknown): void => {
    values.set(key, [...(values.get(key) ?? []), v]);
  };
  for (const [key, v] of Object.entries(m)) {
    if (key === 'include' || key === 'exclude') continue;
    if (Array.isArray(v)) v.forEach((x) => add(key, x));
    else return { dynamic: true, values };
  }
  if (Array.isArray(m.include)) {
    for (const entry of m.include) if (isMapping(entry)) for (const [key, v] of Object.entries(entry)) add(key, v);
  } else if (m.include !== undefined) {
    return { dynamic: true, values };
  }
  return { dynamic: false, values };
}

/** The matrix keys an expression-bearing value refers to. */
function matrixRefs(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const refs: string[] = [];
  for (const expr of value.matchAll(/\$\{\{(.*?)\}\}/gs)) {
    for (const m of expr[1]!.matchAll(/\bmatrix\.([A-Za-z0-9_-]+)/g)) refs.push(m[1]!);
  }
  return refs;
}

/** The values an input will get that can be known without running anything. */
function knownValues(value: unknown, matrix: StaticMatrix | undefined): unknown[] {
  const expr = soleExpression(value);
  if (expr === undefined) return typeof value === 'string' && EXPRESSION.test(value) ? [] : [value];
  const m = /^matrix\.([A-Za-z0-9_-]+)$/.exec(expr);
  if (!m || !matrix || matrix.dynamic) return [];
  return matrix.values.get(m[1]!) ?? [];
}

type Domain = (value: unknown) => string | undefined;

function oneOf(allowed: readonly string[]): Domain {
  return (v) => (allowed.includes(String(v)) ? undefined : `${JSON.stringify(v)} is not one of ${allowed.join(', ')}`);
}

function listOf(allowed: readonly string[]): Domain {
  return (v) => {
    const names = typeof v === 'string' ? listInput(v) : undefined;
    if (!names || names.length === 0) return `${JSON.stringify(v)} is not a JSON array or a list of names`;
    const bad = names.filter((n) => !allowed.includes(n));
    return bad.length > 0 ? `${bad.join(', ')} cannot be built (buildable: ${allowed.join(', ')})` : undefined;
  };
}

const booleanDomain: Domain = (v) => (typeof v === 'boolean' ? undefined : `${JSON.stringify(v)} is not a boolean`);
const numberDomain: Domain = (v) => (typeof v === 'number' ? undefined : `${JSON.stringify(v)} is not a number`);

function checkWith(
  y: YamlFile,
  at: (string | number)[],
  what: string,
  given: unknown,
  inputs: Map<string, InputSpec>,
  domains: Record<string, Domain>,
  matrix: StaticMatrix | undefined,
): Violation[] {
  const out: Violation[] = [];
  const w = isMapping(given) ? given : {};
  for (const [key, value] of Object.entries(w)) {
    if (!inputs.has(key)) {
      out.push(violation('unknown-input', y, [...at, 'with', key], `${what} has no input '${key}' (inputs: ${[...inputs.keys()].join(', ')})`));
      continue;
    }
    for (const ref of matrixRefs(value)) {
      const problem = !matrix ? 'the job has no matrix' : !matrix.dynamic && !matrix.values.has(ref) ? 'the matrix does not define it' : undefined;
      if (problem) out.push(violation('unknown-input', y, [...at, 'with', key], `${what} input '${key}' uses matrix.${ref}, but ${problem}`));
    }
    const domain = domains[key];
    for (const v of domain ? knownValues(value, matrix) : []) {
      const problem = domain!(v);
      if (problem) out.push(violation('unknown-input', y, [...at, 'with', key], `${what} input '${key}': ${problem}`));
    }
  }
  for (const spec of inputs.values()) {
    if (spec.required && spec.default === undefined && !(spec.name in w)) {
      out.push(violation('unknown-input', y, at, `${what} needs input '${spec.name}'`));
    }
  }
  return out;
}

/** A literal `with:` value (no expression), or undefined. */
function literal(w: Mapping, key: string): string | undefined {
  const v = w[key];
  if (v === undefined || v === null) return undefined;
  const text = String(v);
  return EXPRESSION.test(text) ? undefined : text;
}

/** Given, as a literal that is not empty or as an expression (which may be). */
function given(w: Mapping, key: string): boolean {
  return w[key] !== undefined && w[key] !== null && String(w[key]).trim() !== '';
}

const BLOB_SOURCES = 'qboot and initrd, or libkrunfw-ref';

/**
 * The combinations the action refuses: a sev/tdx build for another
 * architecture than x86_64, and one with neither its blobs nor a libkrunfw tree.
 */
function teeProblemsForAction(y: YamlFile, at: (string | number)[], w: Mapping, s: Support): Violation[] {
  const variant = literal(w, 'variant');
  if (variant === undefined || !s.teeVariants.includes(variant)) return [];
  const out: Violation[] = [];
  const arch = literal(w, 'arch');
  if (arch !== undefined && !s.teeArches.includes(arch)) {
    out.push(violation('unknown-input', y, [...at, 'with', 'arch'], `action.yml: variant ${variant} is built for ${s.teeArches.join(', ')} only, not ${arch}`));
  }
  const blobs = given(w, 'qboot') && given(w, 'initrd');
  if (!blobs && !given(w, 'libkrunfw-ref') && !given(w, 'libkrunfw-dir')) {
    out.push(violation('unknown-input', y, [...at, 'with', 'variant'], `action.yml: variant ${variant} needs ${BLOB_SOURCES} (or libkrunfw-dir)`));
  }
  return out;
}

/** What build.yml's plan job refuses in a call whose lists are literals: no cell at all, or sev/tdx without their blobs. */
function teeProblemsForCall(y: YamlFile, at: (string | number)[], w: Mapping, called: YamlFile, s: Support): Violation[] {
  const inputs = workflowCallInputs(called);
  const list = (key: string): string[] | undefined => {
    const v = key in w ? literal(w, key) : String(inputs.get(key)?.default ?? '');
    return v === undefined ? undefined : listInput(v)?.filter((n) => (key === 'variants' ? s.variants : s.arches).includes(n));
  };
  const variants = list('variants');
  const arches = list('architectures');
  const out: Violation[] = [];
  const cells = (variants ?? []).flatMap((v) => (arches ?? []).filter((a) => !s.teeVariants.includes(v) || s.teeArches.includes(a)).map((a) => [v, a]));
  if (variants?.length && arches?.length && cells.length === 0) {
    out.push(
      violation(
        'unknown-input',
        y,
        [...at, 'with', 'architectures' in w ? 'architectures' : 'variants'],
        `${called.file}: nothing to build: ${variants.join(', ')} exist only for ${s.teeArches.join(', ')}`,
      ),
    );
  }
  const tee = (variants ?? []).filter((v) => s.teeVariants.includes(v) && (arches === undefined || arches.some((a) => s.teeArches.includes(a))));
  if (tee.length > 0 && !(given(w, 'qboot') && given(w, 'initrd')) && !given(w, 'libkrunfw-ref')) {
    out.push(
      violation('unknown-input', y, [...at, 'with', 'variants'], `${called.file}: ${tee.join(', ')} need ${BLOB_SOURCES} (the plan job refuses them without)`),
    );
  }
  return out;
}

export const inputsExist: Rule = (y, ctx) => {
  const out: Violation[] = [];
  const s = ctx.supported;
  const flag = oneOf(['true', 'false']);
  const actionDomains: Record<string, Domain> = {
    arch: oneOf(s.arches),
    variant: oneOf(s.variants),
    'kernel-config-mode': oneOf(['auto', 'full', 'fragments']),
    'boot-test': oneOf(['auto', 'true', 'false']),
    'keep-work-dir': flag,
    upload: flag,
  };
  const inputs = actionInputs(ctx.action);
  for (const name of inputs.keys())
    if (name.startsWith('cache-') && name !== 'cache-dir' && String(inputs.get(name)!.default) === 'true') actionDomains[name] ??= flag;
  for (const job of jobsOf(y)) {
    const matrix = matrixOf(job);
    if (typeof job.job.uses === 'string') {
      const called = ctx.calledWorkflow(job.job.uses);
      if (!called) continue;
      const callInputs = workflowCallInputs(called);
      const domains: Record<string, Domain> = {
        variants: listOf(s.variants),
        architectures: listOf(s.arches),
      };
      for (const spec of callInputs.values()) {
        if (spec.type === 'boolean') domains[spec.name] ??= booleanDomain;
        if (spec.type === 'number') domains[spec.name] ??= numberDomain;
      }
      out.push(...checkWith(y, job.at, called.file, job.job.with, callInputs, domains, matrix));
      if (callInputs.has('variants') && callInputs.has('architectures')) {
        out.push(...teeProblemsForCall(y, job.at, isMapping(job.job.with) ? job.job.with : {}, called, s));
      }
      continue;
    }
    for (const { at, step } of stepsOf(job)) {
      if (typeof step.uses === 'string' && isThisAction(step.uses)) {
        out.push(...checkWith(y, at, 'action.yml', step.with, inputs, actionDomains, matrix));
        out.push(...teeProblemsForAction(y, at, isMapping(step.with) ? step.with : {}, s));
      }
    }
  }
  return out;
};

// ---------------------------------------------------------------------------
// 6. No `secrets: inherit`: a called workflow gets the secrets it names.

export const noSecretsInherit: Rule = (y) =>
  jobsOf(y).flatMap((job) =>
    job.job.secrets === 'inherit'
      ? [violation('secrets-inherit', y, [...job.at, 'secrets'], `job ${job.id}: secrets: inherit (pass the secrets it needs by name)`)]
      : [],
  );

// ---------------------------------------------------------------------------
// 7. Checkouts leave no credentials behind in .git/config.

export const checkoutWithoutCredentials: Rule = (y) =>
  allSteps(y).flatMap(({ at, step }) => {
    if (typeof step.uses !== 'string' || !/^actions\/checkout@/.test(step.uses)) return [];
    const w = isMapping(step.with) ? step.with : {};
    const v = w['persist-credentials'];
    return v === false || v === 'false' ? [] : [violation('persist-credentials', y, [...at, 'uses'], 'actions/checkout without persist-credentials: false')];
  });

// ---------------------------------------------------------------------------
// 8. Workflows are wiring: a step runs a short shell script, never a program in
//    another language. The product's logic lives in src/ and is called through
//    its CLI, where it is typed and tested like the rest.

const WIRING_SHELL = /^(bash|sh)(\s|$)/;

export const scriptsAreWiring: Rule = (y) => {
  const out: Violation[] = [];
  const check = (shell: unknown, at: (string | number)[]): void => {
    if (typeof shell === 'string' && !WIRING_SHELL.test(shell.trim())) {
      out.push(violation('script-shell', y, at, `shell: ${shell}: a script in another language (put the logic in src/ and run it as a command)`));
    }
  };
  const defaultShell = (holder: Mapping, at: (string | number)[]): void => {
    const d = holder.defaults;
    if (isMapping(d) && isMapping(d.run)) check(d.run.shell, [...at, 'defaults', 'run', 'shell']);
  };
  defaultShell(y.data, []);
  for (const job of jobsOf(y)) defaultShell(job.job, job.at);
  for (const { at, step } of allSteps(y)) check(step.shell, [...at, 'shell']);
  return out;
};

export const RULES = {
  noExpressionInRun,
  pinnedUses,
  leastPrivilege,
  noCacheInRelease,
  inputsExist,
  noSecretsInherit,
  checkoutWithoutCredentials,
  scriptsAreWiring,
} as const satisfies Record<string, Rule>;

export function runRules(y: YamlFile, ctx: RuleContext): Violation[] {
  return Object.values(RULES).flatMap((rule) => rule(y, ctx));
}

/** The `needs:` of a job as a list. */
function needsOf(job: Job): string[] {
  const n = job.job.needs;
  return typeof n === 'string' ? [n] : Array.isArray(n) ? n.filter((x): x is string => typeof x === 'string') : [];
}

/** The job holding the step with this id. */
function jobWithStep(y: YamlFile, id: string): Job | undefined {
  return jobsOf(y).find((j) => stepsOf(j).some((s) => s.step.id === id));
}

/**
 * The shape that attaches the kernel tarball once per release: a job (step id
 * `kernel`) after the build takes it from the builds and keeps it as an
 * artifact; the job that gathers the release set (step id `gather`) needs that
 * job and downloads that artifact into the directory its script attaches once.
 * What is missing, in words; none on a good release workflow.
 */
export function kernelOnceProblems(y: YamlFile): string[] {
  const problems: string[] = [];
  const build = jobsOf(y).find((j) => typeof j.job.uses === 'string' && /(^\.\/|\/libkrunfw-action\/)\.github\/workflows\/build\.yml(@|$)/.test(j.job.uses));
  const kernel = jobWithStep(y, 'kernel');
  const gather = jobWithStep(y, 'gather');
  if (!build) problems.push('no job calls build.yml');
  if (!kernel) return [...problems, "no job has a step with id 'kernel' (the kernel tarball, once)"];
  if (!gather) return [...problems, "no job has a step with id 'gather'"];
  if (kernel.id === gather.id) problems.push('the kernel tarball is taken in the gather job itself, not once in a job of its own');
  if (build && !needsOf(kernel).includes(build.id)) problems.push(`job ${kernel.id} does not need ${build.id} (the builds it reads)`);
  if (!needsOf(gather).includes(kernel.id)) problems.push(`job ${gather.id} does not need ${kernel.id}`);
  const stepEnv = (job: Job, id: string): Mapping => {
    const step = stepsOf(job).find((s) => s.step.id === id)?.step;
    return step && isMapping(step.env) ? step.env : {};
  };
  const withOf = (s: { step: Mapping }): Mapping => (isMapping(s.step.with) ? s.step.with : {});
  const uses =
    (re: RegExp) =>
    (s: { step: Mapping }): boolean =>
      typeof s.step.uses === 'string' && re.test(s.step.uses);
  const keptDir = stepEnv(kernel, 'kernel').KERNEL_SOURCE_DIR;
  const upload = stepsOf(kernel).find((s) => uses(/^actions\/upload-artifact@/)(s) && withOf(s).path === keptDir);
  if (!upload) {
    problems.push(`job ${kernel.id} does not upload its KERNEL_SOURCE_DIR (${String(keptDir)}) as an artifact`);
    return problems;
  }
  const name = withOf(upload).name;
  const download = stepsOf(gather).find((s) => uses(/^actions\/download-artifact@/)(s) && withOf(s).name === name);
  if (!download) problems.push(`job ${gather.id} does not download the artifact ${String(name)}`);
  else if (withOf(download).path !== stepEnv(gather, 'gather').KERNEL_SOURCE_DIR) {
    problems.push(`job ${gather.id} downloads ${String(name)} into ${String(withOf(download).path)}, not into the KERNEL_SOURCE_DIR its script attaches once`);
  }
  return problems;
}

/**
 * The context for this repository: its action.yml, and its reusable workflows
 * reached by a local path or, from a caller elsewhere, by
 * `<owner>/libkrunfw-action/.github/workflows/<file>@<ref>`.
 */
export function repositoryContext(): RuleContext {
  const action = loadYaml(path.join(REPO_ROOT, 'action.yml'));
  const calledWorkflow = (uses: string): YamlFile | undefined => {
    let rel: string | undefined;
    if (uses.startsWith('./')) rel = uses.slice(2);
    else {
      const m = /^[^/]+\/libkrunfw-action\/(\.github\/workflows\/[^@]+)@/.exec(uses);
      if (m) rel = m[1];
    }
    if (!rel) return undefined;
    const file = path.join(REPO_ROOT, rel);
    return existsSync(file) ? loadYaml(file) : undefined;
  };
  return { action, calledWorkflow, supported: { variants: VARIANTS, arches: ARCHES, teeVariants: TEE_VARIANTS, teeArches: TEE_ARCHES } };
}
