// The SEV-SNP launch digest: what the AMD secure processor folds each page into
// during SNP_LAUNCH_UPDATE (SEV Secure Nested Paging Firmware ABI Specification,
// SNP_LAUNCH_UPDATE and its PAGE_INFO structure). Starting from 48 zero bytes,
// for each 4 KiB page: digest = SHA-384(PAGE_INFO), where PAGE_INFO holds the
// digest so far, the page's SHA-384 (or zeros for pages without measured
// contents), the page type and the guest physical address.
import { createHash } from 'node:crypto';
import { PAGE_SIZE } from './layout.ts';

/** PAGE_INFO's size and the offsets of its fields. */
export const PAGE_INFO_SIZE = 0x70;
export const PAGE_INFO = {
  digestCur: 0x00, // 48 bytes
  contents: 0x30, // 48 bytes
  length: 0x60, // u16
  pageType: 0x62, // u8
  imiPage: 0x63, // bit 0
  vmpl3Perms: 0x64,
  vmpl2Perms: 0x65,
  vmpl1Perms: 0x66,
  gpa: 0x68, // u64
} as const;

export const PAGE_TYPE = {
  normal: 0x1,
  vmsa: 0x2,
  zero: 0x3,
  unmeasured: 0x4,
  secrets: 0x5,
  cpuid: 0x6,
} as const;
export type PageType = keyof typeof PAGE_TYPE;

export const SNP_DIGEST_SIZE = 48;

const sha384 = (data: Buffer): Buffer => createHash('sha384').update(data).digest();

/** One PAGE_INFO: not an IMI page, no VMPL permissions (the guest runs at VMPL0). */
export function pageInfo(digestCur: Buffer, contents: Buffer, type: PageType, gpa: bigint): Buffer {
  const info = Buffer.alloc(PAGE_INFO_SIZE);
  digestCur.copy(info, PAGE_INFO.digestCur);
  contents.copy(info, PAGE_INFO.contents);
  info.writeUInt16LE(PAGE_INFO_SIZE, PAGE_INFO.length);
  info.writeUInt8(PAGE_TYPE[type], PAGE_INFO.pageType);
  info.writeBigUInt64LE(gpa, PAGE_INFO.gpa);
  return info;
}

/** A launch digest being built page by page; copy() forks it to share a common prefix. */
export class SnpLaunchDigest {
  private digest: Buffer;

  constructor(start: Buffer = Buffer.alloc(SNP_DIGEST_SIZE)) {
    this.digest = Buffer.from(start);
  }

  copy(): SnpLaunchDigest {
    return new SnpLaunchDigest(this.digest);
  }

  private update(type: PageType, gpa: bigint, contents: Buffer): void {
    this.digest = sha384(pageInfo(this.digest, contents, type, gpa));
  }

  /** Pages whose contents are measured (normal pages, VMSA pages), from `gpa` on. */
  measurePages(type: 'normal' | 'vmsa', gpa: bigint, bytes: Buffer): this {
    if (bytes.length % PAGE_SIZE !== 0) throw new RangeError(`${bytes.length} bytes are not whole 4 KiB pages`);
    for (let off = 0; off < bytes.length; off += PAGE_SIZE) {
      this.update(type, gpa + BigInt(off), sha384(bytes.subarray(off, off + PAGE_SIZE)));
    }
    return this;
  }

  /** `count` pages whose contents the firmware does not measure (zero, secrets, CPUID...). */
  measureWithoutContents(type: 'zero' | 'unmeasured' | 'secrets' | 'cpuid', gpa: bigint, count: number): this {
    const none = Buffer.alloc(SNP_DIGEST_SIZE);
    for (let i = 0; i < count; i++) this.update(type, gpa + BigInt(i * PAGE_SIZE), none);
    return this;
  }

  hex(): string {
    return this.digest.toString('hex');
  }
}
