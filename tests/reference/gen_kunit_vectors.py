#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Generate the test vectors of kernel/module/hashes_kunit.c.

Every tree, root descriptor, trailer and expected verdict comes from
modhash_ref.py (the independent reference, written from
Documentation/admin-guide/module-hashes.rst and RFC 9162) or is transcribed
from the published RFC 6962 vectors in vectors/rfc6962.json; nothing is
computed by the kernel code under test.

The output is the block of hashes_kunit.c between the lines
"/* BEGIN GENERATED VECTORS */" and "/* END GENERATED VECTORS */".

    gen_kunit_vectors.py                 print the block
    gen_kunit_vectors.py --update FILE   replace the block in FILE
    gen_kunit_vectors.py --check FILE    exit 1 if FILE's block is stale

Before anything is written, every expectation that the KUnit suite states
by rule (the errno of a flipped bit, of a truncation, of each verdict case)
is checked here against the reference, so the rules cannot hide a
coincidental encoding in the data.
"""

import argparse
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import modhash_ref as ref  # noqa: E402

BEGIN = "/* BEGIN GENERATED VECTORS */"
END = "/* END GENERATED VECTORS */"

HDR = ref.PROOF_HEADER_SIZE
SIG = ref.SIG_STRUCT_SIZE
HASH = ref.DIGEST_SIZE

# Tree sizes whose every leaf the suite verifies: 1, 2, 2^k and 2^k + 1.
TREE_SIZES = [1, 2, 3, 4, 5, 8, 9, 16, 17]
# Byte edits per verdict case (MH_MAX_PATCH in hashes_kunit.c).
MAX_PATCH = 2
# Path entry appended by a verdict case with path_delta = +1 (hashes_kunit.c
# uses the same byte).
EXTRA_PATH_BYTE = 0x5A

# The reasons module_hashes_verify() gives, keyed by the field name of
# modhash_ref.FormatError.  The reference rejects a leaf count of 0 as
# "leaf_count"; the kernel finds it as a leaf index not below the count.
REASON = {
    "module_signature": "truncated trailer",
    "id_type": "signature header",
    "algo": "signature header",
    "hash": "signature header",
    "signer_len": "signature header",
    "key_id_len": "signature header",
    "pad": "signature header",
    "sig_len": "proof length",
    "version": "version",
    "hash_algo": "hash algorithm",
    "reserved": "reserved bytes",
    "leaf_count": "leaf index",
    "leaf_index": "leaf index",
}
OTHER_BUILD = "proof is for another build"
MODIFIED = "proof does not verify, module was modified"


def load_rfc():
    with open(os.path.join(HERE, "vectors", "rfc6962.json")) as f:
        return json.load(f)


RFC = load_rfc()


def synthetic_leaf(i):
    """Leaves 8..16: 14 to 22 distinct bytes."""
    return b"mod%02d:" % i + bytes((i * 29 + j * 7) & 0xFF for j in range(i))


LEAVES = [bytes.fromhex(h) for h in RFC["leaves_hex"]]
LEAVES += [synthetic_leaf(i) for i in range(len(LEAVES), max(TREE_SIZES))]
assert len(set(LEAVES)) == len(LEAVES), "leaf contents must be distinct"


# ---------------------------------------------------------------------------
# Trees
# ---------------------------------------------------------------------------

class Tree:
    def __init__(self, n):
        self.n = n
        self.inputs = LEAVES[:n]
        self.root, self.paths = ref.all_paths(self.inputs)
        self.desc = ref.encode_descriptor(n, self.root)
        published = RFC["roots"].get(str(n))
        if published is not None:
            assert bytes.fromhex(published) == self.root, \
                "reference disagrees with the RFC 6962 root of %d leaves" % n
        for m, p in enumerate(self.paths):
            assert len(p) == ref.path_len(m, n)
            assert ref.verify_inclusion(m, n, ref.leaf_hash(self.inputs[m]),
                                        p, self.root)

    def proofed(self, m):
        """Module m followed by its proof and struct module_signature."""
        tr = ref.encode_trailer(m, self.n, self.root, self.paths[m])
        assert tr.endswith(ref.MARKER)
        return self.inputs[m] + tr[:-len(ref.MARKER)]


TREES = {n: Tree(n) for n in TREE_SIZES}


def node_table():
    """Every distinct hash on an audit path, in order of first use."""
    nodes = []
    index = {}
    for n in TREE_SIZES:
        for p in TREES[n].paths:
            for h in p:
                if h not in index:
                    index[h] = len(nodes)
                    nodes.append(h)
    return nodes, index


NODES, NODE_INDEX = node_table()
assert len(NODES) < 256
# MH_TREE_MAX_PATH and MH_RFC_MAX_PATH in hashes_kunit.c.
assert max(len(p) for t in TREES.values() for p in t.paths) <= 5
assert max(len(c["path"]) for c in RFC["inclusion"]) <= 3


def node_name(h):
    """MTH(D[lo:hi]) for the node's range, for the comment."""
    for n in TREE_SIZES:
        t = ref._Tree([ref.leaf_hash(d) for d in TREES[n].inputs])
        for lo in range(n):
            for hi in range(lo + 1, n + 1):
                if t.mth(lo, hi) == h:
                    return "MTH(D[%d:%d])" % (lo, hi)
    raise AssertionError("node not in any tree")


