#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# initramfs.sh VARIANT [OTHER_VARIANT]: pack $BUILD/out-VARIANT/root (the
# installed modules), busybox, kmod and the guest tests into
# $BUILD/out-VARIANT/initramfs.cpio.gz.
. "$(dirname "$0")/common.sh"

variant=$1 other=${2:-}
out=$BUILD/out-$variant
src=$BUILD/linux
ir=$out/initramfs
rm -rf "$ir"
mkdir -p "$ir"/{bin,sbin,lib,lib64,proc,sys,dev,tmp,etc,tests/data,tests/module,tests/kselftest}

cp -a "$out/root/lib/modules" "$ir/lib/"
cp /bin/busybox "$ir/bin/"
for app in $("$ir/bin/busybox" --list); do
	[ -e "$ir/bin/$app" ] || ln -s busybox "$ir/bin/$app"
done
# Real kmod (modprobe, modinfo, ...) and the decompressors, with their
# shared libraries.
rm -f "$ir/bin/modprobe" "$ir/bin/insmod" "$ir/bin/rmmod" "$ir/bin/lsmod" \
      "$ir/bin/modinfo" "$ir/bin/depmod" "$ir/bin/xz" "$ir/bin/unxz"
cp /bin/kmod "$ir/bin/"
for t in modprobe insmod rmmod lsmod modinfo depmod; do
	ln -s kmod "$ir/bin/$t"
	ln -sf ../bin/kmod "$ir/sbin/$t"
done
cp "$(command -v xz)" "$(command -v zstd)" "$ir/bin/"
for bin in /bin/kmod "$(command -v xz)" "$(command -v zstd)"; do
	for lib in $(ldd "$bin" | awk '/=>/ {print $3} /ld-linux/ {print $1}'); do
		mkdir -p "$ir/$(dirname "$lib")"
		cp -L "$lib" "$ir/$lib"
	done
done

# The kselftest and its helper
st=$src/tools/testing/selftests
cp "$st/module/hashes.sh" "$ir/tests/module/"
cp "$st/kselftest/ktap_helpers.sh" "$ir/tests/kselftest/"
gcc -static -O2 -Wall -I"$out/usr/include" -o "$ir/tests/module/modload" "$st/module/modload.c" 2>/dev/null ||
	gcc -static -O2 -Wall -o "$ir/tests/module/modload" "$st/module/modload.c"

# Test data that the guest cannot make itself
mod=$(awk '/lib\/test_module/ {print; exit}' "$out/modules.order")
mod=${mod%.o}.ko
cp "$out/$mod" "$ir/tests/data/stripped.ko"
strip --strip-debug "$ir/tests/data/stripped.ko"
if [ -n "$other" ] && [ -f "$BUILD/out-$other/$mod" ]; then
	cp "$BUILD/out-$other/$mod" "$ir/tests/data/other-build.ko"
fi
cp "$out/extmod/modhash_ext.ko" "$ir/tests/data/ext-unsigned.ko"
[ -f "$out/extmod/modhash_ext.signed.ko" ] &&
	cp "$out/extmod/modhash_ext.signed.ko" "$ir/tests/data/ext-signed.ko"
grep -q '^CONFIG_MODULE_SIG=y' "$out/.config" && echo y > "$ir/tests/data/sig"
grep -q '^CONFIG_MODULE_DECOMPRESS=y' "$out/.config" && echo y > "$ir/tests/data/decompress"
cp "$out/modules.order" "$ir/tests/data/"
# For the parallel load test: modules that need no other module, that no
# module needs, and whose init only registers something (file systems, CRC
# helpers, the kobject samples), so that loops over disjoint sets of them
# cannot get in each other's way.
dep=$(echo "$out"/root/lib/modules/*/modules.dep)
awk -F': *' '{ mod[$1] = $2; n = split($2, d, " "); for (i = 1; i <= n; i++) used[d[i]] = 1 }
	END { for (m in mod) if (mod[m] == "" && !used[m]) print m }' "$dep" |
	grep -E '^kernel/(fs/|lib/crc[^/]*$|samples/kobject/)' | sort |
	sed 's|.*/||; s|\.ko.*||' > "$ir/tests/data/parallel"
[ "$(wc -l < "$ir/tests/data/parallel")" -ge 8 ] || die "fewer than 8 modules for the parallel load test"
# The root and leaf count of the build, as the host tool prints them
"$out/scripts/modules-merkle-tree" show "$out/vmlinux" |
	sed -n 's/^root: //p; s/^leaf count: //p' > "$ir/tests/data/root"
[ "$(wc -l < "$ir/tests/data/root")" -eq 2 ] || die "no root descriptor in $out/vmlinux"
cp "$TOP/tests/guest/init" "$ir/init"
chmod +x "$ir/init"

(cd "$ir" && find . -print0 | sort -z | cpio --null -o -H newc --owner=0:0 --quiet) |
	gzip -n -1 > "$out/initramfs.cpio.gz"
echo "$out/initramfs.cpio.gz"
