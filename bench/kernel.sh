#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bench/kernel.sh: the in-kernel cost of authenticating a module.  Builds the
# "bench" kernel (configs/bench.config) from a snapshot of the work tree's
# HEAD with two generated in-tree modules, a small (~40 KB) and a big (~4 MB)
# one, boots it in QEMU and times finit_module + delete_module of each module
# with its proof, signed with ECDSA P-384/SHA-512 and signed with
# RSA-4096/SHA-256, with module.sig_enforce=1 and without, and unsigned
# (without); measures the loader's SHA-256 against lib/crypto's.  See
# bench/README.md.
# BENCH_SMALL_N and BENCH_BIG_N set the iterations, BENCH_CPU the QEMU CPU.
. "$(dirname "$0")/../harness/common.sh"

bench=$BUILD/bench/kernel
src=$bench/linux
out=$BUILD/out-bench
keys=$bench/keys
[ -d "$BUILD/linux/.git" ] || die "no work tree $BUILD/linux (run 'make worktree')"
mkdir -p "$keys"

# Signing keys, made as certs/Makefile makes its own.
genkey() {
	local name=$1
	shift
	[ -f "$keys/$name.pem" ] && return
	openssl req -new -nodes -utf8 -sha512 -days 36500 -batch -x509 \
		-config "$BUILD/linux/certs/default_x509.genkey" \
		-subj "/CN=modhash bench $name" -outform PEM \
		-out "$keys/$name.pem" -keyout "$keys/$name.pem" "$@" >/dev/null 2>&1 ||
		die "openssl cannot make the $name key"
}
genkey rsa -newkey rsa:4096
genkey ecdsa -newkey ec -pkeyopt ec_paramgen_curve:secp384r1

# The source: the work tree's HEAD plus the bench modules and the trusted
# certificates.  rsync gives only changed files a new time, so the build
# stays incremental.
head=$(git -C "$BUILD/linux" rev-parse HEAD)
stamp="$head $(cat "$0" "$TOP/bench/modhash_bench.c" "$keys"/*.pem | sha256sum)"
if [ "$(cat "$bench/linux.stamp" 2>/dev/null)" != "$stamp" ]; then
	new=$bench/linux.new
	rm -rf "$new"
	mkdir -p "$new"
	git -C "$BUILD/linux" archive HEAD | tar -x -C "$new"
	for size in small big; do
		cp "$TOP/bench/modhash_bench.c" "$new/lib/modhash_bench_$size.c"
	done
	cat >> "$new/lib/Makefile" <<-'MK'
	obj-m += modhash_bench_small.o modhash_bench_big.o
	CFLAGS_modhash_bench_small.o := -DMODHASH_BENCH_SIZE=32768
	CFLAGS_modhash_bench_big.o := -DMODHASH_BENCH_SIZE=4194304
	MK
	for k in rsa ecdsa; do
		openssl x509 -in "$keys/$k.pem"
	done > "$new/certs/modhash-bench.pem"
	rsync -rlpc --delete "$new/" "$src/"
	rm -rf "$new"
	echo "$stamp" > "$bench/linux.stamp"
fi

