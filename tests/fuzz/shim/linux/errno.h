/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzzing shim: include/linux/errno.h.  The values come from the system's
 * UAPI <linux/errno.h> (asm-generic/errno*.h, the kernel's own numbers);
 * the C library's <errno.h> includes <linux/errno.h> as well and ends up
 * here, so this must pass through to the next one rather than include
 * <errno.h>.  The harness checks the values that matter.
 */
#ifndef SHIM_LINUX_ERRNO_H
#define SHIM_LINUX_ERRNO_H

#include_next <linux/errno.h>

#endif
