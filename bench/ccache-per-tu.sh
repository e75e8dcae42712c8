#!/bin/bash
# ccache's own cost per kernel compilation unit, without make around it: the
# compile commands kbuild recorded in a built tree's .o.cmd files, replayed
# one by one, bare or through ccache in one mode. Cheaper than a whole build
# per mode, and nothing but ccache differs between two runs (bench/FINDINGS.md).
#
#   bench/ccache-per-tu.sh list TREE N                  > tus   (N evenly spread C units)
#   bench/ccache-per-tu.sh run NAME TREE TUS [CCACHE_DIR [KEY=VALUE...]]
#
# `run` replays the commands of TUS in TREE (its outputs are overwritten) with
# compile.ts's reproducible environment; with CCACHE_DIR through `ccache gcc`
# with today's ccacheEnv plus the KEY=VALUE pairs. Prints one line:
#   TU name units wall user sys hits misses ccache-MiB objects-sha256
set -euo pipefail

case $1 in
list)
  tree=$2 n=$3
  # Kernel C units (not host programs): kbuild's recorded command, objtool's step cut off.
  mapfile -t cmds < <(cd "$tree" && find . -name '*.o.cmd' -print0 | sort -z | xargs -0 grep -h '^savedcmd_.* := gcc .*-D__KERNEL__.* -c -o .*\.c' || true)
  total=${#cmds[@]}
  [ "$total" -ge "$n" ] || { echo "only $total units in $tree" >&2; exit 1; }
  for ((i = 0; i < n; i++)); do
    line=${cmds[$((i * total / n))]}
    line=${line#*:= }
    echo "${line%% ; *}"
  done
  ;;
run)
  name=$2 tree=$3 tus=$4
  ccache_dir=${5:-}
  shift $(($# < 5 ? $# : 5))
  env_args=(
    SOURCE_DATE_EPOCH=1767225600
    "KBUILD_BUILD_TIMESTAMP=Thu, 01 Jan 2026 00:00:00 GMT"
    KBUILD_BUILD_USER=libkrunfw
    KBUILD_BUILD_HOST=libkrunfw
    KBUILD_BUILD_VERSION=1
    LC_ALL=C
    TZ=UTC
  )
  prefix=
  if [ -n "$ccache_dir" ]; then
    mkdir -p "$ccache_dir"
    env_args+=(CCACHE_DIR="$ccache_dir" CCACHE_MAXSIZE=2G CCACHE_BASEDIR="$(cd "$tree" && pwd)" CCACHE_NOHASHDIR=true CCACHE_COMPILERCHECK=content "$@")
    env "${env_args[@]}" ccache --zero-stats >/dev/null
    prefix='ccache '
  fi
  script=$(mktemp)
  # kbuild runs these through sh; so does the replay, from the tree's root.
  { echo 'set -e'; sed "s|^|$prefix|" "$tus"; } >"$script"
  timefile=$(mktemp)
  (cd "$tree" && env "${env_args[@]}" /usr/bin/time -o "$timefile" -f '%e %U %S' nice -n 10 sh "$script")
  read -r wall user sys <"$timefile"
  rm -f "$timefile" "$script"
  hits=- misses=- size=-
  if [ -n "$ccache_dir" ]; then
    stats=$(env "${env_args[@]}" ccache --print-stats)
    stat() { awk -v k="$1" '$1 == k { print $2 }' <<<"$stats"; }
    hits=$(($(stat direct_cache_hit) + $(stat preprocessed_cache_hit)))
    misses=$(stat cache_miss)
    size=$(du -sm "$ccache_dir" | cut -f1)
  fi
  # The objects, to show every mode makes the same bytes.
  objs=$(grep -o ' -c -o [^ ]*' "$tus" | cut -d' ' -f4 | (cd "$tree" && xargs cat) | sha256sum | cut -c1-16)
  echo "TU $name $(wc -l <"$tus") $wall $user $sys $hits $misses $size $objs"
  ;;
*)
  echo "usage: $0 list TREE N | run NAME TREE TUS [CCACHE_DIR [KEY=VALUE...]]" >&2
  exit 2
  ;;
esac
