#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# repro.sh: build the "hashes" variant twice from one snapshot of the work
# tree (git archive HEAD), clean, in different source and output
# directories, as different users, on different host names, in different
# time zones and one after the other, and compare bzImage, vmlinux and every
# installed file, without and with INSTALL_MOD_STRIP=1.  For contrast, sign
# copies of the modules with two keys made as CONFIG_MODULE_SIG_ALL makes
# them.  Then 'make bindeb-pkg' in the first build: the modules of the
# linux-image package must verify against its vmlinuz.  Ends with
# "RESULT passed=N failed=N skipped=0": one pass per file identical in both
# builds, one failure per file that differs, and one for the package.
#
# What has to be the same for the builds to be identical:
# - KBUILD_BUILD_TIMESTAMP, _USER, _HOST and _VERSION: the date, user, host
#   name and build counter in UTS_VERSION and /proc/version.  Nothing in the
#   kernel build reads SOURCE_DATE_EPOCH (-Werror=date-time forbids
#   __DATE__); dpkg-deb clamps the package's file times to it.
# - Absolute paths: the config has no debug information, and the only path
#   left in the code, __FILE__, kbuild maps itself (-fmacro-prefix-map=
#   SRC/=), so a run without KCFLAGS and KAFLAGS is identical too.  They
#   are set for when debug information is on: then DW_AT_name names the
#   source tree, DW_AT_comp_dir the output tree, in C and in assembler
#   objects, and the build-id that ld computes over the whole file, debug
#   sections included, survives stripping, so even stripped modules would
#   differ.  The source tree is mapped as kbuild maps __FILE__ (SRC=. would
#   turn "fs/x.c" into "./fs/x.c" in every WARN and BUG), the output tree
#   in the debug information only.  (BTF needs KBUILD_BUILD_TIMESTAMP set
#   too: it keeps pahole from running with -j, which is not reproducible
#   before pahole 1.27.)
# - No ccache: with CCACHE_NOHASHDIR, as kernel_make sets it, an object
#   compiled in another directory would be served from the cache and hide
#   exactly the differences this test looks for.
# Not compared: lib/modules/RELEASE/build, the symlink modules_install makes
# to each build's own output directory.
. "$(dirname "$0")/common.sh"

[ "$(id -u)" -eq 0 ] || die "run as root: the builds run as the users modhash-a and modhash-b"
"$TOP/harness/deps.sh"
wt=$("$TOP/harness/worktree.sh")

r=$BUILD/repro
jobs=${JOBS:-$(nproc)}
epoch=$(date -d "$GIT_FIXED_DATE" +%s)
start=$(date +%s)
rm -rf "$r"
mkdir -p "$r"

# The source of both builds, as the tar stream of one commit.
gitc -C "$wt" archive --format=tar HEAD > "$r/src.tar"

# in_build NAME USER HOST TZ SRC OUT CMD...: run CMD as USER on host name
# HOST in time zone TZ, with nothing in the environment but this list.
in_build() {
	local name=$1 user=$2 host=$3 tz=$4 src=$5 out=$6
	shift 6
	unshare --uts sh -c 'hostname "$0" && exec "$@"' "$host" \
		runuser -u "$user" -- env -i PATH="$PATH" HOME="$r/$name" TZ="$tz" LC_ALL=C \
		KBUILD_BUILD_TIMESTAMP="$GIT_FIXED_DATE" SOURCE_DATE_EPOCH="$epoch" \
		KBUILD_BUILD_USER=builder KBUILD_BUILD_HOST=module-hashes KBUILD_BUILD_VERSION=1 \
		KCFLAGS="-ffile-prefix-map=$src/= -fdebug-prefix-map=$out=." \
		KAFLAGS="-ffile-prefix-map=$src/= -fdebug-prefix-map=$out=." \
		"$@"
}

# build NAME USER HOST TZ SRC OUT: unpack, configure, build and install
# into $r/NAME/unstripped, then again with INSTALL_MOD_STRIP=1 into
# $r/NAME/stripped; bzImage and vmlinux are copied next to lib/.
build() {
	local name=$1 user=$2 src=$5 out=$6 s dest
	id -u "$user" >/dev/null 2>&1 ||
		useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user"
	mkdir -p "$src" "$out"
	tar -xf "$r/src.tar" -C "$src"
	chown -R "$user:" "$r/$name"
	in_build "$@" env BUILD="$r/$name" "$TOP/harness/config-kernel.sh" "$src" "$out" \
		"$TOP/configs/base.config" "$TOP/configs/hashes.config"
	for s in "" 1; do
		dest=$r/$name/unstripped
		[ -z "$s" ] || dest=$r/$name/stripped
		timed "$name: make INSTALL_MOD_STRIP=$s" in_build "$@" \
			make -s -C "$src" O="$out" -j"$jobs" INSTALL_MOD_STRIP=$s
		timed "$name: modules_install INSTALL_MOD_STRIP=$s" in_build "$@" \
			make -s -C "$src" O="$out" -j"$jobs" INSTALL_MOD_STRIP=$s \
			INSTALL_MOD_PATH="$dest" modules_install
		cp "$out/arch/x86/boot/bzImage" "$out/vmlinux" "$dest/"
	done
}

