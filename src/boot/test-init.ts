// The boot test's PID 1: a static C program that prints a marker on the
// console and powers off. Built with the target's compiler (native, or the
// Debian cross compiler), so every architecture boots to the same proof.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ToolMissingError } from '../errors.ts';
import { runChecked } from '../util/run.ts';

export const BOOT_MARKER = 'LIBKRUNFW-ACTION-BOOT-OK';

export const INIT_C = `/* PID 1 of the boot test: say so, then power off (or halt, without ACPI). */
#include <fcntl.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	static const char msg[] = "\\n${BOOT_MARKER}\\n";
	int fd = open("/dev/console", O_WRONLY);
	if (fd < 0)
		fd = 1;
	write(fd, msg, sizeof(msg) - 1);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
`;

/** Compiles the init with `cc -static` into `out`; `hint` says what to install when cc is missing. */
export async function buildTestInit(out: string, cc = 'gcc', hint = 'apt-get install gcc libc6-dev'): Promise<string> {
  mkdirSync(path.dirname(out), { recursive: true });
  const src = `${out}.c`;
  writeFileSync(src, INIT_C);
  await runChecked(cc, ['-static', '-O2', '-o', out, src]).catch((e: unknown) => {
    throw e instanceof ToolMissingError ? new ToolMissingError(cc, `The boot test builds its init with it: ${hint}`) : e;
  });
  return out;
}
