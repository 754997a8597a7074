# SPDX-License-Identifier: GPL-2.0
"""The reference's command line, as shell tests use it, against the tool."""

import os
import subprocess
import sys

from common import REF_DEFAULT, Case, make_tree, read_file, run_tool

REF = os.environ.get("MODHASH_REF", REF_DEFAULT)


def ref_cli(*args, cwd=None):
    return subprocess.run([sys.executable, REF] + list(args), cwd=cwd, capture_output=True,
                          timeout=60)


class Cli(Case):
    def setUp(self):
        super().setUp()
        self.tree = self.path("obj")
        os.makedirs(self.tree)
        self.kos = make_tree(self.tree, 7, salt=81)
        self.orig = self.path("orig")
        os.makedirs(self.orig)
        self.copies = []
        for i, k in enumerate(self.kos):
            c = os.path.join(self.orig, "%d.ko" % i)
            with open(c, "wb") as f:
                f.write(read_file(os.path.join(self.tree, k)))
            self.copies.append(c)

    def test_descriptor(self):
        p = ref_cli("descriptor", *self.copies)
        self.expect_ok(p, "modhash_ref.py descriptor")
        self.expect_ok(self.build(self.tree), "tool build")
        self.expect(p.stdout, read_file(os.path.join(self.tree, "modules.merkle")),
                    "modhash_ref.py descriptor vs the tool's modules.merkle")

    def test_descriptor_over_proofed(self):
        # Proofed modules give the same descriptor (earlier proofs are removed).
        self.expect_ok(self.build(self.tree), "tool build")
        p = ref_cli("descriptor", *self.kos, cwd=self.tree)
        self.expect_ok(p, "modhash_ref.py descriptor on proofed modules")
        self.expect(p.stdout, read_file(os.path.join(self.tree, "modules.merkle")),
                    "descriptor over proofed modules")

    def test_trailer(self):
        self.expect_ok(self.build(self.tree), "tool build")
        for i in (0, 3, 6):
            p = ref_cli("trailer", str(i), *self.copies)
            self.expect_ok(p, "modhash_ref.py trailer %d" % i)
            got = read_file(os.path.join(self.tree, self.kos[i]))
            self.expect(read_file(self.copies[i]) + p.stdout, got,
                        "module %d + modhash_ref.py trailer vs the tool's output" % i)

    def test_proofed_and_verify(self):
        self.expect_ok(self.build(self.tree), "tool build")
        p = ref_cli("proofed", "2", *self.copies)
        self.expect(read_file(os.path.join(self.tree, self.kos[2])), p.stdout,
                    "modhash_ref.py proofed 2")
        p = ref_cli("verify", os.path.join(self.tree, "modules.merkle"),
                    os.path.join(self.tree, self.kos[2]))
        self.expect_ok(p, "modhash_ref.py verify on a proofed module")
        p = ref_cli("verify", os.path.join(self.tree, "modules.merkle"), self.copies[2])
        self.expect(1, p.returncode, "modhash_ref.py verify on an unproofed module (exit)")

    def test_root(self):
        p = ref_cli("root", *self.copies)
        t = run_tool(["root"] + self.copies)
        self.expect_ok(t, "tool root")
        self.expect(p.stdout.decode().strip(), t.stdout.decode().strip().lower(),
                    "modhash_ref.py root vs tool root")
