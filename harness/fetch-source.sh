#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Fetch the pinned linux-source-6.12 package with apt, check its sha256 and
# unpack it into a git repository in the cache ($CACHE/base), whose single
# commit is the base the series applies to.  Prints the path of that repo.
. "$(dirname "$0")/common.sh"

dl=$CACHE/dl
mkdir -p "$dl"
deb=$dl/${BASE_PKG}_${BASE_VERSION}_all.deb
version=$BASE_VERSION
sha=$BASE_SHA256

if [ ! -f "$deb" ]; then
	say "downloading $BASE_PKG=$BASE_VERSION"
	if ! (cd "$dl" && apt-get download "$BASE_PKG=$BASE_VERSION" >/dev/null 2>&1); then
		[ -n "$(apt-cache policy "$BASE_PKG" 2>/dev/null)" ] || apt-get update -qq || true
		version=$(apt-cache policy "$BASE_PKG" | awk '/Candidate:/ {print $2}')
		[ -n "$version" ] && [ "$version" != "(none)" ] ||
			die "$BASE_PKG is not available from the configured apt sources"
		warn "$BASE_PKG=$BASE_VERSION is gone from the mirror; using the newest, $version."
		warn "The series was tested on $BASE_VERSION; its sha256 cannot be checked."
		deb=$dl/${BASE_PKG}_${version}_all.deb
		sha=
		(cd "$dl" && apt-get download "$BASE_PKG=$version" >/dev/null 2>&1) ||
			die "apt-get download $BASE_PKG=$version failed"
	fi
fi
if [ -n "$sha" ]; then
	echo "$sha  $deb" | sha256sum -c --quiet - ||
		die "$deb: sha256 mismatch (expected $sha)"
fi

base=$CACHE/base-$version
if [ ! -f "$base/.git/base-ok" ]; then
	rm -rf "$base" "$base.tmp"
	mkdir -p "$base.tmp"
	say "unpacking $(basename "$deb")"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
		tar -xJ -C "$base.tmp" --strip-components=1
	say "committing the base tree"
	(
		cd "$base.tmp"
		gitc init -q
		# Debian's .gitignore ignores the whole top level: force-add.
		gitc add -A -f
		GIT_AUTHOR_DATE=$GIT_FIXED_DATE GIT_COMMITTER_DATE=$GIT_FIXED_DATE \
			gitc commit -q -m "Debian $BASE_PKG $version"
		gitc tag base
		touch .git/base-ok
	)
	mv "$base.tmp" "$base"
fi
echo "$base"
