/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing shim: struct_size() of include/linux/overflow.h, saturating. */
#ifndef SHIM_LINUX_OVERFLOW_H
#define SHIM_LINUX_OVERFLOW_H

#include <stddef.h>
#include <stdint.h>

static inline size_t shim_size_mul(size_t a, size_t b)
{
	size_t r;

	return __builtin_mul_overflow(a, b, &r) ? SIZE_MAX : r;
}

static inline size_t shim_size_add(size_t a, size_t b)
{
	size_t r;

	return __builtin_add_overflow(a, b, &r) ? SIZE_MAX : r;
}

/* sizeof(*p) + count * sizeof(*p->member), SIZE_MAX on overflow. */
#define struct_size(p, member, count)					\
	shim_size_add(sizeof(*(p)),					\
		      shim_size_mul(count, sizeof(*(p)->member)))

#endif
