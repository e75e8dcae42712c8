// A small twirp (JSON over HTTP POST) server on 127.0.0.1 with switchable
// faults. Routes are /twirp/<package.Service>/<Method>; errors are twirp
// error bodies, {"code": ..., "msg": ...}, which the toolkit clients parse.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
// Captured from node:timers, not the global, so that tests which shorten the
// clients' retry sleeps (see timers.ts) do not also shorten injected hangs.
import { clearTimeout, setTimeout } from 'node:timers';
import { readRuntimeToken, type RuntimeIdentity } from './runtime-token.ts';

export const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService';
export const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService';

export type CacheRpc = 'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL';
export type ArtifactRpc = 'CreateArtifact' | 'FinalizeArtifact' | 'ListArtifacts' | 'GetSignedArtifactURL' | 'DeleteArtifact';
export type RpcName = CacheRpc | ArtifactRpc;

export type TwirpCode =
  | 'canceled'
  | 'unknown'
  | 'invalid_argument'
  | 'malformed'
  | 'deadline_exceeded'
  | 'not_found'
  | 'bad_route'
  | 'already_exists'
  | 'permission_denied'
  | 'unauthenticated'
  | 'resource_exhausted'
  | 'failed_precondition'
  | 'aborted'
  | 'out_of_range'
  | 'unimplemented'
  | 'internal'
  | 'unavailable'
  | 'data_loss';

const STATUS_OF: Record<TwirpCode, number> = {
  canceled: 408,
  unknown: 500,
  invalid_argument: 400,
  malformed: 400,
  deadline_exceeded: 408,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  resource_exhausted: 429,
  failed_precondition: 412,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500,
};

function codeForStatus(status: number): TwirpCode {
  switch (status) {
    case 400:
      return 'invalid_argument';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'permission_denied';
    case 404:
      return 'not_found';
    case 409:
      return 'already_exists';
    case 412:
      return 'failed_precondition';
    case 429:
      return 'resource_exhausted';
    case 501:
      return 'unimplemented';
    case 503:
      return 'unavailable';
    case 504:
      return 'deadline_exceeded';
    default:
      return status >= 500 ? 'internal' : 'unknown';
  }
}

/** Thrown by handlers to answer with a twirp error. */
export class TwirpError extends Error {
  readonly code: TwirpCode;
  constructor(code: TwirpCode, message: string) {
    super(message);
    this.name = 'TwirpError';
    this.code = code;
  }
}

export interface RpcContext {
  /** Who the bearer token says is calling. */
  caller: RuntimeIdentity;
}

export type RpcHandler = (body: Record<string, unknown>, context: RpcContext) => Promise<object> | object;

/** What an armed fault does to a matching request. */
export type FaultAction = { kind: 'status'; status: number; message: string } | { kind: 'hang'; ms: number } | { kind: 'drop' };

interface ArmedFault {
  action: FaultAction;
  remaining: number;
}

/** One request as the server saw it; `outcome` is the HTTP status, or what the fault did. */
export interface RpcCall {
  rpc: string;
  outcome: number | 'hang' | 'drop';
  at: Date;
}

export interface TwirpServer {
  readonly url: string;
  route(service: string, method: RpcName, handler: RpcHandler): void;
  arm(method: RpcName, action: FaultAction, times: number): void;
  disarm(method?: RpcName): void;
  calls(): RpcCall[];
  clearCalls(): void;
  stop(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function sendError(response: ServerResponse, code: TwirpCode, message: string, status = STATUS_OF[code]): number {
  sendJson(response, status, { code, msg: message });
  return status;
}

export async function startTwirpServer(): Promise<TwirpServer> {
  const routes = new Map<string, { method: RpcName; handler: RpcHandler }>();
  const faults = new Map<RpcName, ArmedFault[]>();
  const log: RpcCall[] = [];
  const sockets = new Set<Socket>();
  const hangTimers = new Set<ReturnType<typeof setTimeout>>();

  const takeFault = (method: RpcName): FaultAction | undefined => {
    const queue = faults.get(method);
    const armed = queue?.[0];
    if (!queue || !armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) queue.shift();
    return armed.action;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const route = routes.get(path);
    const rpc = route?.method ?? path;
    const record = (outcome: RpcCall['outcome']): void => {
      log.push({ rpc, outcome, at: new Date() });
    };
    const rawBody = await readBody(request);

    if (!route) return record(sendError(response, 'bad_route', `no handler for ${request.method} ${path}`));
    if (request.method !== 'POST') {
      return record(sendError(response, 'bad_route', `twirp routes take POST, not ${request.method}`));
    }

    const fault = takeFault(route.method);
    if (fault?.kind === 'drop') {
      record('drop');
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      record('hang');
      // Without a finite limit the request stays open until stop().
      if (Number.isFinite(fault.ms)) {
        const timer = setTimeout(() => {
          hangTimers.delete(timer);
          request.socket.destroy();
        }, fault.ms);
        hangTimers.add(timer);
      }
      return;
    }
    if (fault?.kind === 'status') {
      return record(sendError(response, codeForStatus(fault.status), fault.message, fault.status));
    }

    const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
    if (contentType !== 'application/json') {
      return record(sendError(response, 'bad_route', `unsupported content type '${contentType ?? ''}'`));
    }
    const authorization = request.headers.authorization ?? '';
    const bearer = /^Bearer (\S+)$/.exec(authorization)?.[1];
    const caller = bearer ? readRuntimeToken(bearer) : undefined;
    if (!caller) return record(sendError(response, 'unauthenticated', 'missing or unusable runtime token'));

    let body: unknown;
    try {
      body = JSON.parse(rawBody === '' ? '{}' : rawBody);
    } catch {
      return record(sendError(response, 'malformed', 'the request body is not JSON'));
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return record(sendError(response, 'malformed', 'the request body is not a JSON object'));
    }

    try {
      const reply = await route.handler(body as Record<string, unknown>, { caller });
      sendJson(response, 200, reply);
      record(200);
    } catch (error) {
      if (error instanceof TwirpError) return record(sendError(response, error.code, error.message));
      return record(sendError(response, 'internal', `stand-in service bug: ${(error as Error).message}`));
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 'internal', String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    route(service, method, handler) {
      routes.set(`/twirp/${service}/${method}`, { method, handler });
    },
    arm(method, action, times) {
      const queue = faults.get(method) ?? [];
      queue.push({ action, remaining: times });
      faults.set(method, queue);
    },
    disarm(method) {
      if (method) faults.delete(method);
      else faults.clear();
    },
    calls: () => [...log],
    clearCalls() {
      log.length = 0;
    },
    async stop() {
      for (const timer of hangTimers) clearTimeout(timer);
      hangTimers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}
