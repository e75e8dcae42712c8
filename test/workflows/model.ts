// Loads workflow files and action.yml as YAML documents that keep their line
// numbers, so a rule can say where the defect is.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WORKFLOWS_DIR = path.join(REPO_ROOT, '.github', 'workflows');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'workflows', 'fixtures');

/** A plain YAML mapping as `toJS()` gives it. */
export type Mapping = Record<string, unknown>;

export interface YamlFile {
  /** Path relative to the repository root, with forward slashes: `.github/workflows/build.yml`. */
  file: string;
  text: string;
  doc: Document;
  /** The document as plain data. */
  data: Mapping;
  lines: LineCounter;
}

export interface Violation {
  rule: string;
  file: string;
  line: number;
  message: string;
}

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses YAML text; a syntax error throws with the file name. */
export function parseYaml(file: string, text: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
  const data: unknown = doc.toJS();
  if (!isMapping(data)) throw new Error(`${file}: the document is not a mapping`);
  return { file, text, doc, data, lines };
}

export function loadYaml(absolutePath: string): YamlFile {
  const file = path.relative(REPO_ROOT, absolutePath).split(path.sep).join('/');
  return parseYaml(file, readFileSync(absolutePath, 'utf8'));
}

/** Every workflow of the repository, `.yml` and `.yaml`, sorted by name. */
export function repositoryWorkflows(): YamlFile[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => loadYaml(path.join(WORKFLOWS_DIR, f)));
}

export function fixture(name: string): YamlFile {
  return loadYaml(path.join(FIXTURES_DIR, name));
}

/** The 1-based line of the node at `keys` (or of the nearest existing parent). */
export function lineOf(y: YamlFile, keys: readonly (string | number)[]): number {
  for (let n = keys.length; n >= 0; n--) {
    const node: unknown = y.doc.getIn(keys.slice(0, n), true);
    if (isNode(node) && node.range) return y.lines.linePos(node.range[0]).line;
  }
  return 1;
}

/** The 1-based line of the key (not the value) at `keys`, e.g. of `jobs:` itself. */
export function lineOfKey(y: YamlFile, keys: readonly (string | number)[]): number {
  const parent: unknown = keys.length > 1 ? y.doc.getIn(keys.slice(0, -1), true) : y.doc.contents;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === keys[keys.length - 1]);
    if (pair && isNode(pair.key) && pair.key.range) return y.lines.linePos(pair.key.range[0]).line;
  }
  return lineOf(y, keys);
}

/** The source line (1-based) as text. */
export function sourceLine(y: YamlFile, line: number): string {
  return y.text.split('\n')[line - 1] ?? '';
}

export interface Step {
  /** Path to the step in the document, e.g. ['jobs', 'build', 'steps', 2]. */
  at: (string | number)[];
  job: string;
  index: number;
  step: Mapping;
}

export interface Job {
  at: (string | number)[];
  id: string;
  job: Mapping;
}

export function jobsOf(y: YamlFile): Job[] {
  const jobs = y.data.jobs;
  if (!isMapping(jobs)) return [];
  return Object.entries(jobs)
    .filter((entry): entry is [string, Mapping] => isMapping(entry[1]))
    .map(([id, job]) => ({ at: ['jobs', id], id, job }));
}

export function stepsOf(job: Job): Step[] {
  const steps = job.job.steps;
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((step: unknown, index) => (isMapping(step) ? [{ at: [...job.at, 'steps', index], job: job.id, index, step }] : []));
}

/** Every step of every job, plus the steps of a composite action (`runs.steps`). */
export function allSteps(y: YamlFile): Step[] {
  const steps = jobsOf(y).flatMap(stepsOf);
  const runs = y.data.runs;
  if (isMapping(runs) && Array.isArray(runs.steps)) {
    runs.steps.forEach((step: unknown, index) => {
      if (isMapping(step)) steps.push({ at: ['runs', 'steps', index], job: '(action)', index, step });
    });
  }
  return steps;
}

/** The events a workflow runs on, whatever form `on:` takes. */
export function eventsOf(y: YamlFile): string[] {
  const on = y.data.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((e): e is string => typeof e === 'string');
  if (isMapping(on)) return Object.keys(on);
  return [];
}

export interface InputSpec {
  name: string;
  required: boolean;
  type?: string;
  default?: unknown;
}

/** The inputs of action.yml. */
export function actionInputs(action: YamlFile): Map<string, InputSpec> {
  const inputs = isMapping(action.data.inputs) ? action.data.inputs : {};
  return new Map(
    Object.entries(inputs).map(([name, spec]) => [
      name,
      { name, required: isMapping(spec) && spec.required === true, default: isMapping(spec) ? spec.default : undefined },
    ]),
  );
}

/** The inputs of a reusable workflow (`on.workflow_call.inputs`). */
export function workflowCallInputs(workflow: YamlFile): Map<string, InputSpec> {
  const on = workflow.data.on;
  const call = isMapping(on) && isMapping(on.workflow_call) ? on.workflow_call : undefined;
  const inputs = call && isMapping(call.inputs) ? call.inputs : {};
  return new Map(
    Object.entries(inputs).map(([name, spec]) => [
      name,
      {
        name,
        required: isMapping(spec) && spec.required === true,
        type: isMapping(spec) && typeof spec.type === 'string' ? spec.type : undefined,
        default: isMapping(spec) ? spec.default : undefined,
      },
    ]),
  );
}
