#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# boot.sh VARIANT MODE: boot $BUILD/out-VARIANT in QEMU with its initramfs in
# MODE (enforce: module.sig_enforce=1, permissive, lockdown:
# lockdown=integrity) and write the console log to
# $BUILD/out-VARIANT/boot-MODE.log.  Enforce mode also runs the parallel
# load test, PARALLEL_LOADS (50; make check-parallel: 1000) loads in each of
# 8 loops.
. "$(dirname "$0")/common.sh"

variant=$1 mode=$2
out=$BUILD/out-$variant
log=$out/boot-$mode.log
case "$mode" in
enforce)	extra="module.sig_enforce=1 modhash.parallel=${PARALLEL_LOADS:-50}" ;;
permissive)	extra="" ;;
lockdown)	extra="lockdown=integrity" ;;
*)		die "unknown mode $mode" ;;
esac

accel=$("$TOP/harness/accel.sh" "$out")
rm -f "$log"
rc=0
timeout "${BOOT_TIMEOUT:-600}" qemu-system-x86_64 -accel "$accel" -smp 2 -m 1024 \
	-display none -monitor none -serial "file:$log" -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=4 \
	-kernel "$out/arch/x86/boot/bzImage" -initrd "$out/initramfs.cpio.gz" \
	-append "console=ttyS0 panic=-1 oops=panic modhash.mode=$mode $extra" || rc=$?
# 1 is the guest's own verdict through isa-debug-exit, 0 a reboot.
case $rc in
0|1) ;;
124) die "$variant/$mode: QEMU timed out, see $log" ;;
*) die "$variant/$mode: QEMU failed with status $rc, see $log" ;;
esac
grep -q '^MODHASH-END' "$log" || die "$variant/$mode: the guest did not finish, see $log"
echo "$log"
