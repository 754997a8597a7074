/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing shim: the attributes of include/linux/compiler_attributes.h. */
#ifndef SHIM_LINUX_COMPILER_ATTRIBUTES_H
#define SHIM_LINUX_COMPILER_ATTRIBUTES_H

#define __section(s)	__attribute__((__section__(s)))
#define __used		__attribute__((__used__))
#define __packed	__attribute__((__packed__))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __maybe_unused	__attribute__((__unused__))
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#if __has_attribute(__nonstring__)
#define __nonstring	__attribute__((__nonstring__))
#else
#define __nonstring
#endif

#endif
