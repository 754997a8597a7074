/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzzing shim: include/linux/sysfs.h, empty.  hashes.c uses it only for its
 * sysfs files, under CONFIG_SYSFS, which the harness does not set.
 */
#ifndef SHIM_LINUX_SYSFS_H
#define SHIM_LINUX_SYSFS_H
#endif
