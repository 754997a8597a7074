/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzzing shim: the synchronous hash API of include/crypto/hash.h that
 * hashes.c uses, implemented in shim.c on OpenSSL's EVP SHA-256.
 *
 * As in the kernel, a struct shash_desc is the tfm pointer followed by the
 * algorithm's state (here a small record), and SHASH_DESC_ON_STACK leaves it
 * uninitialised.  shim.c checks the calling discipline: update and final
 * only after init, with a live tfm, on addressable memory.
 */
#ifndef SHIM_CRYPTO_HASH_H
#define SHIM_CRYPTO_HASH_H

#include <linux/compiler_attributes.h>
#include <linux/string.h>
#include <linux/types.h>

struct crypto_shash;

struct shash_desc {
	struct crypto_shash *tfm;
	void *__ctx[] __aligned(16);
};

#define HASH_MAX_DESCSIZE	(sizeof(struct shash_desc) + 360)

#define SHASH_DESC_ON_STACK(shash, ctx)					     \
	char __##shash##_desc[sizeof(struct shash_desc) + HASH_MAX_DESCSIZE] \
		__aligned(__alignof__(struct shash_desc));		     \
	struct shash_desc *shash = (struct shash_desc *)__##shash##_desc

struct crypto_shash *crypto_alloc_shash(const char *alg_name, u32 type,
					u32 mask);
void crypto_free_shash(struct crypto_shash *tfm);
unsigned int crypto_shash_descsize(struct crypto_shash *tfm);
unsigned int crypto_shash_digestsize(struct crypto_shash *tfm);
int crypto_shash_init(struct shash_desc *desc);
int crypto_shash_update(struct shash_desc *desc, const u8 *data,
			unsigned int len);
int crypto_shash_final(struct shash_desc *desc, u8 *out);

static inline void shash_desc_zero(struct shash_desc *desc)
{
	memzero_explicit(desc,
			 sizeof(*desc) + crypto_shash_descsize(desc->tfm));
}

#endif
