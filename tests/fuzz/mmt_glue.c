// SPDX-License-Identifier: GPL-2.0
/*
 * scripts/modules-merkle-tree.c (MMT_C, set by run.sh) for fuzz_tool,
 * compiled as it is: its main() becomes mmt_main(), and four C library
 * calls are replaced for this file alone:
 *
 *   mmap()	map_file() gets an exactly sized heap copy of the file, so that
 *		ASan catches reads past its end (a mapping would hide them up
 *		to the end of the page); munmap() frees it;
 *   read()	returns short reads of random sizes and fails with EINTR now
 *		and then, as read() may, so that verify's stream_feed() gets
 *		a module in pieces of every size;
 *   posix_spawnp() fails with ENOENT, as if no decompressor were
 *		installed: verify then searches a boot image itself, and no
 *		process is started in the fuzzing loop.
 *
 * The tool never exits: its commands return their status.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_tool.h"

static void *fuzz_mmap(void *addr, size_t len, int prot, int flags, int fd,
		       off_t off)
{
	unsigned char *p = malloc(len);
	size_t done;
	ssize_t n;

	(void)addr;
	(void)prot;
	(void)flags;
	if (!p)
		return MAP_FAILED;
	for (done = 0; done < len; done += n) {
		n = pread(fd, p + done, len - done, off + done);
		if (n <= 0) {
			free(p);
			return MAP_FAILED;
		}
	}
	return p;
}

static int fuzz_munmap(void *addr, size_t len)
{
	(void)len;
	free(addr);
	return 0;
}

/* Up to 64 bytes, or up to about twice the longest trailer */
static ssize_t fuzz_read(int fd, void *buf, size_t len)
{
	uint64_t r = fuzz_rng();
	size_t n;

	if (r % 16 == 0) {
		errno = EINTR;
		return -1;
	}
	r >>= 4;
	n = 1 + (r >> 1) % (r & 1 ? 64 : 2048);
	return read(fd, buf, n < len ? n : len);
}

static int fuzz_spawnp(pid_t *pid, const char *file,
		       const posix_spawn_file_actions_t *fa,
		       const posix_spawnattr_t *attr, char *const argv[],
		       char *const envp[])
{
	(void)pid;
	(void)file;
	(void)fa;
	(void)attr;
	(void)argv;
	(void)envp;
	return ENOENT;
}

#define mmap		fuzz_mmap
#define munmap		fuzz_munmap
#define read		fuzz_read
#define posix_spawnp	fuzz_spawnp
#define main		mmt_main
#include MMT_C
#undef main
#undef posix_spawnp
#undef read
#undef munmap
#undef mmap

void mmt_scan(const unsigned char *d, size_t n, struct mmt_scan *r)
{
	static struct root_scan sc;
	size_t off, len;

	memset(&sc, 0, sizeof(sc));
	scan_reset(&sc, "");
	for (off = 0; off < n; off += len) {
		len = fuzz_rng();
		len = 1 + (len >> 1) % (len & 1 ? 64 : 4096);
		if (len > n - off)
			len = n - off;
		scan_feed(&sc, d + off, len);
	}
	r->found = sc.found;
	r->invalid = sc.invalid;
	r->desc = (const unsigned char *)&sc.desc;
	r->first = sc.first;
	r->second = sc.second;
	r->bad = sc.bad;
}

int mmt_too_many_streams(const unsigned char *d, size_t n)
{
	unsigned int streams = 0;
	const unsigned char *hit;
	size_t i, off;

	for (i = 0; i < ARRAY_SIZE(kernel_formats); i++) {
		for (off = 0; off < n; off = hit - d + 1) {
			hit = memmem(d + off, n - off, kernel_formats[i].magic,
				     kernel_formats[i].magic_len);
			if (!hit)
				break;
			streams++;
		}
	}
	return streams > MAX_STREAMS;
}
