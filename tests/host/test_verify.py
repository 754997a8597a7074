# SPDX-License-Identifier: GPL-2.0
"""`modules-merkle-tree verify [-j N] KERNEL MODDIR`.

Every image here is made by the reference alone: the modules and their
proofs by ref.build_outputs(), the descriptor written into a gcc-made ELF
file at the offset ref.elf_find_section() gives, or compressed into a fake
boot image with Python's own compressors (the zstd and lz4 programs where
Python has none).  The verdict expected for each module is
ref.classify(): "valid" modules must not be listed; every other one must get
exactly one "FAIL PATH: REASON" line whose reason is the one
module-hashes.rst ("The host tool") gives for that verdict.  The two summary
lines and the exit status are computed from the reference's verdicts too.
"""

import bz2
import gzip
import lzma
import os
import re
import shutil
import subprocess
import unittest

from common import (DROP_ROOT, IS_ROOT, NOBODY, Case, compile_elf, make_module, out_text,
                    read_file, ref, rng, run_tool, snapshot, snapshot_diff, tool_path, write_file)

RELEASE = "6.12.0-test"
DIRS = ["kernel/fs/ext4", "kernel/drivers/net/phy", "kernel/crypto", "kernel/lib",
        "kernel/sound/core", "extra"]
COMPRESSORS = ("ko", "xz", "zst", "gz")

# The malformed field the reference names -> what the tool's reason must say.
FIELD_WORDS = {
    "version": r"version",
    "hash_algo": r"hash algorithm",
    "reserved": r"reserved",
    "leaf_index": r"leaf index",
    "leaf_count": r"leaf count",
    "sig_len": r"length|sig_len",
    "algo": r"module_signature\.algo",
    "hash": r"module_signature\.hash",
    "signer_len": r"module_signature\.signer_len",
    "key_id_len": r"module_signature\.key_id_len",
    "pad": r"module_signature\.__pad",
    "module_signature": r"module_signature",
}

FAIL_RE = re.compile(r"^FAIL (.+?): (.*)$")
DUP_RE = re.compile(r"^DUPLICATE leaf (\d+): (.*)$")


def sig_struct(id_type=3, sig_len=0, algo=0, hash_=0, signer_len=0, key_id_len=0,
               pad=b"\0\0\0"):
    return (bytes([algo, hash_, id_type, signer_len, key_id_len]) + pad
            + sig_len.to_bytes(4, "big"))


def proof_blob(m, n, root, path, version=1, algo=4, reserved=0):
    return (bytes([version, algo]) + reserved.to_bytes(2, "big") + m.to_bytes(4, "big")
            + n.to_bytes(4, "big") + root + b"".join(path))


def trailer(proof, **sig):
    sig.setdefault("sig_len", len(proof))
    return proof + sig_struct(**sig) + ref.MARKER


def have(prog):
    return shutil.which(prog) is not None


def compress(kind, data):
    """Module compression as modules_install does it."""
    if kind == "ko":
        return data
    if kind == "xz":
        return lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32)
    if kind == "gz":
        return gzip.compress(data, mtime=0)
    if kind == "zst":
        return run_prog(["zstd", "-q", "-c"], data)
    raise ValueError(kind)


def run_prog(cmd, data):
    if not have(cmd[0]):
        raise unittest.SkipTest("%s not available" % cmd[0])
    p = subprocess.run(cmd, input=data, capture_output=True, timeout=60)
    if p.returncode != 0:
        raise AssertionError("%s failed: %s" % (" ".join(cmd), p.stderr[-300:]))
    return p.stdout


def suffix(kind):
    return ".ko" if kind == "ko" else ".ko." + kind


def parse_output(text):
    """(fails {path: reason}, duplicates {index: [paths]}, summary, leaves, other)."""
    fails, dups, summary, leaves, other = {}, {}, None, None, []
    for line in text.splitlines():
        m = FAIL_RE.match(line)
        if m:
            if m.group(1) in fails:
                other.append("second FAIL line for " + m.group(1))
            fails[m.group(1)] = m.group(2)
            continue
        m = DUP_RE.match(line)
        if m:
            dups[int(m.group(1))] = m.group(2).split(" ")
            continue
        if line.startswith("root "):
            summary = line
        elif line.startswith("leaves:"):
            leaves = line
        else:
            other.append(line)
    return fails, dups, summary, leaves, other


