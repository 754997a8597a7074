#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Generate the seed corpus of tests/fuzz with the reference implementation.

    python3 tests/fuzz/gen_corpus.py [--from-build OUT_DIR [--other-build DIR]]

Writes, deterministically:

* corpus/fixed/: inputs of fuzz_verify (module + proof + struct
  module_signature, marker removed), verified against corpus/modules.merkle:
  real modules of a build, a proof for another build, an unsigned module, and
  the real trailers with the module cut to nothing.
* corpus/root/: inputs of fuzz_verify_root (48-byte root descriptor, then the
  same): small synthetic trees made with tests/reference/modhash_ref.py,
  trees of up to 2^32 - 1 leaves, one malformed input per field, and the real
  modules with corpus/modules.merkle in front.
* corpus/tool/: inputs of fuzz_tool (a file for show and verify of
  scripts/modules-merkle-tree): the modules of corpus/fixed/ and of
  corpus/root/ with their marker, files too short for a trailer, ELF files
  (ELF32 and ELF64 of either byte order, extended section numbering, one
  malformed one per check) and boot images (a descriptor in the raw bytes or
  only in a gzip stream, two of them, an invalid one), and the build-* files
  below.

--from-build copies OUT_DIR/modules.merkle and a few small modules of that
build (marker removed) into corpus/ first, and into corpus/tool/: build-*
files: a PKCS#7-signed module (from --other-build), kernel/module/hashes.o,
the ELF header and section table of vmlinux with its .module_hashes section
only, and the start of bzImage and of its compressed payload.  Without it the
copies already in corpus/ are used, so the corpus does not depend on a build.
Every module seed is checked with the reference's load-policy classify() and
listed with its verdict.
"""

import argparse
import gzip
import os
import random
import shutil
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
import modhash_ref as ref  # noqa: E402

CORPUS = os.path.join(HERE, "corpus")
FIXED = os.path.join(CORPUS, "fixed")
ROOT = os.path.join(CORPUS, "root")
TOOL = os.path.join(CORPUS, "tool")
MERKLE = os.path.join(CORPUS, "modules.merkle")

# Small modules of the build, all in its tree (paths relative to OUT_DIR).
REAL_MODULES = [
    "lib/test_module.ko",
    "lib/crc4.ko",
    "lib/crc7.ko",
    "lib/crypto/libchacha.ko",
    "fs/nls/nls_utf8.ko",
]
OTHER_BUILD_MODULE = "lib/crc8.ko"          # from a build with another root
UNSIGNED_MODULE = "extmod/modhash_ext.ko"   # external module, no trailer
PKCS7_MODULE = "extmod/modhash_ext.signed.ko"  # in the hashes-sig build
REAL_OBJECT = "kernel/module/hashes.o"      # .module_hashes: the placeholder
BZIMAGE = "arch/x86/boot/bzImage"

SHT_PROGBITS, SHT_STRTAB, SHT_NOBITS = 1, 3, 8
ET_REL, ET_EXEC = 1, 2


def strip_marker(data):
    assert ref.has_marker(data), "no marker"
    return data[:-len(ref.MARKER)]


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def from_build(out_dir, other_dir):
    """Copy the build's descriptor and a few modules into corpus/."""
    os.makedirs(CORPUS, exist_ok=True)
    shutil.copyfile(os.path.join(out_dir, "modules.merkle"), MERKLE)
    desc = open(MERKLE, "rb").read()
    os.makedirs(FIXED, exist_ok=True)
    for rel in REAL_MODULES:
        data = open(os.path.join(out_dir, rel), "rb").read()
        verdict = ref.classify(data, desc)[0]
        assert verdict == ref.VERDICT_VALID, (rel, verdict)
        write(os.path.join(FIXED, "real-" + os.path.basename(rel)),
              strip_marker(data))
    if other_dir:
        data = open(os.path.join(other_dir, OTHER_BUILD_MODULE), "rb").read()
        assert ref.classify(data, desc)[0] == ref.VERDICT_OTHER_BUILD
        write(os.path.join(FIXED, "other-build-crc8.ko"), strip_marker(data))
    path = os.path.join(out_dir, UNSIGNED_MODULE)
    if os.path.exists(path):
        data = open(path, "rb").read()
        assert not ref.has_marker(data)
        write(os.path.join(FIXED, "unsigned-modhash_ext.ko"), data)


