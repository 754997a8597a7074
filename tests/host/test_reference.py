# SPDX-License-Identifier: GPL-2.0
"""The reference against published RFC 6962/9162 vectors and the doc's tables.

Expected values here are either published vectors (tests/reference/vectors)
or byte layouts written out by hand from module-hashes.rst; none of them is
produced by the reference itself.
"""

import base64
import json
import struct
import unittest

from common import Case, VECTORS, ref

with open(VECTORS) as _f:
    V = json.load(_f)
LEAVES = [bytes.fromhex(h) for h in V["leaves_hex"]]
ROOTS = {int(k): bytes.fromhex(v) for k, v in V["roots"].items()}
H = bytes.fromhex


class Vectors(Case):
    """Published known answers (sources recorded in the vectors file)."""

    def test_empty_root(self):
        self.expect(H(V["empty_root"]), ref.mth([]), "MTH({})")

    def test_hasher_leaf(self):
        self.expect(H(V["hasher"]["leaf_L123456"]), ref.leaf_hash(b"L123456"),
                    "leaf hash of 'L123456'")
        self.expect(H(V["hasher"]["empty_leaf"]), ref.leaf_hash(b""), "leaf hash of ''")

    def test_hasher_node(self):
        self.expect(H(V["hasher"]["node_N123_N456"]), ref.node_hash(b"N123", b"N456"),
                    "HashChildren('N123', 'N456')")

    def test_base64_vector_agrees(self):
        b = V["inclusion_base64_td"]
        hexv = [c for c in V["inclusion"] if c["leaf_index"] == 0 and c["tree_size"] == 8][0]
        self.expect([H(p) for p in hexv["path"]], [base64.b64decode(p) for p in b["proof"]],
                    "the two published copies of PATH(0, D[8])")
        self.expect(base64.b64decode(b["root"]), ROOTS[8], "root in happy-path.json")
        self.expect(base64.b64decode(b["leafHash"]), ref.leaf_hash(LEAVES[0]),
                    "leafHash in happy-path.json")
        self.expect(True, ref.verify_inclusion(b["leafIdx"], b["treeSize"],
                                               base64.b64decode(b["leafHash"]),
                                               [base64.b64decode(p) for p in b["proof"]],
                                               base64.b64decode(b["root"])),
                    "verify happy-path.json")

    def test_path_lengths_published(self):
        bad = []
        for m, n, ln in V["path_lengths"]["cases"]:
            got = ref.path_len(m, n)
            if got != ln:
                bad.append(((m, n), ln, got))
        self.expect([], bad, "len(m, n) vs transparency-dev TestInclusion [(m, n), expected, got]")

    def test_path_entries_published_lengths(self):
        bad = []
        for m, n, ln in V["path_lengths"]["cases"]:
            got = len(ref.path(m, [bytes([i]) for i in range(n)]))
            if got != ln:
                bad.append(((m, n), ln, got))
        self.expect([], bad, "len(PATH(m, D[n])) vs published node counts")

    def test_invalid_params(self):
        for m, n in V["invalid_inclusion_params"]["cases"]:
            h = ref.leaf_hash(b"x")
            self.expect(False, ref.verify_inclusion(m, n, h, [], h),
                        "verify_inclusion(%d, %d, h, [], root=h)" % (m, n))
            with self.assertRaises(ValueError, msg="path_len(%d, %d)" % (m, n)):
                ref.path_len(m, n)

    def test_step_4a(self):
        # RFC 9162 2.1.3.2 step 4a: sn == 0 with path entries left fails,
        # even when the extra entry would hash to the claimed root.
        leaf = ref.leaf_hash(b"x")
        x = ref.leaf_hash(b"y")
        self.expect(False, ref.verify_inclusion(0, 1, leaf, [x], ref.node_hash(x, leaf)),
                    "verify(0, 1, leaf, [x], root=HASH(1||x||leaf))")
        self.expect(False, ref.verify_inclusion(0, 1, leaf, [x], ref.node_hash(leaf, x)),
                    "verify(0, 1, leaf, [x], root=HASH(1||leaf||x))")


