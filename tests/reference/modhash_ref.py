#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Independent reference implementation of CONFIG_MODULE_HASHES formats.

Written from Documentation/admin-guide/module-hashes.rst ("Format" and "The
host tool") and RFC 9162 only; it deliberately shares no code with
scripts/modules-merkle-tree.c.  Standard library only.

Contents:

* the Merkle Tree Hash MTH of RFC 9162 section 2.1.1 (SHA-256);
* the audit path PATH(m, D[n]) of RFC 9162 section 2.1.3.1;
* inclusion-proof verification, RFC 9162 section 2.1.3.2 (the fn/sn bit
  algorithm, implemented step by step as the RFC words it; it never
  recomputes the tree);
* the audit path length len(m, n) of module-hashes.rst;
* encode/strict decode of the 48-byte root descriptor and of the module
  trailer ([proof][struct module_signature]["~Module signature appended~\\n"]);
* the load-policy classification of module-hashes.rst "Load policy";
* a tiny ELF section-header reader (for checking ``embed``).

Command line (``python3 modhash_ref.py CMD ...``)::

    root FILE...                 hex root over the raw file contents
    descriptor [--hex] MOD...    48-byte root descriptor for these modules
    trailer [--hex] INDEX MOD... trailer (proof+sig+marker) of module INDEX
    proofed INDEX MOD...         module INDEX's body followed by its trailer
    show MODULE                  decode a module's trailer
    verify DESCRIPTOR MODULE     load-policy verdict (exit 0 only if valid)
    section ELF NAME             print "offset size" of a section

For modules, the leaf input d(i) is the file without an earlier proof
trailer (module-hashes.rst, "The tree": "the module file exactly as the
kernel will receive it, without its trailer").
"""

import hashlib
import struct
import sys
from collections import namedtuple

# ---------------------------------------------------------------------------
# Constants (module-hashes.rst "Format")
# ---------------------------------------------------------------------------

HASH_ALGO_SHA256 = 4            # include/uapi/linux/hash_info.h value, per the doc
DIGEST_SIZE = 32
FORMAT_VERSION = 1

DESC_MAGIC = b"MODHROOT"
DESC_SIZE = 48

PKEY_ID_PGP = 0
PKEY_ID_X509 = 1
PKEY_ID_PKCS7 = 2
PKEY_ID_MERKLE = 3

MARKER = b"~Module signature appended~\n"
SIG_STRUCT_SIZE = 12            # struct module_signature
PROOF_HEADER_SIZE = 44
MAX_PATH_LEN = 32
MAX_PROOF_SIZE = PROOF_HEADER_SIZE + DIGEST_SIZE * MAX_PATH_LEN

assert len(MARKER) == 28


class FormatError(ValueError):
    """A malformed descriptor or trailer.  ``field`` names the bad field."""

    def __init__(self, field, message):
        super().__init__("%s: %s" % (field, message))
        self.field = field
        self.message = message


# ---------------------------------------------------------------------------
# RFC 9162 section 2.1.1: Merkle Tree Hash
# ---------------------------------------------------------------------------

def sha256(data=b""):
    return hashlib.sha256(data).digest()


def leaf_hash(d):
    """RFC 9162 2.1.1: MTH({d(0)}) = HASH(0x00 || d(0))."""
    return sha256(b"\x00" + bytes(d))


def node_hash(left, right):
    """RFC 9162 2.1.1: HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))."""
    return sha256(b"\x01" + left + right)


def split_point(n):
    """RFC 9162 2.1.1: k, the largest power of two smaller than n (n > 1)."""
    if n < 2:
        raise ValueError("split_point needs n > 1, got %d" % n)
    k = 1
    while k * 2 < n:
        k *= 2
    return k


class _Tree:
    """Leaf hashes plus a memo of subtree hashes MTH(D[lo:hi]).

    The memo only avoids recomputing the same subtree for every audit path;
    each value is still computed by the recursive definition of RFC 9162
    section 2.1.1.
    """

    def __init__(self, leaf_hashes):
        self.leaves = list(leaf_hashes)
        self.memo = {}

    def mth(self, lo, hi):
        """RFC 9162 2.1.1 MTH(D[lo:hi]) over the stored leaf hashes."""
        n = hi - lo
        if n == 0:
            return sha256(b"")                       # MTH({}) = HASH()
        if n == 1:
            return self.leaves[lo]                   # HASH(0x00 || d)
        key = (lo, hi)
        if key not in self.memo:
            k = split_point(n)
            self.memo[key] = node_hash(self.mth(lo, lo + k), self.mth(lo + k, hi))
        return self.memo[key]

    def path(self, m, lo, hi):
        """RFC 9162 2.1.3.1 PATH(m, D[lo:hi]), m relative to lo.

        PATH(0, {d(0)}) = {}
        PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])      for m < k
        PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k])  for m >= k
        """
        n = hi - lo
        if not 0 <= m < n:
            raise ValueError("leaf index %d out of range for %d leaves" % (m, n))
        if n == 1:
            return []
        k = split_point(n)
        if m < k:
            return self.path(m, lo, lo + k) + [self.mth(lo + k, hi)]
        return self.path(m - k, lo + k, hi) + [self.mth(lo, lo + k)]


def mth(inputs):
    """RFC 9162 2.1.1 Merkle Tree Hash of the list of byte strings."""
    inputs = list(inputs)
    return _Tree([leaf_hash(d) for d in inputs]).mth(0, len(inputs))


def mth_from_leaf_hashes(hashes):
    """RFC 9162 2.1.1 MTH where the leaf hashes are already known."""
    hashes = list(hashes)
    return _Tree(hashes).mth(0, len(hashes))


def path(m, inputs):
    """RFC 9162 2.1.3.1 audit path PATH(m, D[n]), leaf level first."""
    inputs = list(inputs)
    return _Tree([leaf_hash(d) for d in inputs]).path(m, 0, len(inputs))


def all_paths(inputs):
    """(root, [PATH(0, D), ..., PATH(n-1, D)]) sharing one subtree memo."""
    inputs = list(inputs)
    t = _Tree([leaf_hash(d) for d in inputs])
    return t.mth(0, len(inputs)), [t.path(m, 0, len(inputs)) for m in range(len(inputs))]


def path_len(m, n):
    """Audit path length, module-hashes.rst "The tree":

        len(0, 1) = 0
        len(m, n) = 1 + len(m, k)          if m < k
        len(m, n) = 1 + len(m - k, n - k)  if m >= k
    """
    if not 0 <= m < n:
        raise ValueError("leaf index %d out of range for %d leaves" % (m, n))
    if n == 1:
        return 0
    k = split_point(n)
    if m < k:
        return 1 + path_len(m, k)
    return 1 + path_len(m - k, n - k)


# ---------------------------------------------------------------------------
# RFC 9162 section 2.1.3.2: verifying an inclusion proof
# ---------------------------------------------------------------------------

def root_from_inclusion(leaf_index, tree_size, leaf_hash_value, inclusion_path):
    """Steps 1-4 of RFC 9162 2.1.3.2.  Returns (r, sn), or None on failure.

    Kept separate so that ``show``-style diagnostics can print the computed
    root; verify_inclusion() adds step 5.
    """
    # 1. If leaf_index is greater than or equal to tree_size, fail.
    if leaf_index >= tree_size:
        return None
    # 2. Set fn to leaf_index and sn to tree_size - 1.
    fn = leaf_index
    sn = tree_size - 1
    # 3. Set r to hash.
    r = leaf_hash_value
    # 4. For each value p in the inclusion_path array:
    for p in inclusion_path:
        # a. If sn is 0, then stop the iteration and fail.
        if sn == 0:
            return None
        # b. If LSB(fn) is set, or if fn is equal to sn, then:
        if fn & 1 or fn == sn:
            # i. Set r to HASH(0x01 || p || r).
            r = node_hash(p, r)
            # ii. If LSB(fn) is not set, then right-shift both fn and sn
            #     equally until either LSB(fn) is set or fn is 0.
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        # Otherwise:
        else:
            # i. Set r to HASH(0x01 || r || p).
            r = node_hash(r, p)
        # c. Finally, right-shift both fn and sn one time.
        fn >>= 1
        sn >>= 1
    return r, sn


def verify_inclusion(leaf_index, tree_size, leaf_hash_value, inclusion_path, root):
    """RFC 9162 2.1.3.2: True iff the path proves leaf_hash is at leaf_index."""
    res = root_from_inclusion(leaf_index, tree_size, leaf_hash_value, inclusion_path)
    if res is None:
        return False
    r, sn = res
    # 5. Compare sn to 0.  Compare r against the root_hash.
    return sn == 0 and r == root


# ---------------------------------------------------------------------------
# Root descriptor (module-hashes.rst "The root descriptor")
# ---------------------------------------------------------------------------

Descriptor = namedtuple("Descriptor", "version hash_algo leaf_count root")

PLACEHOLDER_DESCRIPTOR = None   # filled in below


def encode_descriptor(leaf_count, root):
    """48 bytes: "MODHROOT", version 1, algo 4, reserved 0, be32 n, root."""
    if len(root) != DIGEST_SIZE:
        raise ValueError("root must be %d bytes" % DIGEST_SIZE)
    if not 0 <= leaf_count <= 0xFFFFFFFF:
        raise ValueError("leaf count out of range")
    return (DESC_MAGIC + struct.pack(">BBHI", FORMAT_VERSION, HASH_ALGO_SHA256,
                                     0, leaf_count) + bytes(root))


PLACEHOLDER_DESCRIPTOR = encode_descriptor(0, bytes(DIGEST_SIZE))


def descriptor_for_inputs(inputs):
    """Descriptor for the leaf inputs d(0..n-1) (bodies, trailers removed)."""
    inputs = list(inputs)
    return encode_descriptor(len(inputs), mth(inputs))


def decode_descriptor(data):
    """Strictly decode a root descriptor; raise FormatError naming the field."""
    data = bytes(data)
    if len(data) != DESC_SIZE:
        raise FormatError("size", "descriptor is %d bytes, expected %d"
                          % (len(data), DESC_SIZE))
    if data[0:8] != DESC_MAGIC:
        raise FormatError("magic", "bad magic %r" % data[0:8])
    version, algo, reserved, count = struct.unpack(">BBHI", data[8:16])
    if version != FORMAT_VERSION:
        raise FormatError("version", "unsupported version %d" % version)
    if algo != HASH_ALGO_SHA256:
        raise FormatError("hash_algo", "unsupported hash algorithm %d" % algo)
    if reserved != 0:
        raise FormatError("reserved", "reserved field is 0x%04x" % reserved)
    return Descriptor(version, algo, count, data[16:48])


# ---------------------------------------------------------------------------
# Module trailer (module-hashes.rst "The module trailer")
# ---------------------------------------------------------------------------

Proof = namedtuple("Proof", "version hash_algo leaf_index leaf_count root path")
ModuleSignature = namedtuple(
    "ModuleSignature", "algo hash id_type signer_len key_id_len pad sig_len")


def encode_proof(leaf_index, leaf_count, root, audit_path):
    """Proof: version, algo, reserved, be32 m, be32 n, root, path."""
    if not 0 <= leaf_index < leaf_count <= 0xFFFFFFFF:
        raise ValueError("bad leaf index/count %d/%d" % (leaf_index, leaf_count))
    if len(audit_path) != path_len(leaf_index, leaf_count):
        raise ValueError("path has %d entries, len(m, n) = %d"
                         % (len(audit_path), path_len(leaf_index, leaf_count)))
    if len(root) != DIGEST_SIZE or any(len(p) != DIGEST_SIZE for p in audit_path):
        raise ValueError("digests must be %d bytes" % DIGEST_SIZE)
    return (struct.pack(">BBHII", FORMAT_VERSION, HASH_ALGO_SHA256, 0,
                        leaf_index, leaf_count) + bytes(root)
            + b"".join(bytes(p) for p in audit_path))


def encode_sig_struct(id_type, sig_len):
    """struct module_signature: algo, hash, id_type, signer_len, key_id_len,
    __pad[3], be32 sig_len."""
    return struct.pack(">BBBBB3sI", 0, 0, id_type, 0, 0, b"\0\0\0", sig_len)


def encode_trailer(leaf_index, leaf_count, root, audit_path):
    """[proof][struct module_signature][marker] for one module."""
    proof = encode_proof(leaf_index, leaf_count, root, audit_path)
    return proof + encode_sig_struct(PKEY_ID_MERKLE, len(proof)) + MARKER


def decode_sig_struct(raw):
    return ModuleSignature(*struct.unpack(">BBBBB3sI", raw))


def has_marker(data):
    return len(data) >= len(MARKER) and data.endswith(MARKER)


def signature_info(data):
    """(ModuleSignature, body_end_of_sig) for a file ending with the marker.

    Raises FormatError("module_signature") when the file is too short.
    Returns None when there is no marker at all.
    """
    if not has_marker(data):
        return None
    if len(data) < len(MARKER) + SIG_STRUCT_SIZE:
        raise FormatError("module_signature", "file too short (%d bytes) for "
                          "struct module_signature before the marker" % len(data))
    end = len(data) - len(MARKER)
    return decode_sig_struct(data[end - SIG_STRUCT_SIZE:end]), end - SIG_STRUCT_SIZE


def decode_proof(raw):
    """Strictly decode a proof blob (exactly sig_len bytes)."""
    raw = bytes(raw)
    if len(raw) < PROOF_HEADER_SIZE:
        raise FormatError("sig_len", "proof is %d bytes, shorter than the "
                          "%d-byte header" % (len(raw), PROOF_HEADER_SIZE))
    if len(raw) > MAX_PROOF_SIZE:
        raise FormatError("sig_len", "proof is %d bytes, more than %d"
                          % (len(raw), MAX_PROOF_SIZE))
    version, algo, reserved, m, n = struct.unpack(">BBHII", raw[:12])
    if version != FORMAT_VERSION:
        raise FormatError("version", "unsupported proof version %d" % version)
    if algo != HASH_ALGO_SHA256:
        raise FormatError("hash_algo", "unsupported hash algorithm %d" % algo)
    if reserved != 0:
        raise FormatError("reserved", "reserved field is 0x%04x" % reserved)
    if n == 0:
        raise FormatError("leaf_count", "leaf count is 0")
    if m >= n:
        raise FormatError("leaf_index", "leaf index %d not smaller than leaf "
                          "count %d" % (m, n))
    plen = path_len(m, n)
    if len(raw) != PROOF_HEADER_SIZE + DIGEST_SIZE * plen:
        raise FormatError("sig_len", "proof is %d bytes, len(%d, %d) = %d "
                          "needs %d" % (len(raw), m, n, plen,
                                        PROOF_HEADER_SIZE + DIGEST_SIZE * plen))
    root = raw[12:44]
    audit = [raw[44 + 32 * i:76 + 32 * i] for i in range(plen)]
    return Proof(version, algo, m, n, root, audit)


def decode_trailer(data):
    """Strictly decode the proof trailer of a module file.

    Returns (body, Proof).  Raises FormatError naming the malformed field:
    "marker", "module_signature", "algo", "hash", "id_type", "signer_len",
    "key_id_len", "pad", "sig_len", "version", "hash_algo", "reserved",
    "leaf_count", "leaf_index".
    """
    data = bytes(data)
    info = signature_info(data)
    if info is None:
        raise FormatError("marker", "no \"~Module signature appended~\" marker")
    sig, sig_off = info
    if sig.id_type != PKEY_ID_MERKLE:
        raise FormatError("id_type", "id_type %d is not PKEY_ID_MERKLE (%d)"
                          % (sig.id_type, PKEY_ID_MERKLE))
    for field in ("algo", "hash", "signer_len", "key_id_len"):
        if getattr(sig, field) != 0:
            raise FormatError(field, "%s is %d, expected 0"
                              % (field, getattr(sig, field)))
    if sig.pad != b"\0\0\0":
        raise FormatError("pad", "padding bytes are %s" % sig.pad.hex())
    if sig.sig_len > sig_off:
        raise FormatError("sig_len", "sig_len %d exceeds the %d bytes before "
                          "the signature" % (sig.sig_len, sig_off))
    if sig.sig_len < PROOF_HEADER_SIZE or sig.sig_len > MAX_PROOF_SIZE:
        raise FormatError("sig_len", "sig_len %d outside [%d, %d]"
                          % (sig.sig_len, PROOF_HEADER_SIZE, MAX_PROOF_SIZE))
    proof = decode_proof(data[sig_off - sig.sig_len:sig_off])
    return data[:sig_off - sig.sig_len], proof


def split_module(data, allow_pkcs7=False):
    """Split a module file into (body, kind, proof).

    kind is "none" (no marker), "merkle" (a well-formed proof, removed from
    body), or "pkcs7" (only if allow_pkcs7; body is the whole file).
    Malformed trailers raise FormatError.
    """
    data = bytes(data)
    info = signature_info(data)
    if info is None:
        return data, "none", None
    sig, _ = info
    if sig.id_type == PKEY_ID_PKCS7:
        if allow_pkcs7:
            return data, "pkcs7", None
        raise FormatError("id_type", "module is already signed (PKCS#7)")
    body, proof = decode_trailer(data)
    return body, "merkle", proof


def module_body(data):
    """d(i): the module without a previously appended proof trailer."""
    return split_module(data)[0]


def is_elf(data):
    return len(data) >= 4 and data[:4] == b"\x7fELF"


def build_outputs(module_contents):
    """What ``build`` must produce for these module files, in order.

    Returns (descriptor, [new module file contents]).  Earlier proofs are
    replaced, never stacked.
    """
    bodies = [module_body(c) for c in module_contents]
    root, paths = all_paths(bodies)
    n = len(bodies)
    desc = encode_descriptor(n, root)
    files = [b + encode_trailer(i, n, root, paths[i]) for i, b in enumerate(bodies)]
    return desc, files


# ---------------------------------------------------------------------------
# Load policy (module-hashes.rst "Load policy")
# ---------------------------------------------------------------------------

VERDICT_VALID = "valid"                 # loads
VERDICT_UNSIGNED = "unsigned"           # no trailer
VERDICT_OTHER_BUILD = "other-build"     # well-formed proof, different root
VERDICT_MALFORMED = "malformed"         # -EBADMSG in every mode
VERDICT_MODIFIED = "modified"           # proof for this root, does not verify
VERDICT_PKCS7 = "pkcs7"                 # goes to the signature check


def classify(module, descriptor):
    """Verdict of module-hashes.rst "Load policy" for a module file."""
    desc = decode_descriptor(descriptor)
    info = signature_info(bytes(module)) if has_marker(module) else None
    if info is None:
        return VERDICT_UNSIGNED, "no trailer"
    if info[0].id_type != PKEY_ID_MERKLE:
        # any other key identifier type goes to the signature check
        return VERDICT_PKCS7, "signature (id_type %d)" % info[0].id_type
    try:
        body, proof = decode_trailer(module)
    except FormatError as e:
        return VERDICT_MALFORMED, str(e)
    if desc.leaf_count == 0:
        return VERDICT_OTHER_BUILD, "no usable built-in root (leaf count 0)"
    if proof.root != desc.root:
        return VERDICT_OTHER_BUILD, "proof is for another root"
    if proof.leaf_count != desc.leaf_count:
        return VERDICT_MALFORMED, ("leaf count %d differs from built-in %d"
                                   % (proof.leaf_count, desc.leaf_count))
    if not verify_inclusion(proof.leaf_index, proof.leaf_count,
                            leaf_hash(body), proof.path, desc.root):
        return VERDICT_MODIFIED, "proof does not verify"
    return VERDICT_VALID, "leaf %d of %d" % (proof.leaf_index, proof.leaf_count)


# ---------------------------------------------------------------------------
# ELF section lookup (ELF gABI section header table)
# ---------------------------------------------------------------------------

Section = namedtuple("Section", "name type offset size")


def elf_sections(data):
    """List the sections of an ELF file (32/64-bit, either byte order)."""
    data = bytes(data)
    if not is_elf(data) or len(data) < 16:
        raise FormatError("elf", "not an ELF file")
    cls, enc = data[4], data[5]
    if cls not in (1, 2) or enc not in (1, 2):
        raise FormatError("elf", "bad EI_CLASS/EI_DATA")
    e = "<" if enc == 1 else ">"
    if cls == 2:
        shoff, = struct.unpack_from(e + "Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", data, 0x3A)
        fmt = e + "IIQQQQIIQQ"
    else:
        shoff, = struct.unpack_from(e + "I", data, 0x20)
        shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", data, 0x2E)
        fmt = e + "IIIIIIIIII"
    if shoff == 0:
        return []
    if shoff + struct.calcsize(fmt) > len(data):
        raise FormatError("elf", "section header table out of bounds")
    if shnum == 0 or shstrndx == 0xFFFF:
        s0 = struct.unpack_from(fmt, data, shoff)
        if shnum == 0:
            shnum = s0[5]
        if shstrndx == 0xFFFF:
            shstrndx = s0[6]
    if shentsize < struct.calcsize(fmt) or shoff + shnum * shentsize > len(data):
        raise FormatError("elf", "section header table out of bounds")
    hdrs = []
    for i in range(shnum):
        f = struct.unpack_from(fmt, data, shoff + i * shentsize)
        # name, type, flags, addr, offset, size, ...
        hdrs.append((f[0], f[1], f[4], f[5]))
    if shstrndx >= len(hdrs):
        raise FormatError("elf", "bad section name table index")
    stroff = hdrs[shstrndx][2]
    out = []
    for name_off, typ, off, size in hdrs:
        end = data.find(b"\0", stroff + name_off)
        if end < 0:
            raise FormatError("elf", "section name out of bounds")
        out.append(Section(data[stroff + name_off:end].decode("latin-1"), typ, off, size))
    return out


SHT_NOBITS = 8


def elf_find_section(data, name):
    found = [s for s in elf_sections(data) if s.name == name]
    if not found:
        return None
    if len(found) > 1:
        raise FormatError("elf", "%d sections named %s" % (len(found), name))
    return found[0]


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------

def _read(path):
    with open(path, "rb") as f:
        return f.read()


def _emit(data, as_hex):
    if as_hex:
        sys.stdout.write(data.hex() + "\n")
    else:
        sys.stdout.buffer.write(data)
    sys.stdout.flush()


def show_lines(data):
    """Human-readable decode of a module trailer (reference's own format)."""
    body, proof = decode_trailer(data)
    lines = ["version: %d" % proof.version,
             "hash_algo: %d" % proof.hash_algo,
             "leaf_index: %d" % proof.leaf_index,
             "leaf_count: %d" % proof.leaf_count,
             "root: %s" % proof.root.hex(),
             "path_len: %d" % len(proof.path)]
    lines += ["path[%d]: %s" % (i, p.hex()) for i, p in enumerate(proof.path)]
    lh = leaf_hash(body)
    lines.append("leaf_hash: %s" % lh.hex())
    if verify_inclusion(proof.leaf_index, proof.leaf_count, lh, proof.path, proof.root):
        lines.append("status: consistent")
    else:
        lines.append("status: INCONSISTENT (module does not match its proof)")
    return lines


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    usage = ("usage: modhash_ref.py root FILE... | descriptor [--hex] MOD... | "
             "trailer [--hex] INDEX MOD... | proofed INDEX MOD... | show MOD | "
             "verify DESCRIPTOR MOD | section ELF NAME")
    if not argv:
        print(usage, file=sys.stderr)
        return 2
    cmd, args = argv[0], argv[1:]
    as_hex = "--hex" in args
    args = [a for a in args if a != "--hex"]
    try:
        if cmd == "root":
            print(mth([_read(p) for p in args]).hex())
        elif cmd == "descriptor":
            _emit(descriptor_for_inputs(module_body(_read(p)) for p in args), as_hex)
        elif cmd in ("trailer", "proofed"):
            if not args:
                print(usage, file=sys.stderr)
                return 2
            idx = int(args[0])
            bodies = [module_body(_read(p)) for p in args[1:]]
            root, paths = all_paths(bodies)
            tr = encode_trailer(idx, len(bodies), root, paths[idx])
            _emit(tr if cmd == "trailer" else bodies[idx] + tr, as_hex)
        elif cmd == "show" and len(args) == 1:
            print("\n".join(show_lines(_read(args[0]))))
        elif cmd == "verify" and len(args) == 2:
            verdict, why = classify(_read(args[1]), _read(args[0]))
            print("%s: %s (%s)" % (args[1], verdict, why))
            return 0 if verdict == VERDICT_VALID else 1
        elif cmd == "section" and len(args) == 2:
            s = elf_find_section(_read(args[0]), args[1])
            if s is None:
                print("%s: no section %s" % (args[0], args[1]), file=sys.stderr)
                return 1
            print("%d %d" % (s.offset, s.size))
        else:
            print(usage, file=sys.stderr)
            return 2
    except FormatError as e:
        print("modhash_ref: malformed %s" % e, file=sys.stderr)
        return 1
    except (OSError, ValueError, IndexError) as e:
        print("modhash_ref: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
