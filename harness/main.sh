#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The main job: build both variants from the series, boot each in QEMU with
# module.sig_enforce=1 and print the result table.  With MODES set (e.g.
# "enforce permissive lockdown"), boot in each of those modes.
. "$(dirname "$0")/common.sh"

variants=(hashes hashes-sig)
# VARIANTS may add more, e.g. "kasan"; they boot in enforce mode only.
extra=(${EXTRA_VARIANTS:-})
modes=(${MODES:-enforce})

"$TOP/harness/deps.sh"
timed "work tree" "$TOP/harness/worktree.sh" >/dev/null
for v in "${variants[@]}"; do
	"$TOP/harness/build-kernel.sh" "$v" >/dev/null
done
args=()
for v in "${variants[@]}"; do
	other=${variants[0]}
	[ "$v" = "$other" ] && other=${variants[1]}
	"$TOP/harness/initramfs.sh" "$v" "$other" >/dev/null
	for m in "${modes[@]}"; do
		timed "boot $v ($m)" "$TOP/harness/boot.sh" "$v" "$m" >/dev/null
		args+=("$BUILD/out-$v:$m")
	done
done
for v in "${extra[@]}"; do
	"$TOP/harness/build-kernel.sh" "$v" >/dev/null
	"$TOP/harness/initramfs.sh" "$v" >/dev/null
	BOOT_TIMEOUT=1500 timed "boot $v (enforce)" "$TOP/harness/boot.sh" "$v" enforce >/dev/null
	args+=("$BUILD/out-$v:enforce")
done
python3 "$TOP/harness/results.py" "${args[@]}"