# ---------------------------------------------------------------------------
# What module_hashes_verify() must return, derived from the reference
# ---------------------------------------------------------------------------

def descriptor_usable(desc):
    try:
        d = ref.decode_descriptor(desc)
    except ref.FormatError:
        return False
    return d.leaf_count != 0


def kernel_verdict(buf, desc):
    """(errno, reason) for buf (module, proof, struct module_signature).

    The proof is parsed first (module-hashes.rst "Load policy": malformed
    proofs are -EBADMSG in every mode), then compared with the root: an
    unusable descriptor, or one with no leaves, authenticates nothing.
    """
    data = bytes(buf) + ref.MARKER
    try:
        ref.decode_trailer(data)
    except ref.FormatError as e:
        return "-EBADMSG", REASON[e.field]
    if not descriptor_usable(desc):
        return "-ENOKEY", OTHER_BUILD
    verdict, _ = ref.classify(data, desc)
    return {
        ref.VERDICT_VALID: ("0", None),
        ref.VERDICT_OTHER_BUILD: ("-ENOKEY", OTHER_BUILD),
        ref.VERDICT_MALFORMED: ("-EBADMSG", "leaf count"),
        ref.VERDICT_MODIFIED: ("-EKEYREJECTED", MODIFIED),
    }[verdict]


# ---------------------------------------------------------------------------
# Complete vectors: bit flips and truncations
# ---------------------------------------------------------------------------

