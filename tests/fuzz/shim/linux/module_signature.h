/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzzing shim: use the series' real include/linux/module_signature.h (it
 * defines PKEY_ID_MERKLE and the trailer layout) by absolute path.  It only
 * includes <linux/types.h>, which is the shim's.
 */
#ifndef MODULE_SIGNATURE_REAL_H
#error "MODULE_SIGNATURE_REAL_H must name the kernel's include/linux/module_signature.h"
#endif
#include MODULE_SIGNATURE_REAL_H
