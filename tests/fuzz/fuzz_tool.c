// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the show and verify commands of the host tool,
 * scripts/modules-merkle-tree.c, which mmt_glue.c compiles unchanged and
 * runs in this process, as its command line would.
 *
 * The input is written to a file, FILE, which the tool is given as
 *   show FILE                   a module or, if it is one, a kernel
 *   verify -j 1 KERNEL DIR      DIR holding only FILE; KERNEL a vmlinux
 *                               with the fixed root (corpus/modules.merkle)
 *                               and, if FILE has a well-formed proof, one
 *                               without leaves and one with the root that
 *                               the proof names
 *   verify -j 1 FILE EMPTY_DIR  FILE as a vmlinux or a boot image
 * and the tool's root descriptor scanner, which reads what the
 * decompressors of a boot image write, gets the input in random pieces.
 *
 * Checked for every input, against Documentation/admin-guide/
 * module-hashes.rst:
 *   - verify's verdict on the module (its FAIL line's reason, or success)
 *     is the kernel's: kernel_verdict.c runs kernel/module/hashes.c, which
 *     fuzz_verify checks against an independent model, on the same bytes
 *     and root, after the steps of module_sig_check();
 *   - show prints exactly the trailer's fields (decoded here), the leaf
 *     hash (computed here), and calls the proof consistent exactly when the
 *     kernel accepts it for the root it names; it decodes a proof exactly
 *     when the kernel finds it well-formed, and fails on a trailer that is
 *     malformed;
 *   - the descriptor that show and verify read from a kernel is the one
 *     that this file's own ELF section lookup or image search finds, and
 *     both fail when there is none;
 *   - exit status and summary lines; a failure is one line on stderr that
 *     names the file, success prints nothing there;
 *   - the scanner finds the valid and invalid descriptors this file finds,
 *     at the same offsets;
 *   - no leak (LeakSanitizer), the input is not written to.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "fuzz_tool.h"

#include FIXED_ROOT_H	/* static const unsigned char fixed_root_desc[48] */

/* From module-hashes.rst */
#define PROG		"modules-merkle-tree"
#define MARKER		"~Module signature appended~\n"
#define MARKER_LEN	(sizeof(MARKER) - 1)
#define SIG_LEN		12	/* struct module_signature */
#define TAIL_LEN	(SIG_LEN + MARKER_LEN)
#define PROOF_HDR	44
#define DIGEST		32
#define DESC_LEN	48
#define PKEY_MERKLE	3

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(real_stderr, "fuzz_tool: %s:%d: check failed: %s\n  ", \
				__FILE__, __LINE__, #cond);		\
			fprintf(real_stderr, __VA_ARGS__);		\
			fputc('\n', real_stderr);			\
			abort();					\
		}							\
	} while (0)

static FILE *real_stdout, *real_stderr;
static const EVP_MD *sha256;
static uint64_t rng_state = 1;

