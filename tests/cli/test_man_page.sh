#!/usr/bin/env bash
# The man page of divelab-cli renders without groff warnings, has a section for every command the binary
# lists, and names no option that the command's --help does not know (so it cannot silently go stale).
# usage: test_man_page.sh DIVELAB_CLI MAN_PAGE
set -u
cli=$1
page=$2
status=0
fail() { echo "FAIL: $*"; status=1; }

warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
[ -z "$warnings" ] || fail "groff warns: $warnings"

commands=$("$cli" --help 2>&1 | awk '/^commands:/ {on = 1; next} on && NF {print $1}')
[ -n "$commands" ] || fail "divelab-cli --help lists no commands"
for c in $commands; do
    grep -Eq "^\.SS .*\b$c\b" "$page" || fail "no section for the command '$c'"
done

# Options named in a command's section (\-\-name) must appear in that command's --help.
current=""
while IFS= read -r line; do
    if [[ "$line" =~ ^\.SS\ (.*)$ ]]; then
        current=${BASH_REMATCH[1]%%,*}
        help=$("$cli" "$current" --help 2>&1)
        continue
    fi
    [ -n "$current" ] || continue
    [[ "$line" =~ ^\.SH ]] && current="" && continue
    for option in $(grep -oE '\\-\\-[a-z]([a-z]|\\-)*' <<<"$line" | sed 's/\\-/-/g'); do
        grep -q -- "$option" <<<"$help" || fail "the section '$current' names $option, which '$current --help' does not list"
    done
done <"$page"

[ $status -eq 0 ] && echo "man page: $(wc -w <<<"$commands") commands checked"
exit $status