class Vector:
    def __init__(self, name, n, m):
        self.name = name
        self.tree = TREES[n]
        self.n = n
        self.m = m
        self.buf = self.tree.proofed(m)
        self.modlen = len(self.tree.inputs[m])
        self.plen = HDR + HASH * ref.path_len(m, n)
        assert len(self.buf) == self.modlen + self.plen + SIG
        assert kernel_verdict(self.buf, self.tree.desc) == ("0", None)
        self.index_same_len = 0
        self.count_same_len = 0
        for b in range(32):
            i = m ^ (1 << b)
            if i < n and ref.path_len(i, n) == ref.path_len(m, n):
                self.index_same_len |= 1 << b
            c = n ^ (1 << b)
            if m < c and ref.path_len(m, c) == ref.path_len(m, n):
                self.count_same_len |= 1 << b

    def cname(self):
        return "mh_buf_n%d_m%d" % (self.n, self.m)

    def flip_rule(self, off, bit):
        """Mirror of mh_flip_expect() in hashes_kunit.c, which checks the
        reason of -EBADMSG only; None: any reason."""
        if off < self.modlen:
            return "-EKEYREJECTED", MODIFIED
        t = off - self.modlen
        if t == 0:
            return "-EBADMSG", "version"
        if t == 1:
            return "-EBADMSG", "hash algorithm"
        if t < 4:
            return "-EBADMSG", "reserved bytes"
        if t < 8:
            i = self.m ^ (1 << ((7 - t) * 8 + bit))
            if i >= self.n:
                return "-EBADMSG", "leaf index"
            if self.index_same_len >> ((7 - t) * 8 + bit) & 1:
                return "-EKEYREJECTED", MODIFIED
            return "-EBADMSG", "proof length"
        if t < 12:
            b = (11 - t) * 8 + bit
            if self.m >= self.n ^ (1 << b):
                return "-EBADMSG", "leaf index"
            if self.count_same_len >> b & 1:
                return "-EBADMSG", "leaf count"
            return "-EBADMSG", "proof length"
        if t < HDR:
            return "-ENOKEY", OTHER_BUILD
        if t < self.plen:
            return "-EKEYREJECTED", MODIFIED
        if t < self.plen + 8:
            return "-EBADMSG", "signature header"
        sig_len = self.plen ^ (1 << ((self.plen + 11 - t) * 8 + bit))
        if sig_len < HDR or sig_len > len(self.buf) - SIG:
            return "-EBADMSG", "proof length"
        return "-EBADMSG", None

    def check(self):
        full = len(self.buf)
        for off in range(full):
            for bit in range(8):
                b = bytearray(self.buf)
                b[off] ^= 1 << bit
                got = kernel_verdict(b, self.tree.desc)
                want = self.flip_rule(off, bit)
                assert got[0] == want[0] and want[1] in (None, got[1]), \
                    "%s: flip byte %d bit %d: reference %s, rule %s" % (
                        self.name, off, bit, got, want)
        for length in range(full):
            # Tail cut off: no rule beyond -EBADMSG ("truncated trailer"
            # below 12 bytes).
            got = kernel_verdict(self.buf[:length], self.tree.desc)
            assert got[0] == "-EBADMSG", (self.name, "tail", length, got)
            if length < SIG:
                assert got[1] == "truncated trailer"
            # Head cut off: the trailer is intact down to its own length.
            got = kernel_verdict(self.buf[full - length:], self.tree.desc)
            if length < SIG:
                want = ("-EBADMSG", "truncated trailer")
            elif length < SIG + self.plen:
                want = ("-EBADMSG", "proof length")
            else:
                want = ("-EKEYREJECTED", MODIFIED)
            assert got == want, (self.name, "head", length, got, want)


VECTORS = [
    # An inner leaf with the longest path of the 17-leaf tree.
    Vector("leaf 10 of 17", 17, 10),
    # The last leaf, index N - 1, whose path skips levels (fn == sn).
    Vector("leaf 8 of 9", 9, 8),
    # A single module of zero bytes: no path at all.
    Vector("leaf 0 of 1 (empty module)", 1, 0),
]
for _v in VECTORS:
    _v.check()


# ---------------------------------------------------------------------------
# Verdict cases: edits of VECTORS[0], checked against the reference
# ---------------------------------------------------------------------------

BASE = VECTORS[0]


def desc_variant(name, edit):
    d = bytearray(BASE.tree.desc)
    edit(d)
    return name, bytes(d)


def _set(off, value):
    def edit(d):
        d[off] = value
    return edit


def _count(value):
    def edit(d):
        d[12:16] = struct.pack(">I", value)
    return edit


SPECIAL_DESCS = dict([
    desc_variant("mh_desc_n17_count0", _count(0)),
    ("mh_desc_placeholder", ref.PLACEHOLDER_DESCRIPTOR),
    desc_variant("mh_desc_n17_magic", _set(0, ord("m"))),
    desc_variant("mh_desc_n17_version2", _set(8, 2)),
    desc_variant("mh_desc_n17_sha512", _set(9, 6)),
])


def desc_bytes(cname):
    if cname in SPECIAL_DESCS:
        return SPECIAL_DESCS[cname]
    return TREES[int(cname[len("mh_desc_"):])].desc


