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

import os
import random
import sys

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


def main():
    if len(sys.argv) < 2:
        print("usage: build|embed|root|show ...", file=sys.stderr)
        return 2
    cmds = {"build": cmd_build, "embed": cmd_embed, "root": cmd_root, "show": cmd_show}
    try:
        if sys.argv[1] not in cmds:
            raise Fail("unknown command %s" % sys.argv[1])
        cmds[sys.argv[1]](sys.argv[2:])
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