a=(a modhash-a repro-a UTC "$r/a/src" "$r/a/out")
b=(b modhash-b other-host.example Pacific/Kiritimati "$r/b/some/deeper/src" "$r/b/elsewhere/obj")
build "${a[@]}"
build "${b[@]}"

# The files below DIR, by relative path, sorted.
files() {
	(cd "$1" && find . ! -path './lib/modules/*/build' \( -type f -o -type l \) | LC_ALL=C sort)
}

passed=0 failed=0 rows="" diffs=""
# compare CASE: $r/a/CASE against $r/b/CASE, file by file.
compare() {
	local c=$1 n=0 same=0 p where
	while IFS= read -r p; do
		n=$((n + 1))
		if [ ! -e "$r/a/$c/$p" ]; then
			where="only in b"
		elif [ ! -e "$r/b/$c/$p" ]; then
			where="only in a"
		elif where=$(cmp -- "$r/a/$c/$p" "$r/b/$c/$p" 2>&1); then
			same=$((same + 1))
			continue
		else
			where=$(sed -E 's/.* differ: (byte [0-9]+).*/first differing byte: \1/;
				s/.*EOF on .* after (byte [0-9]+).*/one is a prefix of the other, EOF after \1/' <<< "$where")
		fi
		diffs+=$(printf '%-12s %s: %s' "$c" "${p#./}" "$where")$'\n'
	done < <(sort -u <(files "$r/a/$c") <(files "$r/b/$c"))
	rows+=$(printf '%-12s %9d %10d %7d' "$c" $n $same $((n - same)))$'\n'
	passed=$((passed + same)) failed=$((failed + n - same))
}
compare unstripped
compare stripped

# The contrast: the same modules signed with two keys made as certs/Makefile
# makes the MODULE_SIG_ALL key, sha512 as configs/hashes-sig.config.
out=${a[5]} src=${a[4]} k=$r/sign
mkdir -p "$k"
gcc -O2 -w -o "$k/sign-file" "$src/scripts/sign-file.c" $(pkg-config --cflags --libs libcrypto)
signed=0 differ=0
for i in 1 2; do
	openssl req -new -nodes -utf8 -sha512 -days 36500 -batch -x509 \
		-config "$src/certs/default_x509.genkey" \
		-outform PEM -out "$k/key$i.pem" -keyout "$k/key$i.pem" >/dev/null 2>&1
	openssl x509 -in "$k/key$i.pem" -outform DER -out "$k/key$i.x509"
done
while IFS= read -r m; do
	m=${m%.o}.ko
	for i in 1 2; do
		cp "$out/$m" "$k/m$i.ko"
		"$k/sign-file" sha512 "$k/key$i.pem" "$k/key$i.x509" "$k/m$i.ko"
	done
	signed=$((signed + 1))
	cmp -s "$k/m1.ko" "$k/m2.ko" || differ=$((differ + 1))
done < "$out/modules.order"

# The Debian package, made as a distribution makes it.  builddeb installs
# the modules with INSTALL_MOD_STRIP=1, and the series makes debian/rules
# build with it too, so the stripped build above is not redone.
# debian/rules passes the package revision as KBUILD_BUILD_VERSION: keep it
# the build's, or vmlinux is rebuilt with another UTS_VERSION.
release=$(cat "$out/include/config/kernel.release")
timed "a: make bindeb-pkg" in_build "${a[@]}" \
	make -s -C "$src" O="$out" -j"$jobs" KDEB_PKGVERSION="$release-1" bindeb-pkg >&2
deb=$(ls "$r/a/linux-image-${release}_"*.deb)
x=$r/deb
dpkg-deb -x "$deb" "$x"
vrc=0
"$out/scripts/modules-merkle-tree" verify -j "$jobs" "$x/boot/vmlinuz-$release" \
	"$x/lib/modules/$release" >"$r/verify.log" 2>&1 || vrc=$?
summary=$(grep '^root ' "$r/verify.log" || echo "no summary")
n=$(grep -c '\.ko' "$x/lib/modules/$release/modules.order")
if [ $vrc -eq 0 ] && [[ "$summary" == *": $n modules present, $n verified, 0 failed" ]]; then
	deb_result="PASS" passed=$((passed + 1))
else
	deb_result="FAIL" failed=$((failed + 1))
fi
same_kernel=$(cmp -s "$x/boot/vmlinuz-$release" "$r/a/stripped/bzImage" && echo "is" || echo "is not")

printf '%-12s %9s %10s %7s\n' "" compared identical differ
printf '%s' "$rows"
[ -z "$diffs" ] || printf 'differences:\n%s' "$diffs"
echo "signed with two generated keys: $differ of $signed modules differ"
echo "$deb_result: $(basename "$deb"): $summary"
echo "     its vmlinuz $same_kernel the bzImage of the INSTALL_MOD_STRIP=1 build"
[ "$deb_result" = PASS ] || sed 's/^/    /' "$r/verify.log" | tail -20
say "repro: $(($(date +%s) - start))s"
echo "RESULT passed=$passed failed=$failed skipped=0"
[ $failed -eq 0 ]
