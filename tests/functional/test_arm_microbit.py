#!/usr/bin/env python3
#
# Boot tests for the BBC micro:bit machine: real programs, loaded the
# ways a user loads them, talking over the serial port.
#
# The bare-metal programs come from tests/firmware, built with
# arm-none-eabi-gcc; MICROBIT_FIRMWARE names the directory holding
# them ("make check" sets it).
#
# SPDX-License-Identifier: GPL-2.0-or-later

import subprocess

from qemu_test import QemuSystemTest
from qemu_test import exec_command_and_wait_for_pattern
from qemu_test import wait_for_console_pattern

from microbit_firmware import MicrobitFirmwareTest


GREETING = 'Hello from the BBC micro:bit machine!'


class MicrobitFirmware(MicrobitFirmwareTest):

    def boot(self, kernel, *args):
        self.vm.set_console()
        self.vm.add_args('-kernel', kernel, *args)
        self.vm.launch()
        wait_for_console_pattern(self, GREETING)

    def run_qemu(self, *args):
        return subprocess.run([self.qemu_bin, '-M', 'microbit',
                               '-display', 'none', '-S', *args],
                              stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=30)

    def test_boot_intel_hex(self):
        self.boot(self.firmware('hello.hex'))
        exec_command_and_wait_for_pattern(self, 'ping', 'ping')

    def test_boot_universal_hex(self):
        # The V2 section holds the same program inverted: booting it
        # would crash instead of greeting
        self.boot(self.firmware('hello-universal.hex'))

    def test_boot_elf(self):
        self.boot(self.firmware('hello.elf'))

    def test_boot_raw_binary(self):
        self.boot(self.firmware('hello.bin'))

    def test_device_id(self):
        self.vm.add_args('-M', 'microbit,device-id=0x1122334455667788')
        self.boot(self.firmware('hello.hex'))
        wait_for_console_pattern(self, 'device id 1122334455667788')

    def test_paste(self):
        # A long line typed or pasted in one go comes back whole
        line = ''.join(chr(ord('a') + i % 26) for i in range(300))
        self.boot(self.firmware('hello.hex'))
        exec_command_and_wait_for_pattern(self, line, line)

    def test_unaligned_access_faults(self):
        # ARMv6-M takes a HardFault on an unaligned word access
        self.vm.set_console()
        self.vm.add_args('-kernel', self.firmware('unaligned.hex'))
        self.vm.launch()
        wait_for_console_pattern(self, 'aligned load')
        wait_for_console_pattern(self, 'unaligned load')
        wait_for_console_pattern(self, 'HardFault', 'no fault')

    def test_wfe_sleeps(self):
        # WFE sleeps until an event: the wait for one interrupt takes
        # one turn of the loop, not thousands; SEV and SEVONPEND wake it
        self.vm.set_console()
        self.vm.add_args('-kernel', self.firmware('wfe.hex'))
        self.vm.launch()
        wait_for_console_pattern(self, 'wfe turns')
        # The match stops reading right after the pattern
        turns = b''
        while not turns.endswith(b'\n'):
            c = self.vm.console_socket.recv(1)
            self.assertTrue(c, 'console closed')
            turns += c
        self.assertLessEqual(int(turns, 16), 2)
        wait_for_console_pattern(self, 'sev wakes')
        wait_for_console_pattern(self, 'sevonpend wakes')

    def test_rewritten_code_runs(self):
        # Code called across a flash page and then rewritten through the
        # NVMC runs in its new form (100 calls returning 1, then 2)
        self.vm.set_console()
        self.vm.add_args('-kernel', self.firmware('chain.hex'))
        self.vm.launch()
        wait_for_console_pattern(self, 'chain before 00000064')
        wait_for_console_pattern(self, 'word 47702002')
        wait_for_console_pattern(self, 'chain after 000000c8',
                                 'chain after 00000064')

    def test_register_access_mid_block(self):
        # Device registers accessed in one straight run of code keep
        # their order, and an interrupt pended through the NVIC is taken
        # by the ISB after the write
        self.vm.set_console()
        self.vm.add_args('-kernel', self.firmware('mmio.hex'))
        self.vm.launch()
        wait_for_console_pattern(self, 'mmio order 00000576')
        wait_for_console_pattern(self, 'isb takes the interrupt',
                                 'isb misses it')

    def corrupt(self, lineno, edit):
        with open(self.firmware('hello.hex')) as f:
            lines = f.read().splitlines()
        lines = edit(lines, lineno - 1)
        path = self.scratch_file('bad.hex')
        with open(path, 'w') as f:
            f.write('\n'.join(lines) + '\n')
        return path

    def assert_refused(self, path, message):
        res = self.run_qemu('-kernel', path)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn(message, res.stderr)
        # One clear message, and nothing was run
        self.assertEqual(len(res.stderr.strip().splitlines()), 1,
                         res.stderr)

    def test_refuses_bad_checksum(self):
        def edit(lines, i):
            last = int(lines[i][-2:], 16)
            lines[i] = lines[i][:-2] + '%02X' % (last ^ 1)
            return lines
        path = self.corrupt(5, edit)
        self.assert_refused(path, f'{path}:5: bad checksum')

    def test_refuses_truncated_line(self):
        def edit(lines, i):
            lines[i] = lines[i][:-6]
            return lines
        path = self.corrupt(7, edit)
        self.assert_refused(path, f'{path}:7: record is truncated')

    def test_refuses_missing_eof(self):
        path = self.corrupt(1, lambda lines, i: lines[:-1])
        self.assert_refused(path, 'missing end-of-file record')

    def test_refuses_v2_only_universal_hex(self):
        path = self.firmware('v2-only-universal.hex')
        self.assert_refused(path, 'holds board ID 0x9903')

    def test_refuses_data_outside_flash(self):
        def edit(lines, i):
            return [':020000042000DA'] + lines
        path = self.corrupt(1, edit)
        self.assert_refused(path, f'{path}:2: data at 0x20000000')


if __name__ == '__main__':
    QemuSystemTest.main()
