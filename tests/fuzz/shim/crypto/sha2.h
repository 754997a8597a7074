/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing shim: include/crypto/sha2.h, the sizes. */
#ifndef SHIM_CRYPTO_SHA2_H
#define SHIM_CRYPTO_SHA2_H

#define SHA256_DIGEST_SIZE	32
#define SHA256_BLOCK_SIZE	64

#endif
