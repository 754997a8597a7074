/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzzing shim: pr_err() of include/linux/printk.h.  Messages go to
 * shim_printk(), which formats them (so format errors show up as usual),
 * keeps the last one for the harness and prints only if SHIM_PRINTK is set.
 */
#ifndef SHIM_LINUX_PRINTK_H
#define SHIM_LINUX_PRINTK_H

#include <linux/compiler_attributes.h>

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define KERN_ERR	"<3>"

__printf(1, 2) int shim_printk(const char *fmt, ...);

#define printk(fmt, ...)	shim_printk(fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)

#endif
