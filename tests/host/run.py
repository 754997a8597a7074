#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Run the module-hashes reference and host-tool tests.

    python3 tests/host/run.py [-v] [-k SUBSTRING] [SUITE...]

SUITE is a module name without "test_" (reference, mutants, known_answers,
build, determinism, suffix, embed, bad_inputs, show, verify).  Environment: MMT
(tool binary; built from build/linux/scripts/modules-merkle-tree.c if
unset), TEST_SEED.  Prints per-suite counts, every failure with its expected
and actual values, and ends with one line "N passed, N failed[, N skipped]".
Exits 1 if anything failed.
"""

import argparse
import os
import sys
import time
import traceback
import unittest
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

SUITES = ["reference", "mutants", "cli", "known_answers", "build", "determinism", "suffix",
          "embed", "bad_inputs", "show", "verify"]


class Result(unittest.TestResult):
    def __init__(self, verbose=False):
        super().__init__()
        self.records = []          # (suite, name, status, detail)
        self.verbose = verbose

    @staticmethod
    def _name(test):
        tid = test.id()                       # module.Class.method
        mod = tid.split(".", 1)[0]
        return mod[5:] if mod.startswith("test_") else mod, tid

    def _add(self, test, status, detail=""):
        suite, tid = self._name(test)
        self.records.append((suite, tid, status, detail))
        if self.verbose:
            print("%-4s %s" % (status, tid), flush=True)

    def addSuccess(self, test):
        self._add(test, "ok")

    def addFailure(self, test, err):
        self._add(test, "FAIL", str(err[1]))

    def addError(self, test, err):
        if isinstance(err[1], unittest.SkipTest):
            self._add(test, "SKIP", str(err[1]))
            return
        tb = "".join(traceback.format_exception(*err)).rstrip().splitlines()
        self._add(test, "FAIL", "error (exception)\n  expected: no exception\n  actual:   "
                  + "\n            ".join(tb[-6:]))

    def addSkip(self, test, reason):
        self._add(test, "SKIP", reason)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("-k", dest="pattern", help="only tests whose id contains this")
    ap.add_argument("suites", nargs="*", help="suites to run (default: all)")
    args = ap.parse_args()
    warnings.simplefilter("ignore", ResourceWarning)

    import common
    names = args.suites or SUITES
    loader = unittest.defaultTestLoader
    suite = unittest.TestSuite()
    for n in names:
        mod = __import__("test_" + n if not n.startswith("test_") else n)
        tests = loader.loadTestsFromModule(mod)
        if args.pattern:
            flat = []

            def walk(s):
                for t in s:
                    if isinstance(t, unittest.TestSuite):
                        walk(t)
                    elif args.pattern in t.id():
                        flat.append(t)
            walk(tests)
            tests = unittest.TestSuite(flat)
        suite.addTests(tests)

    print("tool: %s" % common.tool_description())
    print("reference: %s" % os.environ.get("MODHASH_REF", common.REF_DEFAULT))
    print("seed: %d" % common.SEED, flush=True)
    res = Result(verbose=args.verbose)
    t0 = time.time()
    suite.run(res)
    dt = time.time() - t0

    order = []
    for s, _, _, _ in res.records:
        if s not in order:
            order.append(s)
    print()
    for s in order:
        recs = [r for r in res.records if r[0] == s]
        c = {k: sum(1 for r in recs if r[2] == k) for k in ("ok", "FAIL", "SKIP")}
        line = "suite %-14s %3d passed, %3d failed" % (s + ":", c["ok"], c["FAIL"])
        if c["SKIP"]:
            line += ", %d skipped" % c["SKIP"]
        print(line)

    skips = {}
    for s, tid, st, detail in res.records:
        if st == "SKIP":
            skips.setdefault(detail, []).append(tid)
    for reason, tids in skips.items():
        print("\nSKIP %d test(s): %s" % (len(tids), reason))
        if len(tids) <= 3:
            for t in tids:
                print("  %s" % t)

    fails = [r for r in res.records if r[2] == "FAIL"]
    for s, tid, st, detail in fails:
        print("\nFAIL %s\n  %s" % (tid, detail.replace("\n", "\n  ")))

    n_ok = sum(1 for r in res.records if r[2] == "ok")
    n_skip = sum(1 for r in res.records if r[2] == "SKIP")
    print("\n(%.1f s)" % dt)
    last = "%d passed, %d failed" % (n_ok, len(fails))
    if n_skip:
        last += ", %d skipped" % n_skip
    print(last)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
