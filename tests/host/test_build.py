# SPDX-License-Identifier: GPL-2.0
"""`modules-merkle-tree build` against the reference for many tree sizes."""

import os

from common import Case, make_module, make_tree, read_file, ref, rng, write_file, write_order

SIZES = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 100, 1000]


class Build(Case):
    def run_n(self, n, *extra):
        tree = self.path("obj")
        os.makedirs(tree)
        kos = make_tree(tree, n, salt=n)
        originals = [read_file(os.path.join(tree, k)) for k in kos]
        p = self.build(tree, *extra)
        self.expect_ok(p, "build of %d modules" % n)
        self.check_build(tree, kos, originals=originals)
        return tree, kos

    def test_descriptor_zero_modules(self):
        # n = 0: root is MTH({}) = SHA-256() by the descriptor table; the
        # all-zero root is only the placeholder linked into vmlinux.unhashed.
        tree = self.path("obj")
        os.makedirs(tree)
        write_file(os.path.join(tree, "modules.order"), b"")
        p = self.build(tree)
        self.expect_ok(p, "build with an empty modules.order")
        self.expect(b"MODHROOT\x01\x04\x00\x00\x00\x00\x00\x00"
                    + bytes.fromhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                    read_file(os.path.join(tree, "modules.merkle")),
                    "descriptor of an empty tree")

    def test_tiny_module(self):
        # The smallest file that starts with the ELF magic.
        tree = self.path("obj")
        write_file(os.path.join(tree, "kernel/tiny.ko"), b"\x7fELF")
        write_file(os.path.join(tree, "kernel/big.ko"), make_module(rng(3), 70000))
        write_order(tree, ["kernel/tiny.o", "kernel/big.o"])
        originals = [b"\x7fELF", read_file(os.path.join(tree, "kernel/big.ko"))]
        p = self.build(tree)
        self.expect_ok(p, "build with a 4-byte module")
        self.check_build(tree, ["kernel/tiny.ko", "kernel/big.ko"], originals=originals)

    def test_body_contains_marker(self):
        # The marker string inside the body (not at the end) is not a trailer.
        tree = self.path("obj")
        body = b"\x7fELF" + b"x" * 40 + ref.MARKER + b"y" * 40
        write_file(os.path.join(tree, "kernel/m.ko"), body)
        write_order(tree, ["kernel/m.o"])
        p = self.build(tree)
        self.expect_ok(p, "build with a marker inside the body")
        self.check_build(tree, ["kernel/m.ko"], originals=[body])

    def test_dotted_names(self):
        # Names with dots and dashes, a dotted directory, a top-level module.
        tree = self.path("obj")
        names = ["a-b_c.d", "drivers/x.y/z", "top", "dir/q_o"]
        r = rng(77)
        for nm in names:
            write_file(os.path.join(tree, nm + ".ko"), make_module(r, 500))
        write_order(tree, [nm + ".o" for nm in names])
        kos = [nm + ".ko" for nm in names]
        originals = [read_file(os.path.join(tree, k)) for k in kos]
        p = self.build(tree)
        self.expect_ok(p, "build with dotted names")
        self.check_build(tree, kos, originals=originals)

    def test_identical_contents(self):
        # Two modules with the same bytes are two leaves, not one.
        tree = self.path("obj")
        same = make_module(rng(78), 1234)
        for nm in ("kernel/twin1", "fs/twin2", "lib/other"):
            write_file(os.path.join(tree, nm + ".ko"), same if "twin" in nm else b"\x7fELF o")
        write_order(tree, ["kernel/twin1.o", "lib/other.o", "fs/twin2.o"])
        p = self.build(tree)
        self.expect_ok(p, "build with two identical modules")
        self.check_build(tree, ["kernel/twin1.ko", "lib/other.ko", "fs/twin2.ko"],
                         originals=[same, b"\x7fELF o", same])

    def test_untouched_files(self):
        # Files not listed in modules.order are left alone.
        tree, kos = self.run_n(5)
        stray = os.path.join(tree, "kernel/stray.ko")
        write_file(stray, b"\x7fELF stray")
        p = self.build(tree)
        self.expect_ok(p, "rebuild")
        self.expect(b"\x7fELF stray", read_file(stray), "module not in modules.order")

    def test_descriptor_path_elsewhere(self):
        tree = self.path("obj")
        os.makedirs(tree)
        kos = make_tree(tree, 6, salt=66)
        originals = [read_file(os.path.join(tree, k)) for k in kos]
        os.makedirs(self.path("out"))
        p = self.build(tree, desc=self.path("out", "root.desc"))
        self.expect_ok(p, "build with an absolute descriptor path")
        exp_desc, _ = ref.build_outputs(originals)
        self.expect(exp_desc, read_file(self.path("out", "root.desc")), "descriptor")
        self.expect(False, os.path.exists(os.path.join(tree, "modules.merkle")),
                    "no stray modules.merkle")


def _gen():
    for n in SIZES:
        if n == 0:
            continue

        def t(self, n=n):
            self.run_n(n)
        setattr(Build, "test_build_%04d_modules" % n, t)


_gen()
