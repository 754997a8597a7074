# SPDX-License-Identifier: GPL-2.0
# Shared by the bench scripts; sourced, not run.  Everything the benchmarks
# make lives in $BENCH (build/bench), the downloads in $CACHE.
. "$(dirname "${BASH_SOURCE[0]}")/../harness/common.sh"

BENCH=${BENCH:-$BUILD/bench}
JOBS=${JOBS:-$(nproc)}
REPS=${BENCH_REPS:-3}
SRC=$BENCH/src
mkdir -p "$BENCH"

# The two builds compared by the size and cost parts: the "hashes" variant
# and the same config with CONFIG_MODULE_HASHES off and MODULE_SIG still off.
# Without MODULE_HASHES the lockdown LSM selects MODULE_SIG, so both builds
# leave out the lockdown options; the KUnit suite of MODULE_HASHES goes with
# it.
fragments() {
	local drop='LOCKDOWN|LOCK_DOWN'
	[ "$1" = nohashes ] && drop+='|^CONFIG_MODULE_HASHES'
	grep -Ev "$drop" "$TOP/configs/base.config" > "$BENCH/base-$1.config"
	echo "$BENCH/base-$1.config $TOP/configs/hashes.config"
	if [ "$1" = nohashes ]; then
		echo '# CONFIG_MODULE_HASHES is not set' > "$BENCH/nohashes.config"
		echo "$BENCH/nohashes.config"
	fi
}

# kmake OUT ARGS...: make in the snapshot, without ccache (CC=gcc overrides
# kernel_make's CC="ccache gcc"), reproducible-build inputs as the harness.
kmake() {
	kernel_make "$SRC" "$1"
	shift
	"${KMAKE[@]}" CC=gcc HOSTCC=gcc "$@"
}

# timeit CMD...: run CMD, its output discarded, and set WALL to its wall
# time and CPU to the CPU time (user + system) of CMD and its children, in
# seconds.  On a loaded machine WALL grows, CPU much less.
timeit() {
	local TIMEFORMAT='%3R %3U %3S' out u s
	out=$( { time "$@" >/dev/null 2>&3; } 3>&2 2>&1 ) || die "failed: $*"
	read -r WALL u s <<< "$out"
	CPU=$(calc "$u + $s")
}

# best NAME CMD...: timeit CMD and keep the lowest times in NAME_wall and
# NAME_cpu.
best() {
	local w=$1_wall c=$1_cpu
	shift
	timeit "$@"
	printf -v "$w" %s "$(min "${!w:-}" "$WALL")"
	printf -v "$c" %s "$(min "${!c:-}" "$CPU")"
}

# min A B: the smaller number ("" counts as none).
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }'; }

# calc EXPR: floating-point arithmetic, e.g. calc "2 * 3 / 4": 4 significant
# digits, or none after the point from 1000 up.
calc() { awk "BEGIN { v = $1; printf (v >= 1000 || v <= -1000) ? \"%.0f\n\" : \"%.4g\n\", v }"; }

load() { cut -d' ' -f1-3 /proc/loadavg; }

header() {
	printf '\n### %s\n' "$1"
	printf '(%s; load average %s; %s cores)\n\n' "$(date -u +%FT%TZ)" "$(load)" "$(nproc)"
}

# install_modules VARIANT: modules_install of $BENCH/out-VARIANT into
# $BENCH/install-VARIANT.
install_modules() {
	rm -rf "$BENCH/install-$1"
	kmake "$BENCH/out-$1" INSTALL_MOD_PATH="$BENCH/install-$1" modules_install
}

# The snapshot's scripts/sign-file (neither build has MODULE_SIG to build it).
sign_file() {
	[ "$BENCH/sign-file" -nt "$SRC/.bench-commit" ] ||
		gcc -O2 -o "$BENCH/sign-file" "$SRC/scripts/sign-file.c" -I"$SRC/scripts" -lcrypto
	echo "$BENCH/sign-file"
}

# keypair NAME HASH [OPENSSL-REQ-ARGS]: a signing key as certs/Makefile makes
# it from the default x509.genkey, in $BENCH/keys/NAME.pem, and its
# certificate in DER, NAME.x509, as certs/signing_key.x509.
keypair() {
	local k=$BENCH/keys/$1 hash=$2
	shift 2
	if [ ! -f "$k.x509" ]; then
		mkdir -p "$BENCH/keys"
		openssl req -new -nodes -utf8 -"$hash" -days 36500 -batch -x509 \
			-config "$SRC/certs/default_x509.genkey" -outform PEM \
			-out "$k.pem" -keyout "$k.pem" "$@" >/dev/null 2>&1
		openssl x509 -in "$k.pem" -outform DER -out "$k.x509"
	fi
	echo "$k"
}

# modules VARIANT: the build's modules as modules.order lists them (.ko).
modules() { sed 's/\.o$/.ko/' "$BENCH/out-$1/modules.order"; }
