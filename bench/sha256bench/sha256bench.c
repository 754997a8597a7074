// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-256 throughput, for bench/kernel.sh: the implementation that the module
 * loader gets from crypto_alloc_shash("sha256") against lib/crypto's generic
 * sha256().  Hashes a buffer ROUNDS times with each at init and prints the
 * results.
 */
#define pr_fmt(fmt) "sha256bench: " fmt

#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <crypto/hash.h>
#include <crypto/sha2.h>

#define BUF_SIZE	SZ_1M
#define ROUNDS		64

/* Megabytes (10^6 bytes) per second for ROUNDS buffers hashed in @ns. */
static u64 mb_per_s(u64 ns)
{
	return div64_u64((u64)BUF_SIZE * ROUNDS * 1000, ns ?: 1);
}

static int __init sha256bench_init(void)
{
	u8 shash_out[SHA256_DIGEST_SIZE], lib_out[SHA256_DIGEST_SIZE];
	struct crypto_shash *tfm;
	u64 start, shash_ns = 0, lib_ns = 0;
	int err = 0, i;
	u8 *buf;

	buf = vmalloc(BUF_SIZE);
	if (!buf)
		return -ENOMEM;
	for (i = 0; i < BUF_SIZE; i++)
		buf[i] = i * 131 + (i >> 8);

	tfm = crypto_alloc_shash("sha256", 0, 0);
	if (IS_ERR(tfm)) {
		vfree(buf);
		return PTR_ERR(tfm);
	}

	/* In turn, so that a change in the load of the host hits both. */
	for (i = 0; i < ROUNDS && !err; i++) {
		start = ktime_get_ns();
		err = crypto_shash_tfm_digest(tfm, buf, BUF_SIZE, shash_out);
		shash_ns += ktime_get_ns() - start;
		start = ktime_get_ns();
		sha256(buf, BUF_SIZE, lib_out);
		lib_ns += ktime_get_ns() - start;
		cond_resched();
	}

	if (!err && memcmp(shash_out, lib_out, sizeof(lib_out)))
		err = -EINVAL;
	if (err) {
		pr_err("shash %s failed or differs from sha256(): %d\n",
		       crypto_shash_driver_name(tfm), err);
	} else {
		pr_info("shash driver=%s MB/s=%llu\n",
			crypto_shash_driver_name(tfm), mb_per_s(shash_ns));
		pr_info("lib sha256() MB/s=%llu\n", mb_per_s(lib_ns));
	}
	crypto_free_shash(tfm);
	vfree(buf);
	return err;
}

static void __exit sha256bench_exit(void)
{
}

module_init(sha256bench_init);
module_exit(sha256bench_exit);
MODULE_DESCRIPTION("SHA-256 throughput of the module loader's hash and lib/crypto");
MODULE_LICENSE("GPL");
