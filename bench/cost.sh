#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# cost.sh: what CONFIG_MODULE_HASHES costs at build and install time: the
# two clean builds of bench/builds.sh, the tree step alone, modules_install
# of both builds, and the sign-file commands that MODULE_SIG_ALL's
# modules_install would add, run over every module with the same -j.
. "$(dirname "$0")/lib.sh"

for v in nohashes hashes; do
	[ -f "$BENCH/out-$v/.bench-build" ] || die "no build $BENCH/out-$v (run bench/builds.sh)"
done
H=$BENCH/out-hashes N=$BENCH/out-nohashes

header "Build cost: full build from clean, make -j$JOBS, no ccache"
fmt='%-10s %9s %9s %-22s %s\n'
printf "$fmt" build seconds "CPU s" "built at" "load before"
for v in nohashes hashes; do
	read -r t c when l < <(sed -n 2p "$BENCH/out-$v/.bench-build")
	declare "b_$v=$t" "c_$v=$c"
	printf "$fmt" "$v" "$t" "$c" "$when" "$l"
done
echo "Built by bench/builds.sh; kept between runs unless BENCH_FRESH=1 (see bench/README.md)."
echo "Issue target: within 1.03x; hashes / nohashes = $(calc "$b_hashes / $b_nohashes")x"
echo "(CPU time: $(calc "$c_hashes / $c_nohashes")x)."

# The tree step alone, as Makefile.modfinal runs it, on the finished build;
# it rewrites the modules and modules.merkle with the same bytes.
cp "$H/modules.merkle" "$BENCH/modules.merkle.built"
for ((r = 0; r < REPS; r++)); do
	best tree env -C "$H" scripts/modules-merkle-tree build modules.order modules.merkle
done
cmp -s "$H/modules.merkle" "$BENCH/modules.merkle.built" || die "the tree step changed the root"

# modules_install of each build, and sign-file over copies of the modules
# without hashes, as MODULE_SIG_ALL's modules_install runs it: after the
# copy, before compression, one process per module, -j$JOBS.  The key is
# the one a MODULE_SIG_ALL build makes by default: RSA-4096, sha512.
sf=$(sign_file)
key=$(keypair rsa4096-sha512 sha512)
mapfile -t mods < <(modules nohashes)
modules nohashes > "$BENCH/sign.list"
for ((r = 0; r < REPS; r++)); do
	best inst_n install_modules nohashes
	best inst_h install_modules hashes
	rm -rf "$BENCH/sign"
	for m in "${mods[@]}"; do
		mkdir -p "$BENCH/sign/${m%/*}"
		cp "$N/$m" "$BENCH/sign/$m"
	done
	best sign env -C "$BENCH/sign" xargs -a "$BENCH/sign.list" -P "$JOBS" -I{} \
		"$sf" sha512 "$key.pem" "$key.x509" {}
done

header "Install cost (best of $REPS, ${#mods[@]} modules, -j$JOBS)"
fmt='%-60s %8s %7s %7s\n'
printf "$fmt" step seconds "CPU s" 'x tree'
irow() { printf "$fmt" "$1" "$2" "$3" "$(calc "$2 / $tree_wall")"; }
irow "tree step alone (modules-merkle-tree build, at build time)" "$tree_wall" "$tree_cpu"
irow "modules_install, hashes (copy, zstd, depmod)" "$inst_h_wall" "$inst_h_cpu"
irow "modules_install, nohashes (copy, zstd, depmod)" "$inst_n_wall" "$inst_n_cpu"
irow "sign-file per module, RSA-4096 sha512 (MODULE_SIG_ALL)" "$sign_wall" "$sign_cpu"
irow "modules_install with MODULE_SIG_ALL (nohashes + sign-file)" \
	"$(calc "$inst_n_wall + $sign_wall")" "$(calc "$inst_n_cpu + $sign_cpu")"
echo "The tree step is $(calc "100 * $tree_wall / $b_hashes")% of the hashes build's time."
echo "Signing was timed as the sign-file commands Makefile.modinst runs with MODULE_SIG_ALL,"
echo "not as a third build.  Ratios (wall time; CPU time in parentheses):"
ratio() { echo "$(calc "($1) / ($2)")x ($(calc "($3) / ($4)")x)"; }
echo "  sign-file / modules_install (hashes)        $(ratio "$sign_wall" "$inst_h_wall" "$sign_cpu" "$inst_h_cpu")  issue target: at least 10x"
echo "  modules_install with signing / with hashes  $(ratio "$inst_n_wall + $sign_wall" "$inst_h_wall" "$inst_n_cpu + $sign_cpu" "$inst_h_cpu")"
echo "  sign-file / tree step                       $(ratio "$sign_wall" "$tree_wall" "$sign_cpu" "$tree_cpu")"
