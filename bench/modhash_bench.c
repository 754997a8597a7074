// SPDX-License-Identifier: GPL-2.0
/*
 * A module of a chosen size for bench/kernel.sh, copied into lib/ of the
 * bench kernel's source as modhash_bench_small.c and modhash_bench_big.c:
 * MODHASH_BENCH_SIZE bytes of read-only data and nothing to do at init and
 * exit, so that loading it costs what reading, authenticating and laying out
 * its bytes costs.
 */
#include <linux/module.h>

static const u8 modhash_bench_table[MODHASH_BENCH_SIZE] __used = { 1 };

static int __init modhash_bench_init(void)
{
	return 0;
}

static void __exit modhash_bench_exit(void)
{
}

module_init(modhash_bench_init);
module_exit(modhash_bench_exit);
MODULE_DESCRIPTION("Module of a fixed size for the module load benchmark");
MODULE_LICENSE("GPL");
