/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzzing shim: kernel/module/internal.h, reduced to struct load_info's
 * hdr and len and the prototype of module_hashes_check().
 *
 * hashes.c includes "internal.h", which the compiler looks up in the
 * directory of hashes.c before any -I or -iquote directory, and the real one
 * pulls in linux/module.h and most of the kernel.  run.sh therefore maps
 * kernel/module/internal.h to this file with a clang VFS overlay
 * (-ivfsoverlay); the kernel tree itself is not touched.
 */
#ifndef SHIM_KERNEL_MODULE_INTERNAL_H
#define SHIM_KERNEL_MODULE_INTERNAL_H

#include <elf.h>

typedef Elf64_Ehdr Elf_Ehdr;

struct load_info {
	const char *name;
	Elf_Ehdr *hdr;
	unsigned long len;
};

int module_hashes_check(struct load_info *info);

#endif
