/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing shim: what the harness can see and set in shim.c. */
#ifndef SHIM_SHIM_H
#define SHIM_SHIM_H

/* Fault injection, for the harness's self-test only. */
struct shim_faults {
	int fail_alloc;			/* crypto_alloc_shash() fails, -ENOMEM */
	unsigned long fail_op;		/* the n-th init/update/final fails */
	int err;			/* with this error (default -EIO) */
};

struct shim_stats {
	unsigned long ops;		/* init/update/final calls */
	unsigned long inits;
	unsigned long long bytes;	/* bytes passed to update */
	unsigned int max_update;	/* largest single update */
	long tfm_live;			/* allocated, not yet freed */
};

extern struct shim_faults shim_faults;
extern struct shim_stats shim_stats;
extern char shim_last_log[512];		/* last printk, formatted */
extern unsigned long shim_log_count;
extern unsigned long shim_cond_resched_calls;

#endif
