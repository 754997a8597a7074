# SPDX-License-Identifier: GPL-2.0
"""`build -s SUFFIX`: dir/name.o names dir/name.ko plus SUFFIX."""

import os

from common import Case, make_module, read_file, ref, rng, snapshot, write_file, write_order

NAMES = ["kernel/alpha", "drivers/net/beta", "fs/gamma", "lib/delta", "sound/eps"]


class Suffix(Case):
    def tree(self, suffix=".stripped"):
        tree = self.path("obj")
        r = rng(31)
        for nm in NAMES:
            write_file(os.path.join(tree, nm + ".ko"), make_module(r, 6000))
            write_file(os.path.join(tree, nm + ".ko" + suffix), make_module(r, 2000))
        write_order(tree, [nm + ".o" for nm in NAMES])
        return tree

    def test_stripped_hashed(self):
        tree = self.tree()
        kos = [nm + ".ko.stripped" for nm in NAMES]
        originals = [read_file(os.path.join(tree, k)) for k in kos]
        before = snapshot(tree)
        p = self.build(tree, "-s", ".stripped")
        self.expect_ok(p, "build -s .stripped")
        self.check_build(tree, kos, originals=originals)
        after = snapshot(tree)
        changed = sorted(k for k in after if before.get(k) != after[k])
        self.expect(sorted(kos + ["modules.merkle"]), changed,
                    "files written by build -s .stripped (the .ko files stay untouched)")

    def test_without_suffix_uses_ko(self):
        tree = self.tree()
        kos = [nm + ".ko" for nm in NAMES]
        originals = [read_file(os.path.join(tree, k)) for k in kos]
        stripped = {nm: read_file(os.path.join(tree, nm + ".ko.stripped")) for nm in NAMES}
        self.expect_ok(self.build(tree), "build without -s")
        self.check_build(tree, kos, originals=originals)
        self.expect(stripped, {nm: read_file(os.path.join(tree, nm + ".ko.stripped"))
                               for nm in NAMES}, ".ko.stripped files after a build without -s")

    def test_other_suffix(self):
        tree = self.tree(suffix=".x")
        kos = [nm + ".ko.x" for nm in NAMES]
        originals = [read_file(os.path.join(tree, k)) for k in kos]
        self.expect_ok(self.build(tree, "-s", ".x"), "build -s .x")
        self.check_build(tree, kos, originals=originals)

    def test_suffix_and_jobs(self):
        tree = self.tree()
        kos = [nm + ".ko.stripped" for nm in NAMES]
        originals = [read_file(os.path.join(tree, k)) for k in kos]
        self.expect_ok(self.build(tree, "-j", "3", "-s", ".stripped"), "build -j 3 -s .stripped")
        self.check_build(tree, kos, originals=originals)
        self.expect_ok(self.build(tree, "-s", ".stripped", "-j", "2"),
                       "rebuild -s .stripped -j 2 (options in the other order)")
        self.check_build(tree, kos, originals=originals)

    def test_ko_not_needed_with_suffix(self):
        # With -s only dir/name.ko plus SUFFIX is read; dir/name.ko may be absent.
        tree = self.tree()
        os.unlink(os.path.join(tree, NAMES[1] + ".ko"))
        kos = [nm + ".ko.stripped" for nm in NAMES]
        originals = [read_file(os.path.join(tree, k)) for k in kos]
        self.expect_ok(self.build(tree, "-s", ".stripped"), "build -s .stripped without one .ko")
        self.check_build(tree, kos, originals=originals)
