#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A stand-in for scripts/modules-merkle-tree, for testing the tests.

It implements the command line of module-hashes.rst "The host tool" on top
of the reference, as this suite reads the document.  It is NOT a second
reference: its only purpose is (1) to let the host suite run before the C
tool exists and (2) to inject bugs (FAKE_MMT_BUG=name, see BUGS) so that
selfcheck.py can confirm each host test is able to fail.

    MMT=tests/host/fake_mmt.py python3 tests/host/run.py
"""

import bz2
import lzma
import os
import random
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
import modhash_ref as ref  # noqa: E402

BUG = os.environ.get("FAKE_MMT_BUG", "")
BUGS = {
    "dup-odd": "duplicate the odd node instead of the RFC 9162 split",
    "path-reversed": "write audit paths root first",
    "stack": "append a new proof after an old one instead of replacing it",
    "sort-order": "hash modules in sorted order instead of modules.order order",
    "accept-non-elf": "do not check the ELF magic",
    "accept-empty": "accept empty modules",
    "partial-write": "write proofs of the modules before a bad one",
    "jobs-shuffle": "with -j > 1, hash modules in a random order",
    "suffix-ignored": "ignore -s",
    "embed-offset": "embed the descriptor one byte late",
    "abs-path-leaf": "mix the absolute path into the leaf hash",
    "show-no-inconsistent": "never print INCONSISTENT",
    "empty-zero-root": "write an all-zero root for an empty tree",
    "le-count": "little-endian leaf count in the descriptor",
    "no-name": "error messages do not name the file",
    "accept-dup": "accept duplicate modules.order lines",
    "accept-dotdot": "accept '..' in modules.order",
    "accept-abs": "accept absolute paths in modules.order",
    "accept-pkcs7": "treat a PKCS#7-signed module as unsigned",
    "lenient-trailer": "strip sig_len bytes without checking the proof fields",
    "tempfile-left": "leave a temporary file next to the descriptor",
    "root-mangled-leaf0": "root: hash the first file with the node prefix",
    "show-wrong-index": "show prints leaf index + 1",
    "embed-no-check": "embed accepts a descriptor of any size",
    "embed-flip-outside": "embed also changes the last byte of the file",
    "always-succeed": "report errors but exit 0",
    "write-on-fail": "on failure, still write the descriptor / OUT",
    "j-ignored-wrong": "with -j 8, leave the last module without a proof",
    "root-first-only": "root prints the leaf hash of the first file only",
    "verify-no-hash": "verify accepts a well-formed proof for the root without hashing",
    "verify-own-root": "verify checks a proof against its own root, not the kernel's",
    "verify-first-magic": "verify takes the first MODHROOT in the payload, fields unchecked",
    "verify-raw-first": "verify also counts descriptors in the raw image bytes",
    "verify-no-dup": "verify does not report duplicate leaves",
    "verify-missing-fails": "verify fails when leaves are missing",
    "verify-skip-zst": "verify ignores .ko.zst modules",
    "verify-skip-xz": "verify ignores .ko.xz modules",
    "verify-skip-gz": "verify ignores .ko.gz modules",
    "verify-skip-ko": "verify ignores uncompressed modules",
    "verify-no-raw": "verify never looks for a descriptor outside compressed streams",
    "verify-empty-path": "verify calls a proof with an empty audit path malformed",
    "verify-keep-slashes": "verify prints MODDIR with its trailing slashes",
    "verify-zero-leaves": "verify calls a proof for the root of a kernel without leaves malformed",
    "verify-follow-links": "verify follows symbolic links",
    "verify-exit0": "verify exits 0 whatever failed",
    "verify-no-count": "verify ignores a leaf count that differs from the kernel's",
    "verify-unsigned-ok": "verify passes unsigned modules",
    "verify-xz-only": "verify finds only xz kernel payloads",
    "verify-lenient-xz": "verify ignores xz errors in modules",
}


class Fail(Exception):
    pass


def die(path, msg):
    raise Fail(("%s" % msg) if BUG == "no-name" else ("%s: %s" % (path, msg)))


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        die(path, "cannot read: %s" % e.strerror)


def mth(bodies):
    if BUG == "dup-odd":
        level = [ref.leaf_hash(b) for b in bodies]
        if not level:
            return ref.sha256()
        while len(level) > 1:
            if len(level) % 2:
                level.append(level[-1])
            level = [ref.node_hash(level[i], level[i + 1]) for i in range(0, len(level), 2)]
        return level[0]
    return ref.mth(bodies)


def parse_order(order):
    data = read(order).decode("utf-8", "surrogateescape")
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    seen = set()
    out = []
    for no, line in enumerate(lines, 1):
        where = "%s:%d" % (order, no)
        if not line:
            die(where, "empty line")
        if not line.endswith(".o") or len(line) < 3:
            die(where, "%r does not end in .o" % line)
        if line.startswith("/") and BUG != "accept-abs":
            die(where, "absolute path %r" % line)
        if ".." in line.split("/") and BUG != "accept-dotdot":
            die(where, "'..' in %r" % line)
        norm = os.path.normpath(line)
        if norm in seen and BUG != "accept-dup":
            die(where, "duplicate %r" % line)
        seen.add(norm)
        out.append(line)
    return out


def cmd_build(args):
    jobs, suffix = 1, ""
    while args and args[0].startswith("-"):
        if args[0] == "-j" and len(args) > 1:
            jobs = int(args[1])
            args = args[2:]
        elif args[0] == "-s" and len(args) > 1:
            suffix = args[1]
            args = args[2:]
        else:
            raise Fail("usage: build [-j N] [-s SUFFIX] MODULES_ORDER DESCRIPTOR")
    if len(args) != 2:
        raise Fail("usage: build [-j N] [-s SUFFIX] MODULES_ORDER DESCRIPTOR")
    order, desc = args
    if BUG == "suffix-ignored":
        suffix = ""
    paths = [l[:-2] + ".ko" + suffix for l in parse_order(order)]
    if BUG == "sort-order":
        paths.sort()
    if BUG == "jobs-shuffle" and jobs > 1:
        random.shuffle(paths)
    bodies = []
    done = []
    for p in paths:
        try:
            data = read(p)
            if not data and BUG != "accept-empty":
                die(p, "empty module")
            if not ref.is_elf(data) and BUG not in ("accept-non-elf", "accept-empty"):
                die(p, "not an ELF file")
            try:
                if BUG == "stack":
                    body = data
                elif BUG == "accept-pkcs7":
                    body = ref.split_module(data, allow_pkcs7=True)[0]
                elif BUG == "lenient-trailer" and ref.has_marker(data):
                    sig, off = ref.signature_info(data)
                    body = data[:off - sig.sig_len] if sig.sig_len <= off else data
                else:
                    body = ref.module_body(data)
            except ref.FormatError as e:
                die(p, "malformed trailer: %s" % e)
        except Fail:
            if BUG == "partial-write":
                for q, b in done:
                    with open(q, "ab") as f:
                        f.write(b"partial")
            raise
        if BUG == "abs-path-leaf":
            body = body + os.path.abspath(p).encode()
        bodies.append(body)
        done.append((p, body))
    n = len(bodies)
    t = ref._Tree([ref.leaf_hash(b) for b in bodies])
    root = mth(bodies)
    if BUG == "empty-zero-root" and n == 0:
        root = bytes(32)
    for i, (p, body) in enumerate(done):
        if BUG == "j-ignored-wrong" and jobs == 8 and i == n - 1:
            continue
        path = t.path(i, 0, n) if BUG != "dup-odd" else []
        if BUG == "dup-odd":
            path = [bytes(32)] * ref.path_len(i, n)
        if BUG == "path-reversed":
            path = list(reversed(path))
        if BUG == "abs-path-leaf":
            body = body[:-len(os.path.abspath(p).encode())]
        with open(p, "wb") as f:
            f.write(body + ref.encode_trailer(i, n, root, path))
    d = ref.encode_descriptor(n, root)
    if BUG == "le-count":
        d = d[:12] + n.to_bytes(4, "little") + d[16:]
    with open(desc, "wb") as f:
        f.write(d)
    if BUG == "tempfile-left":
        with open(desc + ".tmp", "wb") as f:
            f.write(d)


def cmd_embed(args):
    if len(args) != 3:
        raise Fail("usage: embed DESCRIPTOR IN OUT")
    desc, inp, out = args
    d = read(desc)
    if BUG != "embed-no-check":
        try:
            ref.decode_descriptor(d)
        except ref.FormatError as e:
            die(desc, "bad descriptor: %s" % e)
    elf = read(inp)
    try:
        sec = ref.elf_find_section(elf, ".module_hashes")
    except ref.FormatError as e:
        die(inp, str(e))
    if sec is None:
        die(inp, "no .module_hashes section")
    if sec.size != ref.DESC_SIZE:
        die(inp, ".module_hashes is %d bytes, not %d" % (sec.size, ref.DESC_SIZE))
    if sec.type == ref.SHT_NOBITS:
        die(inp, ".module_hashes is SHT_NOBITS")
    if sec.offset + sec.size > len(elf):
        die(inp, ".module_hashes out of bounds")
    off = sec.offset + (1 if BUG == "embed-offset" else 0)
    new = elf[:off] + d[:48] + elf[off + 48:]
    new = new[:len(elf)]
    if BUG == "embed-flip-outside":
        new = new[:-1] + bytes([new[-1] ^ 1])
    with open(out, "wb") as f:
        f.write(new)


def cmd_root(args):
    contents = [read(p) for p in args]
    if BUG == "root-first-only" and contents:
        contents = contents[:1]
    if BUG == "root-mangled-leaf0" and contents:
        contents[0] = b"\x01" + contents[0][1:]
    print(mth(contents).hex())


def cmd_show(args):
    if len(args) != 1:
        raise Fail("usage: show MODULE")
    data = read(args[0])
    try:
        lines = ref.show_lines(data)
    except ref.FormatError as e:
        die(args[0], "malformed trailer: %s" % e)
    for l in lines:
        if BUG == "show-no-inconsistent":
            l = l.replace("INCONSISTENT", "bad")
        if BUG == "show-wrong-index" and l.startswith("leaf_index:"):
            l = "leaf_index: %d" % (int(l.split(":")[1]) + 1)
        print(l)


KERNEL_FORMATS = [
    ("gzip", b"\x1f\x8b\x08"), ("xz", b"\xfd7zXZ\x00"), ("bzip2", b"BZh"),
    ("lzma", b"\x5d\x00\x00\x00"), ("lzo", b"\x89LZO"), ("lz4", b"\x02!L\x18"),
    ("zstd", b"\x28\xb5\x2f\xfd"),
]
PROGS = {"lzo": ["lzop", "-dc"], "lz4": ["lz4", "-dc"], "zstd": ["zstd", "-dcq"]}


def decompress_stream(fmt, data):
    """The payload of a stream followed by other data; b"" if none."""
    try:
        if fmt == "gzip":
            return zlib.decompressobj(wbits=31).decompress(data)
        if fmt in ("xz", "lzma"):
            f = lzma.FORMAT_XZ if fmt == "xz" else lzma.FORMAT_ALONE
            return lzma.LZMADecompressor(format=f).decompress(data)
        if fmt == "bzip2":
            return bz2.BZ2Decompressor().decompress(data)
        p = subprocess.run(PROGS[fmt], input=data, capture_output=True)
        return p.stdout
    except (zlib.error, lzma.LZMAError, OSError, EOFError, ValueError):
        return b""


def find_descriptors(data):
    found = []
    i = data.find(ref.DESC_MAGIC)
    while i >= 0:
        d = data[i:i + 48]
        if len(d) == 48:
            try:
                ref.decode_descriptor(d)
                found.append(d)
            except ref.FormatError:
                if BUG == "verify-first-magic":
                    found.append(d)
        i = data.find(ref.DESC_MAGIC, i + 1)
    return found


def kernel_descriptor(kernel):
    data = read(kernel)
    if ref.is_elf(data):
        try:
            sec = ref.elf_find_section(data, ".module_hashes")
        except ref.FormatError as e:
            die(kernel, str(e))
        if sec is None or sec.size != 48 or sec.offset + 48 > len(data):
            die(kernel, "no usable .module_hashes section")
        d = data[sec.offset:sec.offset + 48]
        try:
            ref.decode_descriptor(d)
        except ref.FormatError as e:
            die(kernel, str(e))
        return d
    found = find_descriptors(data) if BUG == "verify-raw-first" else []
    for fmt, magic in KERNEL_FORMATS:
        if BUG == "verify-xz-only" and fmt != "xz":
            continue
        i = data.find(magic)
        while i >= 0:
            found += find_descriptors(decompress_stream(fmt, data[i:]))
            i = data.find(magic, i + 1)
    if not found and BUG != "verify-no-raw":
        found = find_descriptors(data)
    if BUG == "verify-first-magic" and found:
        found = found[:1]
    if len(found) != 1:
        die(kernel, "%d root descriptors" % len(found))
    return found[0]


def read_module(path):
    data = read(path)
    if path.endswith(".ko"):
        return data
    if path.endswith(".ko.xz"):
        try:
            return lzma.decompress(data)
        except lzma.LZMAError as e:
            if BUG == "verify-lenient-xz":
                return data
            raise Fail("cannot decompress: %s" % e)
    if path.endswith(".ko.gz"):
        try:
            return zlib.decompressobj(wbits=31).decompress(data)
        except zlib.error as e:
            raise Fail("cannot decompress: %s" % e)
    p = subprocess.run(["zstd", "-dcq"], input=data, capture_output=True)
    if p.returncode:
        raise Fail("cannot decompress: zstd failed")
    return p.stdout


def verify_reason(data, desc):
    d = ref.decode_descriptor(desc)
    info = ref.signature_info(data) if ref.has_marker(data) and len(data) >= 40 else None
    if info is None and ref.has_marker(data):
        return "malformed proof: no room for module_signature", None
    if info is None:
        return (None, None) if BUG == "verify-unsigned-ok" else ("no proof (unsigned)", None)
    sig = info[0]
    if sig.id_type != ref.PKEY_ID_MERKLE:
        names = {0: "pgp", 1: "x509", 2: "pkcs7"}
        return "no proof (%s signature, id_type %d)" % (names.get(sig.id_type, "unknown"),
                                                         sig.id_type), None
    try:
        body, proof = ref.decode_trailer(data)
    except ref.FormatError as e:
        field = {"hash_algo": "hash algorithm", "leaf_index": "leaf index",
                 "leaf_count": "leaf count", "algo": "module_signature.algo",
                 "hash": "module_signature.hash", "pad": "module_signature.__pad",
                 "signer_len": "module_signature.signer_len",
                 "key_id_len": "module_signature.key_id_len"}.get(e.field, e.field)
        return "malformed proof: %s %s" % (field, e.message), None
    if BUG == "verify-empty-path" and not proof.path:
        return "malformed proof: sig_len is too short", None
    root = proof.root if BUG == "verify-own-root" else d.root
    if proof.root != root or (not d.leaf_count and BUG != "verify-zero-leaves"):
        return "proof for another build (root %s...)" % proof.root.hex()[:16], None
    if proof.leaf_count != d.leaf_count and BUG not in ("verify-no-count", "verify-own-root"):
        return "malformed proof: leaf count %d, the kernel's is %d" % (proof.leaf_count,
                                                                     d.leaf_count), None
    if BUG != "verify-no-hash" and not ref.verify_inclusion(
            proof.leaf_index, proof.leaf_count, ref.leaf_hash(body), proof.path, root):
        return "modified (proof does not verify)", None
    return None, proof.leaf_index


def cmd_verify(args):
    usage = "usage: verify [-j N] KERNEL MODDIR"
    if len(args) >= 2 and args[0] == "-j":
        if not args[1].isdigit() or int(args[1]) < 1:
            raise Fail(usage)
        args = args[2:]
    if len(args) != 2 or args[0].startswith("-"):
        raise Fail(usage)
    kernel, moddir = args
    desc = kernel_descriptor(kernel)
    if BUG != "verify-keep-slashes":
        moddir = moddir.rstrip("/") or "/"
    if not os.path.isdir(moddir):
        die(moddir, "cannot open directory")
    suffixes = tuple(x for x in (".ko", ".ko.xz", ".ko.gz", ".ko.zst")
                     if BUG != "verify-skip-" + x[x.rindex(".") + 1:])
    paths = []
    for dp, dns, fns in os.walk(moddir, followlinks=BUG == "verify-follow-links"):
        for fn in fns:
            p = dp + "/" + fn
            if (fn.endswith(suffixes) and fn not in suffixes
                    and (os.path.isfile(p) if BUG == "verify-follow-links" else
                         os.path.isfile(p) and not os.path.islink(p))):
                paths.append(p)
    leaves = {}
    fails = 0
    for p in sorted(paths):
        try:
            reason, index = verify_reason(read_module(p), desc)
        except Fail as e:
            reason, index = str(e), None
            if not reason.startswith("cannot"):
                reason = "cannot read: " + reason
        if reason:
            print("FAIL %s: %s" % (p, reason))
            fails += 1
        else:
            leaves.setdefault(index, []).append(p)
    dups = 0
    for i in sorted(leaves):
        if len(leaves[i]) > 1 and BUG != "verify-no-dup":
            print("DUPLICATE leaf %d: %s" % (i, " ".join(leaves[i])))
            dups += 1
    d = ref.decode_descriptor(desc)
    print("root %s leaves %d: %d modules present, %d verified, %d failed"
          % (d.root.hex(), d.leaf_count, len(paths), len(paths) - fails, fails))
    missing = d.leaf_count - len(leaves)
    if not missing and not dups:
        print("leaves: every leaf seen exactly once")
    else:
        print("leaves: %d of %d seen, %d missing, %d seen more than once"
              % (len(leaves), d.leaf_count, missing, dups))
    bad = fails or dups or (missing and BUG == "verify-missing-fails")
    return 1 if bad and BUG != "verify-exit0" else 0


def main():
    if len(sys.argv) < 2:
        print("usage: build|embed|root|show|verify ...\nverify [-j N] KERNEL MODDIR",
              file=sys.stderr)
        return 2
    cmds = {"build": cmd_build, "embed": cmd_embed, "root": cmd_root, "show": cmd_show,
            "verify": cmd_verify}
    try:
        if sys.argv[1] not in cmds:
            raise Fail("unknown command %s" % sys.argv[1])
        ret = cmds[sys.argv[1]](sys.argv[2:])
        if ret:
            return ret
    except Fail as e:
        print("modules-merkle-tree: %s" % e, file=sys.stderr)
        if BUG == "write-on-fail":
            args = [a for a in sys.argv[2:] if not a.startswith("-")]
            if sys.argv[1] in ("build", "embed") and args:
                with open(args[-1], "ab") as f:
                    f.write(b"junk")
        return 0 if BUG == "always-succeed" else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
