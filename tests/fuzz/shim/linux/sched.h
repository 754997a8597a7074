/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing shim: cond_resched() of include/linux/sched.h; counts calls. */
#ifndef SHIM_LINUX_SCHED_H
#define SHIM_LINUX_SCHED_H

extern unsigned long shim_cond_resched_calls;

static inline int cond_resched(void)
{
	shim_cond_resched_calls++;
	return 0;
}

#endif
