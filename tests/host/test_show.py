# SPDX-License-Identifier: GPL-2.0
"""`modules-merkle-tree show MODULE`.

The document does not fix the output format ("Decode and print a module's
trailer"), so the parsing is loose: the leaf index and leaf count must appear
as numbers after "index"/"count" (or as "leaf M of N"), the root and every
audit-path hash must appear in hex, the path in order, and a module whose
bytes no longer match its proof must produce a line containing INCONSISTENT
(a good one must not).
"""

import os
import re

from common import Case, make_tree, out_text, read_file, ref, run_tool, write_file

HEX64 = re.compile(r"\b[0-9a-fA-F]{64}\b")


def parse_show(text):
    """(index, count, [hex64 tokens in order]) from free-form output."""
    idx = cnt = None
    m = re.search(r"\bleaf\s+(\d+)\s+of\s+(\d+)", text, re.I)
    if m:
        idx, cnt = int(m.group(1)), int(m.group(2))
    m = re.search(r"index\D{0,20}?(\d+)", text, re.I)
    if m:
        idx = int(m.group(1))
    m = re.search(r"count\D{0,20}?(\d+)", text, re.I)
    if m:
        cnt = int(m.group(1))
    return idx, cnt, [h.lower() for h in HEX64.findall(text)]


def is_subsequence(needles, hay):
    it = iter(hay)
    return all(any(n == h for h in it) for n in needles)


class Show(Case):
    def setUp(self):
        super().setUp()
        self.tree = self.path("obj")
        os.makedirs(self.tree)
        self.kos = make_tree(self.tree, 9, salt=71)
        self.expect_ok(self.build(self.tree), "build")

    def show(self, ko):
        return run_tool(["show", os.path.join(self.tree, ko)], cwd=self.tree)

    def check_fields(self, i):
        data = read_file(os.path.join(self.tree, self.kos[i]))
        body, proof = ref.decode_trailer(data)
        p = self.show(self.kos[i])
        self.expect_ok(p, "show %s" % self.kos[i])
        text = out_text(p)
        idx, cnt, hexes = parse_show(text)
        self.expect((proof.leaf_index, proof.leaf_count), (idx, cnt),
                    "leaf index and count printed by show (output: %r)" % text[:800])
        self.expect_true(proof.root.hex() in hexes, "root printed by show",
                         proof.root.hex(), text[:800])
        want = [h.hex() for h in proof.path]
        self.expect_true(is_subsequence(want, hexes),
                         "audit path printed by show, leaf level first",
                         want, text[:1500])
        self.expect_true("INCONSISTENT" not in text, "show of an intact module",
                         "no INCONSISTENT line", text[:800])

    def test_first(self):
        self.check_fields(0)

    def test_middle(self):
        self.check_fields(4)

    def test_last(self):
        self.check_fields(8)

    def test_single_leaf(self):
        t = self.path("one")
        os.makedirs(t)
        kos = make_tree(t, 1, salt=72)
        self.expect_ok(self.build(t), "build of one module")
        data = read_file(os.path.join(t, kos[0]))
        _, proof = ref.decode_trailer(data)
        p = run_tool(["show", os.path.join(t, kos[0])])
        self.expect_ok(p, "show on a one-leaf tree")
        idx, cnt, hexes = parse_show(out_text(p))
        self.expect((0, 1), (idx, cnt), "index/count (output: %r)" % out_text(p)[:500])
        self.expect_true(proof.root.hex() in hexes, "root printed", proof.root.hex(),
                         out_text(p)[:500])

    def flipped(self, i, where):
        f = os.path.join(self.tree, self.kos[i])
        data = bytearray(read_file(f))
        body, proof = ref.decode_trailer(bytes(data))
        off = {"body": len(body) // 2,
               "root": len(body) + 12 + 5,
               "path": len(body) + 44 + 32 * (len(proof.path) - 1) + 7}[where]
        data[off] ^= 0x40
        write_file(f, bytes(data))
        text = out_text(self.show(self.kos[i]))
        self.expect_true(re.search(r"INCONSISTENT", text) is not None,
                         "show after flipping a %s byte of %s" % (where, self.kos[i]),
                         "a line containing INCONSISTENT", text[:800])

    def test_flipped_body_byte(self):
        self.flipped(3, "body")

    def test_flipped_first_body_byte_after_magic(self):
        f = os.path.join(self.tree, self.kos[6])
        data = bytearray(read_file(f))
        data[4] ^= 1
        write_file(f, bytes(data))
        text = out_text(self.show(self.kos[6]))
        self.expect_true("INCONSISTENT" in text, "show after flipping byte 4",
                         "a line containing INCONSISTENT", text[:800])

    def test_flipped_root_byte(self):
        self.flipped(5, "root")

    def test_flipped_path_byte(self):
        self.flipped(7, "path")


class ShowKernel(Case):
    """`show KERNEL`: the root descriptor of a vmlinux or a boot image, with
    the leaf count and root that the reference computes from the modules."""

    def setUp(self):
        super().setUp()
        from common import compile_elf, make_module, rng
        r = rng(73)
        self.bodies = [make_module(r, 3000 + 500 * i) for i in range(13)]
        self.desc = ref.encode_descriptor(13, ref.mth(self.bodies))
        elf = compile_elf(self.path("vmlinux.unhashed"), linked=True)
        data = bytearray(read_file(elf))
        sec = ref.elf_find_section(bytes(data), ".module_hashes")
        data[sec.offset:sec.offset + 48] = self.desc
        self.vmlinux = self.path("vmlinux")
        write_file(self.vmlinux, bytes(data))

    def check(self, kernel, what):
        p = run_tool(["show", kernel])
        self.expect_ok(p, "show %s" % what)
        text = out_text(p)
        root = ref.mth(self.bodies).hex()
        self.expect_true(re.search(r"^root: %s$" % root, text, re.M) is not None,
                         "root line printed for %s" % what, "root: " + root, text[:600])
        self.expect_true(re.search(r"^leaf count: 13$", text, re.M) is not None,
                         "leaf count printed for %s" % what, "leaf count: 13", text[:600])

    def test_vmlinux(self):
        self.check(self.vmlinux, "a vmlinux")

    def test_boot_image(self):
        import gzip
        image = self.path("bzImage")
        write_file(image, b"\x00" * 512 + b"HdrS" + b"\x00" * 60 +
                   gzip.compress(read_file(self.vmlinux), mtime=0) + b"\x00" * 64)
        self.check(image, "a gzip boot image")

    def test_image_without_descriptor(self):
        import gzip
        image = self.path("bzImage")
        write_file(image, b"\x00" * 512 + gzip.compress(b"no descriptor here" * 50))
        p = run_tool(["show", image])
        self.expect(1, p.returncode, "exit status of show on an image without root")
        self.expect_true("no root descriptor" in out_text(p),
                         "error names the problem", "no root descriptor", out_text(p))
