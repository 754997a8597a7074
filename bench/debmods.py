#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""debmods.py DEB DIR: unpack the modules of a Debian kernel image package
into DIR as the tree step of a kernel build sees them: uncompressed .ko
files without Debian's PKCS#7 signature, and DIR/modules.order listing them
as .o files in the package's order.  DIR/debian-trailers gets the size of
each signature trailer taken off, one a line."""
import lzma
import multiprocessing
import os
import struct
import subprocess
import sys
import tarfile

MARKER = b"~Module signature appended~\n"
TAIL = 12 + len(MARKER)  # struct module_signature, then the marker


def unpack(item):
    path, xz = item
    data = lzma.decompress(xz)
    trailer = 0
    if data.endswith(MARKER):
        sig_len = struct.unpack(">I", data[-len(MARKER) - 4:-len(MARKER)])[0]
        trailer = TAIL + sig_len
        data = data[:-trailer]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return trailer


def main():
    deb, out = sys.argv[1:]
    tmp = out + ".tmp"
    items, order = [], None
    dpkg = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", deb], stdout=subprocess.PIPE)
    with tarfile.open(fileobj=dpkg.stdout, mode="r|") as tar:
        for m in tar:
            # ./lib/modules/VERSION/kernel/...
            parts = m.name.split("/", 4)
            if len(parts) < 5 or parts[1:3] != ["lib", "modules"] or not m.isfile():
                continue
            rel = parts[4]
            if rel == "modules.order":
                order = tar.extractfile(m).read().decode().split()
            elif rel.endswith(".ko.xz"):
                items.append((os.path.join(tmp, rel[:-3]), tar.extractfile(m).read()))
    if dpkg.wait() or order is None:
        sys.exit(f"{deb}: cannot read its modules and modules.order")
    os.makedirs(tmp)
    with multiprocessing.Pool() as pool:
        trailers = pool.map(unpack, items, chunksize=32)
    present = {os.path.relpath(p, tmp) for p, _ in items}
    if sorted(order) != sorted(present):
        sys.exit(f"{deb}: modules.order does not list exactly the .ko.xz files")
    with open(os.path.join(tmp, "modules.order"), "w") as f:
        f.writelines(m[:-3] + ".o\n" for m in order)
    with open(os.path.join(tmp, "debian-trailers"), "w") as f:
        f.writelines(f"{t}\n" for t in trailers)
    os.rename(tmp, out)


if __name__ == "__main__":
    main()
