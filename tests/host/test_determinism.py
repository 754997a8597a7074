# SPDX-License-Identifier: GPL-2.0
"""Same inputs give the same outputs: -j, rebuilds, absolute paths."""

import os

from common import (Case, copy_tree, make_module, make_tree, read_file, ref, rng,
                    snapshot, write_file, write_order)


def outputs(tree, kos, desc="modules.merkle"):
    return [read_file(os.path.join(tree, desc))] + [read_file(os.path.join(tree, k)) for k in kos]


class Determinism(Case):
    def fresh(self, name, n, salt):
        tree = self.path(name)
        os.makedirs(tree)
        kos = make_tree(tree, n, salt=salt)
        return tree, kos, [read_file(os.path.join(tree, k)) for k in kos]

    def test_jobs_1_2_8(self):
        base, kos, originals = self.fresh("base", 150, 11)
        results = {}
        for j in ("1", "2", "8"):
            tree = self.path("j%s" % j)
            copy_tree(base, tree)
            p = self.build(tree, "-j", j)
            self.expect_ok(p, "build -j %s" % j)
            results[j] = outputs(tree, kos)
        self.check_build(self.path("j1"), kos, originals=originals)
        for j in ("2", "8"):
            same = [i for i, (a, b) in enumerate(zip(results["1"], results[j])) if a != b]
            self.expect([], same, "output files (0 = descriptor) differing between -j 1 and -j %s" % j)

    def test_jobs_more_than_modules(self):
        tree, kos, originals = self.fresh("obj", 3, 12)
        p = self.build(tree, "-j", "64")
        self.expect_ok(p, "build -j 64 of 3 modules")
        self.check_build(tree, kos, originals=originals)

    def test_rebuild_replaces_proof(self):
        tree, kos, originals = self.fresh("obj", 17, 13)
        p = self.build(tree)
        self.expect_ok(p, "first build")
        first = outputs(tree, kos)
        p = self.build(tree)
        self.expect_ok(p, "second build over proofed modules")
        second = outputs(tree, kos)
        self.expect([len(x) for x in first], [len(x) for x in second],
                    "file sizes after the second build (stacked proofs grow them)")
        self.expect(first, second, "outputs of the second build")
        self.check_build(tree, kos, originals=originals)

    def test_rebuild_three_times_with_jobs(self):
        tree, kos, originals = self.fresh("obj", 33, 14)
        for j in ("8", "1", "2"):
            p = self.build(tree, "-j", j)
            self.expect_ok(p, "build -j %s" % j)
        self.check_build(tree, kos, originals=originals)

    def test_rebuild_after_reorder(self):
        # Proofs from an earlier tree (other root, other index) are replaced.
        tree, kos, originals = self.fresh("obj", 9, 15)
        self.expect_ok(self.build(tree), "first build")
        kos2 = list(reversed(kos))
        write_order(tree, [k[:-3] + ".o" for k in kos2])
        self.expect_ok(self.build(tree), "build after reversing modules.order")
        self.check_build(tree, kos2, originals=list(reversed(originals)))

    def test_rebuild_after_shrink(self):
        # A module proofed in a 9-leaf tree, rebuilt in a 4-leaf tree.
        tree, kos, originals = self.fresh("obj", 9, 16)
        self.expect_ok(self.build(tree), "first build")
        write_order(tree, [k[:-3] + ".o" for k in kos[5:]])
        self.expect_ok(self.build(tree), "build of a subset")
        self.check_build(tree, kos[5:], originals=originals[5:])

    def test_rebuild_after_relink(self):
        # One module relinked (fresh, no trailer), the others still proofed.
        tree, kos, originals = self.fresh("obj", 8, 17)
        self.expect_ok(self.build(tree), "first build")
        new = make_module(rng(170), 3333)
        write_file(os.path.join(tree, kos[3]), new)
        originals[3] = new
        self.expect_ok(self.build(tree), "build after relinking one module")
        self.check_build(tree, kos, originals=originals)

    def test_rebuild_from_other_tree(self):
        # A module carrying a proof of a different, larger tree.
        a, akos, aorig = self.fresh("a", 20, 18)
        self.expect_ok(self.build(a), "build of tree a")
        b, bkos, borig = self.fresh("b", 3, 19)
        # Put tree a's proofed module 17 into tree b as its module 1.
        write_file(os.path.join(b, bkos[1]), read_file(os.path.join(a, akos[17])))
        borig[1] = aorig[17]
        self.expect_ok(self.build(b), "build of tree b")
        self.check_build(b, bkos, originals=borig)

    def test_different_absolute_paths(self):
        base, kos, originals = self.fresh("base", 40, 20)
        t1 = self.path("x")
        t2 = self.path("some", "much", "longer", "directory", "name", "obj")
        copy_tree(base, t1)
        copy_tree(base, t2)
        self.expect_ok(self.build(t1), "build in %s" % t1)
        self.expect_ok(self.build(t2, order=os.path.join(t2, "modules.order"),
                                  desc=os.path.join(t2, "modules.merkle")),
                       "build in %s with absolute arguments" % t2)
        o1, o2 = outputs(t1, kos), outputs(t2, kos)
        self.expect([], [i for i, (a, b) in enumerate(zip(o1, o2)) if a != b],
                    "output files (0 = descriptor) differing between the two copies")
        self.check_build(t1, kos, originals=originals)

    def test_no_temp_files_left(self):
        tree, kos, originals = self.fresh("obj", 12, 21)
        before = set(snapshot(tree))
        self.expect_ok(self.build(tree, "-j", "4"), "build")
        after = set(snapshot(tree))
        self.expect(["modules.merkle"], sorted(after - before), "new files after the build")