uint64_t fuzz_rng(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

/* ------------------------------------------------------------------------ */
/* Running the tool                                                         */
/* ------------------------------------------------------------------------ */

static char out[16384], err[4096];
static FILE *out_file, *err_file;
static size_t out_len, err_len;

/* The input, vmlinux files with each root, a module tree, an empty one */
static char tmp_dir[256], input[300], k_fixed[300], k_empty[300], k_own[300];
static char mod_dir[300], empty_dir[300];

/*
 * Run "show A", or "verify -j 1 A B" if @b is set, with the tool's output in
 * out and err; returns its exit status.
 */
static int run_tool(const char *a, const char *b)
{
	char *show[] = { PROG, "show", (char *)a, NULL };
	char *verify[] = { PROG, "verify", "-j", "1", (char *)a, (char *)b,
			   NULL };
	int ret;

	rewind(out_file);
	rewind(err_file);
	stdout = out_file;
	stderr = err_file;
	optind = 0;	/* glibc: start getopt() afresh */
	ret = b ? mmt_main(6, verify) : mmt_main(3, show);
	fflush(out_file);
	fflush(err_file);
	out_len = ftell(out_file);
	err_len = ftell(err_file);
	stdout = real_stdout;
	stderr = real_stderr;
	CHECK(out_len < sizeof(out) && err_len < sizeof(err),
	      "harness: output too long");
	out[out_len] = '\0';
	err[err_len] = '\0';
	return ret;
}

/* The command failed, with one line "modules-merkle-tree: NAME: ..." */
static void check_failed(int ret, const char *name)
{
	char prefix[400];
	size_t len;

	len = snprintf(prefix, sizeof(prefix), "%s: %s: ", PROG, name);
	CHECK(ret == 1 && !out_len, "exit %d, printed \"%s\"", ret, out);
	CHECK(!strncmp(err, prefix, len) && err_len > len &&
	      strchr(err, '\n') == err + err_len - 1,
	      "not one report line for %s: \"%s\"", name, err);
}

/* The command succeeded and printed exactly @want */
static void check_output(int ret, const char *want)
{
	CHECK(ret == 0 && !err_len, "exit %d, reported \"%s\"", ret, err);
	CHECK(!strcmp(out, want), "printed\n%s\nexpected\n%s", out, want);
}

static void write_or_die(const char *name, const void *data, size_t len)
{
	FILE *f = fopen(name, "w");

	CHECK(f && fwrite(data, 1, len, f) == len && !fclose(f),
	      "cannot write %s", name);
}

/* A vmlinux of nothing but a .module_hashes section holding @desc */
static void write_vmlinux(const char *name, const unsigned char *desc)
{
	static const char names[] = "\0.module_hashes\0.shstrtab";
	struct {
		Elf64_Ehdr ehdr;
		unsigned char desc[DESC_LEN];
		char names[32];
		Elf64_Shdr shdr[3];
	} k = {
		.ehdr = {
			.e_ident	= { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3,
					    ELFCLASS64, ELFDATA2LSB, EV_CURRENT },
			.e_type		= ET_EXEC,
			.e_machine	= EM_X86_64,
			.e_version	= EV_CURRENT,
			.e_shoff	= offsetof(typeof(k), shdr),
			.e_ehsize	= sizeof(Elf64_Ehdr),
			.e_shentsize	= sizeof(Elf64_Shdr),
			.e_shnum	= 3,
			.e_shstrndx	= 2,
		},
		.shdr = {
			[1] = { .sh_name = 1, .sh_type = SHT_PROGBITS,
				.sh_offset = offsetof(typeof(k), desc),
				.sh_size = DESC_LEN },
			[2] = { .sh_name = 16, .sh_type = SHT_STRTAB,
				.sh_offset = offsetof(typeof(k), names),
				.sh_size = sizeof(names) },
		},
	};

	_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "ELFDATA2LSB");
	memcpy(k.desc, desc, DESC_LEN);
	memcpy(k.names, names, sizeof(names));
	write_or_die(name, &k, sizeof(k));
}

/* Append to the string @s of @size bytes */
static void __attribute__((format(printf, 3, 4)))
append(char *s, size_t size, const char *fmt, ...)
{
	size_t len = strlen(s);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s + len, size - len, fmt, ap);
	va_end(ap);
}

/* Append a hash in hex, then @end */
static void append_hex(char *s, size_t size, const unsigned char *p,
		       const char *end)
{
	static const char digits[] = "0123456789abcdef";
	size_t len = strlen(s);
	unsigned int i;

	CHECK(len + 2 * DIGEST + strlen(end) < size, "harness: too long");
	for (i = 0; i < DIGEST; i++) {
		s[len++] = digits[p[i] >> 4];
		s[len++] = digits[p[i] & 15];
	}
	strcpy(s + len, end);
}

/* SHA-256 of @prefix, then @len bytes at @a and at @b */
static void sha(unsigned char prefix, const void *a, size_t len, const void *b,
		unsigned char *hash)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	CHECK(md && EVP_DigestInit_ex(md, sha256, NULL) &&
	      EVP_DigestUpdate(md, &prefix, 1) &&
	      (!len || EVP_DigestUpdate(md, a, len)) &&
	      (!b || EVP_DigestUpdate(md, b, len)) &&
	      EVP_DigestFinal_ex(md, hash, NULL), "SHA-256 failed");
	EVP_MD_CTX_free(md);
}

static uint32_t get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static bool has_marker(const unsigned char *d, size_t n)
{
	return n >= MARKER_LEN && !memcmp(d + n - MARKER_LEN, MARKER, MARKER_LEN);
}