class Image:
    """A module tree under TMP/lib/modules/RELEASE and what the reference says of it."""

    def __init__(self, case, n, salt, kinds=("ko",), sizes=None, top="img"):
        self.case = case
        r = rng(salt)
        self.bodies = []
        for i in range(n):
            size = sizes[i % len(sizes)] if sizes else r.randint(16, 9000)
            self.bodies.append(make_module(r, max(4, size)))
        self.desc, self.proofed = ref.build_outputs(self.bodies)
        self.moddir = case.path(top, "lib", "modules", RELEASE)
        self.files = {}            # absolute path -> module as the kernel gets it
        self.names = []
        for i, data in enumerate(self.proofed):
            kind = kinds[i % len(kinds)]
            rel = "%s/m%04d_%d%s" % (DIRS[i % len(DIRS)], i, salt, suffix(kind))
            self.put(rel, data, kind)
            self.names.append(rel)
        # Files a module tree also holds, which are not modules.
        write_file(os.path.join(self.moddir, "modules.dep"), b"kernel/x.ko:\n")
        write_file(os.path.join(self.moddir, "modules.order"), b"kernel/x.ko\n")
        write_file(os.path.join(self.moddir, "kernel", "notes.ko.txt"), b"not a module")
        write_file(os.path.join(self.moddir, "kernel", "old.ko.bak"),
                   self.proofed[0] if n else b"x")

    def path(self, rel):
        return os.path.join(self.moddir, rel)

    def put(self, rel, data, kind=None, raw=None):
        """Install module rel (data as the kernel gets it, compressed by kind
        unless raw gives the file's bytes)."""
        if kind is None:
            kind = next(k for k in COMPRESSORS if rel.endswith(suffix(k)))
        p = self.path(rel)
        write_file(p, raw if raw is not None else compress(kind, data))
        self.files[p] = data

    def remove(self, rel):
        p = self.path(rel)
        os.unlink(p)
        del self.files[p]

    def vmlinux(self, desc=None):
        """A gcc-made ELF file with desc in its .module_hashes section."""
        elf = compile_elf(self.case.path("vmlinux.unhashed"), linked=True)
        data = bytearray(read_file(elf))
        sec = ref.elf_find_section(bytes(data), ".module_hashes")
        data[sec.offset:sec.offset + 48] = desc if desc is not None else self.desc
        out = self.case.path("vmlinux")
        write_file(out, bytes(data))
        return out

    def expected(self, desc=None, unreadable=()):
        """What verify must print and return, from the reference."""
        desc = self.desc if desc is None else desc
        d = ref.decode_descriptor(desc)
        verdicts, indices = {}, {}
        for p, data in self.files.items():
            if p in unreadable:
                verdicts[p] = ("unreadable", "")
                continue
            try:
                verdict, why = ref.classify(data, desc)
            except ref.FormatError as e:
                # classify() lets signature_info() raise for a file too
                # short for struct module_signature: malformed.
                verdict, why = ref.VERDICT_MALFORMED, str(e)
            if verdict == ref.VERDICT_VALID:
                indices.setdefault(ref.decode_trailer(data)[1].leaf_index, []).append(p)
            else:
                verdicts[p] = (verdict, why)
        present = len(self.files)
        failed = len(verdicts)
        dups = {i: sorted(ps) for i, ps in indices.items() if len(ps) > 1}
        summary = ("root %s leaves %d: %d modules present, %d verified, %d failed"
                   % (d.root.hex(), d.leaf_count, present, present - failed, failed))
        missing = d.leaf_count - len(indices)
        if missing == 0 and not dups:
            leaves = "leaves: every leaf seen exactly once"
        else:
            leaves = ("leaves: %d of %d seen, %d missing, %d seen more than once"
                      % (len(indices), d.leaf_count, missing, len(dups)))
        return verdicts, dups, summary, leaves, 1 if failed or dups else 0


