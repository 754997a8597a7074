/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing shim: include/linux/compiler.h, the parts hashes.c uses. */
#ifndef SHIM_LINUX_COMPILER_H
#define SHIM_LINUX_COMPILER_H

#include <linux/compiler_attributes.h>

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

/* As the kernel's: make the optimizer believe var may have any value. */
#define OPTIMIZER_HIDE_VAR(var)						\
	__asm__ ("" : "=r" (var) : "0" (var))

#endif
