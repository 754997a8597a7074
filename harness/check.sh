#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# check.sh [host|fuzz|series|guest|image|kbuild|parallel|repro|bisect]...: run the test tiers (all by default),
# print per-suite counts and end with one line "N passed, N failed".  image
# needs the builds that guest makes.
. "$(dirname "$0")/common.sh"

tiers=("$@")
[ ${#tiers[@]} -gt 0 ] || tiers=(host fuzz series guest image kbuild repro)
passed=0 failed=0 skipped=0
log=$BUILD/check.log
: > "$log"

# count SUITE: read PASS:/FAIL:/SKIP: lines from stdin
count_lines() {
	local suite=$1 p=0 f=0 s=0 line
	while IFS= read -r line; do
		printf '%s\n' "$line"
		case "$line" in
		PASS:*) p=$((p + 1)) ;;
		FAIL:*) f=$((f + 1)) ;;
		SKIP:*) s=$((s + 1)) ;;
		esac
	done
	printf '%s: %d passed, %d failed, %d skipped\n' "$suite" $p $f $s
	echo "$p $f $s" > "$BUILD/.count"
}

# image_test VARIANT: the lines of image-test.sh, and a FAIL line if it died
image_test() {
	local out
	out=$("$TOP/harness/image-test.sh" "$1" 2>&1) || true
	printf '%s\n' "$out"
	printf '%s\n' "$out" | grep -q "^image-test $1: " ||
		echo "FAIL: image-test $1 did not finish"
}

# result_tier SUITE LOG: the counts of LOG's "RESULT passed=N failed=N
# skipped=N" line (one failure if it has none), printed and kept in .count
result_tier() {
	local r p f s
	r=$(sed -nE 's/^RESULT passed=([0-9]+) failed=([0-9]+) skipped=([0-9]+)$/\1 \2 \3/p' "$2" | tail -1)
	read -r p f s <<< "${r:-0 1 0}"
	echo "$p $f $s" > "$BUILD/.count"
	echo "$1: $p passed, $f failed, $s skipped"
}

add() {
	read -r p f s < "$BUILD/.count"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

for tier in "${tiers[@]}"; do
	case $tier in
	host)
		"$TOP/harness/deps.sh"
		# The tool's source comes from the work tree.
		"$TOP/harness/worktree.sh" >/dev/null
		out=$(python3 "$TOP/tests/host/run.py" 2>&1) || true
		printf '%s\n' "$out"
		last=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
		p=$(echo "$last" | sed -E 's/^([0-9]+) passed.*/\1/')
		f=$(echo "$last" | sed -E 's/.* ([0-9]+) failed.*/\1/')
		s=$(echo "$last" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
		[ -n "$last" ] || { p=0 f=1; echo "host tests: no summary line"; }
		echo "${p:-0} ${f:-1} ${s:-0}" > "$BUILD/.count"
		echo "host: ${p:-0} passed, ${f:-1} failed, ${s:-0} skipped"
		add ;;
	series)
		"$TOP/harness/deps.sh"
		{ "$TOP/harness/check-apply.sh" || true; } 2>&1 | count_lines "series: apply"
		add
		{ "$TOP/harness/checkpatch.sh" || true; } 2>&1 | count_lines "series: checkpatch"
		add ;;
	guest)
		MODES="enforce permissive lockdown" EXTRA_VARIANTS=${EXTRA_VARIANTS-kasan} \
			"$TOP/harness/main.sh" 2>&1 | tee "$BUILD/guest.log" || true
		result_tier guest "$BUILD/guest.log"
		add ;;
	image)
		for v in hashes hashes-sig; do
			image_test "$v" | count_lines "image: $v"
			add
		done ;;
	fuzz)
		# libFuzzer smoke run of the kernel's proof parser and verifier
		"$TOP/harness/worktree.sh" >/dev/null
		{ KSRC=$BUILD/linux "$TOP/tests/fuzz/run.sh" 2>&1 || echo "FAIL: fuzz smoke run (exit $?)"; } |
			sed -E 's/^([0-9]+) passed, ([0-9]+) failed.*/fuzz: \1 passed, \2 failed/' |
			tee "$BUILD/fuzz.log"
		p=$(sed -nE 's/^fuzz: ([0-9]+) passed.*/\1/p' "$BUILD/fuzz.log" | tail -1)
		f=$(sed -nE 's/^fuzz: [0-9]+ passed, ([0-9]+) failed.*/\1/p' "$BUILD/fuzz.log" | tail -1)
		grep -q '^FAIL: fuzz smoke run' "$BUILD/fuzz.log" && f=$(( ${f:-0} + 1 ))
		echo "${p:-0} ${f:-1} 0" > "$BUILD/.count"
		add ;;
	kbuild)
		{ "$TOP/harness/check-kbuild.sh" || true; } 2>&1 | count_lines "kbuild"
		add ;;
	parallel)
		# The full parallel load test: 8 loops of PARALLEL_LOADS (1000)
		# loads each, in enforcing mode, on PARALLEL_VARIANTS (smp).
		for v in ${PARALLEL_VARIANTS:-smp}; do
			{ "$TOP/harness/build-kernel.sh" "$v" && "$TOP/harness/initramfs.sh" "$v" &&
			  PARALLEL_LOADS=${PARALLEL_LOADS:-1000} BOOT_TIMEOUT=${BOOT_TIMEOUT:-7200} \
				"$TOP/harness/boot.sh" "$v" enforce; } >/dev/null || true
			python3 "$TOP/harness/results.py" "$BUILD/out-$v:enforce" | tee "$BUILD/parallel.log" || true
			result_tier "parallel: $v" "$BUILD/parallel.log"
			add
		done ;;
	repro)
		# two clean builds compared file by file: one pass per identical
		# file, one failure per differing one; and the Debian package
		"$TOP/harness/repro.sh" 2>&1 | tee "$BUILD/repro.log" || true
		result_tier repro "$BUILD/repro.log"
		add ;;
	bisect)
		{ "$TOP/harness/check-bisect.sh" || true; } 2>&1 | count_lines "series: every prefix builds"
		add ;;
	*) die "unknown tier $tier" ;;
	esac
done
rm -f "$BUILD/.count"
if [ $skipped -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
