#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# build-kernel.sh VARIANT: configure and build the work tree for one variant
# (configs/base.config + configs/VARIANT.config) in $BUILD/out-VARIANT,
# install its modules into $BUILD/out-VARIANT/root, and build and sign the
# out-of-tree test module.  Incremental: reuses the build directory.
. "$(dirname "$0")/common.sh"

variant=$1
src=$BUILD/linux
out=$BUILD/out-$variant
[ -f "$TOP/configs/$variant.config" ] || die "no configs/$variant.config"
[ -d "$src/.git" ] || die "no work tree $src (run 'make worktree')"

jobs=${JOBS:-$(nproc)}
kmake=(make -s -C "$src" O="$out" -j"$jobs")
if command -v ccache >/dev/null 2>&1; then
	export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
	export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1 CCACHE_COMPILERCHECK=content
	kmake+=(CC="ccache gcc" HOSTCC="ccache gcc")
fi
# Reproducible-builds inputs, fixed so that every build of the same source
# is the same.
export KBUILD_BUILD_TIMESTAMP=${KBUILD_BUILD_TIMESTAMP:-2026-01-01T00:00:00Z}
export KBUILD_BUILD_USER=${KBUILD_BUILD_USER:-builder}
export KBUILD_BUILD_HOST=${KBUILD_BUILD_HOST:-module-hashes}

"$TOP/harness/config-kernel.sh" "$src" "$out" \
	"$TOP/configs/base.config" "$TOP/configs/$variant.config"

timed "build $variant (make -j$jobs)" "${kmake[@]}" ${INSTALL_MOD_STRIP:+INSTALL_MOD_STRIP=$INSTALL_MOD_STRIP}

rm -rf "$out/root"
timed "modules_install $variant" "${kmake[@]}" INSTALL_MOD_PATH="$out/root" \
	${INSTALL_MOD_STRIP:+INSTALL_MOD_STRIP=$INSTALL_MOD_STRIP} modules_install

# The out-of-tree module: never part of the tree; signed with the build's
# key where the variant has CONFIG_MODULE_SIG.
ext=$out/extmod
rm -rf "$ext"
cp -r "$TOP/tests/guest/extmod" "$ext"
timed "external module $variant" "${kmake[@]}" M="$ext" modules
if grep -q '^CONFIG_MODULE_SIG=y' "$out/.config"; then
	cp "$ext/modhash_ext.ko" "$ext/modhash_ext.signed.ko"
	"$out/scripts/sign-file" sha512 "$out/certs/signing_key.pem" \
		"$out/certs/signing_key.x509" "$ext/modhash_ext.signed.ko"
fi
echo "$out"
