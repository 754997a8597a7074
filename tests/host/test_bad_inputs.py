# SPDX-License-Identifier: GPL-2.0
"""Bad inputs: non-zero exit, a message naming the offending file, and
nothing created or changed ("Nothing is written unless every module could
be read and hashed").  Every file under the test's temp dir is compared
(content, size, mtime, mode) before and after.
"""

import os
import shutil
import unittest

from common import (DROP_ROOT, IS_ROOT, NOBODY, Case, tool_path, compile_elf, make_module, out_text, read_file, ref, rng,
                    run_tool, snapshot, snapshot_diff, write_file, write_order)

GOOD = ["kernel/good0", "drivers/net/good1", "fs/good2", "lib/good3"]


def sig_struct(id_type=3, sig_len=0, algo=0, hash_=0, signer_len=0, key_id_len=0,
               pad=b"\0\0\0"):
    return (bytes([algo, hash_, id_type, signer_len, key_id_len]) + pad
            + sig_len.to_bytes(4, "big"))


def proof_blob(m=1, n=4, version=1, algo=4, reserved=0, root=b"\x11" * 32, npath=None):
    if npath is None:
        npath = ref.path_len(m, n) if 0 <= m < n else 2
    return (bytes([version, algo]) + reserved.to_bytes(2, "big") + m.to_bytes(4, "big")
            + n.to_bytes(4, "big") + root + b"\x22" * 32 * npath)


def trailer(proof, **sig):
    sig.setdefault("sig_len", len(proof))
    return proof + sig_struct(**sig) + ref.MARKER


def _parents(path):
    out = []
    d = os.path.dirname(os.path.abspath(path))
    while True:
        out.append(d)
        if d == "/":
            return out
        d = os.path.dirname(d)


