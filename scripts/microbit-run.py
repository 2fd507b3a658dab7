#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Boot a program on the micro:bit machine with its front panel in the
# terminal: the 5x5 display, live, above the serial console.
#
#   microbit-run.py QEMU PROGRAM.hex [QEMU ARGS...]
#
# Keys go to the serial console, except after Ctrl-A:
#   a / b   click button A / B        A / B   hold or release it
#   x       quit                      Ctrl-A  send Ctrl-A itself
#
# Without a terminal (output piped, CI), QEMU runs with -nographic.

import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import termios
import time
import tty

PANEL_ROWS = 9
POLL = 0.05         # seconds between reads of the display
CLICK = 0.15        # seconds a click holds the button down

# xterm 256-colour shades for brightness 0-9
SHADES = (238, 52, 52, 88, 88, 124, 124, 160, 196, 196)


class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.file = self.sock.makefile('rw')
        self.file.readline()
        self.cmd('qmp_capabilities')

    def cmd(self, name, **args):
        self.file.write(json.dumps({'execute': name, 'arguments': args}))
        self.file.write('\n')
        self.file.flush()
        while True:
            line = self.file.readline()
            if not line:
                raise EOFError('QEMU closed its QMP socket')
            reply = json.loads(line)
            if 'return' in reply:
                return reply['return']
            if 'error' in reply:
                raise RuntimeError(reply['error']['desc'])

    def qom_get(self, prop):
        return self.cmd('qom-get', path='/machine', property=prop)

    def qom_set(self, prop, value):
        self.cmd('qom-set', path='/machine', property=prop, value=value)


class Panel:
    def __init__(self, out):
        self.out = out
        self.display = '00000:00000:00000:00000:00000'
        self.buttons = [False, False]
        self.resize()

    def resize(self):
        cols, rows = shutil.get_terminal_size()
        self.rows = rows
        # Serial output scrolls below the panel
        self.write(f'\x1b[2J\x1b[{PANEL_ROWS + 1};{rows}r'
                   f'\x1b[{PANEL_ROWS + 1};1H')
        self.draw()

    def write(self, text):
        self.out.write(text.encode())
        self.out.flush()

    def button(self, n):
        label = 'AB'[n]
        if self.buttons[n]:
            return f'\x1b[7m ({label}) \x1b[0m'
        return f' ({label}) '

    def draw(self):
        rows = self.display.split(':')
        lines = ['  BBC micro:bit']
        for y, row in enumerate(rows):
            leds = ''.join(f'\x1b[38;5;{SHADES[int(d)]}m\u2588\u2588\x1b[0m '
                           for d in row)
            left = self.button(0) if y == 2 else ' ' * 5
            right = self.button(1) if y == 2 else ''
            lines.append(f'  {left}  {leds}  {right}')
        lines.append('')
        lines.append('  Ctrl-A then a/b: click A/B, A/B: hold/release, '
                     'x: quit')
        text = '\x1b7'
        for i, line in enumerate(lines[:PANEL_ROWS]):
            text += f'\x1b[{i + 1};1H\x1b[2K{line}'
        self.write(text + '\x1b8')

    def close(self):
        self.write(f'\x1b[r\x1b[{self.rows};1H\r\n')


def plain(qemu, program, extra):
    os.execv(qemu, [qemu, '-M', 'microbit', '-nographic', '-kernel', program]
             + extra)


def main():
    if len(sys.argv) < 3:
        sys.exit('usage: microbit-run.py QEMU PROGRAM [QEMU ARGS...]')
    qemu, program, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    if not (os.isatty(0) and os.isatty(1)):
        plain(qemu, program, extra)

    tmp = tempfile.mkdtemp(prefix='microbit-')
    qmp_path = os.path.join(tmp, 'qmp')
    serial_path = os.path.join(tmp, 'serial')
    proc = subprocess.Popen(
        [qemu, '-M', 'microbit', '-display', 'none', '-monitor', 'none',
         '-qmp', f'unix:{qmp_path},server=on,wait=off',
         '-chardev', f'socket,id=serial,path={serial_path},server=on,'
                     'wait=on',
         '-serial', 'chardev:serial', '-kernel', program] + extra)

    # QEMU waits for the serial console before it starts the board
    serial = socket.socket(socket.AF_UNIX)
    for _ in range(100):
        if proc.poll() is not None:
            sys.exit(proc.returncode)
        try:
            serial.connect(serial_path)
            break
        except OSError:
            time.sleep(0.05)
    qmp = Qmp(qmp_path)

    saved = termios.tcgetattr(0)
    out = os.fdopen(1, 'wb', buffering=0, closefd=False)
    tty.setraw(0)
    panel = Panel(out)
    resized = []
    signal.signal(signal.SIGWINCH, lambda *_: resized.append(True))
    release = {}            # button -> time to release a click
    escape = False
    next_poll = 0
    try:
        while True:
            now = time.monotonic()
            if resized:
                resized.clear()
                panel.resize()
            if now >= next_poll:
                display = qmp.qom_get('display')
                if display != panel.display:
                    panel.display = display
                    panel.draw()
                next_poll = now + POLL
            for n, when in list(release.items()):
                if now >= when:
                    del release[n]
                    qmp.qom_set(f'button-{"ab"[n]}', False)
                    panel.buttons[n] = False
                    panel.draw()
            try:
                ready, _, _ = select.select([0, serial], [], [], POLL)
            except InterruptedError:
                continue
            if serial in ready:
                data = serial.recv(4096)
                if not data:
                    break
                out.write(data)
            if 0 in ready:
                for c in os.read(0, 1024):
                    if escape:
                        escape = False
                        key = chr(c)
                        if key == 'x':
                            return
                        if key in 'ab':
                            n = 'ab'.index(key)
                            qmp.qom_set(f'button-{key}', True)
                            panel.buttons[n] = True
                            release[n] = time.monotonic() + CLICK
                            panel.draw()
                            continue
                        if key in 'AB':
                            n = 'AB'.index(key)
                            panel.buttons[n] = not panel.buttons[n]
                            qmp.qom_set(f'button-{key.lower()}',
                                        panel.buttons[n])
                            panel.draw()
                            continue
                        if c != 1:
                            continue
                    elif c == 1:
                        escape = True
                        continue
                    serial.sendall(bytes([c]))
    except (EOFError, ConnectionError):
        pass
    finally:
        panel.close()
        termios.tcsetattr(0, termios.TCSADRAIN, saved)
        try:
            qmp.cmd('quit')
        except (EOFError, OSError):
            pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    main()
