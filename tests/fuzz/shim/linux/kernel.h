/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzzing shim: include/linux/kernel.h and what it brings in for hashes.c:
 * min_t(), be32_to_cpu(), struct_size(), ERR_PTR() and the attributes.
 */
#ifndef SHIM_LINUX_KERNEL_H
#define SHIM_LINUX_KERNEL_H

#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/overflow.h>
#include <linux/types.h>

#define min_t(type, x, y) ({			\
	type __min1 = (x);			\
	type __min2 = (y);			\
	__min1 < __min2 ? __min1 : __min2; })

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define be32_to_cpu(x)	((u32)__builtin_bswap32((u32)(x)))
#define cpu_to_be32(x)	((__be32)__builtin_bswap32((u32)(x)))
#else
#define be32_to_cpu(x)	((u32)(x))
#define cpu_to_be32(x)	((__be32)(x))
#endif

/* Modules are never built into the harness. */
#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)

#endif
