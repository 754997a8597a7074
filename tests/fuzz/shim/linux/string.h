/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing shim: include/linux/string.h; memchr_inv() is in shim.c. */
#ifndef SHIM_LINUX_STRING_H
#define SHIM_LINUX_STRING_H

#include <string.h>
#include <linux/types.h>

void *memchr_inv(const void *s, int c, size_t n);
void memzero_explicit(void *s, size_t count);

#endif
