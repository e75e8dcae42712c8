// The runtime of a route (route.ts says what runs; this says how). A route is a
// list of steps and cache levels wrapped around steps. For each step: skip it
// (saying why) when its `skip` says so or a cache level already produced what it
// would; else check that what it needs is there, run its stage in a log group,
// check that it produced what it declared (slots and files), record it. For each
// cache level: decide once whether it is on, restore before the steps it wraps
// (a hit of a level that provides skips them), and after they passed, note what
// to save once the whole run has succeeded (the finish saves it).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CacheLevelName, CacheReport, PendingSave } from '../cache/saves.ts';
import type { CacheStore } from '../cache/store.ts';
import { InternalError, LibkrunfwError } from '../errors.ts';
import { recordOutputs } from '../out-dir.ts';
import type { Platform } from '../platform/types.ts';
import { targetToolchain, type ToolchainIdentity } from '../toolchain.ts';
import type { Arch, Host } from '../target.ts';
import { throwIfInterrupted } from '../util/interrupt.ts';
import type { Stage, StageContext, StageName, StageRecord } from './stage.ts';
import type { BuildState, Slot, With } from './state.ts';

export interface Step {
  kind: 'step';
  name: StageName;
  title: string;
  needs: readonly Slot[];
  produces: readonly Slot[];
  /** Why the step does not run for this request, if it does not. */
  skip?(s: BuildState, rt: Runtime): string | undefined | Promise<string | undefined>;
  run(s: BuildState, ctx: StageContext, rt: Runtime): Promise<{ out: Partial<BuildState>; files: string[]; summary?: string; verdict?: boolean }>;
}

export interface CacheLevel {
  name: CacheLevelName;
  /** provides: a hit fills the wrapped steps' slots, so they are skipped. assists: a hit helps them run (a file in place, a warm ccache). */
  kind: 'provides' | 'assists';
  /** Why the level is off for this run, or undefined when it is on. Decided here, once. */
  off(s: BuildState, rt: Runtime): string | undefined | Promise<string | undefined>;
  /** Before the wrapped steps: what the cache has. `pending` is saved even if the run fails later (the compiler cache). */
  restore(s: BuildState, rt: Runtime): Promise<{ fills: Partial<BuildState>; hit: boolean; report: CacheReport; pending?: PendingSave }>;
  /** After the wrapped steps passed (they took `tookMs`): what to save once the whole run has succeeded. */
  keep?(s: BuildState, rt: Runtime, tookMs: number): PendingSave | undefined | Promise<PendingSave | undefined>;
  /**
   * Keep once the whole route has passed, after a hit too: the tree cache moves its tree out of
   * the cache, so it must be given back every time, with the patches the later steps applied;
   * the output cache keeps the install tarball the package step made after it.
   */
  keepsAfterRoute?: true;
}

export interface Cached {
  kind: 'cached';
  level: CacheLevel;
  steps: readonly RouteItem[];
}

export type RouteItem = Step | Cached;
export type Route = readonly RouteItem[];

/** A stage placed in a route: which slots it reads, which it fills, and how its input and output map onto them. */
export function step<N extends Slot, P extends Slot, I, O>(
  stage: Stage<I, O>,
  d: {
    needs: readonly N[];
    produces: readonly P[];
    skip?: (s: With<N>, rt: Runtime) => string | undefined | Promise<string | undefined>;
    input: (s: With<N>, rt: Runtime) => I | Promise<I>;
    output: (o: O, s: With<N>) => { [K in P]: NonNullable<BuildState[K]> };
  },
): Step {
  return {
    kind: 'step',
    name: stage.name,
    title: stage.title,
    needs: d.needs,
    produces: d.produces,
    // The runtime checks `needs` before calling these: the state has those slots.
    skip: d.skip && ((s, rt) => d.skip!(s as With<N>, rt)),
    async run(s, ctx, rt) {
      const o = await stage.run(await d.input(s as With<N>, rt), ctx);
      return { out: d.output(o, s as With<N>), files: stage.produces?.(o) ?? [], summary: stage.summary?.(o), verdict: stage.verdict?.(o) };
    },
  };
}

export function cached(level: CacheLevel, ...steps: RouteItem[]): Cached {
  return { kind: 'cached', level, steps };
}

/** Everything a run shares between its steps and cache levels, besides the state. */
export class Runtime {
  readonly records: StageRecord[] = [];
  readonly caches: CacheReport[] = [];
  readonly pending: PendingSave[] = [];
  /** Keeps of the levels that keep after the whole route (keepsAfterRoute), in route order. */
  readonly afterRoute: (() => Promise<PendingSave | undefined>)[] = [];
  private toolchains = new Map<string, Promise<ToolchainIdentity>>();

  constructor(
    readonly platform: Platform,
    readonly workDir: string,
    /** The cache store, when the platform has one (each level decides whether it uses it). */
    readonly store: CacheStore | undefined,
    /** Where the run's files go: each one written there is recorded as it is (out-dir.ts). */
    readonly outDir?: string,
  ) {}

  get log() {
    return this.platform.log;
  }

  /** Where cache entries are restored to and saved from: fixed paths, since a GitHub cache entry is tied to its paths. */
  cacheDir(level: CacheLevelName): string {
    return path.join(this.workDir, 'cache', level === 'compiler' ? 'ccache' : level);
  }

