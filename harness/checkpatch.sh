#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run scripts/checkpatch.pl --strict on every patch of the series; print one
# PASS or FAIL line per patch.
. "$(dirname "$0")/common.sh"

wt=$("$TOP/harness/worktree.sh")
rc=0
while read -r p; do
	case "$p" in ''|'#'*) continue ;; esac
	if out=$(cd "$wt" && ./scripts/checkpatch.pl --strict --no-signoff --quiet \
			--ignore FILE_PATH_CHANGES "$TOP/patches/$p" 2>&1); then
		echo "PASS: checkpatch $p"
	else
		echo "FAIL: checkpatch $p"
		printf '%s\n' "$out" | sed 's/^/    /'
		rc=1
	fi
done < "$TOP/patches/series"
exit $rc
