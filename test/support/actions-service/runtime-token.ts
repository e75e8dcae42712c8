// ACTIONS_RUNTIME_TOKEN: a well-formed but unsigned JWT (alg "none", empty
// signature segment). The artifact client decodes it without verifying and
// reads the workflow run and job ids from the `Actions.Results:<run>:<job>`
// entry of the space-separated `scp` claim; the cache client only forwards it
// as a bearer token.

export interface RuntimeIdentity {
  runId: string;
  jobId: string;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function createRuntimeToken(identity: RuntimeIdentity, lifetimeSeconds = 6 * 3600): string {
  if (identity.runId.includes(':') || identity.jobId.includes(':') || /\s/.test(identity.runId + identity.jobId)) {
    throw new Error('run and job ids must not contain colons or whitespace');
  }
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'none' };
  const payload = {
    iss: 'http://127.0.0.1/actions-service-stand-in',
    aud: 'vso:actions-service-stand-in',
    nbf: now - 60,
    iat: now - 60,
    exp: now + lifetimeSeconds,
    scp: ['Actions.GenericRead:00000000-0000-0000-0000-000000000000', `Actions.Results:${identity.runId}:${identity.jobId}`].join(' '),
    // Cache scopes as the runner issues them (JSON inside a string claim).
    ac: JSON.stringify([{ Scope: 'refs/heads/main', Permission: 3 }]),
  };
  return `${base64url(header)}.${base64url(payload)}.`;
}

/** The run and job a bearer token speaks for, or undefined when it is not one of ours. */
export function readRuntimeToken(token: string): RuntimeIdentity | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { scp, exp } = payload as { scp?: unknown; exp?: unknown };
  if (typeof scp !== 'string') return undefined;
  if (typeof exp === 'number' && exp * 1000 < Date.now()) return undefined;
  for (const scope of scp.split(' ')) {
    const [name, runId, jobId, ...rest] = scope.split(':');
    if (name === 'Actions.Results' && runId && jobId && rest.length === 0) return { runId, jobId };
  }
  return undefined;
}