  /** The tools that build for `arch` (and link for `host`): part of cache keys and of the release manifest. */
  toolchain(arch: Arch, host: Host = 'linux'): Promise<ToolchainIdentity> {
    const key = `${arch}-${host}`;
    let t = this.toolchains.get(key);
    if (!t) {
      t = targetToolchain(arch, host);
      this.toolchains.set(key, t);
    }
    return t;
  }

  report(r: CacheReport): void {
    this.caches.push(r);
    const what = { hit: 'hit', partial: `partial hit (${r.matchedKey})`, miss: 'miss', off: 'off' }[r.state];
    this.log.info(`${r.level} cache: ${what}${r.key ? ` for ${r.key}` : ''}${r.detail ? `; ${r.detail}` : ''}`);
  }

  skip(name: StageName, why: string): void {
    this.records.push({ name, status: 'skipped', durationMs: 0, summary: why });
    this.log.info(`- ${name} skipped: ${why}`);
  }
}

/** Run a route over a state. A failing step's error carries its name and the records so far. */
export async function runRoute(route: Route, s: BuildState, rt: Runtime): Promise<BuildState> {
  try {
    await runItems(route, s, rt, undefined);
    for (const keep of rt.afterRoute) {
      const save = await keep();
      if (save) rt.pending.push(save);
    }
    return s;
  } catch (e) {
    if (e instanceof LibkrunfwError) e.stages = rt.records;
    throw e;
  }
}

async function runItems(items: readonly RouteItem[], s: BuildState, rt: Runtime, skippedBy: string | undefined): Promise<void> {
  for (const item of items) {
    if (item.kind === 'cached') await runCached(item, s, rt, skippedBy);
    else if (skippedBy) rt.skip(item.name, skippedBy);
    else await runStep(item, s, rt);
  }
}

/** The slots some step among `items` produces. */
function producedBy(items: readonly RouteItem[]): Set<Slot> {
  return new Set(items.flatMap((i) => (i.kind === 'step' ? i.produces : [...producedBy(i.steps)])));
}

async function runCached(c: Cached, s: BuildState, rt: Runtime, skippedBy: string | undefined): Promise<void> {
  const level = c.level;
  if (skippedBy) return runItems(c.steps, s, rt, skippedBy);
  const off = await level.off(s, rt);
  if (off !== undefined) {
    rt.report({ level: level.name, state: 'off', detail: off || undefined });
    return runItems(c.steps, s, rt, undefined);
  }
  const restored = await level.restore(s, rt);
  rt.report(restored.report);
  if (restored.pending) rt.pending.push(restored.pending);
  Object.assign(s, restored.fills);
  // How long the wrapped steps took: 0 when a hit spared them.
  let tookMs = 0;
  if (level.keepsAfterRoute) rt.afterRoute.push(async () => level.keep?.(s, rt, tookMs));
  if (restored.hit && level.kind === 'provides') {
    const provided = Object.keys(restored.fills).filter((k) => producedBy(c.steps).has(k as Slot));
    return runItems(c.steps, s, rt, `the ${level.name} cache provided ${provided.join(', ')}`);
  }
  const started = performance.now();
  await runItems(c.steps, s, rt, undefined);
  tookMs = performance.now() - started;
  if (level.keepsAfterRoute) return;
  const keep = await level.keep?.(s, rt, tookMs);
  if (keep) rt.pending.push(keep);
}

async function runStep(st: Step, s: BuildState, rt: Runtime): Promise<void> {
  // A signal that came while a step ran no child stops the run before the next one.
  throwIfInterrupted();
  const missing = st.needs.filter((k) => s[k] === undefined);
  if (missing.length > 0) throw new InternalError(`step ${st.name} needs ${missing.join(', ')}, which no step before it produced`);
  const why = await st.skip?.(s, rt);
  if (why !== undefined) return rt.skip(st.name, why);

  const logFile = path.join(rt.workDir, 'logs', `${st.name}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  const ctx: StageContext = { platform: rt.platform, log: rt.log, workDir: rt.workDir, logFile };
  const record: StageRecord = { name: st.name, status: 'failed', durationMs: 0, logFile };
  rt.records.push(record);
  const started = performance.now();
  let found: boolean | undefined;
  try {
    const { out, files, summary, verdict } = await rt.log.group(`${st.name}: ${st.title}`, async () => {
      const result = await st.run(s, ctx, rt);
      const unfilled = st.produces.filter((k) => result.out[k] === undefined);
      const absent = result.files.filter((f) => !existsSync(f));
      if (unfilled.length > 0 || absent.length > 0) {
        throw new InternalError(`step ${st.name} finished but did not produce ${[...unfilled, ...absent].join(', ')}`);
      }
      return result;
    });
    Object.assign(s, out);
    if (rt.outDir) recordOutputs(rt.outDir, files);
    record.status = 'passed';
    record.summary = summary;
    found = verdict;
  } catch (e) {
    if (e instanceof LibkrunfwError) e.stage ??= st.name;
    throw e;
  } finally {
    record.durationMs = performance.now() - started;
    const secs = (record.durationMs / 1000).toFixed(1);
    const [mark, word] = found === false ? ['✗', 'found problems'] : [record.status === 'passed' ? '✓' : '✗', record.status];
    rt.log.info(`${mark} ${st.name} ${word} in ${secs}s${record.summary ? `: ${record.summary}` : ''}`);
  }
}
