// SPDX-License-Identifier: GPL-2.0
/*
 * modbench - time finit_module(2) and delete_module(2), for bench/kernel.sh.
 *
 * Usage: modbench ITERATIONS LABEL NAME FILE [LABEL NAME FILE]...
 *
 * Loads FILE (module NAME) and unloads it again, once to warm up and then
 * ITERATIONS times, taking the modules in turn so that a change in the load
 * of the machine affects all of them alike.  Prints one line per module,
 * times in microseconds:
 *
 *   BENCH LABEL size=BYTES n=N load_med=.. load_p10=.. load_p90=.. unload_med=.. total_med=..
 *
 * Exits with status 1 if a module fails to load or to unload.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct bench {
	const char *label, *name;
	int fd;
	long long size;
	long long *load, *unload, *total;	/* nanoseconds */
};

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Load and unload b once; record the times as iteration i if i >= 0. */
static int run_once(struct bench *b, int i)
{
	long long t0, t1, t2;

	t0 = now_ns();
	if (syscall(SYS_finit_module, b->fd, "", 0)) {
		fprintf(stderr, "%s: finit_module: %s\n", b->label, strerror(errno));
		return -1;
	}
	t1 = now_ns();
	if (syscall(SYS_delete_module, b->name, O_NONBLOCK)) {
		fprintf(stderr, "%s: delete_module %s: %s\n", b->label, b->name,
			strerror(errno));
		return -1;
	}
	t2 = now_ns();
	if (i >= 0) {
		b->load[i] = t1 - t0;
		b->unload[i] = t2 - t1;
		b->total[i] = t2 - t0;
	}
	return 0;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p) {
		perror("calloc");
		exit(2);
	}
	return p;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Sort v[0..n) and return its p-th percentile (rank rounded down), in us. */
static double pct_us(long long *v, int n, int p)
{
	qsort(v, n, sizeof(*v), cmp_ll);
	return v[(long)(n - 1) * p / 100] / 1e3;
}

int main(int argc, char **argv)
{
	struct bench *b;
	struct stat st;
	int n, nb, i, j;

	n = argc > 1 ? atoi(argv[1]) : 0;
	if (argc < 5 || (argc - 2) % 3 || n < 1) {
		fprintf(stderr, "usage: %s ITERATIONS LABEL NAME FILE [LABEL NAME FILE]...\n",
			argv[0]);
		return 2;
	}
	nb = (argc - 2) / 3;
	b = xcalloc(nb, sizeof(*b));
	for (j = 0; j < nb; j++) {
		b[j].label = argv[2 + 3 * j];
		b[j].name = argv[3 + 3 * j];
		b[j].fd = open(argv[4 + 3 * j], O_RDONLY | O_CLOEXEC);
		if (b[j].fd < 0 || fstat(b[j].fd, &st)) {
			perror(argv[4 + 3 * j]);
			return 2;
		}
		b[j].size = st.st_size;
		b[j].load = xcalloc(n, sizeof(long long));
		b[j].unload = xcalloc(n, sizeof(long long));
		b[j].total = xcalloc(n, sizeof(long long));
	}

	for (i = -1; i < n; i++)
		for (j = 0; j < nb; j++)
			if (run_once(&b[j], i))
				return 1;

	for (j = 0; j < nb; j++)
		printf("BENCH %s size=%lld n=%d load_med=%.1f load_p10=%.1f load_p90=%.1f unload_med=%.1f total_med=%.1f\n",
		       b[j].label, b[j].size, n,
		       pct_us(b[j].load, n, 50), pct_us(b[j].load, n, 10),
		       pct_us(b[j].load, n, 90), pct_us(b[j].unload, n, 50),
		       pct_us(b[j].total, n, 50));
	return 0;
}
