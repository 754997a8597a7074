// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's verdict on a module file, for fuzz_tool.c: the steps of
 * module_sig_check() and module_verify_trailer() (kernel/module/auth.c) that
 * lead to module_hashes_verify() of kernel/module/hashes.c, which is linked
 * in as run.sh builds it for fuzz_verify.  Compiled against shim/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/module_hashes.h>
#include <linux/module_signature.h>

#include "fuzz_tool.h"

/*
 * @desc: the 48-byte root descriptor; @file: the whole module file, marker
 * included.  On KV_VALID, *@modlen is the module length; *@leaf_index is
 * the claimed index once module_hashes_verify() has read it.
 */
enum kernel_verdict kernel_verdict(const void *desc, const unsigned char *file,
				   size_t size, size_t *modlen,
				   unsigned int *leaf_index)
{
	const size_t markerlen = sizeof(MODULE_SIG_STRING) - 1;
	struct module_hashes_verdict verdict;
	struct module_hashes_root *root;
	struct module_signature ms;
	int err;

	*modlen = 0;
	*leaf_index = 0;
	if (size <= markerlen ||
	    memcmp(file + size - markerlen, MODULE_SIG_STRING, markerlen))
		return KV_UNSIGNED;
	size -= markerlen;
	if (size < sizeof(ms))
		return KV_SIGNATURE;
	memcpy(&ms, file + size - sizeof(ms), sizeof(ms));
	if (ms.id_type != PKEY_ID_MERKLE)
		return KV_SIGNATURE;

	/* Its own exactly sized allocation, so over-reads are caught too. */
	root = malloc(sizeof(*root));
	if (!root)
		abort();
	memcpy(root, desc, sizeof(*root));
	err = module_hashes_verify(root, file, size, &verdict);
	free(root);
	*modlen = verdict.modlen;
	*leaf_index = verdict.leaf_index;
	switch (err) {
	case 0:
		return KV_VALID;
	case -EBADMSG:
		return KV_MALFORMED;
	case -ENOKEY:
		return KV_OTHER_BUILD;
	case -EKEYREJECTED:
		return KV_MODIFIED;
	}
	fprintf(stderr, "kernel_verdict: module_hashes_verify() returned %d\n",
		err);
	abort();
}

const char *kernel_verdict_name(enum kernel_verdict kv)
{
	static const char *const names[] = {
		[KV_UNSIGNED]	 = "unsigned",
		[KV_SIGNATURE]	 = "signature",
		[KV_MALFORMED]	 = "malformed",
		[KV_OTHER_BUILD] = "other build",
		[KV_MODIFIED]	 = "modified",
		[KV_VALID]	 = "valid",
	};

	return names[kv];
}
