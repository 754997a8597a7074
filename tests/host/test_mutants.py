# SPDX-License-Identifier: GPL-2.0
"""Deliberately broken copies of the reference must fail test_reference.

Each mutant replaces one exact snippet of tests/reference/modhash_ref.py
(which must occur exactly once), is written to a temp file, and
test_reference is run against it (MODHASH_REF=...) in a subprocess.  The
mutant is "killed" when that run fails.  A control run against the
unmodified reference must pass.
"""

import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from common import HERE, REF_DEFAULT, Case

MUTANTS = {
    "split-balanced": (
        "    k = 1\n    while k * 2 < n:\n        k *= 2\n    return k\n",
        "    return (n + 1) // 2\n"),
    "duplicate-odd-node": (
        "    inputs = list(inputs)\n    return _Tree([leaf_hash(d) for d in inputs]).mth(0, len(inputs))\n",
        "    level = [leaf_hash(d) for d in inputs]\n"
        "    if not level:\n        return sha256(b'')\n"
        "    while len(level) > 1:\n"
        "        if len(level) % 2:\n            level.append(level[-1])\n"
        "        level = [node_hash(level[i], level[i + 1]) for i in range(0, len(level), 2)]\n"
        "    return level[0]\n"),
    "path-root-first": (
        "            return self.path(m, lo, lo + k) + [self.mth(lo + k, hi)]\n"
        "        return self.path(m - k, lo + k, hi) + [self.mth(lo, lo + k)]\n",
        "            return [self.mth(lo + k, hi)] + self.path(m, lo, lo + k)\n"
        "        return [self.mth(lo, lo + k)] + self.path(m - k, lo + k, hi)\n"),
    "path-reversed-output": (
        "    return _Tree([leaf_hash(d) for d in inputs]).path(m, 0, len(inputs))\n",
        "    return list(reversed(_Tree([leaf_hash(d) for d in inputs]).path(m, 0, len(inputs))))\n"),
    "path-wrong-sibling": (
        "            return self.path(m, lo, lo + k) + [self.mth(lo + k, hi)]\n",
        "            return self.path(m, lo, lo + k) + [self.mth(lo, lo + k)]\n"),
    "leaf-no-prefix": ('return sha256(b"\\x00" + bytes(d))', 'return sha256(bytes(d))'),
    "node-prefix-0": ('return sha256(b"\\x01" + left + right)', 'return sha256(b"\\x00" + left + right)'),
    "node-swapped": ('return sha256(b"\\x01" + left + right)', 'return sha256(b"\\x01" + right + left)'),
    "empty-root-zero": ('return sha256(b"")                       # MTH({}) = HASH()',
                        'return bytes(32)'),
    "verify-step1-gt": ("if leaf_index >= tree_size:", "if leaf_index > tree_size:"),
    "verify-no-step4a": ("        if sn == 0:\n            return None\n",
                         "        if False:\n            return None\n"),
    "verify-4bi-swapped": ("r = node_hash(p, r)", "r = node_hash(r, p)"),
    "verify-else-swapped": ("            r = node_hash(r, p)\n", "            r = node_hash(p, r)\n"),
    "verify-no-step4bii": ("while not fn & 1 and fn != 0:", "while False:"),
    "verify-no-final-sn": ("return sn == 0 and r == root", "return r == root"),
    "path-len-off": ("    return 1 + path_len(m - k, n - k)\n",
                     "    return path_len(m - k, n - k)\n"),
    "descriptor-little-endian": ('">BBHI", FORMAT_VERSION', '"<BBHI", FORMAT_VERSION'),
    "trailer-sig-before-proof": (
        "return proof + encode_sig_struct(PKEY_ID_MERKLE, len(proof)) + MARKER",
        "return encode_sig_struct(PKEY_ID_MERKLE, len(proof)) + proof + MARKER"),
    "trailer-id-type-2": ("encode_sig_struct(PKEY_ID_MERKLE, len(proof))",
                          "encode_sig_struct(PKEY_ID_PKCS7, len(proof))"),
    "decode-ignores-proof-reserved": (
        '    if reserved != 0:\n        raise FormatError("reserved", "reserved field is 0x%04x" % reserved)\n'
        '    if n == 0:\n',
        '    if n == 0:\n'),
    "decode-ignores-sig-len": (
        "    if len(raw) != PROOF_HEADER_SIZE + DIGEST_SIZE * plen:\n",
        "    if False:\n"),
}

RUNNER = r"""
import os, sys, unittest
sys.path.insert(0, %r)
import test_reference
suite = unittest.defaultTestLoader.loadTestsFromModule(test_reference)
r = unittest.TextTestRunner(stream=open(os.devnull, "w"), verbosity=0).run(suite)
print("ran=%%d failures=%%d errors=%%d" %% (r.testsRun, len(r.failures), len(r.errors)))
sys.exit(0 if r.wasSuccessful() else 1)
"""

_results = {}


def _run(source):
    fd, path = tempfile.mkstemp(prefix="modhash_ref_mutant_", suffix=".py")
    with os.fdopen(fd, "w") as f:
        f.write(source)
    try:
        env = dict(os.environ, MODHASH_REF=path, PYTHONWARNINGS="ignore")
        p = subprocess.run([sys.executable, "-c", RUNNER % HERE], env=env,
                           capture_output=True, text=True, timeout=120)
        return p.returncode, (p.stdout + p.stderr).strip().splitlines()[-1:] or [""]
    finally:
        os.unlink(path)


def _all_results():
    if not _results:
        with open(REF_DEFAULT) as f:
            src = f.read()
        jobs = {"control": src}
        for name, (old, new) in MUTANTS.items():
            cnt = src.count(old)
            jobs[name] = src.replace(old, new) if cnt == 1 else ("COUNT", cnt)
        with ThreadPoolExecutor(max_workers=4) as ex:
            futs = {n: ex.submit(_run, s) for n, s in jobs.items() if isinstance(s, str)}
            for n, s in jobs.items():
                _results[n] = futs[n].result() if n in futs else s
    return _results


class Mutants(Case):
    def test_control_passes(self):
        rc, last = _all_results()["control"]
        self.expect(0, rc, "test_reference against the unmodified reference (%s)" % last[0])


def _gen():
    for name in MUTANTS:
        def t(self, name=name):
            res = _all_results()[name]
            if res[0] == "COUNT":
                raise AssertionError("mutant %s: snippet occurs %d times in the reference, "
                                     "expected exactly once" % (name, res[1]))
            rc, last = res
            self.expect_true(rc != 0, "mutant %s: %s" % (name, last[0]),
                             "test_reference fails (mutant killed)",
                             "test_reference passes (mutant survived)")
        setattr(Mutants, "test_mutant_" + name.replace("-", "_"), t)


_gen()
