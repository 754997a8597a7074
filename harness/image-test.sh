#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# image-test.sh VARIANT: put the kernel ($BUILD/out-VARIANT/arch/x86/boot/
# bzImage) and the installed modules ($BUILD/out-VARIANT/root/lib/modules/
# RELEASE) of a build into an ISO 9660 image, extract it again and check the
# extracted modules against the extracted kernel with
# 'modules-merkle-tree verify'.  Then damage one module inside the image file
# and one module before the image is made, and check that exactly that
# module fails each time.  Prints one PASS: or FAIL: line per check.
#
# The tool is the kernel build's own if it has 'verify', else it is built
# from the work tree into $BUILD/host as tests/host builds it.  The inputs
# are copied first, so a rebuild of out-VARIANT does not disturb the test.
. "$(dirname "$0")/common.sh"

variant=${1:?usage: image-test.sh VARIANT}
out=$BUILD/out-$variant
command -v xorriso >/dev/null 2>&1 || die "xorriso is not installed (see harness/deps.sh)"
[ -f "$out/arch/x86/boot/bzImage" ] || die "no $out/arch/x86/boot/bzImage (build $variant first)"
releases=("$out"/root/lib/modules/*/)
[ ${#releases[@]} -eq 1 ] && [ -d "${releases[0]}" ] ||
	die "expected exactly one release under $out/root/lib/modules"
release=$(basename "${releases[0]}")
jobs=${JOBS:-$(nproc)}

passed=0 failed=0
ok() { echo "PASS: $variant: $*"; passed=$((passed + 1)); }
bad() { echo "FAIL: $variant: $*"; failed=$((failed + 1)); }

# has_verify TOOL: its usage text (it exits 1) lists the verify command.
has_verify() {
	[ -x "$1" ] && { "$1" 2>&1 || true; } | grep -q 'verify \[-j N\] KERNEL MODDIR'
}

tool=$out/scripts/modules-merkle-tree
if ! has_verify "$tool"; then
	src=$BUILD/linux/scripts/modules-merkle-tree.c
	[ -f "$src" ] || die "$tool has no verify command and there is no $src"
	tool=$BUILD/host/modules-merkle-tree
	if ! has_verify "$tool" || [ "$src" -nt "$tool" ]; then
		mkdir -p "$BUILD/host"
		gcc -O2 -Wall -o "$tool.$$" "$src" -lcrypto -lpthread ||
			die "cannot build $tool from $src"
		mv -f "$tool.$$" "$tool"
	fi
	has_verify "$tool" || die "$tool has no verify command"
fi
say "tool: $tool"

work=$(mktemp -d "${TMPDIR:-/tmp}/image-test-$variant.XXXXXX")
trap 'rm -rf "$work"' EXIT

stage=$work/stage
mkdir -p "$stage/boot" "$stage/lib/modules" "$work/build"
cp -a "${releases[0]%/}" "$stage/lib/modules/"
cp "$out/arch/x86/boot/bzImage" "$stage/boot/vmlinuz-$release"
for f in vmlinux modules.merkle; do
	[ -f "$out/$f" ] && cp "$out/$f" "$work/build/"
done

# The modules of the tree, relative to lib/modules/RELEASE, sorted.
mapfile -t modules < <(cd "$stage/lib/modules/$release" &&
	find . -type f \( -name '*.ko' -o -name '*.ko.gz' -o -name '*.ko.xz' \
		-o -name '*.ko.zst' \) | sed 's|^\./||' | LC_ALL=C sort)
n=${#modules[@]}
[ "$n" -gt 0 ] || die "no modules under $stage/lib/modules/$release"

# make_iso STAGE ISO, extract ISO DIR
make_iso() {
	xorriso -outdev "$2" -volid MODHASH -map "$1" / >"$2.log" 2>&1
}
extract() {
	rm -rf "$2"
	xorriso -osirrox on -indev "$1" -extract / "$2" >"$2.log" 2>&1
}

# verify KERNEL MODDIR OUT: run the tool, keep its output; sets vrc and secs.
verify() {
	local start end
	start=$(date +%s.%N)
	vrc=0
	"$tool" verify -j "$jobs" "$1" "$2" >"$3" 2>&1 || vrc=$?
	end=$(date +%s.%N)
	secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
}

summary() { grep '^root ' "$1" || true; }
fails() { grep -c '^FAIL ' "$1" || true; }
show() { sed 's/^/    /' "$1"; }

# 1. The image and its extraction.
iso=$work/image.iso
if make_iso "$stage" "$iso"; then
	ok "ISO 9660 image of bzImage and $n modules ($(stat -c %s "$iso") bytes)"
else
	bad "xorriso cannot make the image"
	show "$iso.log"
	die "cannot go on without an image"
fi
x=$work/x
if extract "$iso" "$x" && diff -r --no-dereference "$stage" "$x" >"$work/diff" 2>&1; then
	ok "extracted tree is identical to the staged one"
else
	bad "extracted tree differs from the staged one"
	show "$work/diff" | head -20
fi

# 2. Every module of the extracted tree verifies against the extracted kernel.
kernel=boot/vmlinuz-$release
moddir=lib/modules/$release
verify "$x/$kernel" "$x/$moddir" "$work/v1"
root_line=$(summary "$work/v1")
if [ $vrc -eq 0 ] && [ "$(fails "$work/v1")" -eq 0 ] &&
   [[ "$root_line" == *": $n modules present, $n verified, 0 failed" ]]; then
	ok "verify of the extracted image: $n of $n modules verified (${secs}s)"
else
	bad "verify of the extracted image (exit $vrc)"
	show "$work/v1" | tail -20
fi
leaf_count=$(sed -n 's/^root [0-9a-f]* leaves \([0-9]*\):.*/\1/p' "$work/v1")
if [ "$leaf_count" = "$n" ] && grep -qx 'leaves: every leaf seen exactly once' "$work/v1"; then
	ok "every one of the $n leaves is installed exactly once"
else
	bad "leaves: tree has ${leaf_count:-?} leaves, image has $n modules"
	grep '^leaves:' "$work/v1" | sed 's/^/    /'
fi

# 3. The root found in bzImage is the one of vmlinux and of modules.merkle.
for f in vmlinux modules.merkle; do
	[ -f "$work/build/$f" ] || { echo "SKIP: $variant: no $f in $out"; continue; }
	verify "$work/build/$f" "$x/$moddir" "$work/v-$f"
	if [ $vrc -eq 0 ] && [ "$(summary "$work/v-$f")" = "$root_line" ]; then
		ok "root of bzImage equals the root of $f"
	else
		bad "root of bzImage differs from the root of $f (exit $vrc)"
		echo "    bzImage: $root_line"
		echo "    $f: $(summary "$work/v-$f")"
	fi
done

# 4. Flip one byte of one module inside the image file.
victim=${modules[$((n / 2))]}
lba=$(xorriso -indev "$iso" -find "/$moddir/$victim" -exec report_lba -- 2>/dev/null |
	sed -n 's/^File data lba: *[0-9]* *, *\([0-9]*\) *, *[0-9]* *, *\([0-9]*\) *,.*/\1 \2/p')
if [ -z "$lba" ] || [ "$(printf '%s\n' "$lba" | wc -l)" -ne 1 ]; then
	bad "cannot locate $victim in the image (report_lba: '${lba}')"
else
	read -r start size <<<"$lba"
	off=$((start * 2048 + size / 2))
	cp "$iso" "$work/damaged.iso"
	byte=$(od -An -tu1 -j "$off" -N1 "$iso" | tr -d ' ')
	printf "\\$(printf '%03o' $((byte ^ 0x20)))" |
		dd of="$work/damaged.iso" bs=1 seek="$off" conv=notrunc status=none
	changed=$({ cmp -l "$iso" "$work/damaged.iso" || true; } | wc -l)
	extract "$work/damaged.iso" "$work/xd"
	verify "$work/xd/$kernel" "$work/xd/$moddir" "$work/v2"
	line=$(grep '^FAIL ' "$work/v2" || true)
	if [ "$changed" -eq 1 ] && [ $vrc -eq 1 ] && [ "$(fails "$work/v2")" -eq 1 ] &&
	   [[ "$line" == "FAIL $work/xd/$moddir/$victim: "* ]] &&
	   [[ "$(summary "$work/v2")" == *": $n modules present, $((n - 1)) verified, 1 failed" ]]; then
		ok "byte $off of the image (in $victim) flipped: only $victim fails: ${line#*"$victim": }"
	else
		bad "byte $off of the image (in $victim) flipped: expected only $victim to fail (exit $vrc, $changed bytes changed)"
		show "$work/v2" | tail -20
	fi
fi

# 5. Change one byte of another module as the kernel gets it, recompress it
# and make a new image: that module, and only it, has been modified.
victim=${modules[0]}
case $victim in
*.ko.zst) dec=(zstd -dcq) comp=(zstd -q -c) ;;
*.ko.xz) dec=(xz -dc) comp=(xz --check=crc32 --lzma2=dict=1MiB -c) ;;
*.ko.gz) dec=(gzip -dc) comp=(gzip -n -9 -c) ;;
*) dec=(cat) comp=(cat) ;;
esac
f=$stage/lib/modules/$release/$victim
"${dec[@]}" <"$f" >"$work/m"
size=$(stat -c %s "$work/m")
off=$((size / 3))
byte=$(od -An -tu1 -j "$off" -N1 "$work/m" | tr -d ' ')
printf "\\$(printf '%03o' $((byte ^ 0x01)))" | dd of="$work/m" bs=1 seek="$off" conv=notrunc status=none
cp "$f" "$work/orig-module"
"${comp[@]}" <"$work/m" >"$f"
if make_iso "$stage" "$work/modified.iso" && extract "$work/modified.iso" "$work/xm"; then
	verify "$work/xm/$kernel" "$work/xm/$moddir" "$work/v3"
	line=$(grep '^FAIL ' "$work/v3" || true)
	if [ $vrc -eq 1 ] && [ "$(fails "$work/v3")" -eq 1 ] &&
	   [ "$line" = "FAIL $work/xm/$moddir/$victim: modified (proof does not verify)" ]; then
		ok "byte $off of $victim changed and recompressed: only $victim fails: modified"
	else
		bad "byte $off of $victim changed and recompressed: expected only $victim to fail as modified (exit $vrc)"
		show "$work/v3" | tail -20
	fi
else
	bad "xorriso cannot make or extract the image with the modified module"
fi
cp "$work/orig-module" "$f"

echo "image-test $variant: $passed passed, $failed failed"
[ $failed -eq 0 ]
