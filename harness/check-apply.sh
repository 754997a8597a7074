#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Check that the series applies with plain 'git am' to the pinned base and
# to vanilla 6.12.107 (Debian's orig tarball, fetched with apt-get source;
# skipped with a notice if it cannot be had).
. "$(dirname "$0")/common.sh"

apply() {
	local name=$1 repo=$2 tmp
	tmp=$(mktemp -d)
	gitc clone -q --shared "$repo" "$tmp/linux"
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		if ! gitc -C "$tmp/linux" am -q "$TOP/patches/$p" >"$tmp/am.log" 2>&1; then
			cat "$tmp/am.log" >&2
			rm -rf "$tmp"
			echo "FAIL: series does not apply to $name ($p)"
			return 1
		fi
	done < "$TOP/patches/series"
	rm -rf "$tmp"
	echo "PASS: series applies to $name"
}

vanilla_repo() {
	local dir=$CACHE/vanilla orig repo=$CACHE/base-vanilla-${VANILLA_VERSION%%-*}
	[ -f "$repo/.git/base-ok" ] && { echo "$repo"; return 0; }
	mkdir -p "$dir"
	orig=$dir/$VANILLA_ORIG
	if [ ! -f "$orig" ]; then
		if ! apt-get source --print-uris "$VANILLA_SRCPKG=$VANILLA_VERSION" >/dev/null 2>&1; then
			[ "$(id -u)" -eq 0 ] || return 1
			local src=/etc/apt/sources.list.d/debian.sources
			local dst=/etc/apt/sources.list.d/module-hashes-deb-src.sources
			[ -f "$src" ] || return 1
			say "no deb-src entry: deriving $dst from the security stanza of $src"
			awk 'BEGIN { RS = ""; ORS = "\n\n" } /-security/ { sub(/Types: deb/, "Types: deb-src"); print }' \
				"$src" > "$dst"
			apt-get update -qq >/dev/null 2>&1 || return 1
		fi
		(cd "$dir" && apt-get source -qq --download-only "$VANILLA_SRCPKG=$VANILLA_VERSION") \
			>/dev/null 2>&1 || return 1
	fi
	echo "$VANILLA_SHA256  $orig" | sha256sum -c --quiet - >&2 ||
		die "$orig: sha256 mismatch (expected $VANILLA_SHA256)"
	rm -rf "$repo" "$repo.tmp"
	mkdir -p "$repo.tmp"
	tar -xJf "$orig" -C "$repo.tmp" --strip-components=1
	(
		cd "$repo.tmp"
		gitc init -q
		gitc add -A -f
		GIT_AUTHOR_DATE=$GIT_FIXED_DATE GIT_COMMITTER_DATE=$GIT_FIXED_DATE \
			gitc commit -q -m "Linux ${VANILLA_VERSION%%-*} (vanilla)"
		touch .git/base-ok
	)
	mv "$repo.tmp" "$repo"
	echo "$repo"
}

rc=0
apply "Debian $BASE_PKG $BASE_VERSION" "$("$TOP/harness/fetch-source.sh")" || rc=1
if repo=$(vanilla_repo); then
	apply "vanilla ${VANILLA_VERSION%%-*}" "$repo" || rc=1
else
	echo "SKIP: vanilla ${VANILLA_VERSION%%-*} orig tarball not obtainable here"
fi
exit $rc
