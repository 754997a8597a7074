/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing shim: the kernel integer types used by hashes.c. */
#ifndef SHIM_LINUX_TYPES_H
#define SHIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
/* No sparse here: __be32 is a plain u32 that holds big-endian bytes. */
typedef uint16_t __be16;
typedef uint32_t __be32;
typedef uint64_t __be64;

#endif
