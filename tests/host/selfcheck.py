#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that every host test can fail.

Runs the host-tool suites against fake_mmt.py once without bugs (everything
must pass) and once per injected bug (FAKE_MMT_BUG, see fake_mmt.BUGS; each
must make at least one test fail), then lists, for every test, the bugs that
made it fail.  A test no bug can make fail is reported as "never fails".
The reference suites have their own check (test_mutants.py).

    python3 tests/host/selfcheck.py [-j JOBS]

Takes a minute or two; not part of run.py.
"""

import argparse
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fake_mmt  # noqa: E402

SUITES = ["cli", "known_answers", "build", "determinism", "suffix", "embed", "bad_inputs", "show",
          "verify"]


def run(bug):
    env = dict(os.environ, MMT=os.path.join(HERE, "fake_mmt.py"), FAKE_MMT_BUG=bug)
    p = subprocess.run([sys.executable, os.path.join(HERE, "run.py"), "-v"] + SUITES,
                       env=env, capture_output=True, text=True, timeout=900)
    status = {}
    for line in p.stdout.splitlines():
        m = re.match(r"^(ok|FAIL|SKIP)\s+(\S+)$", line)
        if m:
            status[m.group(2)] = m.group(1)
    return bug, p.returncode, status, p.stdout.strip().splitlines()[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-j", type=int, default=2)
    args = ap.parse_args()
    bugs = [""] + list(fake_mmt.BUGS)
    with ThreadPoolExecutor(max_workers=args.j) as ex:
        results = list(ex.map(run, bugs))
    ok = True
    _, rc, control, last = results[0]
    print("control (no bug): %s" % last)
    if rc != 0:
        ok = False
        print("  CONTROL FAILED:", [t for t, s in control.items() if s == "FAIL"])
    killed = {t: [] for t in control}
    for bug, rc, status, last in results[1:]:
        fails = [t for t, s in status.items() if s == "FAIL"]
        for t in fails:
            killed.setdefault(t, []).append(bug)
        mark = "caught" if fails else "NOT CAUGHT"
        if not fails:
            ok = False
        print("bug %-22s %-10s %3d failing tests  (%s)" % (bug, mark, len(fails),
                                                           fake_mmt.BUGS[bug]))
    print()
    never = []
    for t in sorted(killed):
        if control.get(t) == "SKIP":
            print("%-75s skipped in this environment" % t)
            continue
        if not killed[t]:
            never.append(t)
        print("%-75s %s" % (t, ", ".join(killed[t]) or "NEVER FAILS"))
    print()
    print("%d tests, %d never fail, %d bugs, %d not caught"
          % (len(killed), len(never), len(bugs) - 1,
             sum(1 for r in results[1:] if not any(s == "FAIL" for s in r[2].values()))))
    return 0 if ok and not never else 1


if __name__ == "__main__":
    sys.exit(main())