class BadBuild(Case):
    """`build` must refuse these and leave every file alone."""

    def tree(self, bad_name="drivers/bad/victim", bad_content=None, order=None, n_good=4):
        tree = self.path("obj")
        r = rng(61)
        names = GOOD[:n_good]
        for nm in names:
            write_file(os.path.join(tree, nm + ".ko"), make_module(r, 3000))
        lines = [nm + ".o" for nm in names]
        if bad_name is not None:
            if bad_content is not None:
                write_file(os.path.join(tree, bad_name + ".ko"), bad_content)
            lines.insert(2, bad_name + ".o")
        write_order(tree, order if order is not None else lines)
        return tree

    def expect_refused(self, tree, offending, *extra, what=None, prefix=()):
        before = snapshot(self.tmp)
        p = self.build(tree, *extra, prefix=prefix)
        after = snapshot(self.tmp)
        what = what or self._testMethodName
        text = out_text(p)
        problems = []
        if p.returncode == 0:
            problems.append("exit status 0")
        if offending not in text:
            problems.append("message does not name %s" % offending)
        problems += snapshot_diff(before, after)
        if problems:
            raise AssertionError(
                "%s\n  expected: non-zero exit, message naming %s, no file created or "
                "changed\n  actual:   %s; output: %s"
                % (what, offending, "; ".join(problems), text.strip()[:600] or "(none)"))

    def body(self, size=2500):
        return make_module(rng(62), size)

    # -- module files ------------------------------------------------------

    def test_missing_module(self):
        self.expect_refused(self.tree(bad_content=None), "victim.ko")

    def test_empty_module(self):
        self.expect_refused(self.tree(bad_content=b""), "victim.ko")

    def test_module_is_directory(self):
        tree = self.tree(bad_content=None)
        os.makedirs(os.path.join(tree, "drivers/bad/victim.ko"))
        self.expect_refused(tree, "victim.ko")

    def test_unreadable_module(self):
        tree = self.tree(bad_content=self.body())
        os.chmod(os.path.join(tree, "drivers/bad/victim.ko"), 0)
        prefix = ()
        if IS_ROOT:
            # chmod 000 does not stop root: run the tool as nobody instead.
            tool = tool_path()
            if shutil.which("setpriv") is None:
                raise unittest.SkipTest("running as root without setpriv: chmod 000 does "
                                        "not stop reads (test_module_is_directory covers "
                                        "a read error)")
            if not os.access(tool, os.X_OK) or not all(
                    os.stat(d).st_mode & 0o001 for d in _parents(tool)):
                raise unittest.SkipTest("running as root and %s is not reachable by "
                                        "nobody, so chmod 000 cannot be tested" % tool)
            os.chmod(self.tmp, 0o755)
            for dirpath, dirnames, filenames in os.walk(self.tmp):
                for n in dirnames + filenames:
                    os.chown(os.path.join(dirpath, n), NOBODY, NOBODY)
            os.chown(self.tmp, NOBODY, NOBODY)
            prefix = DROP_ROOT
        self.expect_refused(tree, "victim.ko", prefix=prefix)

    def test_non_elf_module(self):
        self.expect_refused(self.tree(bad_content=b"#!/bin/sh\necho not a module\n" * 20),
                            "victim.ko")

    def test_truncated_elf_magic(self):
        self.expect_refused(self.tree(bad_content=b"\x7fEL"), "victim.ko")

    def test_missing_suffix_file(self):
        tree = self.tree(bad_content=self.body())
        for nm in GOOD:
            write_file(os.path.join(tree, nm + ".ko.stripped"), make_module(rng(63), 900))
        # victim.ko exists, victim.ko.stripped does not.
        self.expect_refused(tree, "victim.ko.stripped", "-s", ".stripped")

    # -- modules.order -----------------------------------------------------

    def order_case(self, bad_line, make=None):
        tree = self.tree(bad_name=None)
        if make:
            write_file(make if os.path.isabs(make) else os.path.join(tree, make), self.body())
        lines = [nm + ".o" for nm in GOOD]
        lines.insert(2, bad_line)
        write_order(tree, lines)
        self.expect_refused(tree, "modules.order")

    def test_order_missing_file(self):
        tree = self.tree(bad_name=None)
        os.unlink(os.path.join(tree, "modules.order"))
        self.expect_refused(tree, "modules.order")

    def test_order_no_suffix(self):
        self.order_case("kernel/nosuffix", make="kernel/nosuffix.ko")

    def test_order_ko_suffix(self):
        self.order_case("kernel/kosuffix.ko", make="kernel/kosuffix.ko")

    def test_order_empty_line(self):
        self.order_case("")

    def test_order_absolute_path(self):
        tree = self.path("obj")
        self.order_case(os.path.join(tree, "kernel/abs.o"), make="kernel/abs.ko")

    def test_order_dotdot_leading(self):
        self.order_case("../outside/esc.o", make=self.path("outside", "esc.ko"))

    def test_order_dotdot_inside(self):
        self.order_case("kernel/../fs/mid.o", make="fs/mid.ko")

    def test_order_duplicate_line(self):
        tree = self.tree(bad_name=None)
        lines = [nm + ".o" for nm in GOOD]
        write_order(tree, lines + [lines[1]])
        self.expect_refused(tree, "modules.order")

    def test_order_duplicate_dot_slash(self):
        # The same module spelled twice: "./fs/good2.o" and "fs/good2.o".
        tree = self.tree(bad_name=None)
        lines = [nm + ".o" for nm in GOOD]
        write_order(tree, lines[:1] + ["./" + lines[2]] + lines[1:])
        self.expect_refused(tree, "modules.order")

    def test_order_duplicate_double_slash(self):
        tree = self.tree(bad_name=None)
        lines = [nm + ".o" for nm in GOOD]
        write_order(tree, lines + [lines[1].replace("/", "//", 1)])
        self.expect_refused(tree, "modules.order")

    def test_order_duplicate_dot_component(self):
        tree = self.tree(bad_name=None)
        lines = [nm + ".o" for nm in GOOD]
        write_order(tree, lines + [lines[0].replace("/", "/./", 1)])
        self.expect_refused(tree, "modules.order")

    # -- earlier trailers --------------------------------------------------

    def test_pkcs7_signed_module(self):
        pk = rng(64).randbytes(600)
        self.expect_refused(self.tree(bad_content=self.body() + pk
                                      + sig_struct(id_type=2, sig_len=len(pk)) + ref.MARKER),
                            "victim.ko")

    def test_trailer_truncated_sig_struct(self):
        self.expect_refused(self.tree(bad_content=b"\x7fELF\0\0\0\0" + ref.MARKER), "victim.ko")

    def test_trailer_sig_len_past_start(self):
        self.expect_refused(self.tree(bad_content=self.body(100)
                                      + trailer(proof_blob(), sig_len=100000)), "victim.ko")

    def test_trailer_sig_len_too_small(self):
        self.expect_refused(self.tree(bad_content=self.body()
                                      + trailer(proof_blob()[:40], sig_len=40)), "victim.ko")

    def test_trailer_sig_len_mismatch(self):
        # One audit-path entry missing: sig_len != 44 + 32 * len(m, n).
        self.expect_refused(self.tree(bad_content=self.body()
                                      + trailer(proof_blob(m=1, n=4, npath=1))), "victim.ko")

    def test_trailer_proof_too_long(self):
        self.expect_refused(self.tree(bad_content=self.body()
                                      + trailer(proof_blob(m=0, n=1, npath=33))), "victim.ko")

    def test_trailer_bad_version(self):
        self.expect_refused(self.tree(bad_content=self.body()
                                      + trailer(proof_blob(version=2))), "victim.ko")

    def test_trailer_bad_hash_algo(self):
        self.expect_refused(self.tree(bad_content=self.body()
                                      + trailer(proof_blob(algo=5))), "victim.ko")

    def test_trailer_reserved_nonzero(self):
        self.expect_refused(self.tree(bad_content=self.body()
                                      + trailer(proof_blob(reserved=0x0100))), "victim.ko")

    def test_trailer_index_not_below_count(self):
        self.expect_refused(self.tree(bad_content=self.body()
                                      + trailer(proof_blob(m=4, n=4, npath=2))), "victim.ko")

    def test_trailer_zero_leaf_count(self):
        self.expect_refused(self.tree(bad_content=self.body()
                                      + trailer(proof_blob(m=0, n=0, npath=0))), "victim.ko")

    def test_trailer_sig_struct_nonzero_fields(self):
        self.expect_refused(self.tree(bad_content=self.body()
                                      + trailer(proof_blob(), signer_len=4, pad=b"\0\1\0")),
                            "victim.ko")

    def test_trailer_unknown_id_type(self):
        self.expect_refused(self.tree(bad_content=self.body()
                                      + trailer(proof_blob(), id_type=7)), "victim.ko")

    def test_bad_module_last(self):
        # The bad module is the last one: all others were hashed already.
        tree = self.tree(bad_name=None)
        write_file(os.path.join(tree, "zz/last.ko"), b"not elf")
        write_order(tree, [nm + ".o" for nm in GOOD] + ["zz/last.o"])
        self.expect_refused(tree, "last.ko", "-j", "2")

    def test_bad_module_with_proofed_tree(self):
        # A rebuild over proofed modules that fails must not touch them either.
        tree = self.tree(bad_name=None)
        self.expect_ok(self.build(tree), "first build")
        write_file(os.path.join(tree, "zz/new.ko"), b"")
        write_order(tree, [nm + ".o" for nm in GOOD] + ["zz/new.o"])
        self.expect_refused(tree, "new.ko")