/* ------------------------------------------------------------------------ */
/* Kernels                                                                  */
/* ------------------------------------------------------------------------ */

static bool is_elf(const unsigned char *d, size_t n)
{
	return n >= 4 && !memcmp(d, ELFMAG, SELFMAG);
}

/* A valid root descriptor: magic, version 1, SHA-256, reserved 0 */
static bool valid_desc(const unsigned char *p)
{
	return !memcmp(p, "MODHROOT", 8) && p[8] == 1 && p[9] == 4 &&
	       !p[10] && !p[11];
}

static uint64_t get_int(const unsigned char *p, unsigned int width, bool be)
{
	uint64_t val = 0;
	unsigned int i;

	for (i = 0; i < width; i++)
		val |= (uint64_t)p[i] << 8 * (be ? width - 1 - i : i);
	return val;
}

/*
 * The descriptor in the only section named .module_hashes, found with the
 * offsets of the ELF gABI; NULL if verify cannot use the file.
 */
static const unsigned char *elf_desc(const unsigned char *d, size_t n)
{
	uint64_t shoff, shentsize, shnum, shstrndx, stroff, strsize, name, i;
	const unsigned char *sh, *found = NULL;
	unsigned int w;
	bool c64, be;

	if (n < EI_NIDENT || (d[EI_CLASS] != ELFCLASS32 &&
			      d[EI_CLASS] != ELFCLASS64) ||
	    (d[EI_DATA] != ELFDATA2LSB && d[EI_DATA] != ELFDATA2MSB))
		return NULL;
	c64 = d[EI_CLASS] == ELFCLASS64;
	be = d[EI_DATA] == ELFDATA2MSB;
	w = c64 ? 8 : 4;
	if (n < (c64 ? 64u : 52u))
		return NULL;
	/* The field at @off32 of ELF32 or at @off64 of ELF64 */
#define FIELD(p, off32, off64, width) \
	get_int((p) + (c64 ? (off64) : (off32)), (width), be)
	shoff = FIELD(d, 0x20, 0x28, w);
	shentsize = FIELD(d, 0x2e, 0x3a, 2);
	shnum = FIELD(d, 0x30, 0x3c, 2);
	shstrndx = FIELD(d, 0x32, 0x3e, 2);
	if (!shoff || shentsize < (c64 ? 64u : 40u) || shoff > n ||
	    shentsize > n - shoff)
		return NULL;
	/* Section header @i: sh_name, sh_type, sh_offset, sh_size, sh_link */
#define SH(i)		(d + shoff + (i) * shentsize)
#define SH_TYPE(p)	get_int((p) + 4, 4, be)
#define SH_OFFSET(p)	FIELD(p, 16, 24, w)
#define SH_SIZE(p)	FIELD(p, 20, 32, w)
	/* Extended numbering: the real values are in section header 0 */
	if (!shnum)
		shnum = SH_SIZE(SH(0));
	if (shstrndx == SHN_XINDEX)
		shstrndx = FIELD(SH(0), 24, 40, 4);
	if (shnum > (n - shoff) / shentsize || !shstrndx || shstrndx >= shnum)
		return NULL;
	sh = SH(shstrndx);
	stroff = SH_OFFSET(sh);
	strsize = SH_SIZE(sh);
	if (SH_TYPE(sh) == SHT_NOBITS || stroff > n || strsize > n - stroff)
		return NULL;
	for (i = 0; i < shnum; i++) {
		sh = SH(i);
		name = get_int(sh, 4, be);
		if (name >= strsize ||
		    !memchr(d + stroff + name, '\0', strsize - name))
			return NULL;
		if (strcmp((const char *)d + stroff + name, ".module_hashes"))
			continue;
		if (found || SH_TYPE(sh) == SHT_NOBITS ||
		    SH_SIZE(sh) != DESC_LEN || SH_OFFSET(sh) > n - DESC_LEN)
			return NULL;
		found = d + SH_OFFSET(sh);
	}
#undef SH_SIZE
#undef SH_OFFSET
#undef SH_TYPE
#undef SH
#undef FIELD
	return found && valid_desc(found) ? found : NULL;
}

/* Where the valid and invalid descriptors of some bytes are */
struct desc_count {
	unsigned int found, invalid;
	size_t first, second, bad;
};

