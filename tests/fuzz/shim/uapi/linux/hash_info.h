/* SPDX-License-Identifier: GPL-2.0+ WITH Linux-syscall-note */
/* Fuzzing shim: include/uapi/linux/hash_info.h, the start of the enum. */
#ifndef SHIM_UAPI_LINUX_HASH_INFO_H
#define SHIM_UAPI_LINUX_HASH_INFO_H

enum hash_algo {
	HASH_ALGO_MD4,
	HASH_ALGO_MD5,
	HASH_ALGO_SHA1,
	HASH_ALGO_RIPE_MD_160,
	HASH_ALGO_SHA256,
	HASH_ALGO_SHA384,
	HASH_ALGO_SHA512,
	HASH_ALGO_SHA224,
};

#endif
