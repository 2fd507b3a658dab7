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

import microbit_console
import microbit_display

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

    def boot(self, name='probe.hex', *args):
        path = os.path.join(self.hexdir, name)
        self.assertTrue(os.path.isfile(path), f'{path} has not been built')
        self.vm.set_console()
        self.vm.add_args('-kernel', path, *args)
        self.vm.launch()
        wait_for_console_pattern(self, 'probe ready')

    def read_line(self, prefix, timeout=30):
        return microbit_console.read_line(self.vm, prefix, timeout)

    def expect_line(self, prefix):
        answer = self.read_line(prefix)
        self.assertIsNotNone(answer, f'no line starting "{prefix}"')
        return answer

    def ask(self, command, prefix):
        self.vm.console_socket.sendall(command.encode() + b'\n')
        return self.expect_line(prefix)

    def listening(self):
        # Commands sent before the program listens would be lost
        self.expect_line('listening')

    def ask_until(self, command, prefix, want, tries=5):
        """The runtime samples sensors periodically: ask until it sees @want,
        letting two seconds of the board's time pass between tries."""
        for _ in range(tries):
            answer = self.ask(command, prefix)
            if answer == want:
                break
            self.ask('pause', 'paused')
        return answer

    def click(self, button, report):
        # A click is a press shorter than the runtime's long click (1 s)
        # and longer than its debouncing (a few 6 ms ticks), timed on
        # the host's clock: try again if the host was too slow
        for _ in range(3):
            self.qom_set(button, True)
            time.sleep(0.2)
            self.qom_set(button, False)
            if self.read_line(report, timeout=5) is not None:
                return
        self.fail(f'no "{report}" after clicking {button}')

    def qom_set(self, prop, value):
        self.vm.cmd('qom-set', path='/machine', property=prop, value=value)

    def test_universal_hex(self):
        # basic.pause() keeps time within 1 %, measured in virtual time
        # that follows the instruction count, so that a busy host cannot
        # stretch it
        self.boot('probe.hex', '-icount', 'shift=6,sleep=off')
        self.assertAlmostEqual(int(self.expect_line('paused')), 1000,
                               delta=10)
        self.assertEqual(self.expect_line('temperature'), '21')
        self.listening()
        # Inside a serial event handler the runtime's fiber scheduling
        # adds a tick or two of its own
        self.assertAlmostEqual(int(self.ask('pause', 'paused')), 2000,
                               delta=20)
        # A one-beat tone at the default 120 bpm, played on pin 0
        # through the runtime's PWM (TIMER, GPIOTE and PPI)
        self.assertAlmostEqual(int(self.ask('tone', 'tone')), 500, delta=10)

    def test_plain_hex_and_sensors(self):
        self.check_sensors()

    def test_sensors_v15_fxos8700(self):
        # A v1.5 board's FXOS8700CQ, which the runtime finds by itself
        self.vm.add_args('-M', 'microbit,sensors=fxos8700')
        self.check_sensors()

    def test_sensors_v15_lsm303agr(self):
        # The other v1.5 board's LSM303AGR
        self.vm.add_args('-M', 'microbit,sensors=lsm303agr')
        # Its driver in the runtime counts 1 g as 1000, not 1024
        self.check_sensors(per_g=1.0)

    def check_sensors(self, per_g=1.024):
        # In instruction-count time: the runtime's I2C driver resumes the
        # TWI before it reads RXD, so a vCPU that the host delays for a
        # byte time loses a byte to an overrun, as a stalled CPU would
        self.boot('probe-v1.hex', '-icount', 'shift=6,sleep=off')
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
        self.assertAlmostEqual(x, 300 * per_g, delta=16)
        self.assertAlmostEqual(y, -600 * per_g, delta=16)
        self.assertAlmostEqual(z, 900 * per_g, delta=16)

    def glyph(self, c):
        self.ask(f'glyph {c}', 'glyph shown')
        # Wait for the display to have shown it whole
        for _ in range(50):
            cols = microbit_display.glyph(self.vm)
            time.sleep(0.05)
            if cols and cols == microbit_display.glyph(self.vm):
                return cols
        self.fail(f'{c!r} never shown')

    def test_show_string(self):
        # basic.showString() scrolls the text past letter by letter
        self.boot()
        self.listening()
        text = 'Hello World!'
        glyphs = {c: self.glyph(c) for c in set(text) if c != ' '}
        self.ask('clear', 'cleared')
        self.vm.console_socket.sendall(b'show\n')
        strip = microbit_display.read_scroll(self.vm)
        self.expect_line('shown')
        self.assertGreater(len(strip), 40)
        for c, cols in glyphs.items():
            self.assertTrue(microbit_display.contains(strip, cols),
                            f'{c!r} not seen')

    def test_light_level(self):
        # input.lightLevel() senses light through the LED matrix
        self.boot()
        self.listening()
        for level in (40, 210):
            self.qom_set('light-level', level)
            # The runtime reads one column in turn every few frames
            for _ in range(10):
                got = int(self.ask('light', 'light'))
                if abs(got - level) <= 2:
                    break
                self.ask('pause', 'paused')
            self.assertAlmostEqual(got, level, delta=2)

    def test_buttons(self):
        self.boot()
        self.listening()
        self.click('button-a', 'pressed A')
        self.click('button-b', 'pressed B')


if __name__ == '__main__':
    QemuSystemTest.main()
