#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# run.sh [PART...]: the benchmarks of bench/README.md, printing every table.
# Parts: tool (host tool on Debian's modules), size, cost, kernel (in-kernel
# cost, bench/kernel.sh); default all.  The first three need the builds of
# bench/builds.sh, made first (kept between runs, see bench/README.md).
. "$(dirname "$0")/lib.sh"

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(tool size cost kernel)
"$TOP/harness/deps.sh"
echo "module hashes benchmarks: $(uname -n), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "start: $(uptime)"
case " ${parts[*]} " in
*" tool "* | *" size "* | *" cost "*) timed "bench builds" "$TOP/bench/builds.sh" ;;
esac
for p in "${parts[@]}"; do
	case $p in
	tool | size | cost) timed "bench $p" "$TOP/bench/$p.sh" ;;
	kernel)
		if [ -x "$TOP/bench/kernel.sh" ]; then
			timed "bench kernel" "$TOP/bench/kernel.sh"
		else
			say "no bench/kernel.sh yet: in-kernel cost skipped"
		fi ;;
	*) die "unknown part '$p' (tool, size, cost, kernel)" ;;
	esac
done
echo
echo "end: $(uptime)"
