# SPDX-License-Identifier: GPL-2.0
"""`modules-merkle-tree root FILE...` on published vectors and random data."""

import json
import os

from common import Case, VECTORS, out_text, ref, rng, run_tool, write_file

with open(VECTORS) as _f:
    V = json.load(_f)
LEAVES = [bytes.fromhex(h) for h in V["leaves_hex"]]


class RootKnownAnswers(Case):
    def root_of(self, contents, what):
        files = []
        for i, c in enumerate(contents):
            f = self.path("leaf%03d.bin" % i)
            write_file(f, c)
            files.append(f)
        p = run_tool(["root"] + files)
        self.expect_ok(p, "root %s" % what)
        return p.stdout.decode("utf-8", "replace").strip().lower()


def _gen():
    for n in range(1, 9):
        def t(self, n=n):
            got = self.root_of(LEAVES[:n], "of the first %d published leaves" % n)
            self.expect(V["roots"][str(n)], got,
                        "root of the first %d RFC 6962 leaves (published)" % n)
        setattr(RootKnownAnswers, "test_published_root_%d" % n, t)

    for trial in range(12):
        def t(self, trial=trial):
            r = rng(500 + trial)
            n = r.choice([1, 2, 3, 5, 8, 13, 31, 32, 33, 64, 65, 100])
            contents = []
            for _ in range(n):
                kind = r.random()
                if kind < 0.1:
                    contents.append(b"")                       # empty leaf
                elif kind < 0.4:
                    contents.append(r.randbytes(r.randint(1, 64)))  # not ELF
                else:
                    contents.append(b"\x7fELF" + r.randbytes(r.randint(0, 20000)))
            got = self.root_of(contents, "(random trial %d, %d files)" % (trial, n))
            self.expect(ref.mth(contents).hex(), got,
                        "root of %d random files (trial %d) vs reference" % (n, trial))
        setattr(RootKnownAnswers, "test_random_root_%02d" % trial, t)


_gen()


class RootOrder(Case):
    def test_order_matters(self):
        a, b = self.path("a"), self.path("b")
        write_file(a, b"\x7fELF a")
        write_file(b, b"\x7fELF b")
        p1, p2 = run_tool(["root", a, b]), run_tool(["root", b, a])
        self.expect_ok(p1, "root a b")
        self.expect_ok(p2, "root b a")
        self.expect(ref.mth([b"\x7fELF a", b"\x7fELF b"]).hex(),
                    p1.stdout.decode().strip().lower(), "root a b")
        self.expect(ref.mth([b"\x7fELF b", b"\x7fELF a"]).hex(),
                    p2.stdout.decode().strip().lower(), "root b a")

    def test_missing_file(self):
        p = run_tool(["root", self.path("nope.bin")])
        self.expect_true(p.returncode != 0 and "nope.bin" in out_text(p),
                         "root on a missing file", "non-zero exit naming nope.bin",
                         "exit %d: %s" % (p.returncode, out_text(p)))
