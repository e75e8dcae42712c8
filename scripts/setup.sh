#!/usr/bin/env bash
# Installs what building and testing need, and nothing when it is all there:
# Debian's toolchain for kernels (and the aarch64/riscv64 cross compilers with
# qemu-user, which runs the cross-built verify probe), the full-system QEMUs
# that boot each target (x86, arm, misc for riscv64), mingw and wine for the
# Windows DLL and its LoadLibrary check, clang/lld for the macOS
# bundle check, Debian's kernel source (for the main job and the integration
# test), and the npm dependencies from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(gcc make bc bison flex libelf-dev libssl-dev cpio ccache patch xz-utils
  binutils tar gzip linux-source-6.12 python3 time e2fsprogs qemu-system-x86 libc6-dev clang lld llvm
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-riscv64-linux-gnu libc6-dev-riscv64-cross qemu-user git
  qemu-system-arm qemu-system-misc gcc-mingw-w64-x86-64 wine64)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# npm ci only when the lock file changed since the last install.
stamp=node_modules/.package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$want" > "$stamp"
fi
