#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""ELF measurements for bench/size.sh, from the section headers and nm -S.

elf.py sections VMLINUX
    "code data bss hashes functions": the bytes of the executable, other
    PROGBITS and NOBITS allocated sections, of .module_hashes, and the sum of
    the symbol sizes in the executable sections.  `size` counts read-only
    data as text; this splits code from data.  Sections include the padding
    to their alignment (x86 pads .text to 2 MiB), the functions do not.
elf.py datadiff OLD NEW
    The data symbols (outside executable sections) that NEW adds or grows,
    as "name bytes", largest first.
elf.py trailer FILE...
    For each file, the bytes after the end of its ELF contents (section
    headers and sections): what was appended to a linked module."""
import struct
import subprocess
import sys

SHT_NOBITS, SHF_ALLOC, SHF_EXECINSTR = 8, 2, 4


def read_elf(path):
    """The file's bytes and its section headers (name, type, flags, addr,
    offset, size)."""
    with open(path, "rb") as f:
        elf = f.read()
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        sys.exit(f"{path}: not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3a)
    headers = [struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    strtab = headers[shstrndx][4]
    sections = [(elf[strtab + n:elf.index(b"\0", strtab + n)].decode(), *rest)
                for n, *rest in headers]
    return elf, shoff + shnum * shentsize, sections


def code_ranges(sections):
    return [(addr, addr + size) for _, kind, flags, addr, _, size in sections
            if flags & SHF_ALLOC and flags & SHF_EXECINSTR and kind != SHT_NOBITS]


def symbols(path, in_code):
    """[(address, name, size)] of the defined symbols inside or outside the
    code."""
    _, _, sections = read_elf(path)
    code = code_ranges(sections)
    nm = subprocess.run(["nm", "-S", "--defined-only", path], capture_output=True,
                        text=True, check=True).stdout
    found = []
    for fields in map(str.split, nm.splitlines()):
        if len(fields) == 4:
            addr = int(fields[0], 16)
            if any(lo <= addr < hi for lo, hi in code) == in_code:
                found.append((addr, fields[3], int(fields[1], 16)))
    return found


def cmd_sections(path):
    _, _, sections = read_elf(path)
    sums = dict(code=0, data=0, bss=0, hashes=0)
    for name, kind, flags, _, _, size in sections:
        if not flags & SHF_ALLOC:
            continue
        key = "bss" if kind == SHT_NOBITS else "code" if flags & SHF_EXECINSTR else "data"
        sums[key] += size
        if name == ".module_hashes":
            sums["hashes"] += size
    functions = {addr: size for addr, _, size in symbols(path, True)}  # aliases once
    print(*sums.values(), sum(functions.values()))


def cmd_datadiff(old, new):
    before, after = symbols(old, False), symbols(new, False)
    # Compiler-numbered names (CSWTCH.246, __already_done.6) are matched by
    # their name without the number.
    def base(syms):
        out = {}
        for _, name, size in syms:
            key = name.rsplit(".", 1)[0] if name.rsplit(".", 1)[-1].isdigit() else name
            out.setdefault(key, []).append(size)
        return {k: sorted(v) for k, v in out.items()}
    b, a = base(before), base(after)
    grown = {k: sum(v) - sum(b.get(k, [])) for k, v in a.items()}
    for name, delta in sorted(grown.items(), key=lambda kv: -kv[1]):
        if delta > 0:
            print(name, delta)


def cmd_trailer(*paths):
    for path in paths:
        elf, end, sections = read_elf(path)
        for _, kind, _, _, off, size in sections:
            if kind != SHT_NOBITS:
                end = max(end, off + size)
        print(len(elf) - end)


if __name__ == "__main__":
    cmds = dict(sections=cmd_sections, datadiff=cmd_datadiff, trailer=cmd_trailer)
    if len(sys.argv) < 3 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](*sys.argv[2:])
