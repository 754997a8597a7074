#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Read the console logs of the test guests and print the result table.

Usage: results.py OUT_DIR:MODE... -- prints, per boot, the tree root and
leaf count of the build, how many of its modules loaded by proof, which
were refused and why, and the kselftest results; then one line
"RESULT passed=N failed=N skipped=N" for the harness to add up.
"""
import os
import re
import sys

AUTH_ERRORS = ("Key was rejected by service", "Bad message",
               "Operation not permitted", "Required key not available",
               "Package not installed")


def descriptor(out):
    with open(os.path.join(out, "modules.merkle"), "rb") as f:
        d = f.read()
    return d[16:48].hex(), int.from_bytes(d[12:16], "big")


def main(args):
    passed = failed = skipped = 0
    for arg in args:
        out, mode = arg.rsplit(":", 1)
        variant = os.path.basename(out).removeprefix("out-")
        root, leaves = descriptor(out)
        with open(os.path.join(out, "modules.order")) as f:
            order = [os.path.basename(l.strip())[:-2] for l in f if l.strip()]
        log_path = os.path.join(out, f"boot-{mode}.log")
        with open(log_path, errors="replace") as f:
            log = f.read()
        print(f"== {variant}, {mode} ({log_path})")
        print(f"   root              {root}")
        print(f"   leaves (N)        {leaves} (modules.order: {len(order)})")
        bad = []
        if leaves != len(order):
            bad.append(f"leaf count {leaves} != {len(order)} modules")
        loads = dict(re.findall(r"^MODLOAD (\S+) (.*)$", log, re.M))
        by_proof, init_failed, refused, tainted = [], [], [], []
        for name in order:
            res = loads.get(name)
            if res is None:
                refused.append((name, "not tried (guest did not get there)"))
            elif res.startswith("ok"):
                (tainted if "E" in res.split("taint=")[1] else by_proof).append(name)
            elif any(e in res for e in AUTH_ERRORS):
                refused.append((name, res.split("ERROR: ")[-1]))
            else:
                init_failed.append((name, res.split("ERROR: ")[-1]))
        print(f"   loaded by proof   {len(by_proof)} of {len(order)}")
        print(f"   loaded, tainted E {len(tainted)}" +
              (f": {' '.join(tainted)}" if tainted else ""))
        print(f"   refused           {len(refused)}")
        for name, why in refused:
            print(f"      {name}: {why}")
        print(f"   init failed       {len(init_failed)} (authenticated; the"
              " module's own init returned an error)")
        for name, why in init_failed:
            print(f"      {name}: {why}")
        n_ok = len(order) - len(refused) - len(tainted)
        passed += n_ok
        failed += len(refused) + len(tainted) + len(bad)
        for b in bad:
            print(f"   FAIL {b}")
        m = re.search(r"^MODHASH-KSELFTEST-BEGIN.*?$(.*?)^MODHASH-KSELFTEST-END",
                      log, re.M | re.S)
        if not m:
            print("   kselftest         did not run")
            failed += 1
            continue
        ks = {"ok": 0, "not ok": 0, "skip": 0}
        for line in m.group(1).splitlines():
            t = re.match(r"^(ok|not ok) \d+ (.*)$", line.strip())
            if not t:
                continue
            if "# SKIP" in t.group(2):
                ks["skip"] += 1
            elif t.group(1) == "ok":
                ks["ok"] += 1
            else:
                ks["not ok"] += 1
                print(f"   FAIL kselftest: {t.group(2)}")
        print(f"   kselftest         {ks['ok']} passed, {ks['not ok']} failed,"
              f" {ks['skip']} skipped")
        for line in m.group(1).splitlines():
            if line.startswith("ok") and ("no trailer" in line or
                                          "module byte 100" in line):
                print(f"      {line.strip()}")
        passed += ks["ok"]
        failed += ks["not ok"]
        skipped += ks["skip"]
        kunit = re.search(r"# module_hashes: pass:(\d+) fail:(\d+) skip:(\d+)", log)
        if kunit:
            kp, kf, ks = map(int, kunit.groups())
            print(f"   KUnit             module_hashes: {kp} passed, {kf} failed, {ks} skipped")
            for t in re.findall(r"^.*not ok \d+ (.*)$", log, re.M):
                print(f"   FAIL KUnit: {t.strip()}")
            passed += kp
            failed += kf
            skipped += ks
        else:
            print("   KUnit             module_hashes did not run")
            failed += 1
        loops = re.findall(r"^PARLOAD loop=(\d+) loads=(\d+) failed=(\d+)", log, re.M)
        end = re.search(r"^PARLOAD-END seconds=(\d+) taint_before=(\d+) "
                        r"taint_after=(\d+) kernel_lines=(\d+)", log, re.M)
        if loops or end or "modhash.parallel=" in log:
            loads = sum(int(n) for _, n, _ in loops)
            bad = sum(int(f) for _, _, f in loops)
            secs, t0, t1, lines = end.groups() if end else ("?", "?", "?", "?")
            print(f"   parallel load     {len(loops)} loops, {loads} loads by proof in {secs} s,"
                  f" {bad} failed; kernel problem lines {lines}, taint {t0} -> {t1}")
            for line in re.findall(r"^PARLOAD-(?:FAIL|DMESG) (.*)$", log, re.M):
                print(f"   FAIL parallel: {line.strip()}")
            passed += sum(1 for _, _, f in loops if f == "0")
            failed += sum(1 for _, _, f in loops if f != "0") + max(0, 8 - len(loops))
            if end and t0 == t1 and lines == "0":
                passed += 1
            else:
                failed += 1
        leaks = re.search(r"^MODHASH-KMEMLEAK leaks=(\d+)", log, re.M)
        if leaks:
            print(f"   kmemleak          {leaks.group(1)} unreferenced objects")
            if int(leaks.group(1)):
                failed += 1
            else:
                passed += 1
        for oops in re.findall(r"^.*(?:Oops|BUG:|WARNING:|UBSAN|KASAN).*$", log, re.M):
            print(f"   FAIL kernel: {oops.strip()}")
            failed += 1
    print(f"RESULT passed={passed} failed={failed} skipped={skipped}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
