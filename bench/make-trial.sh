#!/bin/bash
# One timed kernel build straight with make, the way the compile stage runs it,
# for the ccache experiments of bench/FINDINGS.md (issue 16).
#
#   bench/make-trial.sh NAME CONFIGURED_TREE BUILD_DIR [CCACHE_DIR [KEY=VALUE...]]
#
# Copies CONFIGURED_TREE (extracted and configured as the configure stage does)
# to BUILD_DIR/<its name> outside the timing, then builds vmlinux under nice and
# GNU time. Without CCACHE_DIR the build is bare (gcc); with it, CC and HOSTCC
# go through ccache with today's ccacheEnv settings plus the KEY=VALUE pairs
# given (ccache's own variables, e.g. CCACHE_DEPEND=1; HOSTCC=gcc takes the host
# compiler back out of ccache; VIA=path leaves CC alone and puts links named gcc
# to ccache first on PATH instead, as compile.ts does). Prints one line:
#   TRIAL name wall user sys hits misses uncacheable vmlinux-sha256 ccache-MiB
set -euo pipefail

name=$1 configured=$2 builddir=$3
ccache_dir=${4:-}
shift $(($# < 4 ? $# : 4))

tree="$builddir/$(basename "$configured")"
rm -rf "$tree"
mkdir -p "$builddir"
cp -a "$configured" "$tree"
rm -f "$tree/.version"
sync

# reproducibleEnv of compile.ts, for the recipe's defaults.
env_args=(
  SOURCE_DATE_EPOCH=1767225600
  "KBUILD_BUILD_TIMESTAMP=Thu, 01 Jan 2026 00:00:00 GMT"
  KBUILD_BUILD_USER=libkrunfw
  KBUILD_BUILD_HOST=libkrunfw
  KBUILD_BUILD_VERSION=1
  LC_ALL=C
  TZ=UTC
)
make_args=(-C "$tree" ARCH=x86_64 "-j$(nproc)")
hostcc="ccache gcc" via=args
if [ -n "$ccache_dir" ]; then
  mkdir -p "$ccache_dir"
  env_args+=(CCACHE_DIR="$ccache_dir" CCACHE_MAXSIZE=2G CCACHE_BASEDIR="$tree" CCACHE_NOHASHDIR=true CCACHE_COMPILERCHECK=content)
  for kv in "$@"; do
    case $kv in
      HOSTCC=*) hostcc=${kv#HOSTCC=} ;;
      VIA=*) via=${kv#VIA=} ;;
      *) env_args+=("$kv") ;;
    esac
  done
  env "${env_args[@]}" ccache --zero-stats >/dev/null
  if [ "$via" = path ]; then
    links="$builddir/ccache-bin"
    rm -rf "$links" && mkdir -p "$links" && ln -s "$(command -v ccache)" "$links/gcc"
    env_args+=(PATH="$links:$PATH")
  else
    make_args+=("CC=ccache gcc" "HOSTCC=$hostcc")
  fi
fi

timefile=$(mktemp)
log="$builddir/$name.log"
env "${env_args[@]}" /usr/bin/time -o "$timefile" -f '%e %U %S' nice -n 10 make "${make_args[@]}" vmlinux >"$log" 2>&1 || {
  echo "TRIAL $name FAILED (log: $log)" >&2
  tail -20 "$log" >&2
  exit 1
}
read -r wall user sys <"$timefile"
rm -f "$timefile"

hits=- misses=- uncacheable=- size=-
if [ -n "$ccache_dir" ]; then
  stats=$(env "${env_args[@]}" ccache --print-stats)
  stat() { awk -v k="$1" '$1 == k { print $2 }' <<<"$stats"; }
  hits=$(($(stat direct_cache_hit) + $(stat preprocessed_cache_hit)))
  misses=$(stat cache_miss)
  # Calls ccache passed straight to the compiler: preprocessing, linking, tests of options.
  uncacheable=$(awk '$1 ~ /^(called_for_link|called_for_preprocessing|compiler_produced_stdout|could_not_use_modules|multiple_source_files|no_input_file|unsupported_code_directive|unsupported_compiler_option|unsupported_source_language|compile_failed|preprocessor_error|autoconf_test|bad_compiler_arguments|compiler_check_failed|could_not_use_precompiled_header|output_to_stdout|bad_output_file|unsupported_environment|compiler_produced_no_output|compiler_produced_empty_output|error_hashing_extra_file|missing_cache_file|internal_error|modified_input_file|recache)$/ { n += $2 } END { print n + 0 }' <<<"$stats")
  size=$(du -sm "$ccache_dir" | cut -f1)
fi
sha=$(sha256sum "$tree/vmlinux" | cut -c1-16)
echo "TRIAL $name $wall $user $sys $hits $misses $uncacheable $sha $size"
