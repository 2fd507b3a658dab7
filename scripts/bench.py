#!/usr/bin/env python3
#
# Benchmark the micro:bit machine side by side with Debian's
# qemu-system-arm -M microbit, on the same MicroPython workloads:
#
#  - a CPU-bound loop typed at the REPL: host seconds from the command
#    to the next prompt (best of three runs);
#  - the REPL idling: host CPU used by the QEMU process over 10 s, as a
#    percentage of one core.
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
        buf = b''
        self.sock.settimeout(timeout)
        while pattern not in buf:
            data = self.sock.recv(4096)
            if not data:
                raise RuntimeError('serial port closed')
            buf += data
        return buf

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


def measure(qemu, upstream):
    board = Board(qemu, upstream)
    try:
        loop = min(board.run(LOOP) for _ in range(3))
        time.sleep(1)
        cpu0, t0 = board.cpu_seconds(), time.monotonic()
        time.sleep(IDLE_SECONDS)
        idle = 100 * (board.cpu_seconds() - cpu0) / (time.monotonic() - t0)
    finally:
        board.close()
    return loop, idle


def main():
    ours = sys.argv[1]
    upstream = sys.argv[2] if len(sys.argv) > 2 else '/usr/bin/qemu-system-arm'
    if not os.path.exists(upstream):
        sys.exit(f'bench: {upstream} is missing (Debian package '
                 'qemu-system-arm)')

    print(f'workload: MicroPython, "{LOOP}" at the REPL; REPL idle '
          f'for {IDLE_SECONDS} s')
    o_loop, o_idle = measure(ours, False)
    u_loop, u_idle = measure(upstream, True)
    print(f'{"":24}{"this machine":>14}{"upstream":>14}{"ratio":>8}')
    print(f'{"CPU-bound loop (s)":24}{o_loop:14.3f}{u_loop:14.3f}'
          f'{o_loop / u_loop:8.3f}')
    print(f'{"idle REPL (% of a core)":24}{o_idle:14.2f}{u_idle:14.2f}'
          f'{(o_idle / u_idle if u_idle else float("inf")):8.3f}')
    ok = o_loop / u_loop <= 1.05 and o_idle <= 3 and o_idle <= u_idle + 0.5
    print('targets (loop ratio <= 1.05, idle <= 3 % and <= upstream):',
          'met' if ok else 'NOT met')


if __name__ == '__main__':
    main()
