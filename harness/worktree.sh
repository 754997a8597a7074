#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Make the kernel work tree ($BUILD/linux): the base plus the series from
# patches/ applied as git commits.  An existing work tree is kept when it
# already holds exactly the series; one with other commits or uncommitted
# edits is never overwritten (run 'make refresh' first, or remove it).
. "$(dirname "$0")/common.sh"

base=$("$TOP/harness/fetch-source.sh")
wt=$BUILD/linux

series_id() {
	# One line per patch: its file name and content hash.
	(cd "$TOP/patches" && { grep -v '^#' series || true; } | while read -r p; do
		[ -n "$p" ] && printf '%s %s\n' "$p" "$(sha256sum < "$p" | cut -c1-16)"
	done)
}

if [ -d "$wt/.git" ]; then
	if [ -f "$wt/.git/series-applied" ] &&
	   [ "$(series_id)" = "$(cat "$wt/.git/series-applied")" ] &&
	   [ "$(git -C "$wt" rev-parse HEAD)" = "$(cat "$wt/.git/series-head")" ]; then
		echo "$wt"
		exit 0
	fi
	if [ -n "$(git -C "$wt" status --porcelain --untracked-files=no)" ]; then
		die "$wt has uncommitted changes; commit them and run 'make refresh', or remove it"
	fi
	if [ -f "$wt/.git/series-head" ] &&
	   [ "$(git -C "$wt" rev-parse HEAD)" != "$(cat "$wt/.git/series-head")" ]; then
		die "$wt has commits that are not in patches/; run 'make refresh' first, or remove it"
	fi
	say "patches/ changed: re-applying the series in $wt"
	gitc -C "$wt" reset -q --hard base
else
	say "creating the work tree $wt"
	gitc clone -q --shared --no-checkout "$base" "$wt"
	gitc -C "$wt" checkout -q -B series base
fi

while read -r p; do
	case "$p" in ''|'#'*) continue ;; esac
	GIT_COMMITTER_DATE=$GIT_FIXED_DATE gitc -C "$wt" am -q --committer-date-is-author-date \
		"$TOP/patches/$p" || die "patches/$p does not apply to the base"
done < "$TOP/patches/series"

series_id > "$wt/.git/series-applied"
git -C "$wt" rev-parse HEAD > "$wt/.git/series-head"
echo "$wt"
