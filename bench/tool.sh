#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# tool.sh: the host tool on real input.  Times `modules-merkle-tree build`
# over the modules of Debian's 6.12 amd64 kernel package against one
# sha256sum process over the same files and against the bound
# bytes / (cores x OpenSSL SHA-256 throughput), for 1..nproc threads; then
# `verify` of the result.  Runs on copies: the unpacked package in $CACHE
# stays pristine.
. "$(dirname "$0")/lib.sh"

tool=$BENCH/out-hashes/scripts/modules-merkle-tree
[ -x "$tool" ] || die "no $tool (run bench/builds.sh)"
cores=$(nproc)

# Debian's image package of the pinned base's version, else the newest 6.12.
dl=$CACHE/dl
mkdir -p "$dl" "$CACHE/bench"
up=${BASE_VERSION%%-*}
deb=$(ls "$dl"/linux-image-"$up"+*-amd64-unsigned_"$BASE_VERSION"_amd64.deb 2>/dev/null | head -1 || true)
if [ -z "$deb" ]; then
	pkg=$(apt-cache search --names-only "^linux-image-$up\+deb[0-9]+-amd64-unsigned\$" | cut -d' ' -f1 | head -1)
	want=$pkg=$BASE_VERSION
	if [ -z "$pkg" ]; then
		pkg=$(apt-cache search --names-only '^linux-image-6\.12\.[0-9]+\+deb[0-9]+-amd64-unsigned$' |
			cut -d' ' -f1 | sort -V | tail -1)
		[ -n "$pkg" ] || die "no Debian linux-image-6.12.*-amd64-unsigned package in the apt sources"
		warn "linux-image-$up is not in the apt sources; using $pkg"
		want=$pkg
	fi
	say "downloading $want"
	(cd "$dl" && apt-get download "$want" >/dev/null 2>&1) || die "apt-get download $want failed"
	deb=$(ls -t "$dl/${pkg}"_*_amd64.deb | head -1)
fi
mods=$CACHE/bench/$(basename "$deb" .deb)
if [ ! -d "$mods" ]; then
	say "unpacking and decompressing the modules of $(basename "$deb")"
	rm -rf "$mods.tmp"
	python3 "$TOP/bench/debmods.py" "$deb" "$mods"
fi

