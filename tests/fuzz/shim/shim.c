// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzzing shim: the out-of-line parts of the stand-in headers: the crypto
 * shash API on OpenSSL EVP SHA-256, memchr_inv(), memzero_explicit() and
 * the printk sink.  See shim.h for the knobs the harness uses.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <crypto/hash.h>
#include <crypto/sha2.h>

#include "shim.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#define SHIM_ASAN 1
#endif
#endif

#define TFM_MAGIC	0x5348494d54464d31ULL	/* "SHIMTFM1" */
#define DESC_MAGIC	0x5348494d44534331ULL	/* "SHIMDSC1" */

struct crypto_shash {
	unsigned long long magic;
	EVP_MD_CTX *md;
	const struct shash_desc *owner;	/* desc that ran init last */
};

/* What hashes.c's desc holds after the tfm pointer. */
struct shim_desc_ctx {
	unsigned long long magic;	/* DESC_MAGIC between init and final */
	struct crypto_shash *tfm;
};

_Static_assert(sizeof(struct shim_desc_ctx) <= HASH_MAX_DESCSIZE,
	       "shim hash state must fit SHASH_DESC_ON_STACK");

unsigned long shim_cond_resched_calls;
struct shim_faults shim_faults;
struct shim_stats shim_stats;
char shim_last_log[512];
unsigned long shim_log_count;

static EVP_MD *sha256_md;

static void shim_die(const char *what)
{
	fprintf(stderr, "shim: crypto API misuse: %s\n", what);
	abort();
}

/*
 * OpenSSL is not instrumented, so ASan would not see it read outside the
 * buffer: check the range first and, if part of it is not addressable, touch
 * that byte so that ASan reports it with the caller's stack.
 */
static void shim_check_range(const void *p, size_t len)
{
#ifdef SHIM_ASAN
	const volatile char *bad = __asan_region_is_poisoned((void *)p, len);

	if (bad)
		(void)*bad;
#else
	(void)p;
	(void)len;
#endif
}

static int shim_inject(void)
{
	shim_stats.ops++;
	if (shim_faults.fail_op && shim_stats.ops == shim_faults.fail_op)
		return shim_faults.err ? shim_faults.err : -EIO;
	return 0;
}

struct crypto_shash *crypto_alloc_shash(const char *alg_name, u32 type,
					u32 mask)
{
	struct crypto_shash *tfm;

	if (strcmp(alg_name, "sha256") || type || mask)
		return ERR_PTR(-ENOENT);
	if (shim_faults.fail_alloc)
		return ERR_PTR(-ENOMEM);
	if (!sha256_md) {
		sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
		if (!sha256_md)
			shim_die("EVP_MD_fetch(SHA256)");
	}
	tfm = calloc(1, sizeof(*tfm));
	if (!tfm)
		return ERR_PTR(-ENOMEM);
	tfm->md = EVP_MD_CTX_new();
	if (!tfm->md) {
		free(tfm);
		return ERR_PTR(-ENOMEM);
	}
	tfm->magic = TFM_MAGIC;
	shim_stats.tfm_live++;
	return tfm;
}

void crypto_free_shash(struct crypto_shash *tfm)
{
	if (IS_ERR_OR_NULL(tfm))
		return;
	if (tfm->magic != TFM_MAGIC)
		shim_die("crypto_free_shash of a bad tfm");
	tfm->magic = 0;
	EVP_MD_CTX_free(tfm->md);
	free(tfm);
	shim_stats.tfm_live--;
}

unsigned int crypto_shash_descsize(struct crypto_shash *tfm)
{
	if (IS_ERR_OR_NULL(tfm) || tfm->magic != TFM_MAGIC)
		shim_die("crypto_shash_descsize of a bad tfm");
	return sizeof(struct shim_desc_ctx);
}

unsigned int crypto_shash_digestsize(struct crypto_shash *tfm)
{
	(void)tfm;
	return SHA256_DIGEST_SIZE;
}

static struct shim_desc_ctx *desc_ctx(struct shash_desc *desc)
{
	return (struct shim_desc_ctx *)desc->__ctx;
}

/* The desc must be initialised, for a live tfm, the one that ran init. */
static struct crypto_shash *desc_tfm(struct shash_desc *desc, const char *op)
{
	struct shim_desc_ctx *ctx = desc_ctx(desc);
	struct crypto_shash *tfm = desc->tfm;

	if (ctx->magic != DESC_MAGIC) {
		fprintf(stderr, "shim: %s on a desc that was not initialised\n",
			op);
		abort();
	}
	if (IS_ERR_OR_NULL(tfm) || tfm != ctx->tfm ||
	    tfm->magic != TFM_MAGIC || tfm->owner != desc) {
		fprintf(stderr, "shim: %s with a bad or changed tfm\n", op);
		abort();
	}
	return tfm;
}

int crypto_shash_init(struct shash_desc *desc)
{
	struct crypto_shash *tfm = desc->tfm;
	struct shim_desc_ctx *ctx = desc_ctx(desc);
	int err;

	if (IS_ERR_OR_NULL(tfm) || tfm->magic != TFM_MAGIC)
		shim_die("crypto_shash_init without a live tfm in desc->tfm");
	ctx->magic = 0;
	err = shim_inject();
	if (err)
		return err;
	if (EVP_DigestInit_ex2(tfm->md, sha256_md, NULL) != 1)
		shim_die("EVP_DigestInit_ex2");
	ctx->magic = DESC_MAGIC;
	ctx->tfm = tfm;
	tfm->owner = desc;
	shim_stats.inits++;
	return 0;
}

int crypto_shash_update(struct shash_desc *desc, const u8 *data,
			unsigned int len)
{
	struct crypto_shash *tfm = desc_tfm(desc, "crypto_shash_update");
	int err;

	shim_check_range(data, len);
	err = shim_inject();
	if (err)
		return err;
	if (EVP_DigestUpdate(tfm->md, data, len) != 1)
		shim_die("EVP_DigestUpdate");
	shim_stats.bytes += len;
	if (len > shim_stats.max_update)
		shim_stats.max_update = len;
	return 0;
}

int crypto_shash_final(struct shash_desc *desc, u8 *out)
{
	struct crypto_shash *tfm = desc_tfm(desc, "crypto_shash_final");
	unsigned int n = 0;
	int err;

	shim_check_range(out, SHA256_DIGEST_SIZE);
	/* The kernel's final ends the operation whether or not it fails. */
	desc_ctx(desc)->magic = 0;
	err = shim_inject();
	if (err)
		return err;
	if (EVP_DigestFinal_ex(tfm->md, out, &n) != 1 ||
	    n != SHA256_DIGEST_SIZE)
		shim_die("EVP_DigestFinal_ex");
	return 0;
}

void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	unsigned char v = (unsigned char)c;

	for (; n; n--, p++)
		if (*p != v)
			return (void *)p;
	return NULL;
}

void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	__asm__ __volatile__("" : : "r"(s) : "memory");
}

int shim_printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(shim_last_log, sizeof(shim_last_log), fmt, ap);
	va_end(ap);
	shim_log_count++;
	if (getenv("SHIM_PRINTK"))
		fprintf(stderr, "%s", shim_last_log);
	return n;
}
