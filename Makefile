# SPDX-License-Identifier: GPL-2.0
# Hash-based module authentication (CONFIG_MODULE_HASHES) for Linux 6.12:
# build the series, boot it in QEMU and test it.  See README.md.

H := harness

.PHONY: all check check-host check-guest check-image check-series worktree refresh \
	checkpatch check-apply check-bisect check-parallel check-sanitizers repro deps clean distclean help

# The main job: build both variants, boot them under enforcement, print
# the result table.
all:
	@$(H)/main.sh

# Every test: host tests, series checks, guest tests in all three modes.
check:
	@$(H)/check.sh

# The fast tier: host tests only (seconds).
check-host:
	@$(H)/check.sh host

check-series:
	@$(H)/check.sh series

check-guest:
	@$(H)/check.sh guest

# The built kernels and modules in an ISO 9660 image, checked by verify.
check-image:
	@$(H)/check.sh image

# The guest tests on a KASAN + UBSAN + kmemleak kernel (also part of check).
check-sanitizers:
	@EXTRA_VARIANTS=kasan $(H)/main.sh

# Two clean builds of the hashes variant by different users, hosts and
# paths, compared file by file; the Debian package's modules verified.
repro:
	@$(H)/repro.sh

# 8 concurrent modprobe/rmmod loops of 1000 loads each under enforcement
# (make check runs 50 per loop), on the smp variant (2 CPUs, preemption,
# lockdep, kmemleak); PARALLEL_VARIANTS="smp kasan" adds the KASAN kernel.
check-parallel:
	@$(H)/check.sh parallel

# libFuzzer (tests/fuzz/README.md): hashes.c and the host tool's show and
# verify, FUZZ_SECONDS per target (default: the 15 s smoke run of make
# check); FUZZ_TARGET=fixed, root or tool for one of them.
.PHONY: fuzz
fuzz:
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGET)

# Benchmarks: the host tool, sizes, build, install and in-kernel cost
# (bench/README.md).
.PHONY: bench
bench:
	@bench/run.sh

deps:
	@$(H)/deps.sh

# The kernel work tree, build/linux: the base plus patches/ as commits.
worktree:
	@$(H)/worktree.sh

# Write the work tree's commits back into patches/.
refresh:
	@$(H)/refresh.sh

checkpatch:
	@$(H)/checkpatch.sh

check-apply:
	@$(H)/check-apply.sh

check-bisect:
	@$(H)/check-bisect.sh

clean:
	rm -rf build/out-* build/host build/repro build/*.log

distclean:
	rm -rf build

help:
	@sed -n 's/^# //p' README.md | head -0; \
	echo "make            build, boot, load every module by proof (result table)"; \
	echo "make check      all tests, ends with 'N passed, N failed'"; \
	echo "make check-host host tests only (seconds)"; \
	echo "make worktree   kernel work tree in build/linux; make refresh writes patches/"
