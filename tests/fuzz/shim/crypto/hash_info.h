/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzzing shim: include/crypto/hash_info.h, the enum only.  hashes.c uses
 * hash_algo_name[] only for its sysfs files, under CONFIG_SYSFS, which the
 * harness does not set.
 */
#ifndef SHIM_CRYPTO_HASH_INFO_H
#define SHIM_CRYPTO_HASH_INFO_H

#include <uapi/linux/hash_info.h>

#endif
