// github.actions.results.api.v1.CacheService, the control plane of cache
// service v2: it reserves entries, hands out signed blob URLs, and answers
// lookups. The archives themselves go straight to Azurite.
import type { BlobStore } from './azurite.ts';
import { matches, optionalInt64, optionalStrings, requiredString } from './fields.ts';
import { CACHE_SERVICE, TwirpError, type TwirpServer } from './twirp.ts';

export const CACHE_CONTAINER = 'actions-cache';

export interface CacheEntry {
  id: number;
  key: string;
  /** The client's hash of paths, compression and platform: entries are scoped by it. */
  version: string;
  status: 'uploading' | 'finalized';
  /** Size of the uploaded archive, known once finalized. */
  sizeBytes: number | undefined;
  createdAt: Date;
  finalizedAt: Date | undefined;
  /** Blob name inside the `actions-cache` container. */
  blob: string;
}

/**
 * How CreateCacheEntry answers a key+version that already exists (finalized or
 * still uploading). 'conflict' is what github.com does: twirp already_exists,
 * HTTP 409. 'not-ok' answers 200 with ok:false and a message.
 */
export type DuplicateCacheEntryReply = 'conflict' | 'not-ok';

export const DUPLICATE_CACHE_ENTRY_MESSAGE = 'cache entry with the same key, version, and scope already exists';

export interface CacheServiceControl {
  entries(): CacheEntry[];
  refuse(key: string | RegExp, message: string): void;
  clearRefusals(): void;
  reset(): void;
}

export function installCacheService(server: TwirpServer, store: BlobStore, options: { duplicateEntry: DuplicateCacheEntryReply }): CacheServiceControl {
  let entries: CacheEntry[] = [];
  let refusals: { key: string | RegExp; message: string }[] = [];
  let nextId = 1;

  server.route(CACHE_SERVICE, 'CreateCacheEntry', (body) => {
    const key = requiredString(body, 'key');
    const version = requiredString(body, 'version');
    const refusal = refusals.find((r) => matches(r.key, key));
    if (refusal) return { ok: false, signed_upload_url: '', message: refusal.message };
    if (entries.some((e) => e.key === key && e.version === version)) {
      if (options.duplicateEntry === 'not-ok') {
        return { ok: false, signed_upload_url: '', message: DUPLICATE_CACHE_ENTRY_MESSAGE };
      }
      throw new TwirpError('already_exists', DUPLICATE_CACHE_ENTRY_MESSAGE);
    }
    const id = nextId++;
    const entry: CacheEntry = {
      id,
      key,
      version,
      status: 'uploading',
      sizeBytes: undefined,
      createdAt: new Date(),
      finalizedAt: undefined,
      blob: `entries/${id}`,
    };
    entries.push(entry);
    return {
      ok: true,
      signed_upload_url: store.signedUrl(CACHE_CONTAINER, entry.blob, { permissions: 'cw' }),
      message: '',
    };
  });

  server.route(CACHE_SERVICE, 'FinalizeCacheEntryUpload', async (body) => {
    const key = requiredString(body, 'key');
    const version = requiredString(body, 'version');
    const sizeBytes = optionalInt64(body, 'size_bytes');
    const entry = entries.find((e) => e.key === key && e.version === version);
    if (!entry) throw new TwirpError('not_found', `no cache entry is reserved for key ${key}`);
    if (entry.status === 'finalized') {
      return { ok: false, entry_id: '0', message: `cache entry ${key} is already finalized` };
    }
    const stat = await store.stat(CACHE_CONTAINER, entry.blob);
    if (!stat) return { ok: false, entry_id: '0', message: `no archive was uploaded for cache entry ${key}` };
    if (sizeBytes !== undefined && sizeBytes !== stat.size) {
      return {
        ok: false,
        entry_id: '0',
        message: `cache entry ${key}: size_bytes ${sizeBytes} does not match the ${stat.size} bytes uploaded`,
      };
    }
    entry.status = 'finalized';
    entry.sizeBytes = stat.size;
    entry.finalizedAt = new Date();
    return { ok: true, entry_id: String(entry.id), message: '' };
  });

  server.route(CACHE_SERVICE, 'GetCacheEntryDownloadURL', (body) => {
    const key = requiredString(body, 'key');
    const version = requiredString(body, 'version');
    const restoreKeys = optionalStrings(body, 'restore_keys');
    const usable = entries.filter((e) => e.status === 'finalized' && e.version === version);
    // As documented for actions/cache: the key exactly, then the newest entry
    // the key is a prefix of, then each restore key in turn the same way.
    for (const wanted of [key, ...restoreKeys]) {
      const hit = usable.find((e) => e.key === wanted) ?? usable.filter((e) => e.key.startsWith(wanted)).sort((a, b) => b.id - a.id)[0];
      if (hit) {
        return {
          ok: true,
          signed_download_url: store.signedUrl(CACHE_CONTAINER, hit.blob, { permissions: 'r' }),
          matched_key: hit.key,
        };
      }
    }
    return { ok: false, signed_download_url: '', matched_key: '' };
  });

  return {
    entries: () => entries.map((e) => ({ ...e })),
    refuse(key, message) {
      refusals.push({ key, message });
    },
    clearRefusals() {
      refusals = [];
    },
    reset() {
      entries = [];
      refusals = [];
    },
  };
}
