# Reading a BBC micro:bit machine's serial console line by line from a
# functional test.
#
# SPDX-License-Identifier: GPL-2.0-or-later

import time


def read_line(vm, prefix, timeout=30):
    """Wait for a line starting with @prefix and return the rest, or None
    after @timeout seconds; raise EOFError if the console closes."""
    sock = vm.console_socket
    deadline = time.monotonic() + timeout
    buf = b''
    while True:
        sock.settimeout(max(deadline - time.monotonic(), 0.01))
        try:
            c = sock.recv(1)
        except TimeoutError:
            return None
        if not c:
            raise EOFError('console closed')
        if c != b'\n':
            buf += c
            continue
        line = buf.decode(errors='replace').strip()
        buf = b''
        if line.startswith(prefix):
            return line[len(prefix):].strip()