class Case:
    """One row: BASE, optionally with path entries dropped or appended
    (sig_len follows), then byte patches, then the marker if asked for."""

    def __init__(self, name, err, reason, desc="mh_desc_17", path_delta=0,
                 patches=(), marker=False):
        self.name = name
        self.err = err
        self.reason = reason
        self.desc = desc
        self.path_delta = path_delta
        self.patches = list(patches)
        self.marker = marker
        assert len(self.patches) <= MAX_PATCH

    def build(self):
        mod = BASE.buf[:BASE.modlen]
        proof = BASE.buf[BASE.modlen:BASE.modlen + BASE.plen]
        if self.path_delta < 0:
            proof = proof[:HASH * self.path_delta]
        proof += bytes([EXTRA_PATH_BYTE]) * (HASH * max(self.path_delta, 0))
        b = bytearray(mod + proof + ref.encode_sig_struct(ref.PKEY_ID_MERKLE,
                                                          len(proof)))
        for off, width, val in self.patches:
            b[off:off + width] = val.to_bytes(width, "big")
        if self.marker:
            b += ref.MARKER
        return bytes(b)

    def check(self):
        got = kernel_verdict(self.build(), desc_bytes(self.desc))
        assert got == (self.err, self.reason), (self.name, got)


P = BASE.modlen                      # offset of the proof
S = BASE.modlen + BASE.plen          # offset of struct module_signature


def be32(off, value):
    return [(off, 4, value)]


def byte(off, value):
    return [(off, 1, value)]


def index_is(value):
    return be32(P + 4, value)


def count_is(value):
    return be32(P + 8, value)


def sig_len_is(value):
    return be32(S + 8, value)


AVAIL = len(BASE.buf) - SIG          # bytes in front of the signature

CASES = [
    Case("valid", "0", None),
    Case("another build (the 16-leaf tree)", "-ENOKEY", OTHER_BUILD,
         desc="mh_desc_16"),
    Case("descriptor with N = 0 and this root", "-ENOKEY", OTHER_BUILD,
         desc="mh_desc_n17_count0"),
    Case("placeholder descriptor (N = 0, zero root)", "-ENOKEY", OTHER_BUILD,
         desc="mh_desc_placeholder"),
    Case("descriptor with bad magic", "-ENOKEY", OTHER_BUILD,
         desc="mh_desc_n17_magic"),
    Case("descriptor version 2", "-ENOKEY", OTHER_BUILD,
         desc="mh_desc_n17_version2"),
    Case("descriptor hash algorithm 6", "-ENOKEY", OTHER_BUILD,
         desc="mh_desc_n17_sha512"),
    Case("malformed proof, descriptor with N = 0", "-EBADMSG", "version",
         desc="mh_desc_n17_count0", patches=byte(P, 2)),
    Case("version 0", "-EBADMSG", "version", patches=byte(P, 0)),
    Case("version 2", "-EBADMSG", "version", patches=byte(P, 2)),
    Case("hash algorithm 0", "-EBADMSG", "hash algorithm",
         patches=byte(P + 1, 0)),
    Case("hash algorithm 6 (SHA-512)", "-EBADMSG", "hash algorithm",
         patches=byte(P + 1, 6)),
    Case("reserved[0] = 0x01", "-EBADMSG", "reserved bytes",
         patches=byte(P + 2, 0x01)),
    Case("reserved[1] = 0x80", "-EBADMSG", "reserved bytes",
         patches=byte(P + 3, 0x80)),
    Case("index = N", "-EBADMSG", "leaf index", patches=index_is(17)),
    Case("index = 2^32 - 1", "-EBADMSG", "leaf index",
         patches=index_is(0xFFFFFFFF)),
    Case("index = N - 1, path of leaf 10", "-EBADMSG", "proof length",
         patches=index_is(16)),
    Case("index = 11, same path length", "-EKEYREJECTED", MODIFIED,
         patches=index_is(11)),
    Case("count = 18, same path length", "-EBADMSG", "leaf count",
         patches=count_is(18)),
    Case("count = 16, shorter path", "-EBADMSG", "proof length",
         patches=count_is(16)),
    Case("count = 2^32 - 1", "-EBADMSG", "proof length",
         patches=count_is(0xFFFFFFFF)),
] + [
    Case("RFC 6962 invalid index %d, size %d" % (i, n), "-EBADMSG",
         "leaf index", patches=index_is(i) + count_is(n))
    for i, n in RFC["invalid_inclusion_params"]["cases"]
] + [
    Case("signature id_type PKEY_ID_PKCS7", "-EBADMSG", "signature header",
         patches=byte(S + 2, ref.PKEY_ID_PKCS7)),
    Case("signature algo 1", "-EBADMSG", "signature header",
         patches=byte(S + 0, 1)),
    Case("signature hash 1", "-EBADMSG", "signature header",
         patches=byte(S + 1, 1)),
    Case("signature signer_len 1", "-EBADMSG", "signature header",
         patches=byte(S + 3, 1)),
    Case("signature key_id_len 1", "-EBADMSG", "signature header",
         patches=byte(S + 4, 1)),
    Case("signature __pad[2] 1", "-EBADMSG", "signature header",
         patches=byte(S + 7, 1)),
    Case("marker not stripped", "-EBADMSG", "signature header", marker=True),
    Case("sig_len 0", "-EBADMSG", "proof length", patches=sig_len_is(0)),
    Case("sig_len 43", "-EBADMSG", "proof length", patches=sig_len_is(43)),
    Case("sig_len = proof length - 1", "-EBADMSG", "version",
         patches=sig_len_is(BASE.plen - 1)),
    Case("sig_len = proof length + 1", "-EBADMSG", "version",
         patches=sig_len_is(BASE.plen + 1)),
    Case("sig_len = bytes before the signature", "-EBADMSG", "version",
         patches=sig_len_is(AVAIL)),
    Case("sig_len = bytes before the signature + 1", "-EBADMSG",
         "proof length", patches=sig_len_is(AVAIL + 1)),
    Case("sig_len = buffer length", "-EBADMSG", "proof length",
         patches=sig_len_is(len(BASE.buf))),
    Case("sig_len 2^32 - 1", "-EBADMSG", "proof length",
         patches=sig_len_is(0xFFFFFFFF)),
    Case("last path entry dropped", "-EBADMSG", "proof length",
         path_delta=-1),
    Case("path entry appended", "-EBADMSG", "proof length", path_delta=1),
    Case("module byte 0 flipped", "-EKEYREJECTED", MODIFIED,
         patches=byte(0, BASE.buf[0] ^ 0x01)),
    Case("last module byte flipped", "-EKEYREJECTED", MODIFIED,
         patches=byte(P - 1, BASE.buf[P - 1] ^ 0x80)),
    Case("root in the proof flipped", "-ENOKEY", OTHER_BUILD,
         patches=byte(P + 12, BASE.buf[P + 12] ^ 0x01)),
    Case("path[0] flipped", "-EKEYREJECTED", MODIFIED,
         patches=byte(P + HDR, BASE.buf[P + HDR] ^ 0x01)),
    Case("last path entry flipped", "-EKEYREJECTED", MODIFIED,
         patches=byte(S - 1, BASE.buf[S - 1] ^ 0x80)),
]
for _c in CASES:
    _c.check()


