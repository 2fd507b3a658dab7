#!/usr/bin/env python3
#
# Run every test of the micro:bit machine and print one summary line,
# "N passed, N failed", counting the individual test cases (TAP lines)
# of each test program.
#
#   check.py BUILD_DIR
#
# The suites: QEMU's arm qtests (with the generic qom-test,
# device-introspect-test and HMP tests, and this project's qtests),
# QEMU's unit tests (with the .hex parser's), and the functional boot
# tests.
#
# SPDX-License-Identifier: GPL-2.0-or-later

import json
import os
import re
import subprocess
import sys

# The boot tests check timing within 1 % against the host's clock, so
# they run after the rest, one at a time, where nothing starves them
SUITES = [(['qtest-arm', 'unit'], os.cpu_count() or 2), (['func-arm'], 1)]
TAP = re.compile(r'^(not ok|ok)\b[^#]*(#\s*(SKIP|TODO))?', re.IGNORECASE)


def main():
    build = sys.argv[1]
    rc = 0
    results = []
    for suites, jobs in SUITES:
        cmd = ['meson', 'test', '-C', build, '--print-errorlogs',
               '--num-processes', str(jobs)]
        for s in suites:
            cmd += ['--suite', s]
        rc |= subprocess.call(cmd)
        with open(os.path.join(build, 'meson-logs', 'testlog.json')) as f:
            results += [json.loads(line) for line in f]

    passed = failed = skipped = 0
    for t in results:
        cases = [TAP.match(l) for l in t.get('stdout', '').splitlines()]
        cases = [m for m in cases if m]
        if not cases:
            # a program that is not TAP counts once, by its result
            if t['result'] == 'OK':
                passed += 1
            elif t['result'] == 'SKIP':
                skipped += 1
            else:
                failed += 1
            continue
        for m in cases:
            if m.group(3) and m.group(3).upper() == 'SKIP':
                skipped += 1
            elif m.group(1).lower() == 'ok':
                passed += 1
            else:
                failed += 1
        if t['result'] not in ('OK', 'SKIP', 'EXPECTEDFAIL'):
            # crashed or timed out after its last TAP line
            failed += 1

    print()
    print(f'{passed} passed, {failed} failed, {skipped} skipped')
    return 1 if rc or failed else 0


if __name__ == '__main__':
    sys.exit(main())