static void count_descs(const unsigned char *d, size_t n, struct desc_count *c)
{
	const unsigned char *p;
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i + DESC_LEN <= n; i = p - d + 1) {
		p = memmem(d + i, n - i, "MODHROOT", 8);
		if (!p || p + DESC_LEN > d + n)
			break;
		if (!valid_desc(p)) {
			if (!c->invalid++)
				c->bad = p - d;
			continue;
		}
		if (c->found == 0)
			c->first = p - d;
		else if (c->found == 1)
			c->second = p - d;
		c->found++;
	}
}

/*
 * The descriptor of a boot image whose streams cannot be decompressed: the
 * only valid one in the image, unless there are too many streams to try.
 */
static const unsigned char *image_desc(const unsigned char *d, size_t n)
{
	struct desc_count c;

	count_descs(d, n, &c);
	return c.found == 1 && !mmt_too_many_streams(d, n) ? d + c.first : NULL;
}

static const unsigned char *kernel_desc(const unsigned char *d, size_t n)
{
	return is_elf(d, n) ? elf_desc(d, n) : image_desc(d, n);
}

/* verify's two summary lines, for one module or none */
static void append_summary(char *s, size_t size, const unsigned char *desc,
			   unsigned int modules, unsigned int verified)
{
	uint32_t count = get_be32(desc + 12);

	append(s, size, "root ");
	append_hex(s, size, desc + 16, "");
	append(s, size, " leaves %u: %u modules present, %u verified, %u failed\n",
	       count, modules, verified, modules - verified);
	if (verified == count)
		append(s, size, "leaves: every leaf seen exactly once\n");
	else
		append(s, size, "leaves: %u of %u seen, %u missing, 0 seen more than once\n",
		       verified, count, count - verified);
}

/* show (if @show) or verify of the input as a kernel */
static void check_kernel(const unsigned char *d, size_t n, bool show)
{
	const unsigned char *desc = kernel_desc(d, n);
	char want[512] = "";
	int ret;

	ret = run_tool(input, show ? NULL : empty_dir);
	if (!desc)
		return check_failed(ret, input);
	if (show) {
		append(want, sizeof(want),
		       "file: %s\nsize: %zu\nkernel: %s\nversion: 1\n"
		       "algorithm: sha256\nleaf count: %u\nroot: ", input, n,
		       is_elf(d, n) ? "vmlinux" : "boot image",
		       get_be32(desc + 12));
		append_hex(want, sizeof(want), desc + 16, "\n");
	} else {
		append_summary(want, sizeof(want), desc, 0, 0);
	}
	check_output(ret, want);
}

static void check_offset(const char *what, const char *s, size_t off)
{
	char want[48];

	snprintf(want, sizeof(want), "offset 0x%zx", off);
	CHECK(!strcmp(s, want), "scan: %s at \"%s\", expected \"%s\"", what, s,
	      want);
}

/* The tool's scanner on the input in random pieces, as decompressors write */
static void check_scan(const unsigned char *d, size_t n)
{
	struct desc_count c;
	struct mmt_scan sc;
	const char *bad;

	count_descs(d, n, &c);
	mmt_scan(d, n, &sc);
	CHECK(sc.found == c.found && sc.invalid == c.invalid,
	      "scan: %u valid and %u invalid descriptors, expected %u and %u",
	      sc.found, sc.invalid, c.found, c.invalid);
	if (c.found) {
		check_offset("first", sc.first, c.first);
		CHECK(!memcmp(sc.desc, d + c.first, DESC_LEN),
		      "scan: not the first descriptor");
	}
	if (c.found > 1)
		check_offset("second", sc.second, c.second);
	if (c.invalid) {
		bad = strstr(sc.bad, " at offset 0x");
		CHECK(bad, "scan: invalid one \"%s\"", sc.bad);
		check_offset("invalid", bad + 4, c.bad);
	}
}

/* ------------------------------------------------------------------------ */
/* Modules                                                                  */
/* ------------------------------------------------------------------------ */

