# SPDX-License-Identifier: GPL-2.0
"""`modules-merkle-tree embed DESCRIPTOR IN OUT`."""

import os

from common import Case, compile_elf, read_file, ref, rng, write_file


class Embed(Case):
    def embed_ok(self, linked, desc_bytes, what, objcopy_target=None):
        elf = compile_elf(self.path("vmlinux.unhashed"), linked=linked,
                          objcopy_target=objcopy_target)
        orig = read_file(elf)
        sec = ref.elf_find_section(orig, ".module_hashes")
        self.expect((48, ref.PLACEHOLDER_DESCRIPTOR),
                    (sec.size, orig[sec.offset:sec.offset + 48]), "fixture section")
        desc = self.path("modules.merkle")
        write_file(desc, desc_bytes)
        out = self.path("vmlinux")
        p = self.run_embed(desc, elf, out)
        self.expect_ok(p, "embed (%s)" % what)
        got = read_file(out)
        self.expect(orig, read_file(elf), "IN after embed")
        self.expect(len(orig), len(got), "size of OUT")
        outside = [i for i in range(len(orig))
                   if orig[i] != got[i] and not sec.offset <= i < sec.offset + 48]
        self.expect([], outside[:16], "bytes changed outside .module_hashes (offsets)")
        self.expect(desc_bytes, got[sec.offset:sec.offset + 48], ".module_hashes in OUT")

    def run_embed(self, desc, elf, out):
        from common import run_tool
        return run_tool(["embed", desc, elf, out], cwd=self.tmp)

    def test_object_file(self):
        root = rng(41).randbytes(32)
        self.embed_ok(False, ref.encode_descriptor(1234, root), "relocatable object")

    def test_linked_executable(self):
        root = rng(42).randbytes(32)
        self.embed_ok(True, ref.encode_descriptor(7, root), "linked executable")

    def test_elf32_object(self):
        root = rng(44).randbytes(32)
        self.embed_ok(False, ref.encode_descriptor(99, root), "ELF32 object",
                      objcopy_target="elf32-i386")

    def test_descriptor_from_build(self):
        # The descriptor the tool's own build wrote, embedded by the tool.
        tree = self.path("obj")
        from common import make_tree
        os.makedirs(tree)
        kos = make_tree(tree, 11, salt=43)
        originals = [read_file(os.path.join(tree, k)) for k in kos]
        self.expect_ok(self.build(tree), "build")
        exp_desc, _ = ref.build_outputs(originals)
        self.expect(exp_desc, read_file(os.path.join(tree, "modules.merkle")), "descriptor")
        self.embed_ok(True, exp_desc, "descriptor from build")

    def test_empty_tree_descriptor(self):
        self.embed_ok(False, ref.encode_descriptor(0, ref.mth([])), "empty-tree descriptor")

    def test_placeholder_is_identity(self):
        elf = compile_elf(self.path("in.o"))
        desc = self.path("ph.desc")
        write_file(desc, ref.PLACEHOLDER_DESCRIPTOR)
        p = self.run_embed(desc, elf, self.path("out.o"))
        self.expect_ok(p, "embed of the placeholder")
        self.expect(read_file(elf), read_file(self.path("out.o")), "OUT")

    def test_out_overwritten(self):
        # An existing OUT is replaced, not appended to.
        elf = compile_elf(self.path("in.elf"), linked=True)
        out = self.path("out.elf")
        write_file(out, b"old contents " * 5000)
        desc = self.path("d")
        d = ref.encode_descriptor(3, bytes(range(32)))
        write_file(desc, d)
        self.expect_ok(self.run_embed(desc, elf, out), "embed over an existing OUT")
        orig = read_file(elf)
        sec = ref.elf_find_section(orig, ".module_hashes")
        self.expect(orig[:sec.offset] + d + orig[sec.offset + 48:], read_file(out), "OUT")
