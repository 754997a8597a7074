#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Check how kbuild handles the tree in an existing build of the "hashes"
# variant: nothing is rebuilt twice, a changed or deleted module updates the
# tree, vmlinux and bzImage, INSTALL_MOD_STRIP is checked at install time,
# and make clean removes what the tree step made.  One PASS/FAIL line each.
. "$(dirname "$0")/common.sh"

src=$BUILD/linux out=$BUILD/out-hashes
[ -f "$out/modules.merkle" ] || die "build the hashes variant first (make)"
kernel_make "$src" "$out"
tool=$out/scripts/modules-merkle-tree
mod=lib/test_module
rc=0

check() {
	if "$@"; then echo "PASS: $desc"; else echo "FAIL: $desc"; rc=1; fi
}
stamps() {
	stat -c '%n %Y.%y' "$out/vmlinux" "$out/arch/x86/boot/bzImage" "$out/modules.merkle" \
		"$out/$mod.ko" "$out/fs/minix/minix.ko"
}
root() { od -An -tx1 -j16 -N32 "$out/modules.merkle" | tr -d ' \n'; }
consistent() { "$tool" show "$1" | grep -q '^proof: consistent'; }
all_consistent() {
	local m
	for m in $(sed 's/\.o$/.ko/' "$out/modules.order"); do
		consistent "$out/$m" || return 1
	done
}

"${KMAKE[@]}" >/dev/null
before=$(stamps)
desc="a second make rebuilds nothing"
check test "$("${KMAKE[@]}" 2>&1)" = "" -a "$before" = "$(stamps)"

desc="a module taken from the build tree is the installed module"
inst=$(find "$out/root/lib/modules" -name test_module.ko.zst)
check cmp -s "$out/$mod.ko" <(zstd -qdc "$inst")

old_root=$(root)
cp "$src/$mod.c" "$BUILD/test_module.c.orig"
trap 'cp "$BUILD/test_module.c.orig" "$src/$mod.c"' EXIT
echo 'MODULE_INFO(check_kbuild, "changed");' >> "$src/$mod.c"
"${KMAKE[@]}" >/dev/null
desc="changing one module's source changes the root"
check test "$(root)" != "$old_root"
desc="... and vmlinux carries the new root"
check cmp -s <(objcopy -O binary --only-section=.module_hashes "$out/vmlinux" /dev/stdout) "$out/modules.merkle"
desc="... and bzImage was rebuilt"
check test "$out/arch/x86/boot/bzImage" -nt "$out/vmlinux.unhashed"
desc="... and every module's proof is for the new root"
check all_consistent
cp "$BUILD/test_module.c.orig" "$src/$mod.c"
"${KMAKE[@]}" >/dev/null
desc="restoring the source restores the root"
check test "$(root)" = "$old_root"

rm -f "$out/fs/minix/minix.ko"
"${KMAKE[@]}" >/dev/null
desc="a deleted module is rebuilt with its proof"
check consistent "$out/fs/minix/minix.ko"
desc="... and the root is unchanged"
check test "$(root)" = "$old_root"

desc="modules_install with another INSTALL_MOD_STRIP fails with a clear message"
msg=$("${KMAKE[@]}" INSTALL_MOD_PATH="$BUILD/strip-test" INSTALL_MOD_STRIP=1 modules_install 2>&1 || true)
check grep -q "INSTALL_MOD_STRIP='1', but the module hashes were built with INSTALL_MOD_STRIP=''" <<< "$msg"
rm -rf "$BUILD/strip-test"

exit $rc