# ---------------------------------------------------------------------------
# Deep trees: 2^31 and more leaves, with a made-up path
# ---------------------------------------------------------------------------

DEEP_MODULE = 16                     # the module is leaf 16's content


def deep_path(length):
    """path[i] is 32 bytes of value i + 1 (mh_test_max_depth() agrees)."""
    return [bytes([i + 1]) * HASH for i in range(length)]


def deep_case(m, n):
    length = ref.path_len(m, n)
    lh = ref.leaf_hash(LEAVES[DEEP_MODULE])
    root, sn = ref.root_from_inclusion(m, n, lh, deep_path(length))
    assert sn == 0
    assert ref.verify_inclusion(m, n, lh, deep_path(length), root)
    return m, n, length, root


DEEP = [deep_case(m, n) for m, n in [
    (0, 0xFFFFFFFF), (0x7FFFFFFF, 0xFFFFFFFF), (0x80000000, 0xFFFFFFFF),
    (0xFFFFFFFE, 0xFFFFFFFF), (0x7FFFFFFF, 0x80000000),
    (0x80000000, 0x80000001),
]]


# ---------------------------------------------------------------------------
# Path lengths
# ---------------------------------------------------------------------------

SMALL_N = 32


def len_cases():
    cases = [tuple(c) for c in RFC["path_lengths"]["cases"]]
    for m, n, length in cases:
        assert ref.path_len(m, n) == length, "reference disagrees with RFC"
    for n in (0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE, 0xFFFFFFFF):
        k = ref.split_point(n)
        for m in sorted({0, 1, k - 1, k, n - 2, n - 1}):
            cases.append((m, n, ref.path_len(m, n)))
    return cases