/* verify's reasons (module-hashes.rst), in the kernel's terms */
static enum kernel_verdict reason_verdict(const char *reason)
{
	static const struct {
		const char *prefix;
		enum kernel_verdict kv;
	} reasons[] = {
		{ "no proof (unsigned)\n", KV_UNSIGNED },
		{ "no proof (", KV_SIGNATURE },
		{ "malformed proof: ", KV_MALFORMED },
		{ "proof for another build (root ", KV_OTHER_BUILD },
		{ "modified (proof does not verify)\n", KV_MODIFIED },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(reasons); i++)
		if (!strncmp(reason, reasons[i].prefix,
			     strlen(reasons[i].prefix)))
			return reasons[i].kv;
	CHECK(0, "verify: unknown reason \"%s\"", reason);
}

/* verify of the module tree that holds the input, with vmlinux @k */
static void check_verify(const char *k, const unsigned char *desc,
			 const unsigned char *d, size_t n)
{
	char want[512] = "", fail[400];
	enum kernel_verdict kv, got;
	unsigned int index;
	size_t len, modlen;
	int ret;

	kv = kernel_verdict(desc, d, n, &modlen, &index);
	ret = run_tool(k, mod_dir);
	CHECK(!err_len, "verify reported \"%s\"", err);
	if (kv == KV_VALID) {
		append_summary(want, sizeof(want), desc, 1, 1);
		return check_output(ret, want);
	}
	CHECK(ret == 1, "verify: exit %d for a module the kernel calls %s",
	      ret, kernel_verdict_name(kv));
	len = snprintf(fail, sizeof(fail), "FAIL %s: ", input);
	CHECK(!strncmp(out, fail, len), "verify printed \"%s\", the kernel: %s",
	      out, kernel_verdict_name(kv));
	got = reason_verdict(out + len);
	/*
	 * 28 to 39 bytes that end in the marker leave no room for struct
	 * module_signature: verify calls them malformed, the kernel unsigned
	 * (28 bytes: module_sig_check() wants more than the marker) or leaves
	 * them to the signature check, which rejects them as malformed
	 * (mod_verify_sig()).  Both refuse them.
	 */
	CHECK(got == kv || (got == KV_MALFORMED && n < TAIL_LEN &&
			    (kv == KV_UNSIGNED || kv == KV_SIGNATURE)),
	      "verify: \"%s\", the kernel: %s", out + len,
	      kernel_verdict_name(kv));
	append_summary(want, sizeof(want), desc, 1, 0);
	CHECK(!strcmp(strchr(out, '\n') + 1, want),
	      "verify printed\n%s\nexpected the FAIL line and\n%s", out, want);
}

/*
 * show of the input as a module.  @proof is its proof if the kernel finds
 * it well-formed; @consistent says whether it yields the root it names.
 */
static void check_show_module(const unsigned char *d, size_t n,
			      const unsigned char *proof, bool consistent)
{
	static const char *const id_names[] = { "pgp", "x509", "pkcs7" };
	static const char inconsistent[] =
		"\nproof: INCONSISTENT (module modified or proof damaged)\n";
	const unsigned char *sig;
	unsigned char leaf[DIGEST];
	unsigned int path_len, i;
	char want[4096];
	size_t len;
	int ret;

	ret = run_tool(input, NULL);
	snprintf(want, sizeof(want), "file: %s\nsize: %zu\n", input, n);
	if (!has_marker(d, n)) {
		append(want, sizeof(want), "trailer: none\n");
		return check_output(ret, want);
	}
	if (n < TAIL_LEN)
		return check_failed(ret, input);
	sig = d + n - TAIL_LEN;
	if (get_be32(sig + 8) > n - TAIL_LEN || (sig[2] == PKEY_MERKLE && !proof))
		return check_failed(ret, input);
	if (sig[2] != PKEY_MERKLE) {
		append(want, sizeof(want), "trailer: %s",
		       sig[2] < PKEY_MERKLE ? id_names[sig[2]] : "unknown");
		if (sig[2] > PKEY_MERKLE)
			append(want, sizeof(want), " id_type %u", sig[2]);
		append(want, sizeof(want), " (%u bytes)\n", get_be32(sig + 8));
		return check_output(ret, want);
	}
	path_len = (get_be32(sig + 8) - PROOF_HDR) / DIGEST;
	sha(0, d, proof - d, NULL, leaf);
	append(want, sizeof(want),
	       "trailer: merkle\nmodule bytes: %zu\nversion: 1\n"
	       "algorithm: sha256\nleaf index: %u\nleaf count: %u\nroot: ",
	       (size_t)(proof - d), get_be32(proof + 4), get_be32(proof + 8));
	append_hex(want, sizeof(want), proof + 12, "\n");
	append(want, sizeof(want), "path length: %u\n", path_len);
	for (i = 0; i < path_len; i++) {
		append(want, sizeof(want), "path[%u]: ", i);
		append_hex(want, sizeof(want), proof + PROOF_HDR + DIGEST * i,
			   "\n");
	}
	append(want, sizeof(want), "leaf hash: ");
	append_hex(want, sizeof(want), leaf, "\ncomputed root: ");
	if (consistent) {
		append_hex(want, sizeof(want), proof + 12,
			   "\nproof: consistent\n");
		return check_output(ret, want);
	}
	/* The root it computes instead is not known here. */
	len = strlen(want);
	CHECK(ret == 0 && !err_len, "exit %d, reported \"%s\"", ret, err);
	CHECK(out_len == len + 2 * DIGEST + strlen(inconsistent) &&
	      !strncmp(out, want, len) &&
	      !strcmp(out + len + 2 * DIGEST, inconsistent),
	      "printed\n%s\nexpected\n%s<root>%s", out, want, inconsistent);
}