work=$BENCH/deb
rm -rf "$work"
cp -a "$mods" "$work"
echo "$mods" > "$work/.pristine"
cd "$work"
mapfile -t files < <(sed 's/\.o$/.ko/' modules.order)
count=${#files[@]}
bytes=$(cd "$mods" && stat -c %s "${files[@]}" | awk '{ s += $1 } END { print s }')

# OpenSSL's single-core SHA-256 rate at its largest block size (-mr: the
# +H line holds the block sizes, the +F line the bytes per second).
speed=$(openssl speed -mr -seconds "${SPEED_SECONDS:-3}" -evp sha256 2>/dev/null | awk -F: '
	/^\+H:/ { for (i = 2; i <= NF; i++) if ($i + 0 > size) { size = $i + 0; col = i + 2 } }
	/^\+F:/ && col { rate = $col }
	END { if (rate > 0) print rate, size }')
[ -n "$speed" ] || die "cannot parse 'openssl speed -mr -evp sha256'"
block=${speed#* } speed=${speed% *}
bound_wall=$(calc "$bytes / ($cores * $speed)") bound_cpu=$(calc "$bytes / $speed")

# The tree is built in $work, on the file system of build/, and in a copy on
# tmpfs (/dev/shm), if there is one: the build writes every module anew,
# which the first may have to write back to disk.  One untimed build in each
# appends the proofs and reads every file, so that all timed runs find the
# files in the page cache and do the same work.
places=("$work")
shm=/dev/shm/module-hashes-bench
fs() { findmnt -no FSTYPE -T "$1" | tail -1; }
if [ -d /dev/shm ] && [ "$(fs /dev/shm)" = tmpfs ]; then
	rm -rf "$shm"
	cp -a "$work" "$shm"
	trap 'rm -rf "$shm"' EXIT
	places+=("$shm")
fi
for p in "${places[@]}"; do
	(cd "$p" && "$tool" build modules.order modules.merkle)
done
(cd "$mods" && cat "${files[@]}" >/dev/null)
treeroot=$(od -An -tx1 -j16 -N32 modules.merkle | tr -d ' \n')
for ((r = 0; r < REPS; r++)); do
	best sha env -C "$mods" sha256sum -- "${files[@]}"
	best root env -C "$mods" "$tool" root "${files[@]}"
	for ((j = 1; j <= cores; j++)); do
		for i in "${!places[@]}"; do
			best tree${i}_$j env -C "${places[i]}" "$tool" build -j "$j" modules.order modules.merkle
		done
	done
done
for p in "${places[@]}"; do
	[ "$(od -An -tx1 -j16 -N32 "$p/modules.merkle" | tr -d ' \n')" = "$treeroot" ] ||
		die "the root changed between runs"
done

header "Host tool: tree build over $(basename "$deb" .deb) (best of $REPS)"
echo "Modules decompressed, Debian's signatures taken off; files warmed by one untimed"
echo "build before timing (page cache).  The build also writes every module with its proof."
echo "Bound: $bytes bytes / ($cores cores x $(calc "$speed / 1e9") GB/s: openssl speed -evp sha256,"
echo "$block-byte blocks); its CPU time is bytes / (1 x that).  x: time ratios, lower is faster."
echo "root hashes the same files into a tree root and writes nothing: the hashing alone."
echo
fmt='%-40s %5s %10s %8s %6s %6s %8s %8s %8s\n'
printf "$fmt" what files bytes seconds 'CPU s' GB/s 'x bound' 'x b.CPU' 'x sha256'
row() { printf "$fmt" "$1" "$count" "$bytes" "$2" "$3" "$(calc "$bytes / $2 / 1e9")" \
	"$(calc "$2 / $bound_wall")" "$(calc "$3 / $bound_cpu")" "$(calc "$2 / $sha_wall")"; }
row "bound" "$bound_wall" "$bound_cpu"
row "sha256sum (1 process)" "$sha_wall" "$sha_cpu"
row "modules-merkle-tree root (1 thread)" "$root_wall" "$root_cpu"
for i in "${!places[@]}"; do
	t=tree${i}_${cores}_wall c=tree${i}_${cores}_cpu
	row "modules-merkle-tree build -j$cores ($(fs "${places[i]}"))" "${!t}" "${!c}"
done
echo
echo "Scaling of modules-merkle-tree build (seconds, CPU seconds, speedup over 1 thread):"
fmt2='%-8s'
for p in "${places[@]}"; do fmt2+=' %8s %6s %7s'; printf -v hdr '%s %8s %6s %7s' "${hdr:-threads }" "$(fs "$p")" 'CPU s' speedup; done
echo "$hdr"
for ((j = 1; j <= cores; j++)); do
	cols=()
	for i in "${!places[@]}"; do
		t=tree${i}_${j}_wall c=tree${i}_${j}_cpu one=tree${i}_1_wall
		cols+=("${!t}" "${!c}" "$(calc "${!one} / ${!t}")")
	done
	printf "$fmt2\n" "$j" "${cols[@]}"
done
for i in "${!places[@]}"; do
	t=tree${i}_${cores}_wall c=tree${i}_${cores}_cpu
	echo "Issue target: build within 1.15x of the bound; $(fs "${places[i]}"): $(calc "${!t} / $bound_wall")x (CPU time: $(calc "${!c} / $bound_cpu")x)."
done

# verify needs a kernel with the root: a small ELF file whose .module_hashes
# section is the descriptor the build wrote, and an xz-compressed copy of it
# (found as a compressed stream, like a bzImage's payload).  The xz-compressed
# modules are made as modules_install makes them, and kept for that root.
objcopy -I binary -O elf64-x86-64 \
	--rename-section .data=.module_hashes,alloc,load,readonly,data,contents \
	modules.merkle "$BENCH/kernel.elf"
xz -c "$BENCH/kernel.elf" > "$BENCH/kernel.elf.xz"
xzdir=$BENCH/deb-xz
if [ "$(cat "$xzdir/.root" 2>/dev/null)" != "$treeroot" ]; then
	say "xz-compressing the modules with their proofs"
	rm -rf "$xzdir"
	cp -a "$work/kernel" "$xzdir"
	find "$xzdir" -name '*.ko' -print0 |
		xargs -0 -P "$cores" -n 64 xz --check=crc32 --lzma2=dict=1MiB
	echo "$treeroot" > "$xzdir/.root"
fi
vbytes=$(stat -c %s "${files[@]}" | awk '{ s += $1 } END { print s }')
xzbytes=$(find "$xzdir" -name '*.ko.xz' -printf '%s\n' | awk '{ s += $1 } END { print s }')

header "Host tool: verify of the same modules with their proofs (-j$cores, best of $REPS)"
fmt3='%-14s %-13s %10s %8s %7s %7s %9s\n'
printf "$fmt3" kernel modules bytes seconds 'CPU s' MB/s modules/s
for v in "kernel.elf kernel .ko $vbytes" "kernel.elf.xz kernel .ko $vbytes" \
	 "kernel.elf $xzdir .ko.xz $xzbytes"; do
	set -- $v
	unset verify_wall verify_cpu
	for ((r = 0; r < REPS; r++)); do
		best verify "$tool" verify -j "$cores" "$BENCH/$1" "$2"
	done
	printf "$fmt3" "$1" "$count x $3" "$4" "$verify_wall" "$verify_cpu" \
		"$(calc "$vbytes / $verify_wall / 1e6")" "$(calc "$count / $verify_wall")"
done
echo "MB/s counts the uncompressed module bytes (with proofs) in every row; bytes is what was read."
"$tool" verify "$BENCH/kernel.elf.xz" "$xzdir" | tail -2