kernel_make "$src" "$out"
# base.config without the options that bench.config sets otherwise.
opts=$(sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=.*/\1/p; s/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1/p' \
	"$TOP/configs/bench.config" | paste -sd'|')
grep -Ev "^(# )?($opts)[= ]" "$TOP/configs/base.config" > "$bench/base.config"
"$TOP/harness/config-kernel.sh" "$src" "$out" \
	"$bench/base.config" "$TOP/configs/bench.config"
timed "build bench (make -j${JOBS:-$(nproc)})" "${KMAKE[@]}"
rm -rf "$out/sha256bench"
cp -r "$TOP/bench/sha256bench" "$out/sha256bench"
timed "sha256bench module" "${KMAKE[@]}" M="$out/sha256bench" modules

# The modules of every case, from the same ELF bytes: as built, with the
# proof; without the proof (the proof, its struct module_signature and the
# marker dropped from the end); and signed instead.
strip_proof() {
	local t sig_len
	t=($(tail -c 40 "$1" | od -An -v -tu1))
	[ "$(tail -c 28 "$1")" = "~Module signature appended~" ] && [ "${t[2]}" = 3 ] ||
		die "$1 carries no proof"
	sig_len=$(((t[8] << 24) | (t[9] << 16) | (t[10] << 8) | t[11]))
	head -c $(($(stat -c %s "$1") - sig_len - 40)) "$1" > "$2"
}

ir=$out/bench-initramfs
rm -rf "$ir"
mkdir -p "$ir"/{bin,proc,sys,dev,bench}
for size in small big; do
	ko=$out/lib/modhash_bench_$size.ko
	cp "$ko" "$ir/bench/$size-proof.ko"
	strip_proof "$ko" "$ir/bench/$size-unsigned.ko"
	"$out/scripts/sign-file" sha512 "$keys/ecdsa.pem" "$keys/ecdsa.pem" \
		"$ir/bench/$size-unsigned.ko" "$ir/bench/$size-ecdsa.ko"
	"$out/scripts/sign-file" sha256 "$keys/rsa.pem" "$keys/rsa.pem" \
		"$ir/bench/$size-unsigned.ko" "$ir/bench/$size-rsa.ko"
done
cp "$out/sha256bench/sha256bench.ko" "$ir/bench/"
gcc -static -O2 -Wall -o "$ir/bench/modbench" "$TOP/bench/modbench.c"
cp /bin/busybox "$ir/bin/"
for app in $("$ir/bin/busybox" --list); do
	[ -e "$ir/bin/$app" ] || ln -s busybox "$ir/bin/$app"
done
cp "$TOP/bench/guest-init" "$ir/init"
(cd "$ir" && find . -print0 | sort -z | cpio --null -o -H newc --owner=0:0 --quiet) |
	gzip -n -1 > "$out/bench-initramfs.cpio.gz"

# Two boots: without enforcement (all cases) and with module.sig_enforce=1
# (all but the unsigned modules).  The CPU model is the host's (KVM) or
# everything TCG emulates, so that the kernel picks the x86 SHA code that it
# would pick on the host, as far as QEMU emulates its instructions.
accel=$("$TOP/harness/accel.sh" "$out")
[ "$accel" = kvm ] && cpu=host || cpu=max
cpu=${BENCH_CPU:-$cpu}
boot() {
	local mode=$1 extra=$2 rc=0
	timeout "${BOOT_TIMEOUT:-1800}" qemu-system-x86_64 -accel "$accel" \
		-cpu "$cpu" -m 1024 -display none -monitor none \
		-serial "file:$out/bench-$mode.log" -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel "$out/arch/x86/boot/bzImage" \
		-initrd "$out/bench-initramfs.cpio.gz" \
		-append "console=ttyS0 panic=-1 oops=panic quiet bench.mode=$mode bench.small=${BENCH_SMALL_N:-300} bench.big=${BENCH_BIG_N:-40} $extra" ||
		rc=$?
	# 1 is the guest's own exit through isa-debug-exit.
	[ $rc -eq 1 ] || die "bench guest ($mode): QEMU exited with $rc, see $out/bench-$mode.log"
	grep -q '^BENCH-END rc=0' "$out/bench-$mode.log" ||
		die "bench guest ($mode) failed, see $out/bench-$mode.log"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
timed "boot bench (permissive, $accel)" boot permissive ""
timed "boot bench (enforce, $accel)" boot enforce module.sig_enforce=1

python3 - "$out" "$accel" "$cpu" "$head" "$(nproc)" "$load_before" \
	"$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import re
import sys

out, accel, cpu, head, cores, load_before, load_after = sys.argv[1:]
rows, sha, clock = {}, {}, set()
for mode in ("permissive", "enforce"):
    for line in open(f"{out}/bench-{mode}.log", errors="replace"):
        m = re.match(r"BENCH-BEGIN .*clocksource=(\S+)", line)
        if m:
            clock.add(m[1])
        m = re.match(r"BENCH (\S+) (.*)", line)
        if m:
            rows[m[1]] = {k: float(v) / (1 if k in ("size", "n") else 1000)
                          for k, v in re.findall(r"(\w+)=(\S+)", m[2])}
        m = re.search(r"sha256bench: (shash driver=(\S+)|lib sha256\(\)) MB/s=(\d+)", line)
        if m:
            sha[m[2] or "lib"] = int(m[3])
if len(sha) != 2:
    sys.exit("ERROR: no SHA-256 results in the permissive boot's log")

names = {"unsigned": "unsigned (baseline)", "proof": "proof",
         "ecdsa": "ECDSA P-384, SHA-512", "rsa": "RSA-4096, SHA-256"}
order = ([("permissive", a) for a in ("unsigned", "proof", "ecdsa", "rsa")] +
         [("enforce", a) for a in ("proof", "ecdsa", "rsa")])
print("Module load latency: finit_module + delete_module of uncompressed .ko files")
print(f"QEMU {accel}, -cpu {cpu}, 1 vCPU, clocksource {'/'.join(sorted(clock))};"
      f" kernel {head[:12]}; times in milliseconds")
print(f"host: {cores} cores, load average {load_before} before the boots,"
      f" {load_after} after")
print()
print(f"{'module':6} {'bytes':>8}  {'authentication':21} {'boot':10} {'n':>4}"
      f" {'load med':>9} {'p10':>9} {'p90':>9} {'unload':>8} {'total':>9}"
      f" {'load/base':>9} {'total/base':>10}")
for size in ("small", "big"):
    base = rows[f"permissive/{size}/unsigned"]
    for mode, auth in order:
        r = rows[f"{mode}/{size}/{auth}"]
        print(f"{size:6} {int(r['size']):8}  {names[auth]:21} {mode:10} {int(r['n']):4}"
              f" {r['load_med']:9.2f} {r['load_p10']:9.2f} {r['load_p90']:9.2f}"
              f" {r['unload_med']:8.2f} {r['total_med']:9.2f}"
              f" {r['load_med'] / base['load_med']:9.2f}"
              f" {r['total_med'] / base['total_med']:10.2f}")
    for mode in ("permissive", "enforce"):
        proof = rows[f"{mode}/{size}/proof"]["load_med"]
        print(f"{'':6} proof / signature, {mode} boot (load medians):"
              f" {proof / rows[f'{mode}/{size}/ecdsa']['load_med']:.2f} of ECDSA,"
              f" {proof / rows[f'{mode}/{size}/rsa']['load_med']:.2f} of RSA")
print("(unload: median of delete_module; total: median of load + unload;"
      " /base: ratio to the unsigned module's median in the permissive boot)")
print()
driver = next(k for k in sha if k != "lib")
print(f"SHA-256 in the guest, 1 MB buffers: crypto_alloc_shash(\"sha256\") -> {driver}"
      f" {sha[driver]} MB/s, lib/crypto sha256() {sha['lib']} MB/s"
      f" ({sha[driver] / sha['lib']:.2f}x)")
print(f"fast path (an arch driver, not sha256-generic) taken by the loader:"
      f" {'no' if driver == 'sha256-generic' else 'yes'}")
PY
