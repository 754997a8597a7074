/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzzing shim: use the series' real include/linux/module_hashes.h, by
 * absolute path (MODULE_HASHES_REAL_H, set by run.sh), so that the structure
 * layouts under test are the kernel's.  Its own includes resolve to this shim.
 */
#ifndef MODULE_HASHES_REAL_H
#error "MODULE_HASHES_REAL_H must name the kernel's include/linux/module_hashes.h"
#endif
#include MODULE_HASHES_REAL_H