# ---------------------------------------------------------------------------
# C output
# ---------------------------------------------------------------------------

def c_bytes(data, indent):
    """Byte initializers, at most 12 a line, within 100 columns."""
    tab = "\t" * indent
    per_line = min(12, (100 - 8 * indent + 1) // 6)
    data = bytes(data)
    return ["%s%s," % (tab, ", ".join("0x%02x" % b
                                      for b in data[i:i + per_line]))
            for i in range(0, len(data), per_line)]


def c_array(decl, data):
    return ["%s = {" % decl] + c_bytes(data, 1) + ["};", ""]


def c_str(s):
    return "NULL" if s is None else '"%s"' % s


def wrap_list(values, indent, width=100, first="", last=""):
    """Comma-separated values filling lines of at most width columns.

    With first and last, the list is one initializer: first opens it,
    continuation lines are aligned under its contents, and last replaces
    the final comma.
    """
    tab = "\t" * indent
    pad = tab + " " * len(first)
    items = ["%s," % v for v in values]
    if last:
        items[-1] = values[-1] + last
    lines = []
    line = tab + first
    for item in items:
        if (len((line + item).expandtabs(8)) > width and
                line.strip() != first.strip()):
            lines.append(line.rstrip())
            line = pad
        line += item + " "
    lines.append(line.rstrip())
    return lines


def c_u32(v):
    return "%d" % v if v < 1000 else "0x%08x" % v


def emit():
    out = [BEGIN,
           "/*",
           " * Generated by tests/reference/gen_kunit_vectors.py from the",
           " * reference modhash_ref.py and vectors/rfc6962.json; do not edit.",
           " */",
           ""]

    # Leaves.
    data = b"".join(LEAVES)
    out.append("/* Leaves 0-7 are the RFC 6962 test inputs. */")
    out += c_array("static const u8 mh_leaf_data[]", data)
    out.append("static const struct mh_span mh_leaves[] = {")
    off = 0
    spans = []
    for d in LEAVES:
        spans.append("{ %d, %d }" % (off, len(d)))
        off += len(d)
    out += wrap_list(spans, 1)
    out += ["};", ""]

    # Nodes.
    out.append("/* Every hash on an audit path of the trees below. */")
    out.append("static const u8 mh_nodes[][SHA256_DIGEST_SIZE] = {")
    for i, h in enumerate(NODES):
        out.append("\t/* %d: %s */" % (i, node_name(h)))
        out.append("\t{")
        out += c_bytes(h, 2)
        out.append("\t},")
    out += ["};", ""]

    # Descriptors.
    for n in TREE_SIZES:
        out += c_array("static const u8 mh_desc_%d[MH_DESC_SIZE]" % n,
                       TREES[n].desc)
    for name, d in SPECIAL_DESCS.items():
        out += c_array("static const u8 %s[MH_DESC_SIZE]" % name, d)

    # Paths, as indices into mh_nodes.
    for n in TREE_SIZES:
        out.append("static const struct mh_path mh_paths_%d[] = {" % n)
        for p in TREES[n].paths:
            idx = ", ".join(str(NODE_INDEX[h]) for h in p)
            out.append("\t{ %d, { %s } }," % (len(p), idx) if p
                       else "\t{ 0 },")
        out += ["};", ""]
    out.append("static const struct mh_tree mh_trees[] = {")
    for n in TREE_SIZES:
        out.append("\t{ %d, mh_desc_%d, mh_paths_%d }," % (n, n, n))
    out += ["};", ""]

    # Complete vectors.
    for v in VECTORS:
        out.append("/* %s: the module, its proof, struct module_signature */"
                   % v.name)
        out += c_array("static const u8 %s[]" % v.cname(), v.buf)
    out.append("static const struct mh_vector mh_vectors[] = {")
    for v in VECTORS:
        out += ["\t{",
                '\t\t.name = "%s",' % v.name,
                "\t\t.buf = %s," % v.cname(),
                "\t\t.len = sizeof(%s)," % v.cname(),
                "\t\t.modlen = %d," % v.modlen,
                "\t\t.desc = mh_desc_%d," % v.n,
                "\t\t.index = %d," % v.m,
                "\t\t.count = %d," % v.n,
                "\t\t.index_same_len = 0x%08x," % v.index_same_len,
                "\t\t.count_same_len = 0x%08x," % v.count_same_len,
                "\t},"]
    out += ["};", ""]

    # Verdict cases.
    out.append("/* Edits of mh_vectors[0]. */")
    out.append("static const struct mh_verdict_case mh_verdict_cases[] = {")
    for c in CASES:
        fields = ['.name = "%s"' % c.name, ".desc = %s" % c.desc]
        if c.path_delta:
            fields.append(".path_delta = %d" % c.path_delta)
        if c.patches:
            fields.append(".patch = { %s }" % ", ".join(
                "{ %d, %d, %s }" % (off, width, c_u32(val))
                for off, width, val in c.patches))
        if c.marker:
            fields.append(".marker = true")
        fields.append(".err = %s" % c.err)
        if c.err == "-EBADMSG":
            fields.append(".reason = %s" % c_str(c.reason))
        out += wrap_list(fields, 1, first="{ ", last=" },")
    out += ["};", ""]

    # RFC 6962 inclusion proofs, transcribed.
    out.append("/* RFC 6962 inclusion proofs, as published. */")
    out.append("static const struct mh_rfc_case mh_rfc_cases[] = {")
    for c in RFC["inclusion"]:
        m, n = c["leaf_index"], c["tree_size"]
        path = [bytes.fromhex(h) for h in c["path"]]
        root = bytes.fromhex(RFC["roots"][str(n)])
        assert ref.verify_inclusion(m, n, ref.leaf_hash(LEAVES[m]), path, root)
        out += ["\t{",
                "\t\t.index = %d," % m,
                "\t\t.count = %d," % n,
                "\t\t.len = %d," % len(path),
                "\t\t.root = {"]
        out += c_bytes(root, 3)
        out.append("\t\t},")
        if path:
            out.append("\t\t.path = {")
            for h in path:
                out.append("\t\t\t{")
                out += c_bytes(h, 4)
                out.append("\t\t\t},")
            out.append("\t\t},")
        out.append("\t},")
    out += ["};", ""]

    # Deep trees.
    out.append("/* Module: leaf %d; path[i]: 32 bytes of value i + 1. */"
               % DEEP_MODULE)
    out.append("#define MH_DEEP_MODULE %d" % DEEP_MODULE)
    out.append("")
    out.append("static const struct mh_deep_case mh_deep_cases[] = {")
    for m, n, length, root in DEEP:
        out.append("\t{ 0x%08x, 0x%08x, %d, {" % (m, n, length))
        out += c_bytes(root, 2)
        out.append("\t} },")
    out += ["};", ""]

    # Path lengths.
    out.append("/* len(m, n) for n = 1 to %d and m = 0 to n - 1. */" % SMALL_N)
    out.append("#define MH_SMALL_N %d" % SMALL_N)
    out.append("")
    out.append("static const u8 mh_small_path_len[] = {")
    lens = [ref.path_len(m, n) for n in range(1, SMALL_N + 1)
            for m in range(n)]
    out += wrap_list([str(x) for x in lens], 1)
    out += ["};", ""]
    out.append("/* The published lengths of RFC 6962 paths, then large trees. */")
    out.append("static const struct mh_len_case mh_len_cases[] = {")
    out += wrap_list(["{ %s, %s, %d }" % (c_u32(m), c_u32(n), length)
                      for m, n, length in len_cases()], 1)
    out += ["};", ""]

    out.append(END)
    return "\n".join(out) + "\n"


def splice(text, block):
    start = text.index(BEGIN)
    end = text.index(END) + len(END) + 1
    return text[:start] + block + text[end:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--update", metavar="FILE")
    g.add_argument("--check", metavar="FILE")
    args = ap.parse_args()
    block = emit()
    path = args.update or args.check
    if not path:
        sys.stdout.write(block)
        return 0
    with open(path) as f:
        text = f.read()
    new = splice(text, block)
    if args.check:
        if new != text:
            print("%s: generated vectors are stale" % path, file=sys.stderr)
            return 1
        return 0
    if new != text:
        with open(path, "w") as f:
            f.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
