#!/usr/bin/env bash
# DiveLab set-up: the one script behind the README's two commands.
#   scripts/setup.sh run    install what is missing, build, launch DiveLab
#   scripts/setup.sh test   install what is missing, build, run the whole test suite
# Idempotent: packages are installed only when missing, CMake is configured only once, and the
# build is incremental.
set -euo pipefail

usage() {
  echo "usage: scripts/setup.sh run|test" >&2
  echo "  run   install missing Debian packages, build, and launch DiveLab" >&2
  echo "  test  install missing Debian packages, build, and run the test suite (ctest)" >&2
  exit 2
}
[ $# -eq 1 ] || usage
mode=$1
case "$mode" in run|test) ;; -h|--help|help) usage ;; *) usage ;; esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build"
cd "$root"

say() { printf '==> %s\n' "$*"; }

# --- 1. Debian packages -------------------------------------------------------------------
# Everything the build, the app and the tests use; nothing is downloaded at build or run time.
# (libtsan2: g++'s ThreadSanitizer runtime, for scripts/tsan.sh; g++ usually pulls it in already.)
packages=(
  build-essential cmake ninja-build pkg-config clang-format
  libtsan2
  qt6-base-dev qt6-svg-dev libqcustomplot-dev
  qt6-tools-dev qt6-l10n-tools qt6-translations-l10n fonts-noto-cjk
  libeigen3-dev libtbb-dev zlib1g-dev nlohmann-json3-dev libcli11-dev
  libgl-dev libgif-dev
  dataset-fashion-mnist
  fonts-dejavu-core
  xvfb xauth
  groff-base desktop-file-utils appstream
  python3-onnx libonnx-dev libprotobuf-dev nodejs
)

missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" != "installed" ]; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  say "All ${#packages[@]} Debian packages are installed."
else
  say "Installing missing Debian packages: ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# --- 1b. ONNX Runtime for the ONNX export test (tests/onnx/node_modules, git-ignored) -------------
# npm's onnxruntime-node ships the CPU runtime; its install script only fetches GPU builds, so it is skipped.
onnx_tests="$root/tests/onnx"
if [ -f "$onnx_tests/node_modules/onnxruntime-node/package.json" ]; then
  say "ONNX Runtime (onnxruntime-node) is installed in tests/onnx/node_modules."
else
  if ! command -v npm >/dev/null; then  # NodeSource's nodejs ships npm; Debian's comes as its own package
    say "Installing npm"
    sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm
  fi
  say "Installing ONNX Runtime for the tests (npm ci in tests/onnx, ~290 MB)"
  (cd "$onnx_tests" && npm ci --ignore-scripts --no-audit --no-fund)
fi

# --- 2. Configure (once) ------------------------------------------------------------------
if [ -f "$build/CMakeCache.txt" ] && [ -f "$build/build.ninja" ]; then
  say "Build directory already configured: build/"
else
  say "Configuring (CMake + Ninja, Release) into build/"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi

# --- 3. Build (incremental, all cores) ----------------------------------------------------
jobs=$(nproc 2>/dev/null || echo 2)
say "Building with $jobs parallel jobs"
cmake --build "$build" --parallel "$jobs"

# --- 4. Run or test -----------------------------------------------------------------------
if [ "$mode" = run ]; then
  app="$build/app/divelab"
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    say "No display found (DISPLAY and WAYLAND_DISPLAY are empty): running DiveLab inside xvfb-run,"
    say "an invisible virtual X server. Set DISPLAY to see the window; press Ctrl+C to stop."
    exec xvfb-run -a -s "-screen 0 1600x1000x24" "$app"
  fi
  say "Launching DiveLab"
  exec "$app"
else
  say "Running the test suite (ctest, $jobs at a time; timing-sensitive tests run alone)"
  status=0
  QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" --output-on-failure --parallel "$jobs" || status=$?
  if [ "$status" -eq 0 ]; then say "All tests passed."; else say "Tests FAILED (ctest exit status $status)."; fi
  exit "$status"
fi
