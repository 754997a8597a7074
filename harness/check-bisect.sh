#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build every prefix of the series (configs/base.config +
# configs/hashes.config, as far as each prefix knows the options) in one
# incremental build directory; print one PASS or FAIL line per patch.
. "$(dirname "$0")/common.sh"

wt=$("$TOP/harness/worktree.sh")
src=$BUILD/bisect-src out=$BUILD/out-bisect
if [ ! -d "$src/.git" ] && [ ! -f "$src/.git" ]; then
	git -C "$wt" worktree add -q --detach "$src" base
fi
kernel_make "$src" "$out"

rc=0 n=0
for c in $(git -C "$wt" rev-list --reverse base..HEAD); do
	n=$((n + 1))
	subject=$(git -C "$wt" log -1 --format=%s "$c")
	git -C "$src" checkout -q --detach "$c"
	mkdir -p "$out"
	make -s -C "$src" O="$out" tinyconfig >/dev/null 2>&1
	cat "$TOP/configs/base.config" "$TOP/configs/hashes.config" >> "$out/.config"
	make -s -C "$src" O="$out" olddefconfig >/dev/null 2>&1
	start=$(date +%s)
	if "${KMAKE[@]}" >"$out/build.log" 2>&1; then
		echo "PASS: patch $n builds ($(( $(date +%s) - start ))s): $subject"
	else
		echo "FAIL: patch $n does not build: $subject"
		tail -20 "$out/build.log" | sed 's/^/    /'
		rc=1
	fi
done

# On the whole series: INSTALL_MOD_STRIP at build time, then make clean.
tool=$out/scripts/modules-merkle-tree
root() { od -An -tx1 -j16 -N32 "$out/modules.merkle" | tr -d ' \n'; }
if "${KMAKE[@]}" INSTALL_MOD_STRIP=1 >"$out/build.log" 2>&1 &&
   rm -rf "$out/root" &&
   "${KMAKE[@]}" INSTALL_MOD_STRIP=1 INSTALL_MOD_PATH="$out/root" modules_install >/dev/null 2>&1; then
	bad=0
	for m in $(find "$out/root" -name '*.ko*'); do
		case $m in
		*.zst) zstd -qdc "$m" > "$out/check.ko" ;;
		*.xz) xz -dc "$m" > "$out/check.ko" ;;
		*) cp "$m" "$out/check.ko" ;;
		esac
		"$tool" show "$out/check.ko" | grep -q '^proof: consistent' || bad=$((bad + 1))
		"$tool" show "$out/check.ko" | grep -q "^root: $(root)" || bad=$((bad + 1))
		objdump -h "$out/check.ko" | grep -q '\.debug_' && bad=$((bad + 1))
	done
	if [ $bad -eq 0 ]; then
		echo "PASS: INSTALL_MOD_STRIP=1: every installed module is stripped and carries its proof"
	else
		echo "FAIL: INSTALL_MOD_STRIP=1: $bad problems in the installed modules"
		rc=1
	fi
else
	echo "FAIL: INSTALL_MOD_STRIP=1 build or install failed"
	tail -20 "$out/build.log" | sed 's/^/    /'
	rc=1
fi
"${KMAKE[@]}" clean >/dev/null 2>&1
left=$(cd "$out" && find . -name vmlinux.unhashed -o -name modules.merkle -o -name '*.ko.stripped' \
	-o -name .module-hashes-strip -o -name '*.ko' | head -5)
if [ -z "$left" ]; then
	echo "PASS: make clean removes vmlinux.unhashed, modules.merkle and the hashed modules"
else
	echo "FAIL: make clean leaves $left"
	rc=1
fi
exit $rc
