# SPDX-License-Identifier: GPL-2.0
"""Shared helpers for the host tests of scripts/modules-merkle-tree.

Standard library only.  Environment:

  MMT           path of the tool binary; if unset it is built (once, only
                when missing or older than the source) with
                gcc -O2 -Wall -o build/host/modules-merkle-tree
                    build/linux/scripts/modules-merkle-tree.c -lcrypto -lpthread
  MODHASH_REF   path of the reference module to test (default
                tests/reference/modhash_ref.py); used by the mutant checks
  TEST_SEED     seed of the random module generator (default 20240607)
"""

import hashlib
import importlib.util
import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
REPO = os.path.dirname(TESTS)
REF_DEFAULT = os.path.join(TESTS, "reference", "modhash_ref.py")
VECTORS = os.path.join(TESTS, "reference", "vectors", "rfc6962.json")
TOOL_SRC = os.path.join(REPO, "build", "linux", "scripts", "modules-merkle-tree.c")
TOOL_OUT = os.path.join(REPO, "build", "host", "modules-merkle-tree")
SEED = int(os.environ.get("TEST_SEED", "20240607"))
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534
DROP_ROOT = ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"]


def _load_ref():
    path = os.environ.get("MODHASH_REF", REF_DEFAULT)
    spec = importlib.util.spec_from_file_location("modhash_ref", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


ref = _load_ref()

# ---------------------------------------------------------------------------
# The tool
# ---------------------------------------------------------------------------

_tool = {"state": None, "path": None, "why": None}


def tool_path():
    """Path of the tool, or raise SkipTest/AssertionError with the reason."""
    st = _tool["state"]
    if st is None:
        _resolve_tool()
        st = _tool["state"]
    if st == "ok":
        return _tool["path"]
    if st == "skip":
        raise unittest.SkipTest(_tool["why"])
    raise AssertionError(_tool["why"])


def tool_description():
    try:
        return tool_path()
    except unittest.SkipTest as e:
        return "SKIP (%s)" % e
    except AssertionError as e:
        return "BROKEN (%s)" % str(e).splitlines()[0]


def _resolve_tool():
    env = os.environ.get("MMT")
    if env:
        if os.path.isfile(env) and os.access(env, os.X_OK):
            _tool.update(state="ok", path=env)
        else:
            _tool.update(state="fail", why="MMT=%s is not an executable file" % env)
        return
    if not os.path.exists(TOOL_SRC):
        _tool.update(state="skip", why="tool source %s does not exist yet and MMT "
                     "is not set" % TOOL_SRC)
        return
    fresh = (os.path.exists(TOOL_OUT)
             and os.path.getmtime(TOOL_OUT) >= os.path.getmtime(TOOL_SRC))
    if not fresh:
        os.makedirs(os.path.dirname(TOOL_OUT), exist_ok=True)
        cmd = ["gcc", "-O2", "-Wall", "-o", TOOL_OUT, TOOL_SRC, "-lcrypto", "-lpthread"]
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as e:
            _tool.update(state="fail", why="cannot run gcc: %s" % e)
            return
        if p.returncode != 0:
            tail = "\n".join(p.stderr.strip().splitlines()[-15:])
            _tool.update(state="fail", why="tool does not build (%s):\n%s"
                         % (" ".join(cmd), tail))
            return
    _tool.update(state="ok", path=TOOL_OUT)


def run_tool(args, cwd=None, timeout=60, prefix=()):
    """Run the tool; returns CompletedProcess with bytes stdout/stderr.
    prefix: command words put in front (e.g. setpriv to drop root)."""
    cmd = list(prefix) + [tool_path()] + [str(a) for a in args]
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise AssertionError("tool timed out after %ss: %s" % (timeout, " ".join(cmd))) from e


def out_text(p):
    return (p.stdout + p.stderr).decode("utf-8", "replace")


# ---------------------------------------------------------------------------
# Synthetic module trees
# ---------------------------------------------------------------------------

SUBDIRS = ["kernel", "drivers/net/phy", "fs/ext4", "sound/core", "lib"]


def rng(salt=0):
    return random.Random(SEED * 1000003 + salt)


def make_module(r, size):
    """An ELF-looking module: b"\\x7fELF" then random bytes (size >= 4)."""
    return b"\x7fELF" + r.randbytes(max(0, size - 4))


def random_size(r, small=False):
    if small:
        return r.randint(16, 4096)
    c = r.random()
    if c < 0.3:
        return r.randint(16, 300)
    if c < 0.8:
        return r.randint(300, 8000)
    if c < 0.95:
        return r.randint(8000, 70000)
    return r.choice([4096, 8192, 65536, 65537])


def write_file(path, data, mode=None):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    if mode is not None:
        os.chmod(path, mode)


def read_file(path):
    with open(path, "rb") as f:
        return f.read()


def make_tree(root, n, salt=0, small=None, names=None):
    """Create n modules under root and root/modules.order.

    Names are shuffled so that modules.order is not in lexical order.
    Returns the list of module paths (relative, ".ko") in modules.order order.
    """
    r = rng(salt)
    if small is None:
        small = n > 200
    if names is None:
        names = ["%s/m%04d_%s" % (SUBDIRS[i % len(SUBDIRS)], i, r.choice("abcxyz"))
                 for i in range(n)]
        r.shuffle(names)
    kos = []
    for nm in names:
        ko = nm + ".ko"
        write_file(os.path.join(root, ko), make_module(r, random_size(r, small)))
        kos.append(ko)
    write_order(root, [nm + ".o" for nm in names])
    return kos


def write_order(root, lines, name="modules.order"):
    data = "".join(l + "\n" for l in lines)
    write_file(os.path.join(root, name), data.encode())


def snapshot(root):
    """{relpath: (kind, size, mtime_ns, mode, sha256)} of everything under root."""
    snap = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            p = os.path.join(dirpath, d)
            st = os.lstat(p)
            snap[os.path.relpath(p, root)] = ("dir", 0, 0, stat.S_IMODE(st.st_mode), "")
        for fn in filenames:
            p = os.path.join(dirpath, fn)
            st = os.lstat(p)
            try:
                with open(p, "rb") as f:
                    h = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                h = "unreadable"
            snap[os.path.relpath(p, root)] = ("file", st.st_size, st.st_mtime_ns,
                                              stat.S_IMODE(st.st_mode), h)
    return snap


def snapshot_diff(before, after):
    out = []
    for k in sorted(set(before) | set(after)):
        if k not in before:
            out.append("created %s" % k)
        elif k not in after:
            out.append("removed %s" % k)
        elif before[k] != after[k]:
            b, a = before[k], after[k]
            what = [n for n, x, y in zip(("kind", "size", "mtime", "mode", "content"),
                                         b, a) if x != y]
            out.append("changed %s (%s)" % (k, ", ".join(what)))
    return out


def copy_tree(src, dst):
    shutil.copytree(src, dst, symlinks=True, copy_function=shutil.copy2)


# ---------------------------------------------------------------------------
# Test case base
# ---------------------------------------------------------------------------

def short(v, limit=200):
    if isinstance(v, (bytes, bytearray)):
        h = bytes(v).hex()
        s = "%d bytes %s" % (len(v), h[:limit] + ("..." if len(h) > limit else ""))
        return s
    s = repr(v) if not isinstance(v, str) else v
    return s if len(s) <= limit * 4 else s[:limit * 4] + "..."


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


class Case(unittest.TestCase):
    """TestCase with a temp dir and expected/actual style assertions."""

    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mmt-test-")
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        for dirpath, dirnames, filenames in os.walk(self.tmp):
            for d in dirnames:
                try:
                    os.chmod(os.path.join(dirpath, d), 0o755)
                except OSError:
                    pass
            for fn in filenames:
                try:
                    os.chmod(os.path.join(dirpath, fn), 0o644)
                except OSError:
                    pass
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def expect(self, expected, actual, what):
        if expected == actual:
            return
        msg = "%s\n  expected: %s\n  actual:   %s" % (what, short(expected), short(actual))
        if isinstance(expected, (bytes, bytearray)) and isinstance(actual, (bytes, bytearray)):
            msg += "\n  first difference at byte %d" % first_diff(expected, actual)
        raise AssertionError(msg)

    def expect_true(self, cond, what, expected, actual):
        if not cond:
            raise AssertionError("%s\n  expected: %s\n  actual:   %s"
                                 % (what, short(expected), short(actual)))

    def expect_ok(self, p, what):
        if p.returncode != 0:
            raise AssertionError("%s\n  expected: exit 0\n  actual:   exit %d, output: %s"
                                 % (what, p.returncode, short(out_text(p))))

    # -- build helpers ----------------------------------------------------

    def build(self, tree, *extra, order="modules.order", desc="modules.merkle", prefix=()):
        return run_tool(["build"] + list(extra) + [order, desc], cwd=tree, prefix=prefix)

    def check_build(self, tree, kos, desc="modules.merkle", originals=None):
        """Compare descriptor and module files with the reference.

        originals: file contents before the build (default: read now is
        wrong, so callers pass them).  Every proof is also verified with the
        reference's RFC 9162 2.1.3.2 verifier.
        """
        exp_desc, exp_files = ref.build_outputs(originals)
        got_desc = read_file(os.path.join(tree, desc))
        self.expect(exp_desc, got_desc, "descriptor %s" % desc)
        d = ref.decode_descriptor(got_desc)
        bad = []
        for i, ko in enumerate(kos):
            got = read_file(os.path.join(tree, ko))
            if got != exp_files[i]:
                bad.append((ko, exp_files[i], got))
                continue
            body, proof = ref.decode_trailer(got)
            if not ref.verify_inclusion(proof.leaf_index, proof.leaf_count,
                                        ref.leaf_hash(body), proof.path, d.root):
                bad.append((ko, "a proof that verifies", "proof does not verify"))
        if bad:
            ko, e, a = bad[0]
            extra = ""
            if isinstance(e, bytes):
                extra = (" (expected %d bytes, got %d; first difference at byte %d)"
                         % (len(e), len(a), first_diff(e, a)))
            raise AssertionError(
                "%d of %d module files differ from the reference; first: %s%s\n"
                "  expected: %s\n  actual:   %s"
                % (len(bad), len(kos), ko, extra, short(e[-120:] if isinstance(e, bytes) else e),
                   short(a[-120:] if isinstance(a, bytes) else a)))


# ---------------------------------------------------------------------------
# Small ELF files with a .module_hashes section (for `embed`)
# ---------------------------------------------------------------------------

_ELF_CACHE = {}
_ELF_DIR = None


def _rm_elf_dir():
    if _ELF_DIR:
        shutil.rmtree(_ELF_DIR, ignore_errors=True)


import atexit  # noqa: E402
atexit.register(_rm_elf_dir)

ELF_SRC = r"""
/* Placeholder descriptor: magic, version 1, SHA-256, leaf count 0, zero root. */
%(decl)s
const char before_data[] = "data before the descriptor section";
int counter = 42;
const char after_data[] = "data after the descriptor section";
int main(void) { return before_data[0] + after_data[0] + counter %(use)s; }
"""


def compile_elf(dest, section_size=48, linked=False, placeholder=True, nobits=False,
                objcopy_target=None):
    """Copy to dest an ELF made by gcc with a .module_hashes section of
    section_size bytes (None: no such section; nobits: an SHT_NOBITS one).
    objcopy_target converts the object (e.g. "elf32-i386").  Raises SkipTest
    without gcc (or objcopy)."""
    global _ELF_DIR
    key = (section_size, linked, placeholder, nobits, objcopy_target)
    if key not in _ELF_CACHE:
        if shutil.which("gcc") is None:
            raise unittest.SkipTest("gcc not available to make ELF fixtures")
        if _ELF_DIR is None:
            _ELF_DIR = tempfile.mkdtemp(prefix="mmt-elf-")
        if section_size is None:
            decl, use = "", ""
        elif nobits:
            decl = ("unsigned char module_hashes[%d] __attribute__((section("
                    "\".module_hashes,\\\"aw\\\",@nobits#\"), used));" % section_size)
            use = "+ module_hashes[0]"
        else:
            init = ("{'M','O','D','H','R','O','O','T', 1, 4, 0, 0}" if placeholder
                    else "{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16}")
            decl = ("const unsigned char module_hashes[%d] "
                    "__attribute__((section(\".module_hashes\"), used, aligned(8))) = %s;"
                    % (section_size, init))
            use = "+ module_hashes[0]"
        name = "elf_%s_%s_%s_%s_%s" % (section_size, "exe" if linked else "obj",
                                       int(placeholder), int(nobits), objcopy_target)
        src = os.path.join(_ELF_DIR, name + ".c")
        out = os.path.join(_ELF_DIR, name + (".elf" if linked else ".o"))
        with open(src, "w") as f:
            f.write(ELF_SRC % {"decl": decl, "use": use})
        cmd = ["gcc", "-O0", "-o", out, src] if linked else ["gcc", "-O0", "-c", "-o", out, src]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            raise AssertionError("cannot compile ELF fixture: %s" % p.stderr[-500:])
        if objcopy_target:
            if shutil.which("objcopy") is None:
                raise unittest.SkipTest("objcopy not available to make a %s fixture"
                                        % objcopy_target)
            conv = out + "." + objcopy_target
            p = subprocess.run(["objcopy", "-O", objcopy_target, out, conv],
                               capture_output=True, text=True)
            if p.returncode != 0:
                raise unittest.SkipTest("objcopy cannot make %s: %s"
                                        % (objcopy_target, p.stderr.strip()[:200]))
            out = conv
        _ELF_CACHE[key] = out
    shutil.copy2(_ELF_CACHE[key], dest)
    return dest
