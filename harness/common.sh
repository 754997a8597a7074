# SPDX-License-Identifier: GPL-2.0
# Shared settings for the harness scripts; sourced, not run.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/module-hashes}
BUILD=${BUILD:-$TOP/build}

# The pinned base: Debian's linux-source-6.12 (Debian patches applied).
BASE_PKG=linux-source-6.12
BASE_VERSION=6.12.118-1~deb12u1
BASE_SHA256=896aff3b39299fa0dd36fef4f5db56ab189182e39abbbb1227dafdc7fcfe3fc3

# Vanilla 6.12.107 orig tarball, to check that the series applies there too.
VANILLA_SRCPKG=linux-6.12
VANILLA_VERSION=6.12.107-1~deb12u1
VANILLA_ORIG=linux-6.12_6.12.107.orig.tar.xz
VANILLA_SHA256=a2526f1a6f7853219f6ca85caf4801682e2b75123601baf16f3ac6f9283c8e76

# The series is committed with a neutral identity and fixed dates so that
# 'make refresh' writes byte-identical patches.
GIT_IDENT_NAME="Module Hashes Project"
GIT_IDENT_EMAIL="module-hashes@invalid"
GIT_FIXED_DATE="2026-01-01T00:00:00+00:00"

mkdir -p "$CACHE" "$BUILD"

say() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# timed LABEL CMD...: run CMD and report how long it took.
timed() {
	local label=$1 start end rc=0
	shift
	start=$(date +%s)
	"$@" || rc=$?
	end=$(date +%s)
	printf '==> %s: %ds%s\n' "$label" $((end - start)) \
		"$([ $rc -eq 0 ] || echo " (failed, exit $rc)")" >&2
	return $rc
}

gitc() {
	git -c user.name="$GIT_IDENT_NAME" -c user.email="$GIT_IDENT_EMAIL" \
	    -c core.autocrlf=false -c gc.auto=0 "$@"
}

# kernel_make SRC OUT: set the array KMAKE to the make command that builds the
# kernel tree SRC in OUT, with ccache where it is installed and the
# reproducible-builds inputs fixed (the caller's values win).
kernel_make() {
	KMAKE=(make -s -C "$1" O="$2" -j"${JOBS:-$(nproc)}")
	if command -v ccache >/dev/null 2>&1; then
		export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
		export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1 CCACHE_COMPILERCHECK=content
		KMAKE+=(CC="ccache gcc" HOSTCC="ccache gcc")
	fi
	export KBUILD_BUILD_TIMESTAMP=${KBUILD_BUILD_TIMESTAMP:-2026-01-01T00:00:00Z}
	export KBUILD_BUILD_USER=${KBUILD_BUILD_USER:-builder}
	export KBUILD_BUILD_HOST=${KBUILD_BUILD_HOST:-module-hashes}
}
