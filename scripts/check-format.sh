#!/usr/bin/env bash
# Fails when a tracked C++ file does not follow .clang-format (Debian's clang-format 14, as CI has).
# Fix with: git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
format=$(command -v clang-format || command -v clang-format-14 || true)
if [ -z "$format" ]; then
  echo "check-format: clang-format is not installed (Debian package clang-format)" >&2
  exit 1
fi
files=$(git ls-files '*.cpp' '*.h')
if ! echo "$files" | xargs "$format" --dry-run --Werror 2>/tmp/check-format.$$; then
  grep -E '^[^ ].*: (error|warning):' /tmp/check-format.$$ | cut -d: -f1 | sort -u | sed 's/^/  not formatted: /' >&2
  rm -f /tmp/check-format.$$
  echo "check-format: run 'git ls-files '\''*.cpp'\'' '\''*.h'\'' | xargs clang-format -i'" >&2
  exit 1
fi
rm -f /tmp/check-format.$$
echo "check-format: $(echo "$files" | wc -l) C++ files follow .clang-format"
