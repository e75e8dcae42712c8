// Where libkrun puts a SEV guest's pieces in guest memory before launch (its
// x86_64 layout for the `tee` build). The digests are over exactly these bytes
// at exactly these addresses, so the numbers are facts to keep, not choices.

/** qboot, the firmware: the last 64 KiB below 4 GiB, where the reset vector is. */
export const QBOOT_ADDR = 0xffff0000n;
/** libkrun maps qboot only if it is exactly this size. */
export const QBOOT_SIZE = 0x10000;
/** The initrd, at a fixed address on SEV (the kernel is told through the zero page). */
export const INITRD_ADDR = 0xa00000n;
/** The zero page (struct boot_params); the boot vCPU starts with RSI pointing at it. */
export const ZERO_PAGE_ADDR = 0x7000n;
/** The kernel command line; on SEV its size is fixed so that it can be measured. */
export const CMDLINE_ADDR = 0x20000n;
export const CMDLINE_SIZE = 0x200;
/** Low RAM ends where the EBDA would be on a PC. */
export const EBDA_START = 0x9fc00n;
/** RAM above 1 MiB starts here. */
export const HIMEM_START = 0x100000n;
/** RAM stops at the 32-bit MMIO gap and goes on at 4 GiB. */
export const MMIO_MEM_START = 0xd0000000n;
export const FIRST_ADDR_PAST_32BITS = 0x100000000n;
/** The boot vCPU's stack (RSP and RBP). */
export const BOOT_STACK_POINTER = 0x8ff0n;
/** Where the boot vCPU starts (CS base 0xffff0000 + RIP): qboot's reset vector. */
export const RESET_VECTOR = 0xfff0n;
/** Where an application processor starts under SEV: qboot's AP entry, three bytes on. */
export const RESET_VECTOR_SEV_AP = 0xfff3n;

/** SNP only: pages libkrun adds below the zero page (LIDT space, secrets, CPUID, firmware stack). */
export const SNP_LIDT_ADDR = 0x0n;
export const SNP_SECRETS_ADDR = 0x5000n;
export const SNP_CPUID_ADDR = 0x6000n;
export const SNP_FWDATA_ADDR = 0x8000n;
export const SNP_FWDATA_PAGES = 7;
/** The guest address the firmware records VMSA pages at: (u64)-1, page-aligned, bits above 51 clear. */
export const SNP_VMSA_GPA = 0xfffffffff000n;

export const PAGE_SIZE = 0x1000;
