// The SNP launch digest's PAGE_INFO chain. PAGE_INFO's layout is written here
// from AMD's "SEV Secure Nested Paging Firmware ABI Specification" (PAGE_INFO
// structure, 70h bytes: DIGEST_CUR 00h, CONTENTS 30h, LENGTH 60h, PAGE_TYPE
// 62h, IMI_PAGE 63h bit 0, VMPL3/2/1_PERMS 64h-66h, GPA 68h; page types 1
// normal, 2 VMSA, 3 zero, 4 unmeasured, 5 secrets, 6 CPUID), and the chain is
// recomputed with the openssl command, not node's crypto.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pageInfo, SnpLaunchDigest } from '../../src/measure/snp-launch-digest.ts';
import { patternBytes } from '../support/elf-fixtures.ts';

const opensslSha384 = (data: Buffer): Buffer => execFileSync('openssl', ['dgst', '-sha384', '-binary'], { input: data });

/** PAGE_INFO built from the specification's offsets. */
function specPageInfo(digestCur: Buffer, contents: Buffer, pageType: number, gpa: bigint): Buffer {
  const info = Buffer.alloc(0x70);
  digestCur.copy(info, 0x00);
  contents.copy(info, 0x30);
  info.writeUInt16LE(0x70, 0x60);
  info.writeUInt8(pageType, 0x62);
  info.writeBigUInt64LE(gpa, 0x68);
  return info;
}

describe('PAGE_INFO', () => {
  it('has the specification layout: digest, contents, length 0x70, type, GPA; no IMI page, no VMPL permissions', () => {
    const cur = patternBytes(48, 1);
    const contents = patternBytes(48, 2);
    const info = pageInfo(cur, contents, 'cpuid', 0x6000n);
    expect(info.length).toBe(0x70);
    expect(info.equals(specPageInfo(cur, contents, 6, 0x6000n))).toBe(true);
    expect(info.subarray(0x63, 0x68).every((b) => b === 0)).toBe(true);
  });

  it.each([
    ['normal', 1],
    ['vmsa', 2],
    ['zero', 3],
    ['unmeasured', 4],
    ['secrets', 5],
    ['cpuid', 6],
  ] as const)('page type %s is %i', (type, number) => {
    expect(pageInfo(Buffer.alloc(48), Buffer.alloc(48), type, 0n).readUInt8(0x62)).toBe(number);
  });
});

describe('the launch digest chain', () => {
  it('starts from 48 zero bytes and folds in each page, as openssl computes it', () => {
    const normal = patternBytes(2 * 4096, 3);
    const vmsa = patternBytes(4096, 4);
    let ld: Buffer = Buffer.alloc(48);
    const step = (contents: Buffer, type: number, gpa: bigint): void => {
      ld = opensslSha384(specPageInfo(ld, contents, type, gpa));
    };
    step(opensslSha384(normal.subarray(0, 4096)), 1, 0x100000n);
    step(opensslSha384(normal.subarray(4096)), 1, 0x101000n);
    step(Buffer.alloc(48), 3, 0x0n);
    step(Buffer.alloc(48), 5, 0x5000n);
    step(Buffer.alloc(48), 6, 0x6000n);
    step(opensslSha384(vmsa), 2, 0xfffffffff000n);

    const digest = new SnpLaunchDigest()
      .measurePages('normal', 0x100000n, normal)
      .measureWithoutContents('zero', 0x0n, 1)
      .measureWithoutContents('secrets', 0x5000n, 1)
      .measureWithoutContents('cpuid', 0x6000n, 1)
      .measurePages('vmsa', 0xfffffffff000n, vmsa);
    expect(digest.hex()).toBe(ld.toString('hex'));
  });

  it('forks: a copy goes on without changing the original', () => {
    const base = new SnpLaunchDigest().measureWithoutContents('zero', 0n, 1);
    const before = base.hex();
    const fork = base.copy().measureWithoutContents('zero', 0x1000n, 1);
    expect(base.hex()).toBe(before);
    expect(fork.hex()).not.toBe(before);
    expect(fork.hex()).toBe(new SnpLaunchDigest().measureWithoutContents('zero', 0n, 2).hex());
  });
});