def patch_section_offset(data, name, new_offset):
    """Set sh_offset of section `name` in a little-endian ELF64 image."""
    import struct
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    stroff, = struct.unpack_from("<Q", data, shoff + shstrndx * shentsize + 0x18)
    for i in range(shnum):
        h = shoff + i * shentsize
        n, = struct.unpack_from("<I", data, h)
        if bytes(data[stroff + n:data.index(0, stroff + n)]) == name.encode():
            struct.pack_into("<Q", data, h + 0x18, new_offset)
            return
    raise AssertionError("no section %s in fixture" % name)


class BadEmbed(Case):
    """`embed` must refuse these, naming the file, and create no OUT."""

    def setUp(self):
        super().setUp()
        self.desc = self.path("modules.merkle")
        write_file(self.desc, ref.encode_descriptor(5, bytes(range(32))))
        self.elf = self.path("vmlinux.unhashed")
        compile_elf(self.elf, linked=True)
        self.out = self.path("vmlinux")

    def expect_refused(self, offending, desc=None, elf=None):
        before = snapshot(self.tmp)
        p = run_tool(["embed", desc or self.desc, elf or self.elf, self.out], cwd=self.tmp)
        after = snapshot(self.tmp)
        text = out_text(p)
        problems = []
        if p.returncode == 0:
            problems.append("exit status 0")
        if offending not in text:
            problems.append("message does not name %s" % offending)
        problems += snapshot_diff(before, after)
        if problems:
            raise AssertionError(
                "%s\n  expected: non-zero exit, message naming %s, no OUT, nothing "
                "changed\n  actual:   %s; output: %s"
                % (self._testMethodName, offending, "; ".join(problems),
                   text.strip()[:600] or "(none)"))

    def test_section_nobits(self):
        compile_elf(self.elf, section_size=48, nobits=True)
        self.expect_refused("vmlinux.unhashed")

    def test_section_past_eof(self):
        data = bytearray(read_file(self.elf))
        patch_section_offset(data, ".module_hashes", len(data) - 20)
        write_file(self.elf, bytes(data))
        self.expect_refused("vmlinux.unhashed")

    def test_section_table_truncated(self):
        write_file(self.elf, read_file(self.elf)[:64])
        self.expect_refused("vmlinux.unhashed")

    def bad_desc(self, data):
        write_file(self.desc, data)
        self.expect_refused("modules.merkle")

    def test_section_too_big(self):
        compile_elf(self.elf, section_size=64, linked=True)
        self.expect_refused("vmlinux.unhashed")

    def test_section_too_small(self):
        compile_elf(self.elf, section_size=32, linked=False)
        self.expect_refused("vmlinux.unhashed")

    def test_section_missing(self):
        compile_elf(self.elf, section_size=None, linked=True)
        self.expect_refused("vmlinux.unhashed")

    def test_in_not_elf(self):
        write_file(self.elf, b"this is not an ELF file\n" * 100)
        self.expect_refused("vmlinux.unhashed")

    def test_in_missing(self):
        os.unlink(self.elf)
        self.expect_refused("vmlinux.unhashed")

    def test_descriptor_missing(self):
        os.unlink(self.desc)
        self.expect_refused("modules.merkle")

    def test_descriptor_short(self):
        self.bad_desc(ref.encode_descriptor(5, bytes(32))[:47])

    def test_descriptor_long(self):
        self.bad_desc(ref.encode_descriptor(5, bytes(32)) + b"\n")

    def test_descriptor_empty(self):
        self.bad_desc(b"")

    def test_descriptor_bad_magic(self):
        self.bad_desc(b"MODHROOX" + ref.encode_descriptor(5, bytes(32))[8:])

    def test_descriptor_bad_version(self):
        d = ref.encode_descriptor(5, bytes(32))
        self.bad_desc(d[:8] + b"\x02" + d[9:])

    def test_descriptor_bad_hash_algo(self):
        d = ref.encode_descriptor(5, bytes(32))
        self.bad_desc(d[:9] + b"\x08" + d[10:])

    def test_descriptor_reserved_nonzero(self):
        d = ref.encode_descriptor(5, bytes(32))
        self.bad_desc(d[:10] + b"\x00\x01" + d[12:])
