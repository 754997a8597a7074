/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fuzz_tool is linked from three objects that cannot share headers:
 * fuzz_tool.c (the harness), mmt_glue.c (scripts/modules-merkle-tree.c with
 * its own definitions of the format's structures) and kernel_verdict.c
 * (kernel/module/hashes.c's side, built against shim/).  This is what they
 * call of each other; only standard C types cross.
 */
#ifndef FUZZ_TOOL_H
#define FUZZ_TOOL_H

#include <stddef.h>
#include <stdint.h>

/* fuzz_tool.c: random numbers, the same sequence for the same input */
uint64_t fuzz_rng(void);

/* mmt_glue.c: the tool's main() */
int mmt_main(int argc, char **argv);

/* The tool's scan_feed() on @d, fed in random pieces */
struct mmt_scan {
	unsigned int found, invalid;
	const unsigned char *desc;	/* the first valid descriptor */
	const char *first, *second;	/* where the first two are */
	const char *bad;		/* why the first invalid one is */
};
void mmt_scan(const unsigned char *d, size_t n, struct mmt_scan *r);

/* Whether the tool gives up on @d: too many possible compressed streams */
int mmt_too_many_streams(const unsigned char *d, size_t n);

/* kernel_verdict.c: what the kernel's load policy makes of a module file */
enum kernel_verdict {
	KV_UNSIGNED,		/* no marker: module_sig_check() has -ENODATA */
	KV_SIGNATURE,		/* no proof: left to the signature check */
	KV_MALFORMED,		/* module_hashes_verify(): -EBADMSG */
	KV_OTHER_BUILD,		/* -ENOKEY */
	KV_MODIFIED,		/* -EKEYREJECTED */
	KV_VALID,		/* 0 */
};

enum kernel_verdict kernel_verdict(const void *desc, const unsigned char *file,
				   size_t size, size_t *modlen,
				   unsigned int *leaf_index);
const char *kernel_verdict_name(enum kernel_verdict kv);

#endif
