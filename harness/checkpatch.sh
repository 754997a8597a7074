#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run scripts/checkpatch.pl --strict on every patch of the series; print one
# PASS or FAIL line per patch.  A patch passes with no errors and no warnings;
# remaining CHECKs are listed.
. "$(dirname "$0")/common.sh"

wt=$("$TOP/harness/worktree.sh")
rc=0
while read -r p; do
	case "$p" in ''|'#'*) continue ;; esac
	# spdxcheck.py needs Debian's python3 (python3-ply, python3-git).
	out=$(cd "$wt" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict \
		--no-signoff --quiet "$TOP/patches/$p" 2>&1) || true
	total=$(printf '%s\n' "$out" | grep '^total:' || true)
	if [ -n "$total" ] && printf '%s\n' "$total" | grep -q ' 0 errors, 0 warnings'; then
		echo "PASS: checkpatch $p (${total#total: })"
	elif [ -z "$out" ]; then
		echo "PASS: checkpatch $p"
	else
		echo "FAIL: checkpatch $p"
		printf '%s\n' "$out" | sed 's/^/    /'
		rc=1
	fi
done < "$TOP/patches/series"
exit $rc
