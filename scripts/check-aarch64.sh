#!/usr/bin/env bash
# Compiles every engine source for aarch64 with Debian's cross compiler (package g++-aarch64-linux-gnu):
# the generic kernel set, which is all an ARM build has, must at least build. Compile only: the Eigen, oneTBB,
# nlohmann-json and zlib headers of this machine serve any architecture, but their aarch64 libraries are not
# installed, so nothing is linked or run (and nothing on aarch64 is tested).
#   scripts/check-aarch64.sh            all engine sources, $JOBS (default: all cores) at a time
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cxx=${CXX_AARCH64:-aarch64-linux-gnu-g++}
if ! command -v "$cxx" >/dev/null; then
  echo "error: $cxx not found: install Debian's g++-aarch64-linux-gnu" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Only the libraries' headers: the rest of /usr/include (the C library's) belongs to x86-64.
mkdir -p "$work/include"
for h in eigen3 tbb oneapi nlohmann zlib.h zconf.h; do
  [ -e "/usr/include/$h" ] || { echo "error: /usr/include/$h is missing (run scripts/setup.sh first)" >&2; exit 1; }
  ln -s "/usr/include/$h" "$work/include/$h"
done

cd "$root"
# The x86-64 kernel sets are left out, as engine/CMakeLists.txt does on other architectures.
mapfile -t sources < <(find engine -name '*.cpp' ! -name '*_avx2.cpp' ! -name '*_avx512.cpp' | sort)
flags=(-std=gnu++20 -O2 -Wall -Wextra -I"$root" -isystem "$work/include" -isystem "$work/include/eigen3"
       -DEIGEN_DONT_PARALLELIZE -DDIVELAB_RESOURCES_DIR=\"/usr/share/divelab/resources\")
# The generic kernels are built as engine/CMakeLists.txt builds them.
compile() {
  local src=$1 out=$work/${1//\//_} extra=()
  case "$src" in *_generic.cpp) extra=(-ffp-contract=off) ;; esac
  "$cxx" "${flags[@]}" "${extra[@]}" -c "$src" -o "$out.o" 2>"$out.log" || { echo "FAILED: $src"; cat "$out.log"; return 1; }
}

start=$SECONDS
failed=0
jobs=${JOBS:-$(nproc)}
running=0
for src in "${sources[@]}"; do
  compile "$src" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || failed=$((failed + 1))
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=$((failed + 1))
  running=$((running - 1))
done

warnings=$(cat "$work"/*.log | grep -c 'warning:' || true)
[ "$warnings" -eq 0 ] || cat "$work"/*.log
echo "aarch64: ${#sources[@]} engine sources compiled with $($cxx -dumpfullversion) in $((SECONDS - start)) s," \
     "$failed failed, $warnings warnings"
[ "$failed" -eq 0 ]
