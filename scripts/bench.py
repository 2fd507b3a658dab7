#!/usr/bin/env python3
#
# Benchmark the micro:bit machine side by side with Debian's
# qemu-system-arm -M microbit, on the same MicroPython workloads:
#
#  - a CPU-bound loop typed at the REPL: host seconds from the command
#    to the next prompt (best of three runs);
#  - the REPL idling: host CPU used by the QEMU process over 5 s, as a
#    percentage of one core;
#  - the same while MicroPython scrolls text on the display in the
#    background: upstream has no display, so the difference is what the
#    LED matrix model costs (MicroPython drives the same pins on both).
#
#   bench.py OURS [UPSTREAM]
#
# Upstream's -kernel refuses .hex files, so it gets the firmware through
# -device loader, as its own documentation says.
#
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import socket
import subprocess
import sys
import time

FIRMWARE = '/usr/share/firmware-microbit-micropython/firmware.hex'
LOOP = 'exec("for i in range(1000000): x = i * 3 + 1")'
SCROLL = 'display.scroll("Hello World!", loop=True, wait=False)'
IDLE_SECONDS = 5


class Board:
    def __init__(self, qemu, upstream):
        srv = socket.socket()
        srv.bind(('127.0.0.1', 0))
        port = srv.getsockname()[1]
        srv.close()
        load = (['-device', f'loader,file={FIRMWARE}'] if upstream
                else ['-kernel', FIRMWARE])
        self.proc = subprocess.Popen(
            [qemu, '-M', 'microbit', '-display', 'none', '-monitor', 'none',
             '-serial', f'tcp:127.0.0.1:{port},server=on,wait=on'] + load,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        self.buf = b''
        for _ in range(100):
            try:
                self.sock = socket.create_connection(('127.0.0.1', port))
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError(f'{qemu} did not start')
        self.wait_for(b'>>> ', 30)

    def wait_for(self, pattern, timeout):
        """Read up to @pattern; keep what follows it for the next call."""
        self.sock.settimeout(timeout)
        while pattern not in self.buf:
            data = self.sock.recv(4096)
            if not data:
                raise RuntimeError('serial port closed')
            self.buf += data
        head, _, self.buf = self.buf.partition(pattern)
        return head

    def run(self, line, timeout=120):
        self.sock.sendall(line.encode() + b'\r')
        self.wait_for(line.encode(), timeout)
        start = time.monotonic()
        self.wait_for(b'>>> ', timeout)
        return time.monotonic() - start

    def cpu_seconds(self):
        with open(f'/proc/{self.proc.pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')

    def close(self):
        self.proc.kill()
        self.proc.wait()


def cpu_percent(board):
    time.sleep(1)
    cpu0, t0 = board.cpu_seconds(), time.monotonic()
    time.sleep(IDLE_SECONDS)
    return 100 * (board.cpu_seconds() - cpu0) / (time.monotonic() - t0)


def measure(qemu, upstream):
    board = Board(qemu, upstream)
    try:
        loop = min(board.run(LOOP) for _ in range(3))
        idle = cpu_percent(board)
        board.run('from microbit import *')
        board.run(SCROLL)
        scroll = cpu_percent(board)
    finally:
        board.close()
    return loop, idle, scroll


def main():
    ours = sys.argv[1]
    upstream = sys.argv[2] if len(sys.argv) > 2 else '/usr/bin/qemu-system-arm'
    if not os.path.exists(upstream):
        sys.exit(f'bench: {upstream} is missing (Debian package '
                 'qemu-system-arm)')

    print(f'workload: MicroPython, "{LOOP}" at the REPL; REPL idle '
          f'for {IDLE_SECONDS} s; then {SCROLL}')
    o_loop, o_idle, o_scroll = measure(ours, False)
    u_loop, u_idle, u_scroll = measure(upstream, True)
    print(f'{"":24}{"this machine":>14}{"upstream":>14}{"ratio":>8}')
    print(f'{"CPU-bound loop (s)":24}{o_loop:14.3f}{u_loop:14.3f}'
          f'{o_loop / u_loop:8.3f}')
    print(f'{"idle REPL (% of a core)":24}{o_idle:14.2f}{u_idle:14.2f}'
          f'{(o_idle / u_idle if u_idle else float("inf")):8.3f}')
    print(f'{"scrolling (% of a core)":24}{o_scroll:14.2f}{u_scroll:14.2f}'
          f'{(o_scroll / u_scroll if u_scroll else float("inf")):8.3f}')
    print(f'display model cost: {o_scroll - u_scroll:+.2f} percentage points '
          f'(scrolling, this machine minus upstream)')
    ok = o_loop / u_loop <= 1.05 and o_idle <= 3 and o_idle <= u_idle + 0.5
    print('targets (loop ratio <= 1.05, idle <= 3 % and <= upstream):',
          'met' if ok else 'NOT met')
    ok = o_scroll <= u_scroll + 1
    print('target (display adds <= 1 point while scrolling):',
          'met' if ok else 'NOT met')


if __name__ == '__main__':
    main()