def make_elf(sections, elf64=True, big=False, e_type=ET_EXEC, machine=62,
             extnum=False, pad=0, shstrtab=b".shstrtab"):
    """An ELF file with a section header table and nothing else.

    sections: (name, sh_type, data); .shstrtab comes last.  extnum puts the
    section count and the string table index into section header 0; pad
    makes each section header that many bytes longer.
    """
    e = ">" if big else "<"
    names = b"\0"
    name_offs = []
    for name, _, _ in sections:
        name_offs.append(len(names))
        names += name + b"\0"
    str_name = len(names)
    names += shstrtab + b"\0"
    ehsize = 64 if elf64 else 52
    body, offs = b"", []
    for _, _, data in sections:
        offs.append(ehsize + len(body))
        body += data
    stroff = ehsize + len(body)
    body += names
    body += b"\0" * (-len(body) % 8)
    shoff = ehsize + len(body)
    shnum = len(sections) + 2
    fmt = e + ("IIQQQQIIQQ" if elf64 else "IIIIIIIIII")

    def shdr(name, typ, off, size, link=0):
        return struct.pack(fmt, name, typ, 0, 0, off, size, link, 0, 1, 0) \
            + b"\0" * pad

    table = shdr(0, 0, 0, shnum if extnum else 0, shnum - 1 if extnum else 0)
    for (_, typ, data), name, off in zip(sections, name_offs, offs):
        table += shdr(name, typ, off, len(data))
    table += shdr(str_name, SHT_STRTAB, stroff, len(names))
    ident = b"\x7fELF" + bytes([2 if elf64 else 1, 2 if big else 1, 1]) \
        + b"\0" * 9
    counts = (0, 0xFFFF) if extnum else (shnum, shnum - 1)
    ehdr = ident + struct.pack(e + ("HHIQQQIHHHHHH" if elf64 else
                                    "HHIIIIIHHHHHH"),
                               e_type, machine, 1, 0, 0, shoff, 0, ehsize, 0,
                               0, len(shdr(0, 0, 0, 0)), *counts)
    return ehdr + body + table


def tool_from_build(out_dir, other_dir):
    """Copy the build-* files of corpus/tool/ from a build."""
    os.makedirs(TOOL, exist_ok=True)
    if other_dir:
        data = open(os.path.join(other_dir, PKCS7_MODULE), "rb").read()
        assert ref.signature_info(data)[0].id_type == ref.PKEY_ID_PKCS7
        write(os.path.join(TOOL, "build-pkcs7-modhash_ext.ko"), data)
    shutil.copyfile(os.path.join(out_dir, REAL_OBJECT),
                    os.path.join(TOOL, "build-hashes.o"))
    vmlinux = open(os.path.join(out_dir, "vmlinux"), "rb").read()
    sec = ref.elf_find_section(vmlinux, ".module_hashes")
    desc = vmlinux[sec.offset:sec.offset + sec.size]
    ref.decode_descriptor(desc)
    sections = [(s.name.encode(), s.type,
                 desc if s.name == ".module_hashes" else b"")
                for s in ref.elf_sections(vmlinux)[1:]
                if s.name not in (".module_hashes", ".shstrtab")]
    sections.insert(len(sections) // 2,
                    (b".module_hashes", SHT_PROGBITS, desc))
    write(os.path.join(TOOL, "build-vmlinux-sections"),
          make_elf(sections, machine=struct.unpack_from("<H", vmlinux, 18)[0]))
    image = open(os.path.join(out_dir, BZIMAGE), "rb").read()
    setup = ((image[0x1F1] or 4) + 1) * 512
    payload = setup + struct.unpack_from("<I", image, 0x248)[0]
    write(os.path.join(TOOL, "build-bzImage-start"),
          image[:1024] + image[payload:payload + 2048])


