# The base of the BBC micro:bit machine's functional tests that boot the
# bare-metal programs of tests/firmware, from the directory
# MICROBIT_FIRMWARE names ("make check" sets it).
#
# SPDX-License-Identifier: GPL-2.0-or-later

import os

from qemu_test import QemuSystemTest


class MicrobitFirmwareTest(QemuSystemTest):

    timeout = 60

    def setUp(self):
        super().setUp()
        self.fwdir = os.getenv('MICROBIT_FIRMWARE')
        if not self.fwdir:
            self.skipTest('MICROBIT_FIRMWARE is not set')
        self.set_machine('microbit')

    def firmware(self, name):
        path = os.path.join(self.fwdir, name)
        self.assertTrue(os.path.isfile(path), f'{path} has not been built')
        return path
