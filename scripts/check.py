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

SUITES = ['qtest-arm', 'unit', 'func-arm']
TAP = re.compile(r'^(not ok|ok)\b[^#]*(#\s*(SKIP|TODO))?', re.IGNORECASE)


def main():
    build = sys.argv[1]
    cmd = ['meson', 'test', '-C', build, '--print-errorlogs',
           '--num-processes', str(os.cpu_count() or 2)]
    for s in SUITES:
        cmd += ['--suite', s]
    rc = subprocess.call(cmd)

    passed = failed = skipped = 0
    with open(os.path.join(build, 'meson-logs', 'testlog.json')) as f:
        for line in f:
            t = json.loads(line)
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