def tool_seeds(desc, fixed, module_seeds):
    """(name, data) for corpus/tool/, besides the build-* files."""
    out = [("module-" + name, data + ref.MARKER)
           for name, data in sorted(fixed.items())
           if not name.startswith("unsigned-")]
    out += [(name, data) for name, data in sorted(fixed.items())
            if name.startswith("unsigned-")]
    out += [("module-" + name, data + ref.MARKER)
            for name, _, data in module_seeds if name not in fixed]
    sig = ref.encode_sig_struct
    out += [
        ("marker-only", ref.MARKER),
        ("short-39", b"\x7fELF" + b"\0" * 7 + ref.MARKER),
        ("sig-only", sig(ref.PKEY_ID_MERKLE, 0) + ref.MARKER),
        ("sig-len-huge", b"\x7fELF" + sig(ref.PKEY_ID_MERKLE, 0xFFFFFFFF)
         + ref.MARKER),
        ("x509-sig-len-huge", sig(1, 0xFFFFFFFF) + ref.MARKER),
        ("unknown-id-type", b"module" + sig(9, 3) + ref.MARKER),
    ]

    hashes = (b".module_hashes", SHT_PROGBITS, desc)
    text = (b".text", SHT_PROGBITS, b"\x90" * 16)
    bss = (b".bss", SHT_NOBITS, b"")
    bad = bytearray(desc)
    bad[8] = 2
    for elf64 in (True, False):
        for big in (False, True):
            out.append(("vmlinux-elf%d%s" % (64 if elf64 else 32,
                                             "be" if big else "le"),
                        make_elf([text, hashes, bss], elf64, big,
                                 machine=62 if elf64 else 3)))
    out += [
        ("vmlinux-extnum", make_elf([text, hashes], extnum=True)),
        ("vmlinux-shentsize-72", make_elf([text, hashes], pad=8)),
        ("vmlinux-placeholder",
         make_elf([(hashes[0], SHT_PROGBITS, ref.PLACEHOLDER_DESCRIPTOR)])),
        ("vmlinux-two-sections", make_elf([hashes, text, hashes])),
        ("vmlinux-nobits", make_elf([(hashes[0], SHT_NOBITS, desc)])),
        ("vmlinux-47-bytes", make_elf([(hashes[0], SHT_PROGBITS,
                                        desc[:47])])),
        ("vmlinux-bad-version", make_elf([(hashes[0], SHT_PROGBITS,
                                           bytes(bad))])),
        ("vmlinux-no-section", make_elf([text, bss])),
        ("relocatable", make_elf([text, hashes], e_type=ET_REL)),
    ]

    payload = b"\0" * 300 + desc + b"\xff" * 100
    out += [
        ("image-descriptor", desc),
        ("image-raw", b"MZ" + b"\0" * 510 + payload),
        ("image-gzip", b"MZ" + b"\0" * 510 + gzip.compress(payload, mtime=0)),
        ("image-gzip-and-raw", b"MZ" + gzip.compress(payload, mtime=0)
         + payload + b"BZh\x5d\0\0\0"),
        ("image-two", b"MZ" + payload + desc),
        ("image-invalid-and-valid", b"MZ" + bytes(bad) + payload),
        ("image-placeholder", b"MZ" + ref.PLACEHOLDER_DESCRIPTOR),
    ]
    return out


def trailer(leaf_index, leaf_count, root, audit_path):
    """proof + struct module_signature, without the marker."""
    return ref.encode_trailer(leaf_index, leaf_count, root,
                              audit_path)[:-len(ref.MARKER)]