class VerifyCase(Case):
    def verify(self, kernel, moddir, *extra):
        return run_tool(["verify"] + list(extra) + [kernel, moddir], timeout=300)

    def check_reason(self, path, verdict, why, reason, data, desc):
        d = ref.decode_descriptor(desc)
        what = "reason for %s (reference: %s, %s)" % (os.path.basename(path), verdict, why)
        if verdict == ref.VERDICT_UNSIGNED:
            self.expect("no proof (unsigned)", reason, what)
        elif verdict == ref.VERDICT_PKCS7:
            self.expect_true(reason.startswith("no proof (pkcs7 signature"), what,
                             "no proof (pkcs7 signature...)", reason)
        elif verdict == ref.VERDICT_MODIFIED:
            self.expect("modified (proof does not verify)", reason, what)
        elif verdict == ref.VERDICT_OTHER_BUILD:
            root = ref.decode_trailer(data)[1].root
            self.expect("proof for another build (root %s...)" % root.hex()[:16], reason, what)
            self.expect_true(root != d.root or d.leaf_count == 0, "fixture: another root",
                             "a different root, or a kernel without leaves", root)
        elif verdict == ref.VERDICT_MALFORMED:
            field = self.malformed_field(data, desc)
            pat = r"^malformed proof: .*(%s)" % FIELD_WORDS[field]
            self.expect_true(re.search(pat, reason) is not None, what,
                             "'malformed proof: ...' naming %s (/%s/)" % (field, pat), reason)
        elif verdict == "unreadable":
            self.expect_true(reason.startswith(("cannot read: ", "cannot decompress: ")),
                             what, "cannot read: ... or cannot decompress: ...", reason)
        else:
            raise AssertionError("unexpected verdict %s" % verdict)

    @staticmethod
    def malformed_field(data, desc):
        try:
            _, proof = ref.decode_trailer(data)
        except ref.FormatError as e:
            return e.field
        if proof.leaf_count != ref.decode_descriptor(desc).leaf_count:
            return "leaf_count"
        raise AssertionError("fixture: no malformed field in a malformed module")

    def check(self, img, kernel=None, desc=None, extra=(), unreadable=(), verdict_of=None):
        """Run verify on img and compare everything with the reference."""
        kernel = kernel or img.vmlinux(desc)
        desc = img.desc if desc is None else desc
        verdicts, dups, summary, leaves, status = img.expected(desc, unreadable)
        before = snapshot(self.tmp)
        p = self.verify(kernel, img.moddir, *extra)
        text = out_text(p)
        got_fails, got_dups, got_summary, got_leaves, other = parse_output(p.stdout.decode())
        self.expect(sorted(verdicts), sorted(got_fails),
                    "modules with a FAIL line (output: %s)" % text[:1500])
        for path, (verdict, why) in sorted(verdicts.items()):
            if verdict_of and path in verdict_of:
                verdict = verdict_of[path]
            self.check_reason(path, verdict, why, got_fails[path], img.files[path], desc)
        self.expect(dups, {i: sorted(v) for i, v in got_dups.items()}, "DUPLICATE lines")
        self.expect(summary, got_summary, "summary line")
        self.expect(leaves, got_leaves, "leaves line")
        self.expect([], other, "other lines on stdout")
        self.expect(status, p.returncode, "exit status (output: %s)" % text[-800:])
        self.expect([], snapshot_diff(before, snapshot(self.tmp)), "files changed by verify")
        return p

    def expect_error(self, p, name, what):
        text = out_text(p)
        self.expect(1, p.returncode, "%s: exit status (output: %s)" % (what, text[:600]))
        self.expect_true(name in p.stderr.decode(), "%s: message names %s" % (what, name),
                         name, text[:600])
        self.expect_true(not p.stdout.strip(), "%s: nothing on stdout" % what, "",
                         p.stdout.decode()[:300])


