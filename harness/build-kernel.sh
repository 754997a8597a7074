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
kernel_make "$src" "$out"

"$TOP/harness/config-kernel.sh" "$src" "$out" \
	"$TOP/configs/base.config" "$TOP/configs/$variant.config"

timed "build $variant (make -j$jobs)" "${KMAKE[@]}" ${INSTALL_MOD_STRIP:+INSTALL_MOD_STRIP=$INSTALL_MOD_STRIP}

rm -rf "$out/root"
timed "modules_install $variant" "${KMAKE[@]}" INSTALL_MOD_PATH="$out/root" \
	${INSTALL_MOD_STRIP:+INSTALL_MOD_STRIP=$INSTALL_MOD_STRIP} modules_install

# The out-of-tree module: never part of the tree; signed with the build's
# key where the variant has CONFIG_MODULE_SIG.
ext=$out/extmod
rm -rf "$ext"
cp -r "$TOP/tests/guest/extmod" "$ext"
timed "external module $variant" "${KMAKE[@]}" M="$ext" modules
if grep -q '^CONFIG_MODULE_SIG=y' "$out/.config"; then
	cp "$ext/modhash_ext.ko" "$ext/modhash_ext.signed.ko"
	"$out/scripts/sign-file" sha512 "$out/certs/signing_key.pem" \
		"$out/certs/signing_key.x509" "$ext/modhash_ext.signed.ko"
fi
echo "$out"
