#!/usr/bin/env python3
#
# MakeCode (JavaScript Blocks) programs on the BBC micro:bit machine:
# the DAL runtime of pxt-microbit, compiled offline from tests/makecode
# (MICROBIT_MAKECODE names the directory of the .hex files; "make
# check" sets it).
#
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import time

from qemu_test import QemuSystemTest
from qemu_test import wait_for_console_pattern


class MicrobitMakeCode(QemuSystemTest):

    timeout = 90

    def setUp(self):
        super().setUp()
        self.hexdir = os.getenv('MICROBIT_MAKECODE')
        if not self.hexdir:
            self.skipTest('MICROBIT_MAKECODE is not set')
        self.set_machine('microbit')

    def boot(self, name='probe.hex'):
        path = os.path.join(self.hexdir, name)
        self.assertTrue(os.path.isfile(path), f'{path} has not been built')
        self.vm.set_console()
        self.vm.add_args('-kernel', path)
        self.vm.launch()
        wait_for_console_pattern(self, 'probe ready')

    def read_line(self, prefix):
        """Wait for a line starting with @prefix and return the rest."""
        buf = b''
        while True:
            c = self.vm.console_socket.recv(1)
            self.assertTrue(c, 'console closed')
            if c != b'\n':
                buf += c
                continue
            line = buf.decode(errors='replace').strip()
            buf = b''
            if line.startswith(prefix):
                return line[len(prefix):].strip()

    def ask(self, command, prefix):
        self.vm.console_socket.sendall(command.encode() + b'\n')
        return self.read_line(prefix)

    def listening(self):
        # Commands sent before the program listens would be lost
        self.read_line('listening')

    def ask_until(self, command, prefix, want, tries=5):
        """The runtime samples sensors periodically: ask until it sees @want,
        letting two seconds of the board's time pass between tries."""
        for _ in range(tries):
            answer = self.ask(command, prefix)
            if answer == want:
                break
            self.ask('pause', 'paused')
        return answer

    def click(self, button):
        # A click is a press shorter than the runtime's long click (1 s)
        # and longer than its debouncing (a few 6 ms ticks)
        self.qom_set(button, True)
        time.sleep(0.2)
        self.qom_set(button, False)

    def qom_set(self, prop, value):
        self.vm.cmd('qom-set', path='/machine', property=prop, value=value)

    def test_universal_hex(self):
        # basic.pause() keeps time within 1 %
        self.boot('probe.hex')
        self.assertAlmostEqual(int(self.read_line('paused')), 1000, delta=10)
        self.assertEqual(self.read_line('temperature'), '21')
        self.listening()
        self.assertAlmostEqual(int(self.ask('pause', 'paused')), 2000,
                               delta=20)

    def test_plain_hex_and_sensors(self):
        self.boot('probe-v1.hex')
        self.listening()
        self.qom_set('temperature', -3)
        self.assertEqual(self.ask_until('temperature', 'temperature', '-3'),
                         '-3')

        self.qom_set('accel-x', 300)
        self.qom_set('accel-y', -600)
        self.qom_set('accel-z', 900)
        self.ask('pause', 'paused')
        x, y, z = map(int, self.ask('accel', 'accel').split())
        # The runtime counts 1 g as 1024 and reads 8 bits of the 10
        self.assertAlmostEqual(x, 300 * 1.024, delta=16)
        self.assertAlmostEqual(y, -600 * 1.024, delta=16)
        self.assertAlmostEqual(z, 900 * 1.024, delta=16)

    def test_buttons(self):
        self.boot()
        self.listening()
        self.click('button-a')
        self.read_line('pressed A')
        self.click('button-b')
        self.read_line('pressed B')


if __name__ == '__main__':
    QemuSystemTest.main()
