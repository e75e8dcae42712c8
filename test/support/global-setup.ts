// Runs once before the suite. Fails early, with the fix, when the machine lacks
// what the tests build with, instead of letting many tests fail one by one.
import { execFileSync } from 'node:child_process';

const needed = ['gcc', 'ld', 'make', 'patch', 'tar', 'xz', 'readelf', 'strip'];

export default function setup(): void {
  const missing = needed.filter((tool) => {
    try {
      execFileSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    throw new Error(`missing tools: ${missing.join(', ')}. Run 'bash scripts/setup.sh' (as root) first.`);
  }
}
