/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing shim: include/linux/sizes.h, the sizes hashes.c uses. */
#ifndef SHIM_LINUX_SIZES_H
#define SHIM_LINUX_SIZES_H

#define SZ_1K		0x00000400
#define SZ_4K		0x00001000
#define SZ_64K		0x00010000
#define SZ_256K		0x00040000
#define SZ_1M		0x00100000

#endif