def _gen_root_tests():
    for n in range(1, 9):
        def t(self, n=n):
            self.expect(ROOTS[n], ref.mth(LEAVES[:n]), "MTH of the first %d leaves" % n)
        setattr(Vectors, "test_root_%d_leaves" % n, t)

    for c in V["inclusion"]:
        m, n, p = c["leaf_index"], c["tree_size"], [H(x) for x in c["path"]]

        def tp(self, m=m, n=n, p=p):
            self.expect(p, ref.path(m, LEAVES[:n]), "PATH(%d, D[%d])" % (m, n))

        def tl(self, m=m, n=n, p=p):
            self.expect(len(p), ref.path_len(m, n), "len(%d, %d)" % (m, n))

        def tv(self, m=m, n=n, p=p):
            root, lh = ROOTS[n], ref.leaf_hash(LEAVES[m])
            self.expect(True, ref.verify_inclusion(m, n, lh, p, root),
                        "verify published PATH(%d, D[%d])" % (m, n))
            # The corruptions of CT's VerifierCheck / transparency-dev's
            # corruptInclusionProof, each must be rejected.
            some = H("abacaba000000000000000000000000000000000000000000060061e00123456")
            probes = [("leaf-1", m - 1, n, lh, p, root),
                      ("leaf+1", m + 1, n, lh, p, root),
                      ("leaf^2", m ^ 2, n, lh, p, root),
                      ("size*2", m, n * 2, lh, p, root),
                      ("size/2", m, n // 2, lh, p, root),
                      ("wrong leaf", m, n, ref.leaf_hash(b"WrongLeaf"), p, root),
                      ("empty root", m, n, lh, p, H(V["empty_root"])),
                      ("random root", m, n, lh, p, some),
                      ("trailing garbage", m, n, lh, p + [b""], root),
                      ("trailing root", m, n, lh, p + [root], root),
                      ("preceding garbage", m, n, lh, [b""] + p, root),
                      ("preceding root", m, n, lh, [root] + p, root)]
            for i in range(len(p)):
                w = list(p)
                w[i] = bytes([w[i][0] ^ 8]) + w[i][1:]
                probes.append(("flipped proof[%d]" % i, m, n, lh, w, root))
            if p:
                probes.append(("removed component", m, n, lh, p[:-1], root))
            if len(p) > 1:
                probes.append(("inserted component", m, n, lh, [p[0], some] + p[1:], root))
            accepted = [d for d, mm, nn, ll, pp, rr in probes
                        if mm >= 0 and ref.verify_inclusion(mm, nn, ll, pp, rr)]
            self.expect([], accepted, "corrupted proofs accepted for (%d, %d)" % (m, n))

        sfx = "%d_of_%d" % (m, n)
        setattr(Vectors, "test_path_" + sfx, tp)
        setattr(Vectors, "test_len_" + sfx, tl)
        setattr(Vectors, "test_verify_" + sfx, tv)


_gen_root_tests()


class TreeProperties(Case):
    """PATH (2.1.3.1) and the verifier (2.1.3.2) agree for every (m, n)."""

    def test_all_paths_verify_up_to_70(self):
        bad = []
        for n in range(1, 71):
            data = [b"leaf %d" % i for i in range(n)]
            root = ref.mth(data)
            for m in range(n):
                p = ref.path(m, data)
                if len(p) != ref.path_len(m, n):
                    bad.append(("len", m, n))
                if not ref.verify_inclusion(m, n, ref.leaf_hash(data[m]), p, root):
                    bad.append(("verify", m, n))
                if n > 1 and ref.verify_inclusion(m ^ 1 if (m ^ 1) < n else m - 1, n,
                                                  ref.leaf_hash(data[m]), p, root):
                    bad.append(("neighbour accepted", m, n))
        self.expect([], bad[:10], "PATH/verify/len consistency failures")

    def test_all_paths_matches_path(self):
        data = [bytes([i]) * i for i in range(37)]
        root, paths = ref.all_paths(data)
        self.expect(ref.mth(data), root, "all_paths root")
        self.expect([ref.path(m, data) for m in range(37)], paths, "all_paths paths")

    def test_max_path_len(self):
        self.expect(32, ref.path_len(0, 2 ** 32 - 1), "len(0, 2^32-1)")
        # The last leaf of a tree of 2^32-1 leaves (32 one bits) sits 31
        # splits down: each split peels off one perfect subtree.
        self.expect(31, ref.path_len(2 ** 32 - 2, 2 ** 32 - 1), "len(2^32-2, 2^32-1)")
        self.expect(32, ref.path_len(2 ** 31 - 1, 2 ** 32 - 1), "len(2^31-1, 2^32-1)")

    def test_no_duplication_3(self):
        a, b, c = (ref.leaf_hash(x) for x in (b"a", b"b", b"c"))
        self.expect(ref.node_hash(ref.node_hash(a, b), c), ref.mth([b"a", b"b", b"c"]),
                    "MTH of 3 leaves is HASH(1||HASH(1||a||b)||c)")


ROOT = bytes(range(32))


class DescriptorFormat(Case):
    """The 48-byte root descriptor table of module-hashes.rst."""

    def test_encode(self):
        exp = (b"MODHROOT" + bytes([1, 4, 0, 0]) + bytes([0x01, 0x02, 0x03, 0x04]) + ROOT)
        self.expect(exp, ref.encode_descriptor(0x01020304, ROOT), "descriptor bytes")

    def test_placeholder(self):
        self.expect(b"MODHROOT\x01\x04\x00\x00" + bytes(36), ref.PLACEHOLDER_DESCRIPTOR,
                    "placeholder descriptor")

    def test_decode(self):
        d = ref.decode_descriptor(b"MODHROOT\x01\x04\x00\x00\x00\x00\x03\xe8" + ROOT)
        self.expect((1, 4, 1000, ROOT), tuple(d), "decoded descriptor")

    def test_strict(self):
        good = ref.encode_descriptor(5, ROOT)
        cases = [("size", good[:47]), ("size", good + b"\0"), ("size", b""),
                 ("magic", b"MODHROOX" + good[8:]), ("magic", b"modhroot" + good[8:]),
                 ("version", good[:8] + b"\x02" + good[9:]),
                 ("version", good[:8] + b"\x00" + good[9:]),
                 ("hash_algo", good[:9] + b"\x05" + good[10:]),
                 ("reserved", good[:10] + b"\x00\x01" + good[12:]),
                 ("reserved", good[:10] + b"\x80\x00" + good[12:])]
        got = []
        for field, data in cases:
            try:
                ref.decode_descriptor(data)
                got.append((field, "accepted"))
            except ref.FormatError as e:
                got.append((field, e.field))
        self.expect([(f, f) for f, _ in cases], got, "field reported by decode_descriptor")


def hand_trailer(m, n, root, path, **over):
    """Trailer bytes laid out by hand from the module-hashes.rst tables."""
    f = dict(version=1, algo=4, reserved=0, m=m, n=n, sig_algo=0, sig_hash=0,
             id_type=3, signer_len=0, key_id_len=0, pad=b"\0\0\0", sig_len=None)
    f.update(over)
    proof = (bytes([f["version"], f["algo"]]) + f["reserved"].to_bytes(2, "big")
             + f["m"].to_bytes(4, "big") + f["n"].to_bytes(4, "big") + root + b"".join(path))
    sig_len = len(proof) if f["sig_len"] is None else f["sig_len"]
    sig = (bytes([f["sig_algo"], f["sig_hash"], f["id_type"], f["signer_len"],
                  f["key_id_len"]]) + f["pad"] + sig_len.to_bytes(4, "big"))
    return proof + sig + b"~Module signature appended~\n"


class TrailerFormat(Case):
    """The module trailer table of module-hashes.rst."""

    def test_encode_layout(self):
        p = [bytes([0xA0 + i]) * 32 for i in range(3)]
        exp = hand_trailer(5, 8, ROOT, p)
        self.expect(exp, ref.encode_trailer(5, 8, ROOT, p), "trailer bytes for leaf 5 of 8")
        self.expect(44 + 96 + 12 + 28, len(exp), "trailer length")

    def test_encode_single_leaf(self):
        self.expect(hand_trailer(0, 1, ROOT, []), ref.encode_trailer(0, 1, ROOT, []),
                    "trailer of a one-leaf tree")

    def test_encode_rejects_wrong_path_length(self):
        with self.assertRaises(ValueError):
            ref.encode_trailer(5, 8, ROOT, [ROOT])

    def test_decode(self):
        p = [bytes([0xB0 + i]) * 32 for i in range(3)]
        body = b"\x7fELF body"
        b, proof = ref.decode_trailer(body + hand_trailer(5, 8, ROOT, p))
        self.expect(body, b, "body")
        self.expect((1, 4, 5, 8, ROOT, p), tuple(proof), "decoded proof")

    def test_strict(self):
        p3 = [bytes([0xC0 + i]) * 32 for i in range(3)]
        body = b"\x7fELF" + bytes(200)
        cases = [
            ("marker", body),
            ("marker", body + hand_trailer(5, 8, ROOT, p3)[:-1]),
            ("module_signature", b"\x7fELF" + b"~Module signature appended~\n"),
            ("id_type", body + hand_trailer(5, 8, ROOT, p3, id_type=2)),
            ("id_type", body + hand_trailer(5, 8, ROOT, p3, id_type=0)),
            ("algo", body + hand_trailer(5, 8, ROOT, p3, sig_algo=1)),
            ("hash", body + hand_trailer(5, 8, ROOT, p3, sig_hash=4)),
            ("signer_len", body + hand_trailer(5, 8, ROOT, p3, signer_len=1)),
            ("key_id_len", body + hand_trailer(5, 8, ROOT, p3, key_id_len=1)),
            ("pad", body + hand_trailer(5, 8, ROOT, p3, pad=b"\0\1\0")),
            ("sig_len", body + hand_trailer(5, 8, ROOT, p3, sig_len=10 ** 6)),
            ("sig_len", body + hand_trailer(5, 8, ROOT, p3, sig_len=43)),
            ("sig_len", body + hand_trailer(5, 8, ROOT, p3[:2])),
            ("sig_len", body + hand_trailer(5, 8, ROOT, p3 + [ROOT])),
            ("sig_len", body + hand_trailer(0, 1, ROOT, [ROOT] * 33)),
            ("version", body + hand_trailer(5, 8, ROOT, p3, version=2)),
            ("version", body + hand_trailer(5, 8, ROOT, p3, version=0)),
            ("hash_algo", body + hand_trailer(5, 8, ROOT, p3, algo=8)),
            ("reserved", body + hand_trailer(5, 8, ROOT, p3, reserved=1)),
            ("leaf_index", body + hand_trailer(8, 8, ROOT, p3)),
            ("leaf_index", body + hand_trailer(9, 8, ROOT, p3)),
            ("leaf_count", body + hand_trailer(0, 0, ROOT, [])),
        ]
        got = []
        for field, data in cases:
            try:
                ref.decode_trailer(data)
                got.append((field, "accepted"))
            except ref.FormatError as e:
                got.append((field, e.field))
        self.expect([(f, f) for f, _ in cases], got, "field reported by decode_trailer")

    def test_split_module(self):
        body = b"\x7fELF" + bytes(50)
        self.expect((body, "none", None), ref.split_module(body), "unsigned module")
        pk = body + b"P" * 40 + bytes([0, 0, 2, 0, 0, 0, 0, 0]) + (40).to_bytes(4, "big") \
            + b"~Module signature appended~\n"
        self.expect((pk, "pkcs7", None), ref.split_module(pk, allow_pkcs7=True), "pkcs7 kept")
        with self.assertRaises(ref.FormatError):
            ref.split_module(pk)

    def test_build_outputs_replace_not_stack(self):
        mods = [b"\x7fELF one", b"\x7fELF two", b"\x7fELF three"]
        desc, files = ref.build_outputs(mods)
        desc2, files2 = ref.build_outputs(files)
        self.expect(desc, desc2, "descriptor after rebuilding proofed modules")
        self.expect(files, files2, "modules after rebuilding proofed modules")


class Policy(Case):
    """Rows of the load-policy table, through ref.classify()."""

    def setUp(self):
        super().setUp()
        self.mods = [b"\x7fELF mod %d" % i for i in range(6)]
        self.desc, self.files = ref.build_outputs(self.mods)

    def verdict(self, module, desc=None):
        return ref.classify(module, desc or self.desc)[0]

    def test_valid(self):
        self.expect(["valid"] * 6, [self.verdict(f) for f in self.files], "proofed modules")

    def test_unsigned(self):
        self.expect("unsigned", self.verdict(self.mods[0]), "no trailer")

    def test_other_build(self):
        other, _ = ref.build_outputs([b"\x7fELF other"] * 2)
        self.expect("other-build", self.verdict(self.files[1], other), "other root")

    def test_malformed_count(self):
        d = ref.decode_descriptor(self.desc)
        bad_desc = ref.encode_descriptor(d.leaf_count + 1, d.root)
        self.expect("malformed", self.verdict(self.files[1], bad_desc),
                    "same root, different leaf count")

    def test_malformed_version(self):
        f = self.files[2]
        body, proof = ref.decode_trailer(f)
        self.expect("malformed", self.verdict(body + b"\x02" + f[len(body) + 1:]), "version 2")

    def test_modified(self):
        f = bytearray(self.files[3])
        f[5] ^= 1
        self.expect("modified", self.verdict(bytes(f)), "flipped body byte")

    def test_pkcs7(self):
        pk = self.mods[0] + b"P" * 40 + bytes([0, 0, 2, 0, 0, 0, 0, 0]) \
            + (40).to_bytes(4, "big") + b"~Module signature appended~\n"
        self.expect("pkcs7", self.verdict(pk), "PKCS#7 signed")


if __name__ == "__main__":
    unittest.main()