/*
 * What show takes for a kernel: a file without a trailer that is not an ELF
 * file, or an ELF file that is not relocatable.  A trailer makes any file a
 * module, as the host tests' modules are ELF magic and random bytes.
 */
static bool shown_as_kernel(const unsigned char *d, size_t n)
{
	if (has_marker(d, n))
		return false;
	return !is_elf(d, n) ||
	       (n >= 18 && get_int(d + 16, 2, d[EI_DATA] == ELFDATA2MSB) != ET_REL);
}

/* The kernel's verdict for the root the proof names, or -1: no proof */
static int check_module(const unsigned char *d, size_t n)
{
	static const unsigned char empty[DESC_LEN] = "MODHROOT\1\4";
	const unsigned char *proof = NULL;
	unsigned char own[DESC_LEN];
	unsigned int index;
	size_t modlen;
	int own_kv = -1;

	/* Without leaves, the kernel calls every well-formed proof foreign. */
	if (kernel_verdict(empty, d, n, &modlen, &index) == KV_OTHER_BUILD) {
		proof = d + n - TAIL_LEN - get_be32(d + n - TAIL_LEN + 8);
		memcpy(own, empty, 12);
		memcpy(own + 12, proof + 8, 4);
		memcpy(own + 16, proof + 12, DIGEST);
		own_kv = kernel_verdict(own, d, n, &modlen, &index);
		CHECK(own_kv == KV_VALID || own_kv == KV_MODIFIED,
		      "the kernel: %s for the root the proof names",
		      kernel_verdict_name(own_kv));
	}
	if (shown_as_kernel(d, n))
		check_kernel(d, n, true);
	else
		check_show_module(d, n, proof, own_kv == KV_VALID);
	check_verify(k_fixed, fixed_root_desc, d, n);
	if (proof) {
		check_verify(k_empty, empty, d, n);
		write_vmlinux(k_own, own);
		check_verify(k_own, own, d, n);
	}
	return own_kv;
}

/* Every check on one input; returns as check_module() */
static int check_input(const uint8_t *data, size_t size)
{
	/* Exactly sized, so that ASan catches reads past the end here too */
	unsigned char *d = malloc(size ? size : 1);
	uint64_t seed = 0xcbf29ce484222325ULL;
	size_t i;
	int ret;

	CHECK(d, "out of memory");
	memcpy(d, data, size);
	/* The same short reads and pieces for the same input */
	for (i = 0; i < size; i++)
		seed = (seed ^ data[i]) * 0x100000001b3ULL;
	rng_state = seed | 1;
	write_or_die(input, d, size);
	ret = check_module(d, size);
	check_kernel(d, size, false);
	check_scan(d, size);
	CHECK(!memcmp(d, data, size), "input modified");
	free(d);
	return ret;
}

/* ------------------------------------------------------------------------ */
/* Setup and self-test                                                      */
/* ------------------------------------------------------------------------ */

