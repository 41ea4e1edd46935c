#!/usr/bin/env bash
# GUI start-up test: run DiveLab on a real X server (Xvfb), let it save a screenshot of its
# main window and quit. Passes when it exits 0, writes a PNG of the expected size, and prints
# nothing at all on stderr (no Qt warning of any kind).
#   usage: test_startup.sh PATH/TO/divelab [WIDTHxHEIGHT]
set -euo pipefail

bin=${1:?usage: test_startup.sh PATH/TO/divelab [WIDTHxHEIGHT]}
expected=${2:-1280x800}

command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run not found (apt-get install xvfb xauth)"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shot=$tmp/shot.png
# XDG_RUNTIME_DIR is unset on purpose: like a bare CI or ssh session (divelab must not warn).
status=0
env -u WAYLAND_DISPLAY -u QT_QPA_PLATFORMTHEME -u XDG_RUNTIME_DIR QT_QPA_PLATFORM=xcb \
  timeout 90 xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" \
  "$bin" --screenshot "$shot" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null || status=$?

fail() {
  echo "FAIL: $*"
  echo "--- stdout ---"; cat "$tmp/stdout"
  echo "--- stderr ---"; cat "$tmp/stderr"
  exit 1
}

[ "$status" -eq 0 ] || fail "divelab exited with status $status"
[ -s "$tmp/stderr" ] && fail "divelab wrote to stderr (warnings are not allowed)"
[ -s "$shot" ] || fail "no screenshot was written"

# PNG signature, then the IHDR width and height (big-endian) at bytes 16..23.
sig=$(od -An -tx1 -N8 "$shot" | tr -d ' \n')
[ "$sig" = "89504e470d0a1a0a" ] || fail "screenshot is not a PNG (signature $sig)"
read -r w0 w1 w2 w3 h0 h1 h2 h3 < <(od -An -tu1 -j16 -N8 "$shot")
width=$(( (w0 << 24) | (w1 << 16) | (w2 << 8) | w3 ))
height=$(( (h0 << 24) | (h1 << 16) | (h2 << 8) | h3 ))
[ "${width}x${height}" = "$expected" ] || fail "screenshot is ${width}x${height}, expected $expected"

# A blank (single-colour) window compresses to a few hundred bytes; a painted one does not.
size=$(stat -c %s "$shot")
[ "$size" -gt 8000 ] || fail "screenshot is suspiciously small ($size bytes): was anything painted?"

echo "PASS: divelab started, painted a ${width}x${height} window ($size-byte PNG), stderr empty"

# The Chinese interface (DIVELAB_LANGUAGE=zh_CN): its translations (DiveLab's embedded one, Qt's qtbase_zh_CN)
# load without a warning, and the window paints.
status=0
env -u WAYLAND_DISPLAY -u QT_QPA_PLATFORMTHEME -u XDG_RUNTIME_DIR QT_QPA_PLATFORM=xcb DIVELAB_LANGUAGE=zh_CN \
  timeout 90 xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" \
  "$bin" --screenshot "$tmp/zh.png" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null || status=$?
[ "$status" -eq 0 ] || fail "divelab in Chinese exited with status $status"
[ -s "$tmp/stderr" ] && fail "divelab in Chinese wrote to stderr (warnings are not allowed)"
[ -s "$tmp/zh.png" ] || fail "no screenshot was written in Chinese"
echo "PASS: divelab started in Chinese (DIVELAB_LANGUAGE=zh_CN), stderr empty"

# A damaged project named on the command line: a clear message and exit status 1, no window left.
printf '{"format": "divelab-project", "version": 1, "network": ' >"$tmp/broken.divelab"
# The app's own exit status goes through a file: xvfb-run's status can be its own (5 when cleaning up
# its temporary folder fails), which says nothing about the app.
env -u WAYLAND_DISPLAY -u QT_QPA_PLATFORMTHEME -u XDG_RUNTIME_DIR QT_QPA_PLATFORM=xcb \
  timeout 90 xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" \
  sh -c '"$0" "$1"; echo $? >"$2"' "$bin" "$tmp/broken.divelab" "$tmp/status" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null || true
status=$(cat "$tmp/status" 2>/dev/null || echo "none (the app did not run to its end)")
[ "$status" = 1 ] || fail "a damaged project gave exit status $status, expected 1"
grep -q "broken.divelab is damaged" "$tmp/stderr" || fail "no clear message for a damaged project"
echo "PASS: a damaged project on the command line is refused with: $(cat "$tmp/stderr")"