class AllPass(VerifyCase):
    def test_uncompressed(self):
        self.check(Image(self, 23, salt=901))

    def test_xz(self):
        self.check(Image(self, 17, salt=902, kinds=("xz",)))

    def test_zst(self):
        self.check(Image(self, 17, salt=903, kinds=("zst",)))

    def test_gz(self):
        self.check(Image(self, 17, salt=904, kinds=("gz",)))

    def test_mixed(self):
        self.check(Image(self, 40, salt=905, kinds=COMPRESSORS))

    def test_one_module(self):
        self.check(Image(self, 1, salt=906, kinds=("xz",)))

    def test_no_modules(self):
        # An image without modules: nothing fails, every leaf is missing.
        img = Image(self, 9, salt=907)
        for rel in list(img.names):
            img.remove(rel)
        self.check(img)

    def test_sizes_around_the_trailer_window(self):
        # The tool keeps the last bytes of a stream back for the trailer;
        # sizes around that window and the 64 KiB read size.
        sizes = [4, 5, 1000, 1040, 1067, 1068, 1069, 1108, 1200, 65535, 65536, 65537,
                 131072 - 200, 300000]
        self.check(Image(self, len(sizes) * 2, salt=908, kinds=("ko", "xz", "gz", "zst"),
                         sizes=sizes))

    def test_many_modules_threads(self):
        img = Image(self, 600, salt=909, kinds=COMPRESSORS, sizes=[40, 700, 3000])
        outs = []
        for j in ("1", "2", "8"):
            p = self.check(img, extra=("-j", j))
            outs.append(p.stdout)
        self.expect([outs[0]] * 3, outs, "output with -j 1, 2 and 8")

    def test_descriptor_file_as_kernel(self):
        # modules.merkle itself holds one valid descriptor.
        img = Image(self, 5, salt=910)
        desc = self.path("modules.merkle")
        write_file(desc, img.desc)
        self.check(img, kernel=desc)

    def test_trailing_slash(self):
        # Paths are printed as MODDIR/FILE, without the slashes MODDIR ends in.
        img = Image(self, 4, salt=911)
        img.put(img.names[2], img.bodies[2])
        kernel = img.vmlinux()
        p = self.verify(kernel, img.moddir + "//")
        fails = parse_output(p.stdout.decode())[0]
        self.expect({img.path(img.names[2]): "no proof (unsigned)"}, fails,
                    "FAIL lines with MODDIR ending in //")


