// SPDX-License-Identifier: GPL-2.0
/* An out-of-tree module: not part of the Merkle tree, so it can only be
 * authenticated by a PKCS#7 signature. */
#include <linux/module.h>

static int __init modhash_ext_init(void)
{
	return 0;
}

static void __exit modhash_ext_exit(void)
{
}

module_init(modhash_ext_init);
module_exit(modhash_ext_exit);
MODULE_DESCRIPTION("Out-of-tree test module for CONFIG_MODULE_HASHES");
MODULE_LICENSE("GPL");
