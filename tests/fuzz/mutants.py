#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that the fuzz harness can fail: run it on broken copies of hashes.c.

    python3 tests/fuzz/mutants.py [-runs=N] [NAME...]

Each mutant is one textual change of kernel/module/hashes.c, written to a
scratch kernel tree under FUZZ_WORK (default tests/fuzz/work/mutants); the
real tree is only read (scripts/modules-merkle-tree.c is copied as it is, for
fuzz_tool).  run.sh builds the harnesses against the scratch tree and replays
the seeds, then fuzzes the root target for N runs (default
300000); findings go to a scratch regression directory.  A mutant is killed if
run.sh fails.  Prints one line per mutant and "N passed, N failed", where a
surviving mutant is a failure unless it is listed in EQUIVALENT (skipped); exits 1 if
any other survived.  A mutant that makes the self-test loop forever costs
run.sh's 120 s replay timeout.
"""

import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
KSRC = os.environ.get("KSRC", os.path.join(REPO, "build", "linux"))
WORK = os.path.join(os.environ.get("FUZZ_WORK", os.path.join(HERE, "work")),
                    "mutants")

# name: (original text, replacement)
MUTANTS = {
    "no-fn-eq-sn": ("if ((fn & 1) || fn == sn)", "if (fn & 1)"),
    "shift-to-1": ("while (!(fn & 1) && fn != 0)", "while (!(fn & 1) && fn > 1)"),
    "no-final-sn": ("if (sn != 0 || memcmp(r, expected", "if (memcmp(r, expected"),
    "no-early-sn": ("if (sn == 0)\n\t\t\treturn -EKEYREJECTED;", ""),
    "path-len-k": ("rounddown_pow_of_two(leaf_count - 1)",
                   "rounddown_pow_of_two(leaf_count)"),
    "no-sig-len-bound": ("if (sig_len > len || sig_len < sizeof(*proof))",
                         "if (sig_len < sizeof(*proof))"),
    "sig-len-min": ("sig_len < sizeof(*proof))", "sig_len < 12)"),
    "no-key-id-len": ("ms.signer_len || ms.key_id_len ||", "ms.signer_len ||"),
    "no-pad": ("memchr_inv(ms.__pad, 0, sizeof(ms.__pad))", "0"),
    "no-reserved": ("memchr_inv(proof->reserved, 0, sizeof(proof->reserved))",
                    "0"),
    "index-le-count": ("if (index >= count)", "if (index > count)"),
    "exact-length": ("if (sig_len != struct_size(proof, path, *path_len))",
                     "if (sig_len < struct_size(proof, path, *path_len))"),
    "modlen-plus-1": ("*modlen = len - sig_len;", "*modlen = len - sig_len + 1;"),
    "hash-one-short": ("mh_hash_leaf(desc, buf, modlen, leaf)",
                       "mh_hash_leaf(desc, buf, modlen ? modlen - 1 : 0, leaf)"),
    "no-leaf-count": ("if (proof->leaf_count != root->leaf_count)", "if (0)"),
    "count-before-root": (
        "\tif (!mh_root_usable(root)",
        "\tif (proof->leaf_count != root->leaf_count)\n\t\treturn mh_malformed(verdict, \"leaf count\");\n"
        "\tif (!mh_root_usable(root)"),
    "usable-no-reserved": ("\t       !memchr_inv(root->reserved, 0, sizeof(root->reserved)) &&\n", ""),
    "usable-no-count": (" &&\n\t       root->leaf_count;", ";"),
    "no-enokey-reason": ("\t\tverdict->reason = \"proof is for another build\";\n", ""),
    "modlen-on-failure": ("\telse\n\t\tverdict->modlen = modlen;",
                          "\tverdict->modlen = modlen;"),
    "leak-tfm": ("\tcrypto_free_shash(tfm);\n\n", "\n"),
    "check-no-trim": ("\t\tinfo->len = verdict.modlen;", "\t\t;"),
    "check-log-enokey": ("else if (err != -ENOKEY)", "else"),
    "swap-node": ("err = mh_hash_node(desc, p, r, r);", "err = mh_hash_node(desc, r, p, r);"),
}


# Mutants that no input can tell apart from hashes.c by return value, leaf
# index, module length or log line; a survivor here is not a failure.
EQUIVALENT = {
    # sig_len must equal 44 + 32 * len(m, n), for which the RFC 9162 walk
    # ends with sn == 0 exactly after the last entry: these checks are
    # defensive and cannot fire.
    "no-final-sn", "no-early-sn",
    # fn is even and non-zero there, so it becomes odd before it could
    # reach 0 or 1: "fn != 0" and "fn > 1" stop at the same point.
    "shift-to-1",
}


def make_tree(name, old, new):
    src = open(os.path.join(KSRC, "kernel/module/hashes.c")).read()
    if src.count(old) != 1:
        return None
    tree = os.path.join(WORK, "tree-" + name)
    if os.path.isdir(tree):
        shutil.rmtree(tree)
    for rel in ("include/linux/module_hashes.h",
                "include/linux/module_signature.h",
                "scripts/modules-merkle-tree.c"):
        os.makedirs(os.path.dirname(os.path.join(tree, rel)), exist_ok=True)
        shutil.copyfile(os.path.join(KSRC, rel), os.path.join(tree, rel))
    os.makedirs(os.path.join(tree, "kernel/module"))
    with open(os.path.join(tree, "kernel/module/hashes.c"), "w") as f:
        f.write(src.replace(old, new))
    return tree


def main(argv):
    runs = "-runs=300000"
    names = []
    for a in argv:
        if a.startswith("-runs="):
            runs = a
        else:
            names.append(a)
    names = names or list(MUTANTS)
    killed = survived = equivalent = 0
    os.makedirs(WORK, exist_ok=True)
    for name in names:
        old, new = MUTANTS[name]
        tree = make_tree(name, old, new)
        if tree is None:
            print("n/a      %-20s (text not in this hashes.c)" % name)
            continue
        # Start from nothing: no findings or corpus of an earlier run.
        for d in ("regressions-" + name, "work-%s/corpus-root" % name):
            shutil.rmtree(os.path.join(WORK, d), ignore_errors=True)
        env = dict(os.environ, KSRC=tree,
                   FUZZ_WORK=os.path.join(WORK, "work-" + name),
                   FUZZ_REGRESSIONS=os.path.join(WORK, "regressions-" + name))
        r = subprocess.run(["bash", os.path.join(HERE, "run.sh"), runs, "root"],
                           env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        out = r.stdout
        if r.returncode == 2:
            sys.exit("mutants: %s: harness did not build:\n%s" % (name, out))
        if r.returncode != 0:
            killed += 1
            how = "replay" if "FAILED replaying" in out else "fuzzing"
            why = next((l.strip() for l in out.splitlines()
                        if "check failed" in l or "SUMMARY" in l
                        or "ERROR: libFuzzer" in l), "")
            print("killed   %-20s (%s) %s" % (name, how, why[:110]))
        elif name in EQUIVALENT:
            equivalent += 1
            print("survived %-20s (equivalent, expected)" % name)
        else:
            survived += 1
            print("SURVIVED %-20s" % name)
        sys.stdout.flush()
    print("%d passed, %d failed, %d skipped" % (killed, survived, equivalent))
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
