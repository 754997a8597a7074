/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing shim: include/linux/log2.h, ilog2() and rounddown_pow_of_two(). */
#ifndef SHIM_LINUX_LOG2_H
#define SHIM_LINUX_LOG2_H

#include <linux/types.h>

/* Like the kernel's: undefined for 0 (checked here, the kernel's is not). */
static inline int shim_ilog2(unsigned long n)
{
	if (n == 0)
		__builtin_trap();
	return (int)(sizeof(n) * 8 - 1) - __builtin_clzl(n);
}

#define ilog2(n)			shim_ilog2(n)
#define rounddown_pow_of_two(n)		(1UL << ilog2(n))

#endif