def synthetic(rng):
    """(name, descriptor, module + trailer) for the root-mode corpus."""
    out = []
    for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 31, 33, 100):
        bodies = []
        for i in range(n):
            size = rng.randrange(0, 48)
            body = bytes(rng.randrange(256) for _ in range(size))
            if i % 3 == 0:
                body = b"\x7fELF" + body
            bodies.append(body)
        root, paths = ref.all_paths(bodies)
        desc = ref.encode_descriptor(n, root)
        for m in sorted({0, n // 2, n - 1}):
            out.append(("tree%d-leaf%d" % (n, m), desc,
                        bodies[m] + trailer(m, n, root, paths[m])))

    # Trees too large to build: any sibling hashes define a tree whose root
    # is what the inclusion proof yields.
    for m, n in ((0, 0xFFFFFFFF), (0xFFFFFFFE, 0xFFFFFFFF),
                 (0x7FFFFFFF, 0x80000000), (0x80000000, 0x80000001),
                 (12345, 65537)):
        body = b"\x7fELF big tree"
        plen = ref.path_len(m, n)
        audit = [bytes(rng.randrange(256) for _ in range(32))
                 for _ in range(plen)]
        r, sn = ref.root_from_inclusion(m, n, ref.leaf_hash(body), audit)
        assert sn == 0
        out.append(("depth%d-leaf%x-of-%x" % (plen, m, n),
                    ref.encode_descriptor(n, r),
                    body + trailer(m, n, r, audit)))
    return out


def malformed(rng):
    """One input per malformed field, and the other verdicts, from tree 5."""
    bodies = [b"\x7fELF module %d" % i for i in range(5)]
    root, paths = ref.all_paths(bodies)
    desc = ref.encode_descriptor(5, root)
    m = 3
    good = bodies[m] + trailer(m, 5, root, paths[m])
    sig_off = len(good) - ref.SIG_STRUCT_SIZE
    proof_off = len(bodies[m])

    def patched(off, new):
        b = bytearray(good)
        b[off:off + len(new)] = new
        return bytes(b)

    # Proofs whose length fits a wrong reading of the format exactly: an
    # index equal to the count with the path length that count would give,
    # and a valid path with one entry too many.
    sig = ref.encode_sig_struct
    bad_index = struct.pack(">BBHII", 1, 4, 0, 5, 5) + root + paths[4][-1]
    extra = ref.encode_proof(m, 5, root, paths[m]) + b"\x42" * 32

    # A sig_len below the 44-byte header whose bytes still look like one.
    short = struct.pack(">BBHII", 1, 4, 0, 3, 5) + b"\x5a" * 20

    out = [
        ("valid", desc, good),
        ("sig-len-32-header", desc, bodies[m] + short
         + sig(ref.PKEY_ID_MERKLE, len(short))),
        ("proof-index-eq-count-len1", desc, bodies[4] + bad_index
         + sig(ref.PKEY_ID_MERKLE, len(bad_index))),
        ("proof-extra-entry", desc, bodies[m] + extra
         + sig(ref.PKEY_ID_MERKLE, len(extra))),
        ("sig-algo", desc, patched(sig_off + 0, b"\x01")),
        ("sig-hash", desc, patched(sig_off + 1, b"\x02")),
        ("sig-pkcs7", desc, patched(sig_off + 2, b"\x02")),
        ("sig-signer-len", desc, patched(sig_off + 3, b"\x01")),
        ("sig-key-id-len", desc, patched(sig_off + 4, b"\x01")),
        ("sig-pad", desc, patched(sig_off + 6, b"\x01")),
        ("sig-len-huge", desc, patched(sig_off + 8, b"\xff\xff\xff\xff")),
        ("sig-len-43", desc, patched(sig_off + 8, struct.pack(">I", 43))),
        ("sig-len-plus32", desc,
         patched(sig_off + 8, struct.pack(">I", 44 + 32 * 4))),
        ("proof-version", desc, patched(proof_off + 0, b"\x02")),
        ("proof-algo", desc, patched(proof_off + 1, b"\x05")),
        ("proof-reserved", desc, patched(proof_off + 3, b"\x01")),
        ("proof-index-eq-count", desc,
         patched(proof_off + 4, struct.pack(">I", 5))),
        ("proof-count-0", desc, patched(proof_off + 8, b"\0" * 4)),
        ("proof-count-6", desc, patched(proof_off + 8, struct.pack(">I", 6))),
        ("proof-other-root", desc, patched(proof_off + 12, b"\x00" * 32)),
        ("path-modified", desc, patched(proof_off + 44, b"\x00")),
        ("module-modified", desc, patched(0, b"\x7fELG")),
        ("truncated-11", desc, good[-11:]),
        ("trailer-only", desc, good[proof_off:]),
        ("desc-magic", b"MODHRooT" + desc[8:], good),
        ("desc-version", desc[:8] + b"\x02" + desc[9:], good),
        ("desc-algo", desc[:9] + b"\x05" + desc[10:], good),
        ("desc-placeholder", ref.PLACEHOLDER_DESCRIPTOR, good),
        ("desc-count-4", desc[:12] + struct.pack(">I", 4) + desc[16:], good),
        ("desc-count-0", desc[:12] + b"\0" * 4 + desc[16:], good),
        ("desc-reserved", desc[:11] + b"\x01" + desc[12:], good),
    ]
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--from-build", metavar="OUT_DIR")
    ap.add_argument("--other-build", metavar="DIR",
                    help="another build's output (a proof for another root)")
    args = ap.parse_args(argv)

    if args.from_build:
        if os.path.isdir(FIXED):
            shutil.rmtree(FIXED)
        from_build(args.from_build, args.other_build)
        tool_from_build(args.from_build, args.other_build)
    if not os.path.exists(MERKLE):
        sys.exit("gen_corpus: %s missing; run with --from-build" % MERKLE)
    desc = open(MERKLE, "rb").read()
    ref.decode_descriptor(desc)

    fixed = sorted(os.listdir(FIXED))
    real = {}
    for name in fixed:
        real[name] = open(os.path.join(FIXED, name), "rb").read()
    # The real trailers with the module cut to nothing (small inputs).
    for name, data in list(real.items()):
        if name.startswith("real-"):
            _, proof = ref.decode_trailer(data + ref.MARKER)
            tl = len(trailer(proof.leaf_index, proof.leaf_count, proof.root,
                             proof.path))
            write(os.path.join(FIXED, "trailer-only-" + name[5:]), data[-tl:])

    rng = random.Random(20240607)
    seeds = synthetic(rng) + malformed(rng)
    for name in fixed:
        if name.startswith("real-"):
            seeds.append((name, desc, real[name]))
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    os.makedirs(ROOT)
    for name, d, data in seeds:
        write(os.path.join(ROOT, name), d + data)

    os.makedirs(TOOL, exist_ok=True)
    for name in os.listdir(TOOL):
        if not name.startswith("build-"):
            os.remove(os.path.join(TOOL, name))
    tool = tool_seeds(desc, real, seeds)
    for name, data in tool:
        write(os.path.join(TOOL, name), data)

    def verdict(d, data):
        if not ref.has_marker(data + ref.MARKER):
            return "?"
        try:
            return ref.classify(data + ref.MARKER, d)[0]
        except ref.FormatError as e:
            return "bad descriptor (%s)" % e.field

    for name in sorted(os.listdir(FIXED)):
        data = open(os.path.join(FIXED, name), "rb").read()
        print("fixed/%-30s %7d  %s" % (name, len(data), verdict(desc, data)))
    for name, d, data in seeds:
        print("root/%-31s %7d  %s" % (name, len(d) + len(data), verdict(d, data)))
    for name in sorted(os.listdir(TOOL)):
        data = open(os.path.join(TOOL, name), "rb").read()
        kind = verdict(desc, data[:-len(ref.MARKER)]) \
            if ref.has_marker(data) else "no trailer"
        print("tool/%-31s %7d  %s" % (name, len(data), kind))


if __name__ == "__main__":
    main()