class Failures(VerifyCase):
    def setUp(self):
        super().setUp()
        self.img = Image(self, 12, salt=920, kinds=COMPRESSORS)

    def victim(self, i):
        rel = self.img.names[i]
        return rel, self.img.path(rel)

    def test_flipped_byte(self):
        # One byte of the module as the kernel gets it, then recompressed:
        # exactly that module fails, and the reference says "modified".
        for i in (1, 6):           # an .xz and a .zst module (kinds cycle)
            rel, p = self.victim(i)
            data = bytearray(self.img.files[p])
            data[len(data) // 3] ^= 0x10
            self.img.put(rel, bytes(data))
        verdicts = self.img.expected()[0]
        self.expect({self.img.path(self.img.names[1]), self.img.path(self.img.names[6])},
                    set(verdicts), "fixture: reference verdicts")
        self.check(self.img)

    def test_flipped_byte_uncompressed(self):
        rel, p = self.victim(0)
        data = bytearray(self.img.files[p])
        data[4] ^= 1
        self.img.put(rel, bytes(data))
        self.check(self.img)

    def test_flipped_trailer_bytes(self):
        # A byte of the audit path and a byte of the root in the proof.
        rel, p = self.victim(4)
        data = bytearray(self.img.files[p])
        body, proof = ref.decode_trailer(bytes(data))
        data[len(body) + 44 + 3] ^= 0x80
        self.img.put(rel, bytes(data))
        rel, p = self.victim(8)
        data = bytearray(self.img.files[p])
        body, proof = ref.decode_trailer(bytes(data))
        data[len(body) + 12] ^= 0x01
        self.img.put(rel, bytes(data))
        self.check(self.img)

    def test_flipped_compressed_byte(self):
        # A flipped byte of the .xz file itself: xz's check fails.
        rel, p = self.victim(1)
        raw = bytearray(read_file(p))
        raw[len(raw) // 2] ^= 0x01
        self.img.put(rel, self.img.files[p], raw=bytes(raw))
        self.check(self.img, unreadable={p})

    def test_not_compressed_at_all(self):
        rel, p = self.victim(3)       # a .gz name holding an uncompressed module
        self.img.put(rel, self.img.files[p], raw=self.img.files[p])
        self.check(self.img, unreadable={p})

    def test_unsigned(self):
        for i in (2, 9):
            rel, p = self.victim(i)
            self.img.put(rel, self.img.bodies[i])
        self.check(self.img)

    def test_another_build(self):
        other = Image(self, 7, salt=921, top="other")
        for i in (1, 5):
            rel = self.img.names[i]
            self.img.put(rel, other.proofed[i])
        self.img.put("extra/foreign.ko.xz", other.proofed[6])
        self.check(self.img)

    def test_pkcs7(self):
        rel, p = self.victim(5)
        sig = rng(922).randbytes(300)
        self.img.put(rel, self.img.bodies[5] + sig + sig_struct(id_type=2, sig_len=300)
                     + ref.MARKER)
        self.check(self.img)

    def test_other_id_types(self):
        # id_type 0, 1 and 7: not a proof, so they go to the signature check,
        # which has no such type (-ENOPKG, treated like an unsigned module);
        # the tool says "no proof".
        over = {}
        for i, id_type in ((2, 0), (6, 1), (10, 7)):
            rel, p = self.victim(i)
            proof = self.img.proofed[i][len(self.img.bodies[i]):-40]
            self.img.put(rel, self.img.bodies[i] + trailer(proof, id_type=id_type))
            over[p] = "other id_type"
        verdicts, _, _, _, _ = self.img.expected()
        self.expect({ref.VERDICT_PKCS7}, {v for v, _ in verdicts.values()},
                    "fixture: the reference's verdicts")
        p = self.verify(self.img.vmlinux(), self.img.moddir)
        fails = parse_output(p.stdout.decode())[0]
        self.expect(sorted(over), sorted(fails), "modules with a FAIL line")
        for path in over:
            self.expect_true(re.match(r"no proof \(\w+ signature, id_type \d+\)$", fails[path]),
                             "reason for %s" % path, "no proof (TYPE signature, id_type N)",
                             fails[path])
        self.expect(1, p.returncode, "exit status")

    def malformed(self, i, make):
        """Replace module i's trailer with make(body, proof)."""
        rel, p = self.victim(i)
        body = self.img.bodies[i]
        _, proof = ref.decode_trailer(self.img.proofed[i])
        self.img.put(rel, body + make(body, proof))

    def test_malformed_fields(self):
        n = len(self.img.bodies)
        root = ref.decode_descriptor(self.img.desc).root
        cases = [
            lambda b, pr: trailer(proof_blob(pr.leaf_index, n, root, pr.path, version=2)),
            lambda b, pr: trailer(proof_blob(pr.leaf_index, n, root, pr.path, algo=5)),
            lambda b, pr: trailer(proof_blob(pr.leaf_index, n, root, pr.path, reserved=1)),
            lambda b, pr: trailer(proof_blob(n, n, root, pr.path)),
            lambda b, pr: trailer(proof_blob(0, 0, root, [])),
            lambda b, pr: trailer(proof_blob(pr.leaf_index, n, root, pr.path + [b"\x33" * 32])),
            lambda b, pr: trailer(proof_blob(pr.leaf_index, n, root, pr.path), algo=1),
            lambda b, pr: trailer(proof_blob(pr.leaf_index, n, root, pr.path), hash_=2),
            lambda b, pr: trailer(proof_blob(pr.leaf_index, n, root, pr.path), signer_len=1),
            lambda b, pr: trailer(proof_blob(pr.leaf_index, n, root, pr.path), key_id_len=3),
            lambda b, pr: trailer(proof_blob(pr.leaf_index, n, root, pr.path), pad=b"\0\1\0"),
            lambda b, pr: trailer(b"\x01\x04" + b"\0" * 10),
        ]
        for i, make in enumerate(cases):
            self.malformed(i, make)
        verdicts = self.img.expected()[0]
        self.expect([ref.VERDICT_MALFORMED] * len(cases), [v for v, _ in verdicts.values()],
                    "fixture: reference verdicts")
        self.check(self.img)

    def test_malformed_leaf_count(self):
        # The kernel's root, another leaf count: malformed, not another build.
        root = ref.decode_descriptor(self.img.desc).root
        self.malformed(7, lambda b, pr: trailer(proof_blob(
            0, 3, root, [b"\x44" * 32] * ref.path_len(0, 3))))
        self.check(self.img)

    def test_malformed_lengths(self):
        # sig_len beyond the file, beyond the longest proof, and a file that
        # holds only the marker.
        rel, p = self.victim(0)
        self.img.put(rel, b"\x7fELF" + sig_struct(sig_len=5000) + ref.MARKER)
        rel, p = self.victim(1)
        big = 44 + 32 * 33
        self.img.put(rel, self.img.bodies[1] + b"\0" * big + sig_struct(sig_len=big)
                     + ref.MARKER)
        rel, p = self.victim(2)
        self.img.put(rel, ref.MARKER)
        rel, p = self.victim(3)
        self.img.put(rel, b"")
        self.check(self.img)

    def test_duplicate_leaf(self):
        # The same module twice: both verify, the leaf is seen twice.
        self.img.put("extra/copy.ko", self.img.files[self.img.path(self.img.names[3])])
        self.img.put("kernel/again.ko.zst", self.img.files[self.img.path(self.img.names[3])])
        self.check(self.img)

    def test_duplicate_and_missing(self):
        self.img.put("extra/copy.ko.gz", self.img.files[self.img.path(self.img.names[0])])
        self.img.remove(self.img.names[5])
        self.img.remove(self.img.names[11])
        self.check(self.img)

    def test_missing_only(self):
        # Modules left out of the image: not a failure.
        for i in (0, 4, 7):
            self.img.remove(self.img.names[i])
        p = self.check(self.img)
        self.expect(0, p.returncode, "exit status with missing modules")

    def test_placeholder_kernel(self):
        # vmlinux.unhashed: leaf count 0, zero root; every proof is for
        # another build.
        self.check(self.img, desc=ref.PLACEHOLDER_DESCRIPTOR)

    def test_kernel_without_leaves(self):
        # A kernel built without modules: leaf count 0, the root of the empty
        # tree.  module-hashes.rst ("Load policy"): such a kernel has no
        # usable root and accepts no proof, so even a proof for that root is
        # for another build.
        empty = ref.encode_descriptor(0, ref.mth([]))
        rel, p = self.victim(0)
        self.img.put(rel, self.img.bodies[0] + trailer(proof_blob(0, 1, ref.mth([]), [])))
        self.expect(ref.VERDICT_OTHER_BUILD, ref.classify(self.img.files[p], empty)[0],
                    "fixture: the reference's verdict")
        self.check(self.img, desc=empty, verdict_of={p: ref.VERDICT_OTHER_BUILD})

    def test_everything_at_once(self):
        other = Image(self, 3, salt=923, top="other")
        rel, p = self.victim(0)
        self.img.put(rel, self.img.bodies[0])
        rel, p = self.victim(1)
        self.img.put(rel, other.proofed[1])
        rel, p = self.victim(2)
        d = bytearray(self.img.files[p])
        d[9] ^= 4
        self.img.put(rel, bytes(d))
        self.malformed(3, lambda b, pr: trailer(proof_blob(pr.leaf_index, 12, pr.root, pr.path,
                                                           reserved=7)))
        self.img.put("extra/dup.ko", self.img.files[self.img.path(self.img.names[4])])
        self.img.remove(self.img.names[10])
        self.check(self.img)

    def test_symlinks_not_followed(self):
        # A symlinked module and a symlinked directory are not part of the tree.
        outside = self.path("outside")
        write_file(os.path.join(outside, "x.ko"), self.img.bodies[0])
        os.symlink(os.path.join(outside, "x.ko"), self.img.path("kernel/link.ko"))
        os.symlink(outside, self.img.path("kernel/linkdir"))
        self.check(self.img)

    def test_only_module_names(self):
        # Files named like modules but not quite are ignored.
        for name in ("a.o", "a.ko.bz2", "a.kox", "ko", "a.ko.xz.orig", "a.ko.sig"):
            write_file(self.img.path("kernel/" + name), self.img.bodies[0])
        self.check(self.img)


# A kernel image made like a bzImage: setup code, the compressed payload
# (vmlinux with its descriptor, and the magic also elsewhere as the real
# kernel's .rodata has it), then more data.
def payload(desc, salt):
    r = rng(salt)
    return (b"\x7fELF" + r.randbytes(30000) + b"MODHROOT\0proof is for another build\0"
            + r.randbytes(5000) + desc + r.randbytes(20000))


def image_bytes(fmt, blob, salt):
    r = rng(salt)
    setup = b"MZ" + bytes(510) + b"HdrS" + r.randbytes(3000)
    if fmt == "xz":
        comp = lzma.compress(blob, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32)
    elif fmt == "gzip":
        comp = gzip.compress(blob, mtime=0)
    elif fmt == "bzip2":
        comp = bz2.compress(blob, 9)
    elif fmt == "lzma":
        # As kbuild's cmd_lzma does it (lzma -9: a 64 MiB dictionary).
        comp = lzma.compress(blob, format=lzma.FORMAT_ALONE, preset=9)
    elif fmt == "zstd":
        comp = run_prog(["zstd", "-q", "-19", "-c"], blob)
    elif fmt == "lz4":
        comp = run_prog(["lz4", "-q", "-l", "-9", "-c"], blob)
    elif fmt == "lzo":
        comp = run_prog(["lzop", "-q", "-9", "-c"], blob)
    else:
        raise ValueError(fmt)
    # The decompressed size, as size_append adds it, then the rest.
    return setup + comp + len(blob).to_bytes(4, "little") + r.randbytes(2000)


class Kernel(VerifyCase):
    def setUp(self):
        super().setUp()
        self.img = Image(self, 9, salt=940, kinds=("xz", "ko"))
        # One module that fails, so that the kernel's root is really used.
        rel = self.img.names[2]
        self.img.put(rel, self.img.bodies[2])

    def fake_image(self, fmt, desc=None, salt=941, blob=None):
        if blob is None:
            blob = payload(self.img.desc if desc is None else desc, salt)
        out = self.path("bzImage-" + fmt)
        write_file(out, image_bytes(fmt, blob, salt))
        return out

    def test_vmlinux(self):
        self.check(self.img, kernel=self.img.vmlinux())

    def test_vmlinux_elf32(self):
        elf = compile_elf(self.path("k32.o"), objcopy_target="elf32-i386")
        data = bytearray(read_file(elf))
        sec = ref.elf_find_section(bytes(data), ".module_hashes")
        data[sec.offset:sec.offset + 48] = self.img.desc
        write_file(self.path("k32"), bytes(data))
        self.check(self.img, kernel=self.path("k32"))

    def test_image_xz(self):
        self.check(self.img, kernel=self.fake_image("xz"))

    def test_image_zstd(self):
        self.check(self.img, kernel=self.fake_image("zstd"))

    def test_image_gzip(self):
        self.check(self.img, kernel=self.fake_image("gzip"))

    def test_image_bzip2(self):
        self.check(self.img, kernel=self.fake_image("bzip2"))

    def test_image_lzma(self):
        self.check(self.img, kernel=self.fake_image("lzma"))

    def test_image_lz4(self):
        self.check(self.img, kernel=self.fake_image("lz4"))

    def test_image_lzo(self):
        self.check(self.img, kernel=self.fake_image("lzo"))

    def test_image_big_payload(self):
        # A payload of several MiB, the descriptor near its end, so that it
        # arrives through the pipe in many pieces.
        r = rng(942)
        blob = b"\x7fELF" + r.randbytes(6 << 20) + self.img.desc + bytes(1000)
        self.check(self.img, kernel=self.fake_image("xz", blob=blob))

    def test_descriptor_across_pieces(self):
        # The descriptor at every offset around a 64 KiB boundary.
        for off in (65536 - 48, 65536 - 47, 65536 - 24, 65536 - 1, 65536):
            blob = bytes(off) + self.img.desc + bytes(100)
            k = self.fake_image("gzip", blob=blob)
            p = self.verify(k, self.img.moddir)
            summary = parse_output(p.stdout.decode())[2]
            self.expect(self.img.expected()[2], summary,
                        "summary with the descriptor at payload offset %d (%s)"
                        % (off, out_text(p)[-300:]))

    def test_uncompressed_image(self):
        # An image that holds the descriptor as it is.
        r = rng(943)
        k = self.path("Image")
        write_file(k, b"MZ" + r.randbytes(5000) + self.img.desc + r.randbytes(5000))
        self.check(self.img, kernel=k)

    def test_other_kernel(self):
        other = Image(self, 5, salt=944, top="other")
        self.check(self.img, kernel=self.fake_image("xz", desc=other.desc), desc=other.desc)

    # -- kernels without exactly one valid descriptor -------------------

    def test_no_descriptor_random(self):
        k = self.path("random.img")
        write_file(k, rng(945).randbytes(50000))
        self.expect_error(self.verify(k, self.img.moddir), k, "random kernel file")

    def test_no_descriptor_in_payload(self):
        blob = payload(b"", 946)           # only the magic in .rodata
        k = self.fake_image("xz", blob=blob)
        self.expect_error(self.verify(k, self.img.moddir), k, "image without a descriptor")

    def test_bad_descriptor_fields(self):
        for i, (off, val) in enumerate(((8, 2), (9, 5), (10, 1), (11, 1))):
            d = bytearray(self.img.desc)
            d[off] = val
            k = self.fake_image("xz", desc=bytes(d), salt=950 + i)
            self.expect_error(self.verify(k, self.img.moddir), k,
                              "image whose only descriptor has byte %d = %d" % (off, val))

    def test_two_descriptors(self):
        other = Image(self, 3, salt=947, top="other")
        blob = payload(self.img.desc, 948) + other.desc
        k = self.fake_image("xz", blob=blob)
        self.expect_error(self.verify(k, self.img.moddir), k, "image with two descriptors")

    def test_same_descriptor_twice(self):
        blob = payload(self.img.desc, 949) + self.img.desc
        k = self.fake_image("gzip", blob=blob)
        self.expect_error(self.verify(k, self.img.moddir), k, "one descriptor twice")

    def test_elf_without_section(self):
        k = compile_elf(self.path("nosec.elf"), section_size=None, linked=True)
        self.expect_error(self.verify(k, self.img.moddir), k, "ELF without .module_hashes")

    def test_elf_bad_descriptor(self):
        d = bytearray(self.img.desc)
        d[8] = 7
        k = self.img.vmlinux(bytes(d))
        self.expect_error(self.verify(k, self.img.moddir), k, "vmlinux with version 7")

    def test_elf_wrong_section_size(self):
        k = compile_elf(self.path("sec40.elf"), section_size=40, linked=True)
        self.expect_error(self.verify(k, self.img.moddir), k, "40-byte .module_hashes")

    def test_truncated_elf(self):
        k = self.img.vmlinux()
        data = read_file(k)
        write_file(k, data[:200])
        self.expect_error(self.verify(k, self.img.moddir), k, "truncated vmlinux")

    def test_empty_kernel(self):
        k = self.path("empty")
        write_file(k, b"")
        self.expect_error(self.verify(k, self.img.moddir), k, "empty kernel file")

    def test_missing_kernel(self):
        k = self.path("nonexistent")
        self.expect_error(self.verify(k, self.img.moddir), k, "missing kernel file")


class Usage(VerifyCase):
    def test_bad_moddir(self):
        img = Image(self, 3, salt=960)
        k = img.vmlinux()
        missing = self.path("no", "such", "dir")
        self.expect_error(self.verify(k, missing), missing, "missing MODDIR")
        self.expect_error(self.verify(k, k), k, "MODDIR is a file")

    def test_usage(self):
        img = Image(self, 3, salt=961)
        k = img.vmlinux()
        for args in (["verify"], ["verify", k], ["verify", k, img.moddir, "x"],
                     ["verify", "-j", "0", k, img.moddir], ["verify", "-j", "x", k, img.moddir],
                     ["verify", "-q", k, img.moddir]):
            p = run_tool(args)
            self.expect(1, p.returncode, "exit status of %s" % " ".join(args[:1] + args[1:2]))
            self.expect_true(b"verify" in p.stderr, "usage names verify", "usage text",
                             p.stderr.decode()[:300])
        p = run_tool([])
        self.expect_true(b"verify [-j N] KERNEL MODDIR" in p.stderr, "usage text",
                         "verify [-j N] KERNEL MODDIR", p.stderr.decode())

    def test_unreadable_module(self):
        # A module that cannot be opened is reported, the rest is checked.
        img = Image(self, 5, salt=962, kinds=("ko", "xz"))
        k = img.vmlinux()
        bad = img.path(img.names[1])
        os.chmod(bad, 0)
        prefix = ()
        if IS_ROOT:
            # chmod 000 does not stop root: run the tool as nobody instead.
            tool = tool_path()
            if shutil.which("setpriv") is None:
                raise unittest.SkipTest("running as root without setpriv: chmod 000 does "
                                        "not stop reads")
            if not all(os.stat(d).st_mode & 0o001 for d in parents(tool)):
                raise unittest.SkipTest("running as root and %s is not reachable by "
                                        "nobody, so chmod 000 cannot be tested" % tool)
            os.chmod(self.tmp, 0o755)
            for dirpath, dirnames, filenames in os.walk(self.tmp):
                for n in dirnames + filenames:
                    os.chown(os.path.join(dirpath, n), NOBODY, NOBODY)
            os.chown(self.tmp, NOBODY, NOBODY)
            prefix = DROP_ROOT
        p = run_tool(["verify", k, img.moddir], prefix=prefix)
        fails = parse_output(p.stdout.decode())[0]
        self.expect([bad], sorted(fails), "FAIL lines (output: %s)" % out_text(p)[:600])
        self.expect_true(fails[bad].startswith("cannot read: "), "reason", "cannot read: ...",
                         fails[bad])
        self.expect(1, p.returncode, "exit status")


def parents(path):
    out = []
    d = os.path.dirname(os.path.abspath(path))
    while True:
        out.append(d)
        if d == "/":
            return out
        d = os.path.dirname(d)
