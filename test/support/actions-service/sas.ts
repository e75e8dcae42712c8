// Shared Access Signatures for Azurite's well-known development account,
// written against Microsoft's published string-to-sign layouts
// (service SAS and account SAS, signed version 2020-12-06 and later).
import { createHmac } from 'node:crypto';

// Azurite's built-in account. Both values are public and documented by
// Microsoft; they only ever open the local emulator.
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

// The signed version decides the string-to-sign layout; every field below
// follows the 2020-12-06 layout, which Azurite 3.35 accepts.
export const SAS_VERSION = '2021-08-06';

// Permission letters in the order the service canonicalises them.
const BLOB_PERMISSION_ORDER = 'racwdxyltfmeop';
const ACCOUNT_PERMISSION_ORDER = 'rwdxylacuptfi';

function canonicalPermissions(permissions: string, order: string): string {
  for (const letter of permissions) {
    if (!order.includes(letter)) throw new Error(`unknown SAS permission '${letter}'`);
  }
  return [...order].filter((letter) => permissions.includes(letter)).join('');
}

// YYYY-MM-DDTHH:MM:SSZ, the form SAS times are signed and sent in.
function sasTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sign(stringToSign: string, key: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64')).update(stringToSign, 'utf8').digest('base64');
}

export interface BlobSasOptions {
  account?: string;
  key?: string;
  container: string;
  /** Omit for a container-level SAS (sr=c). */
  blob?: string;
  /** Any of r a c w d ..., in any order. */
  permissions: string;
  expiresOn: Date;
  startsOn?: Date;
  /** Response header override for Content-Disposition on reads (rscd). */
  contentDisposition?: string;
  /** Response header override for Content-Type on reads (rsct). */
  contentType?: string;
}

/** Query string (without '?') of a service SAS for a blob or a container. */
export function blobSasQuery(options: BlobSasOptions): string {
  const account = options.account ?? DEV_ACCOUNT;
  const key = options.key ?? DEV_ACCOUNT_KEY;
  const resource = options.blob === undefined ? 'c' : 'b';
  const permissions = canonicalPermissions(options.permissions, BLOB_PERMISSION_ORDER);
  const start = options.startsOn ? sasTime(options.startsOn) : '';
  const expiry = sasTime(options.expiresOn);
  const canonicalResource = `/blob/${account}/${options.container}` + (options.blob === undefined ? '' : `/${options.blob}`);
  const stringToSign = [
    permissions,
    start,
    expiry,
    canonicalResource,
    '', // signed identifier (stored access policy)
    '', // signed IP range
    '', // signed protocol
    SAS_VERSION,
    resource,
    '', // snapshot time
    '', // encryption scope
    '', // rscc
    options.contentDisposition ?? '',
    '', // rsce
    '', // rscl
    options.contentType ?? '',
  ].join('\n');
  const query = new URLSearchParams();
  query.set('sv', SAS_VERSION);
  if (start) query.set('st', start);
  query.set('se', expiry);
  query.set('sr', resource);
  query.set('sp', permissions);
  if (options.contentDisposition !== undefined) query.set('rscd', options.contentDisposition);
  if (options.contentType !== undefined) query.set('rsct', options.contentType);
  query.set('sig', sign(stringToSign, key));
  return query.toString();
}

export interface AccountSasOptions {
  account?: string;
  key?: string;
  /** Any of r w d l a c u p ..., in any order. */
  permissions: string;
  /** Resource types: s(ervice) c(ontainer) o(bject). */
  resourceTypes: string;
  expiresOn: Date;
}

/** Query string (without '?') of an account SAS for the blob service. */
export function accountSasQuery(options: AccountSasOptions): string {
  const account = options.account ?? DEV_ACCOUNT;
  const key = options.key ?? DEV_ACCOUNT_KEY;
  const permissions = canonicalPermissions(options.permissions, ACCOUNT_PERMISSION_ORDER);
  const resourceTypes = ['s', 'c', 'o'].filter((t) => options.resourceTypes.includes(t)).join('');
  const expiry = sasTime(options.expiresOn);
  const stringToSign = [
    account,
    permissions,
    'b', // signed services: blob only
    resourceTypes,
    '', // start
    expiry,
    '', // IP range
    '', // protocol
    SAS_VERSION,
    '', // encryption scope
    '', // account SAS ends with a newline
  ].join('\n');
  const query = new URLSearchParams();
  query.set('sv', SAS_VERSION);
  query.set('ss', 'b');
  query.set('srt', resourceTypes);
  query.set('sp', permissions);
  query.set('se', expiry);
  query.set('sig', sign(stringToSign, key));
  return query.toString();
}
