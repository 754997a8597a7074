#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# builds.sh: snapshot build/linux's HEAD into $BENCH/src and build it from
# clean twice, without ccache: $BENCH/out-hashes and $BENCH/out-nohashes.
# A build whose stamp matches the snapshot and the config is kept unless
# BENCH_FRESH is set; the stamp records its wall and CPU time and the load.
. "$(dirname "$0")/lib.sh"

[ -d "$BUILD/linux/.git" ] || die "no work tree $BUILD/linux (run 'make worktree')"
commit=$(git -C "$BUILD/linux" rev-parse HEAD)
if [ "$(cat "$SRC/.bench-commit" 2>/dev/null)" != "$commit" ]; then
	say "snapshot of build/linux at ${commit:0:12}"
	rm -rf "$SRC" "$SRC.tmp"
	mkdir -p "$SRC.tmp"
	git -C "$BUILD/linux" archive HEAD | tar -x -C "$SRC.tmp"
	echo "$commit" > "$SRC.tmp/.bench-commit"
	mv "$SRC.tmp" "$SRC"
fi

for v in nohashes hashes; do
	out=$BENCH/out-$v
	frags=$(fragments $v)
	key="$commit $(cat $frags | sha256sum | cut -c1-16)"
	if [ -z "${BENCH_FRESH:-}" ] && [ "$(head -1 "$out/.bench-build" 2>/dev/null)" = "$key" ]; then
		continue
	fi
	rm -rf "$out"
	"$TOP/harness/config-kernel.sh" "$SRC" "$out" $frags
	say "building $v from clean (make -j$JOBS, no ccache)"
	before=$(load)
	timeit kmake "$out"
	say "build $v: ${WALL}s, ${CPU} CPU seconds"
	printf '%s\n%s %s %s %s\n' "$key" "$WALL" "$CPU" "$(date -u +%FT%TZ)" "${before%% *}" > "$out/.bench-build"
done
