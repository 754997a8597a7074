#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Write the work tree's commits since the base back into patches/ as
# git format-patch files plus a quilt-style series file.  The output
# depends only on the commits' contents: no commit ids, fixed dates.
. "$(dirname "$0")/common.sh"

wt=$BUILD/linux
[ -d "$wt/.git" ] || die "no work tree $wt"
[ -z "$(git -C "$wt" status --porcelain --untracked-files=no)" ] ||
	warn "$wt has uncommitted changes; only commits are written to patches/"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for c in $(git -C "$wt" rev-list --reverse base..HEAD); do
	n=$((n + 1))
	# Debian's signing.c differs from vanilla right next to the code
	# the series moves out of it: one line of context applies to both.
	ctx=3
	git -C "$wt" diff-tree --no-commit-id --name-only -r "$c" |
		grep -qx kernel/module/signing.c && ctx=1
	git -C "$wt" -c core.abbrev=12 format-patch -q -1 "$c" -U$ctx \
		--zero-commit --no-signature -N --start-number $n -o "$tmp" >/dev/null
done
rm -f "$TOP"/patches/*.patch
cp "$tmp"/*.patch "$TOP/patches/" 2>/dev/null || true
(cd "$TOP/patches" && ls -1 *.patch 2>/dev/null) > "$TOP/patches/series" || true
git -C "$wt" rev-parse HEAD > "$wt/.git/series-head"
(cd "$TOP/patches" && grep -v '^#' series | while read -r p; do
	printf '%s %s\n' "$p" "$(sha256sum < "$p" | cut -c1-16)"
done) > "$wt/.git/series-applied"
say "wrote $n patches to patches/"
