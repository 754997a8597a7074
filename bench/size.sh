#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# size.sh: what CONFIG_MODULE_HASHES adds to vmlinux, bzImage, each module
# and the installed module tree, against the same build without it; the
# proof trailer against the PKCS#7 trailers of scripts/sign-file.
. "$(dirname "$0")/lib.sh"

for v in nohashes hashes; do
	[ -f "$BENCH/out-$v/.bench-build" ] || die "no build $BENCH/out-$v (run bench/builds.sh)"
done
H=$BENCH/out-hashes N=$BENCH/out-nohashes

header "Size: vmlinux and bzImage without and with CONFIG_MODULE_HASHES"
fmt='%-44s %12s %12s %9s\n'
printf "$fmt" "" nohashes hashes delta
drow() { printf "$fmt" "$1" "$2" "$3" $(($3 - $2)); }
read -r nt nd nb _ < <(size -B "$N/vmlinux" | tail -1)
read -r ht hd hb _ < <(size -B "$H/vmlinux" | tail -1)
drow "vmlinux text (size: code + read-only data)" "$nt" "$ht"
drow "vmlinux data (size)" "$nd" "$hd"
drow "vmlinux bss (size)" "$nb" "$hb"
drow "vmlinux file" "$(stat -c %s "$N/vmlinux")" "$(stat -c %s "$H/vmlinux")"
read -r nc ndata nbss _ nf < <(python3 "$TOP/bench/elf.py" sections "$N/vmlinux")
read -r hc hdata hbss hh hf < <(python3 "$TOP/bench/elf.py" sections "$H/vmlinux")
drow "executable sections (with padding)" "$nc" "$hc"
drow "functions in them (nm -S)" "$nf" "$hf"
drow "data: all other PROGBITS sections" "$ndata" "$hdata"
drow "bss: NOBITS sections" "$nbss" "$hbss"
drow ".module_hashes section (root descriptor)" 0 "$hh"
drow "bzImage file" "$(stat -c %s "$N/arch/x86/boot/bzImage")" "$(stat -c %s "$H/arch/x86/boot/bzImage")"
payload=arch/x86/boot/compressed/vmlinux.bin
drow "bzImage payload (compressed/vmlinux.bin.*)" "$(cat "$N/$payload".* | wc -c)" "$(cat "$H/$payload".* | wc -c)"
echo "Data symbols added or grown (bytes):" $(python3 "$TOP/bench/elf.py" datadiff "$N/vmlinux" "$H/vmlinux")
echo "Issue target: vmlinux data grows by at most 64 bytes.  Here the data sections grow by"
echo "$((hdata - ndata)) bytes: the root descriptor ($hh bytes, whatever the number of modules) and"
echo "the verifier's static data; functions (text) grow by $((hf - nf)) bytes."

# Trailers, measured as the bytes after the end of each module's ELF
# contents, on the modules of the hashes build: their proofs, and the PKCS#7
# trailers of sign-file on copies of the same modules without their proofs.
sf=$(sign_file)
rsa=$(keypair rsa4096 sha256)
ec=$(keypair p384 sha512 -newkey ec -pkeyopt ec_paramgen_curve:secp384r1)
mapfile -t mods < <(modules hashes)
trailers() { (cd "$1" && shift && python3 "$TOP/bench/elf.py" trailer "$@"); }
mapfile -t proof < <(trailers "$H" "${mods[@]}")
[ ${#proof[@]} -eq ${#mods[@]} ] || die "cannot measure the trailers of $H"
[ -z "$(trailers "$N" $(modules nohashes) | grep -v '^0$')" ] ||
	die "a module of the build without hashes has bytes after its ELF contents"
rm -rf "$BENCH/signed"
for i in "${!mods[@]}"; do
	m=${mods[i]}
	for k in rsa ec; do
		mkdir -p "$BENCH/signed/$k/${m%/*}"
		head -c $(($(stat -c %s "$H/$m") - proof[i])) "$H/$m" > "$BENCH/signed/$k/$m"
	done
	"$sf" sha256 "$rsa.pem" "$rsa.x509" "$BENCH/signed/rsa/$m"
	"$sf" sha512 "$ec.pem" "$ec.x509" "$BENCH/signed/ec/$m"
done
mapfile -t rsa_t < <(trailers "$BENCH/signed/rsa" "${mods[@]}")
mapfile -t ec_t < <(trailers "$BENCH/signed/ec" "${mods[@]}")
stats() { printf '%s\n' "$@" | awk '{ s += $1; if (NR == 1 || $1 < lo) lo = $1; if ($1 > hi) hi = $1 }
	END { printf "%d %d %.1f %d\n", NR, lo, s / NR, hi }'; }

header "Size: per-module trailer, measured from the files"
echo "Trailer: the bytes after a module's ELF contents (sections, section headers)."
echo
fmt='%-52s %7s %6s %7s %6s %8s\n'
printf "$fmt" trailer modules min mean max 'x proof'
read -r _ _ pmean _ < <(stats "${proof[@]}")
trow() { read -r cnt lo mean hi < <(stats "${@:2}"); printf "$fmt" "$1" "$cnt" "$lo" "$mean" "$hi" "$(calc "$mean / $pmean")"; }
trow "Merkle proof (${#mods[@]} leaves, this build)" "${proof[@]}"
if [ -f "$BENCH/deb/.pristine" ]; then
	deb=$(cat "$BENCH/deb/.pristine")
	sed 's/\.o$/.ko/' "$deb/modules.order" > "$BENCH/deb.list"
	mapfile -t dproof < <(paste <(cd "$BENCH/deb" && xargs stat -c %s < "$BENCH/deb.list") \
		<(cd "$deb" && xargs stat -c %s < "$BENCH/deb.list") | awk '{ print $1 - $2 }')
	trow "Merkle proof (${#dproof[@]} leaves, Debian's modules)" "${dproof[@]}"
	mapfile -t dsig < "$deb/debian-trailers"
	trow "PKCS#7 as shipped by Debian (its modules)" "${dsig[@]}"
fi
trow "PKCS#7 sign-file, RSA-4096, sha256 (same modules)" "${rsa_t[@]}"
trow "PKCS#7 sign-file, ECDSA P-384, sha512 (same modules)" "${ec_t[@]}"

header "Size: installed module tree (modules_install, zstd as configured)"
for v in nohashes hashes; do
	install_modules $v >/dev/null
	(cd "$BENCH/install-$v/lib/modules" && find . -name '*.ko.zst' | sort) > "$BENCH/install-$v.list"
done
mapfile -t common < <(comm -12 "$BENCH/install-nohashes.list" "$BENCH/install-hashes.list")
fmt='%-40s %12s %12s %9s %10s\n'
printf "$fmt" "${#common[@]} modules in both trees" nohashes hashes delta 'per module'
for what in "compressed (.ko.zst)" uncompressed; do
	for v in nohashes hashes; do
		cd "$BENCH/install-$v/lib/modules"
		if [ "$what" = uncompressed ]; then
			declare "$v=$(zstd -qdc "${common[@]}" | wc -c)"
		else
			declare "$v=$(stat -c %s "${common[@]}" | awk '{ s += $1 } END { print s }')"
		fi
	done
	printf "$fmt" "$what" "$nohashes" "$hashes" $((hashes - nohashes)) \
		"$(calc "($hashes - $nohashes) / ${#common[@]}")"
done
comm -13 "$BENCH/install-nohashes.list" "$BENCH/install-hashes.list" | while read -r m; do
	echo "Only in the hashes tree: ${m#./*/} ($(stat -c %s "$BENCH/install-hashes/lib/modules/$m") bytes)"
done
