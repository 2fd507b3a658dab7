#!/usr/bin/env python3
#
# Several BBC micro:bit machines talking by radio through one
# vde_switch (Debian's vde2): MicroPython boards in radio groups, two
# MakeCode boards, and a MakeCode board with a MicroPython one.
#
# MICROBIT_MICROPYTHON names Debian's MicroPython firmware and
# MICROBIT_MAKECODE the directory of the compiled MakeCode programs
# ("make check" sets both).
#
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import shutil
import subprocess
import tempfile
import time

import microbit_console
from qemu_test import QemuSystemTest
from qemu_test import wait_for_console_pattern


class MicrobitRadio(QemuSystemTest):

    timeout = 180

    def setUp(self):
        super().setUp()
        self.micropython = os.getenv('MICROBIT_MICROPYTHON')
        self.makecode = os.getenv('MICROBIT_MAKECODE')
        if not self.micropython or not self.makecode:
            self.skipTest('MICROBIT_MICROPYTHON or MICROBIT_MAKECODE unset')
        if not shutil.which('vde_switch'):
            self.skipTest('vde_switch (Debian package vde2) is missing')
        self.set_machine('microbit')
        # A short path: a socket's name must fit in 108 bytes
        self.sockdir = tempfile.mkdtemp(prefix='microbit-radio-')
        self.sock = os.path.join(self.sockdir, 'switch')
        # A hub: every board hears every frame, as on the air
        self.switch = subprocess.Popen(['vde_switch', '-x', '-s', self.sock],
                                       stdin=subprocess.PIPE,
                                       stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists(os.path.join(self.sock, 'ctl')):
                break
            time.sleep(0.05)
        self.assertTrue(os.path.exists(os.path.join(self.sock, 'ctl')),
                        'vde_switch did not start')

    def tearDown(self):
        super().tearDown()
        self.switch.kill()
        self.switch.wait()
        shutil.rmtree(self.sockdir, ignore_errors=True)

    def board(self, name, kernel, pattern):
        vm = self.get_vm('-kernel', kernel, '-nic', f'vde,sock={self.sock}',
                         name=name)
        vm.set_console()
        vm.launch()
        wait_for_console_pattern(self, pattern, vm=vm)
        return vm

    def micropython_board(self, name, group):
        vm = self.board(name, self.micropython,
                        'Type "help()" for more information.')
        wait_for_console_pattern(self, '>>> ', vm=vm)
        self.repl(vm, 'import radio')
        self.repl(vm, 'radio.on()')
        self.repl(vm, f'radio.config(group={group})')
        return vm

    def makecode_board(self, name, group):
        vm = self.board(name, os.path.join(self.makecode, 'probe-v1.hex'),
                        'probe ready')
        # Commands sent before the whole line is out would be lost
        self.assertIsNotNone(self.read_line(vm, 'listening'))
        self.ask(vm, f'group {group}', 'group set')
        return vm

    def repl(self, vm, command):
        """Run one line at a MicroPython REPL and return what it printed."""
        vm.console_socket.sendall(command.encode() + b'\r')
        vm.console_socket.settimeout(60)
        out = b''
        while not out.endswith(b'>>> '):
            c = vm.console_socket.recv(1)
            self.assertTrue(c, 'console closed')
            out += c
        lines = out.decode(errors='replace').replace('\r', '').split('\n')
        self.assertNotIn('Traceback', out.decode(errors='replace'))
        return '\n'.join(lines[1:-1])

    def receive(self, vm, what='receive()'):
        """Poll a MicroPython board's radio for up to 5 s."""
        for _ in range(50):
            got = self.repl(vm, f'print(repr(radio.{what}))')
            if got != 'None':
                return got
            self.repl(vm, 'sleep(100)')
        return None

    def read_line(self, vm, prefix, timeout=20):
        return microbit_console.read_line(vm, prefix, timeout)

    def ask(self, vm, command, prefix):
        vm.console_socket.sendall(command.encode() + b'\n')
        answer = self.read_line(vm, prefix)
        self.assertIsNotNone(answer, f'no line starting "{prefix}"')
        return answer

    def test_micropython_groups(self):
        # Boards in one group hear each other; another group does not
        a = self.micropython_board('a', 1)
        b = self.micropython_board('b', 1)
        c = self.micropython_board('c', 2)
        self.repl(a, "radio.send('hello group 1')")
        self.assertEqual(self.receive(b), "'hello group 1'")
        self.repl(c, "radio.send('hello group 2')")
        self.repl(b, "radio.send('second')")
        self.assertEqual(self.receive(a), "'second'")
        # c's message reached neither: a heard only b's
        self.assertEqual(self.repl(a, 'print(radio.receive())'), 'None')
        self.assertEqual(self.repl(b, 'print(radio.receive())'), 'None')
        self.assertEqual(self.repl(c, 'print(radio.receive())'), 'None')

    def test_makecode_strings(self):
        a = self.makecode_board('a', 7)
        b = self.makecode_board('b', 7)
        self.ask(a, 'send ping', 'sent')
        self.assertEqual(self.read_line(b, 'received'), 'ping')
        self.ask(b, 'send pong', 'sent')
        self.assertEqual(self.read_line(a, 'received'), 'pong')

    def test_makecode_and_micropython(self):
        # Both use the runtime's radio packets: MicroPython receives the
        # bytes of MakeCode's string packet, and MakeCode takes one that
        # MicroPython builds
        mc = self.makecode_board('mc', 3)
        mp = self.micropython_board('mp', 3)
        self.ask(mc, 'send from makecode', 'sent')
        got = self.receive(mp, 'receive_bytes()')
        self.assertIsNotNone(got, 'MicroPython heard nothing')
        # The runtime's header (version 1, group 0, protocol 1), then
        # MakeCode's: a string packet, time, serial, length, text
        self.assertTrue(got.startswith("b'\\x01\\x00\\x01\\x02"), got)
        self.assertIn("\\rfrom makecode", got)
        self.repl(mp, "radio.send_bytes(b'\\x01\\x00\\x01\\x02' + bytes(8) + "
                      "bytes([16]) + b'from micropython')")
        self.assertEqual(self.read_line(mc, 'received'), 'from micropython')


if __name__ == '__main__':
    QemuSystemTest.main()
