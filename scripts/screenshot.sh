#!/usr/bin/env bash
# Take a screenshot of the DiveLab main window on a virtual X server (Xvfb) and write it to
# docs/screenshots/main-window.png (or the file given as the first argument).
# Builds the app first if needed (run scripts/setup.sh once before, to install the packages).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/docs/screenshots/main-window.png}
epochs=${2:-3}  # train the default experiment for this many epochs before the screenshot
app=$root/build/app/divelab

if [ ! -f "$root/build/build.ninja" ]; then
  echo "error: build/ is not configured yet: run scripts/setup.sh test (or run) first" >&2
  exit 1
fi
echo "==> Building divelab"
cmake --build "$root/build" --target divelab --parallel "$(nproc 2>/dev/null || echo 2)"

mkdir -p "$(dirname "$out")"

echo "==> Starting DiveLab under xvfb-run, training $epochs epochs, saving the window to $out"
env -u WAYLAND_DISPLAY QT_QPA_PLATFORM=xcb \
  xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" "$app" --train-epochs "$epochs" --screenshot "$out" </dev/null
echo "==> Wrote $out"