/* Module @i of the tree over the modules "A" to "C", of @count leaves */
static size_t make_module(unsigned char *buf, unsigned int i,
			  unsigned int count)
{
	unsigned char h[3][DIGEST], ab[DIGEST], *p = buf + 1;
	const unsigned char *path[2];
	unsigned int path_len = 0, k;

	for (k = 0; k < count; k++)
		sha(0, &"ABC"[k], 1, NULL, h[k]);
	sha(1, h[0], DIGEST, h[1], ab);
	if (count == 3) {
		/* MTH = H(1 || H(1 || A || B) || C) */
		path[path_len++] = i == 2 ? ab : h[i ^ 1];
		if (i < 2)
			path[path_len++] = h[2];
	}
	buf[0] = "ABC"[i];
	memset(p, 0, PROOF_HDR);
	p[0] = 1;
	p[1] = 4;
	p[7] = i;
	p[11] = count;
	if (count == 3)
		sha(1, ab, DIGEST, h[2], p + 12);
	else
		memcpy(p + 12, h[0], DIGEST);
	for (k = 0; k < path_len; k++)
		memcpy(p + PROOF_HDR + DIGEST * k, path[k], DIGEST);
	p += PROOF_HDR + DIGEST * path_len;
	memset(p, 0, SIG_LEN);
	p[2] = PKEY_MERKLE;
	p[11] = PROOF_HDR + DIGEST * path_len;
	memcpy(p + SIG_LEN, MARKER, MARKER_LEN);
	return p + TAIL_LEN - buf;
}

/* Valid and modified modules of trees of 1 and 3 leaves, and a kernel */
static void selftest(void)
{
	unsigned char buf[1 + PROOF_HDR + 2 * DIGEST + TAIL_LEN];
	unsigned int count, i;
	size_t len;

	for (count = 1; count <= 3; count += 2) {
		for (i = 0; i < count; i++) {
			len = make_module(buf, i, count);
			CHECK(check_input(buf, len) == KV_VALID,
			      "self-test: leaf %u of %u rejected", i, count);
			buf[0] ^= 1;
			CHECK(check_input(buf, len) == KV_MODIFIED,
			      "self-test: modified leaf %u of %u accepted", i,
			      count);
		}
	}
	/* modules.merkle itself is a kernel, as an image that holds it. */
	CHECK(kernel_desc(fixed_root_desc, DESC_LEN) == fixed_root_desc,
	      "self-test: modules.merkle is no kernel");
	check_input(fixed_root_desc, DESC_LEN);
}

static void cleanup(void)
{
	unlink(input);
	unlink(k_fixed);
	unlink(k_empty);
	unlink(k_own);
	rmdir(mod_dir);
	rmdir(empty_dir);
	rmdir(tmp_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const unsigned char empty[DESC_LEN] = "MODHROOT\1\4";
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	real_stdout = stdout;
	real_stderr = stderr;
	out_file = fmemopen(out, sizeof(out), "w");
	err_file = fmemopen(err, sizeof(err), "w");
	sha256 = EVP_sha256();
	CHECK(out_file && err_file && sha256, "cannot set up");

	snprintf(tmp_dir, sizeof(tmp_dir), "%s/fuzz_tool.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	CHECK(mkdtemp(tmp_dir), "cannot create %s", tmp_dir);
	snprintf(mod_dir, sizeof(mod_dir), "%s/mods", tmp_dir);
	snprintf(empty_dir, sizeof(empty_dir), "%s/empty", tmp_dir);
	snprintf(input, sizeof(input), "%s/fuzz.ko", mod_dir);
	snprintf(k_fixed, sizeof(k_fixed), "%s/vmlinux-fixed", tmp_dir);
	snprintf(k_empty, sizeof(k_empty), "%s/vmlinux-empty", tmp_dir);
	snprintf(k_own, sizeof(k_own), "%s/vmlinux-own", tmp_dir);
	CHECK(!mkdir(mod_dir, 0700) && !mkdir(empty_dir, 0700),
	      "cannot create directories in %s", tmp_dir);
	atexit(cleanup);
	write_vmlinux(k_fixed, fixed_root_desc);
	write_vmlinux(k_empty, empty);

	selftest();
	if (!getenv("FUZZ_QUIET"))
		fprintf(stderr, "fuzz_tool: self-test passed\n");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_input(data, size);
	return 0;
}
