// Validation against the published schemas, offline:
//  - SchemaStore's github-workflow.json and github-action.json, as bundled in
//    @action-validator/core (compiled into its wasm). That bundle is a snapshot
//    older than two things GitHub has since added and SchemaStore publishes
//    now: `runs.using: node24` and the `attestations` permission. SNAPSHOT_GAPS
//    names them; a test proves each file fails that snapshot only there.
//  - GitHub's own workflow and action schemas (workflow-v1.0.json,
//    action-v1.0.json) with GitHub's parser, @actions/workflow-parser. It also
//    checks expressions, contexts, `needs`, and the inputs of called workflows.
import { register } from 'node:module';
import { validateAction, validateWorkflow, type ValidationError } from '@action-validator/core';
import { stringify } from 'yaml';
import { isMapping, type Mapping, type YamlFile } from './model.ts';

// @actions/workflow-parser imports its schema JSON without an import attribute,
// which a bundler accepts and Node does not; add the attribute for those files.
const JSON_HOOK = `
export async function load(url, context, next) {
  if (url.startsWith('file:') && url.includes('/@actions/workflow-parser/') && url.endsWith('.json')) {
    return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(JSON_HOOK)}`);

// ---------------------------------------------------------------------------
// SchemaStore (via @action-validator/core)

export interface SchemaProblem {
  path: string;
  message: string;
  /** The innermost errors under a oneOf/anyOf, each with its own path. */
  leaves: { path: string; message: string }[];
}

function leavesOf(e: ValidationError): { path: string; message: string }[] {
  const path = 'path' in e ? e.path : '';
  const states = 'states' in e ? e.states : undefined;
  if (states && states.length > 0) return states.flatMap((s) => s.errors.flatMap(leavesOf));
  return [{ path, message: [e.title, e.detail].filter(Boolean).join(': ') }];
}

function problems(errors: ValidationError[]): SchemaProblem[] {
  return errors.map((e) => ({
    path: 'path' in e ? e.path : '',
    message: [e.title, e.detail].filter(Boolean).join(': '),
    leaves: leavesOf(e),
  }));
}

export function schemaStoreWorkflow(text: string): SchemaProblem[] {
  return problems(validateWorkflow(text).errors);
}

export function schemaStoreAction(text: string): SchemaProblem[] {
  return problems(validateAction(text).errors);
}

/**
 * What GitHub accepts today and the bundled SchemaStore snapshot predates:
 * how to recognise the snapshot's complaint, and how to say the same thing in
 * the snapshot's vocabulary so that everything else still gets validated.
 */
export interface SnapshotGap {
  what: string;
  kind: 'workflow' | 'action';
  /** Whether a leaf error is this gap's. */
  leaf(l: { path: string; message: string }): boolean;
  /** The document with the newer feature replaced by an older equivalent (or removed). */
  adapt(data: Mapping): Mapping;
}

export const SNAPSHOT_GAPS: SnapshotGap[] = [
  {
    what: 'runs.using: node24 (the snapshot knows node12, node16 and node20)',
    kind: 'action',
    leaf: (l) => l.path === '/runs/using',
    adapt: (data) => {
      const runs = isMapping(data.runs) ? data.runs : {};
      return runs.using === 'node24' ? { ...data, runs: { ...runs, using: 'node20' } } : data;
    },
  },
  {
    what: 'permissions: attestations (the snapshot predates the scope)',
    kind: 'workflow',
    leaf: (l) => /\/permissions$/.test(l.path) && /'attestations'/.test(l.message),
    adapt: (data) => {
      const strip = (p: unknown): unknown => {
        if (!isMapping(p) || !('attestations' in p)) return p;
        return Object.fromEntries(Object.entries(p).filter(([scope]) => scope !== 'attestations'));
      };
      const jobs = isMapping(data.jobs)
        ? Object.fromEntries(
            Object.entries(data.jobs).map(([id, job]) => [id, isMapping(job) && 'permissions' in job ? { ...job, permissions: strip(job.permissions) } : job]),
          )
        : data.jobs;
      return { ...data, ...('permissions' in data ? { permissions: strip(data.permissions) } : {}), jobs };
    },
  },
];

/** The file in the snapshot's vocabulary (see SNAPSHOT_GAPS), as YAML text. */
export function adaptToSnapshot(y: YamlFile, kind: 'workflow' | 'action'): string {
  const data = SNAPSHOT_GAPS.filter((g) => g.kind === kind).reduce((d, g) => g.adapt(d), y.data);
  return stringify(data);
}

/** Problems the snapshot reports that none of its known gaps explains. */
export function unexplained(found: SchemaProblem[], kind: 'workflow' | 'action'): SchemaProblem[] {
  const gaps = SNAPSHOT_GAPS.filter((g) => g.kind === kind);
  return found.filter((p) => !p.leaves.some((l) => gaps.some((g) => g.leaf(l))));
}

// ---------------------------------------------------------------------------
// GitHub's own schemas and parser (@actions/workflow-parser)

/** Reads a called workflow, e.g. `./.github/workflows/build.yml`; undefined when it is not this repository's. */
export type WorkflowReader = (path: string) => string | undefined;

export async function githubWorkflow(file: string, text: string, read: WorkflowReader): Promise<string[]> {
  const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser');
  const parsed = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
  const provider = {
    getFileContent: async (ref: unknown): Promise<{ name: string; content: string }> => {
      const p = isMapping(ref) && typeof ref.path === 'string' ? ref.path : String(ref);
      const content = read(p);
      if (content === undefined) throw new Error(`not this repository's workflow: ${p}`);
      return { name: p, content };
    },
  };
  if (parsed.value === undefined) return parsed.context.errors.getErrors().map((e) => e.message);
  const template = await convertWorkflowTemplate(parsed.context, parsed.value, provider, { fetchReusableWorkflowDepth: 1 });
  const messages = new Set<string>(parsed.context.errors.getErrors().map((e) => e.message));
  for (const e of template.errors ?? []) messages.add(e.Message);
  return [...messages];
}

export async function githubAction(file: string, text: string): Promise<string[]> {
  const { parseAction } = await import('@actions/workflow-parser/actions/action-parser');
  const { NoOperationTraceWriter } = await import('@actions/workflow-parser');
  const parsed = parseAction({ name: file, content: text }, new NoOperationTraceWriter());
  return parsed.context.errors.getErrors().map((e) => e.message);
}
