#!/usr/bin/env bash
# Builds DiveLab's Debian package, installs it on this machine and checks it as a user would meet it:
#   1. the build uses the portable kernel choice (DIVELAB_ARCH = the architecture's baseline; AVX2/AVX-512
#      kernels are still picked at run time), so the package runs on any x86-64 CPU;
#   2. `dpkg -i`, with missing dependencies resolved by `apt-get -f install`;
#   3. desktop-file-validate and appstreamcli validate are clean, and `man divelab-cli` opens;
#   4. the installed divelab-cli trains the mlp preset for one epoch, and the installed divelab starts
#      under Xvfb and saves a screenshot of its window.
# Needs root (or sudo) for dpkg. Usage: scripts/deb-test.sh [BUILD_DIR]   (default: build-deb, configured
# here without tests when it does not exist yet). Prints PASS/FAIL per check; exit 0 only if all pass.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-deb}
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
failures=0
pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }
say() { printf '==> %s\n' "$*"; }

say "Build (${build})"
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF || exit 1
fi
arch=$(sed -n 's/^DIVELAB_ARCH:[A-Z]*=//p' "$build/CMakeCache.txt")
default=$(sed -n 's/^DIVELAB_DEFAULT_ARCH:[A-Z]*=//p' "$build/CMakeCache.txt")
if [ -z "$default" ]; then default=x86-64; fi
if [ "$arch" = "$default" ]; then pass "portable kernel choice (DIVELAB_ARCH=$arch)"; else fail "DIVELAB_ARCH=$arch, not the portable $default"; fi
cmake --build "$build" --target divelab divelab-cli divelab_man_page || exit 1
rm -f "$build"/divelab_*.deb
(cd "$build" && cpack -G DEB >/dev/null) || { fail "cpack"; exit 1; }
deb=$(ls -t "$build"/divelab_*.deb | head -1)
pass "package $(basename "$deb") ($(du -h "$deb" | cut -f1))"

say "Install"
if ! "${sudo[@]}" dpkg -i "$deb"; then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -f install -y -q || true
fi
if [ "$(dpkg-query -W -f='${db:Status-Status}' divelab 2>/dev/null)" = installed ]; then
    pass "dpkg -i: divelab $(dpkg-query -W -f='${Version}' divelab) installed"
else
    fail "divelab is not installed"
    exit 1
fi

say "Validators"
if out=$(desktop-file-validate /usr/share/applications/divelab.desktop 2>&1) && [ -z "$out" ]; then
    pass "desktop-file-validate"
else
    fail "desktop-file-validate: $out"
fi
# --no-net: the validator would otherwise try to reach the URLs of the metainfo file.
if out=$(appstreamcli validate --no-net /usr/share/metainfo/io.divelab.DiveLab.metainfo.xml 2>&1); then
    pass "appstreamcli validate: $(tail -1 <<<"$out")"
else
    fail "appstreamcli validate: $out"
fi
if man -w divelab-cli >/dev/null 2>&1 && man divelab-cli 2>/dev/null | grep -q "divelab-cli"; then
    pass "man divelab-cli ($(man -w divelab-cli))"
else
    fail "man divelab-cli"
fi

say "Run the installed programs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if line=$(cd "$work" && /usr/bin/divelab-cli train --model mlp --epochs 1 --jsonl 2>&1 | tail -1) &&
    grep -q '"test_acc"' <<<"$line"; then
    pass "divelab-cli train --model mlp --epochs 1: $line"
else
    fail "divelab-cli train: $line"
fi
if xvfb-run -a -s "-screen 0 1600x1000x24" /usr/bin/divelab --screenshot "$work/window.png" >"$work/gui.log" 2>&1 &&
    [ "$(stat -c %s "$work/window.png" 2>/dev/null || echo 0)" -gt 20000 ]; then
    cp "$work/window.png" "${DEB_TEST_SCREENSHOT:-/tmp/divelab-deb-window.png}"
    pass "divelab --screenshot under Xvfb: $(identify -format '%wx%h' "$work/window.png" 2>/dev/null) PNG, copied to ${DEB_TEST_SCREENSHOT:-/tmp/divelab-deb-window.png}"
else
    fail "divelab --screenshot: $(cat "$work/gui.log")"
fi

if [ $failures -eq 0 ]; then say "deb-test: all checks passed"; else say "deb-test: $failures check(s) failed"; fi
[ $failures -eq 0 ]
