#!/usr/bin/env bash
# Refreshes resources/translations/*.ts from the GUI's sources (ui/ and app/; the CLI stays English):
# new strings are added as "unfinished", strings gone from the sources are dropped (-no-obsolete).
# Then translate the new entries (Qt Linguist, or by hand in the XML) and run the translation test:
#   ctest --test-dir build -R test_translations --output-on-failure
# It names every string still untranslated. The build compiles the .ts into the app (.qm) itself.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lupdate=${LUPDATE:-$(command -v lupdate6 || command -v /usr/lib/qt6/bin/lupdate || true)}
[ -x "$lupdate" ] || { echo "error: lupdate (Qt 6) not found: apt-get install qt6-l10n-tools" >&2; exit 1; }
cd "$root"
# One .ts per language; add a language by adding its file here (and to ui/CMakeLists.txt).
for ts in resources/translations/divelab_zh_CN.ts; do
  "$lupdate" -silent -no-obsolete -locations none -I . ui app/gui_main.cpp -ts "$ts"
  echo "updated $ts: $(grep -c 'type="unfinished"' "$ts" || true) entries to translate"
done
