#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# accel.sh OUT: print the QEMU accelerator to use, kvm if a KVM guest boots
# here, else tcg.  The answer is cached per machine.
. "$(dirname "$0")/common.sh"

cache=$CACHE/accel
if [ -n "${ACCEL:-}" ]; then echo "$ACCEL"; exit 0; fi
if [ -f "$cache" ]; then cat "$cache"; exit 0; fi
accel=tcg
if [ -w /dev/kvm ]; then
	# A guest whose /init is the kernel's own absence of one: any panic
	# message on the console shows that the kernel got that far.
	log=$(mktemp)
	timeout 30 qemu-system-x86_64 -accel kvm -cpu host -m 256 -display none \
		-monitor none -serial "file:$log" -no-reboot \
		-kernel "$1/arch/x86/boot/bzImage" \
		-append "console=ttyS0 panic=-1" >/dev/null 2>&1 || true
	grep -q 'Kernel panic\|VFS' "$log" && accel=kvm
	rm -f "$log"
	[ $accel = kvm ] || say "KVM does not boot a guest here; using TCG"
fi
echo $accel > "$cache"
echo $accel
