#!/usr/bin/env python3
#
# Timing tests for the BBC micro:bit machine: a 1 ms periodic event
# must keep its rate, also after the emulator was paused.
#
# The program (tests/firmware/ticker.c, one build per event source)
# counts the event twice, in its interrupt handler and in hardware
# (TIMER2 counting it through the PPI), and prints both at every 500th
# interrupt with the virtual time of the line, read from RTC0.  The
# test stops the QEMU process for 200 ms (SIGSTOP and SIGCONT), as a
# busy host does, and measures the rates over the seconds after that.
#
# The rates are measured against the virtual time the program read,
# not against the time the line reached the test, which a loaded host
# delays by tens of milliseconds.  Without -icount, QEMU's virtual
# clock follows the host's monotonic clock, and a stopped process does
# not stop it; that the virtual time kept pace with the wall clock is
# checked too, within 5 %.  The events of the pause itself are not
# counted.
#
# The hardware count must be 1000 per second within 1 %: that is the
# counter model's own accuracy.  The interrupt count also depends on
# how soon the host lets the vCPU take each interrupt: two events that
# come before the handler ran make one interrupt, as on the chip, and
# a loaded host loses some that way (measured: 0 to 20 %, the same
# with Debian's QEMU 7.2), so it is only checked to go on at 80 % or
# more.  With COMPARE0->STOP restarted from the handler, the period is
# CC plus the handler's latency, tens to hundreds of microseconds under
# a loaded QEMU, so there the checks are one COMPARE per interrupt and
# a count that goes on at half the rate or more.
#
# MICROBIT_FIRMWARE names the directory holding the programs.
#
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import signal
import time

from qemu_test import QemuSystemTest
from qemu_test import wait_for_console_pattern

from microbit_firmware import MicrobitFirmwareTest


PRINT_EVERY = 500       # interrupts between two lines of the program
STALL_AFTER = 1.5       # seconds of counting before the pause
STALL = 0.2             # seconds the process is stopped
SETTLE = 0.5            # seconds after the pause before measuring
WINDOW = 3.0            # seconds measured
RATE = 1000.0           # events per second
LFCLK_HZ = 32768        # RTC0's rate


class MicrobitTiming(MicrobitFirmwareTest):

    def read_counts(self, until):
        """Collect (time, count) from the console until @until, pausing
        the process once STALL_AFTER seconds after the program starts.
        Returns the counts and the time at which the pause ended."""
        sock = self.vm.console_socket
        start = time.monotonic()
        resumed = None
        counts = []
        buf = b''
        while time.monotonic() - start < until:
            if resumed is None and time.monotonic() - start >= STALL_AFTER:
                pid = self.vm.get_pid()
                os.kill(pid, signal.SIGSTOP)
                time.sleep(STALL)
                os.kill(pid, signal.SIGCONT)
                resumed = time.monotonic()
            sock.settimeout(0.01)
            try:
                data = sock.recv(256)
            except TimeoutError:
                continue
            self.assertTrue(data, 'console closed')
            now = time.monotonic()
            buf += data
            while b'\n' in buf:
                line, buf = buf.split(b'\n', 1)
                line = line.decode(errors='replace').strip()
                words = line.split()
                if len(words) == 6 and words[0] == 'ticks':
                    counts.append((now, int(words[1], 16),
                                   int(words[3], 16), int(words[5], 16)))
        return counts, resumed

    @staticmethod
    def unwrap(values, modulus):
        """@values of a counter that wraps at @modulus, unwrapped"""
        out = values[:1]
        for v in values[1:]:
            out.append(out[-1] + (v - out[-1]) % modulus)
        return out

    @staticmethod
    def slope(points):
        """Least-squares rate of the counts in @points, per second"""
        tm = sum(t for t, _ in points) / len(points)
        nm = sum(n for _, n in points) / len(points)
        return (sum((t - tm) * (n - nm) for t, n in points) /
                sum((t - tm) ** 2 for t, _ in points))

    def check_rate(self, program, exact=True):
        self.vm.set_console()
        self.vm.add_args('-kernel', self.firmware(program))
        self.vm.launch()
        wait_for_console_pattern(self, 'ticker start')
        counts, resumed = self.read_counts(STALL_AFTER + STALL + SETTLE +
                                           WINDOW + 0.6)
        self.log.info('counts: %s', counts)
        after = [c for c in counts if c[0] >= resumed + SETTLE]
        self.assertGreaterEqual(len(after), 2,
                                f'the count stopped: {counts}')
        self.assertGreaterEqual(after[-1][0] - after[0][0], WINDOW - 1.0,
                                f'the count stopped: {counts}')
        # Virtual time from RTC0's 24-bit count; TIMER2 counts in 16 bits
        vtime = self.unwrap([r for _, _, _, r in after], 1 << 24)
        vtime = [r / LFCLK_HZ for r in vtime]
        events = self.unwrap([e for _, _, e, _ in after], 1 << 16)
        irqs = self.slope(list(zip(vtime, [n for _, n, _, _ in after])))
        events = self.slope(list(zip(vtime, events)))
        pace = self.slope([(t, v) for (t, _, _, _), v in zip(after, vtime)])
        self.log.info('%s: %.1f interrupts/s, %.1f events/s after the '
                      'pause; virtual time at %.3f of the wall clock',
                      program, irqs, events, pace)
        self.assertAlmostEqual(pace, 1.0, delta=0.05,
                               msg=f'virtual time ran at {pace:.3f}')
        if exact:
            self.assertAlmostEqual(events, RATE, delta=RATE / 100,
                                   msg=f'{events:.1f} events/s: {counts}')
            self.assertGreaterEqual(irqs, RATE * 0.8,
                                    f'{irqs:.1f} interrupts/s: {counts}')
        else:
            self.assertGreaterEqual(irqs, RATE * 0.5,
                                    f'{irqs:.1f} interrupts/s: {counts}')
            self.assertAlmostEqual(events, irqs, delta=RATE / 100,
                                   msg=f'{events:.1f} events/s: {counts}')

    def test_timer_32bit_clear(self):
        self.check_rate('ticker-timer32.hex')

    def test_timer_16bit_clear(self):
        self.check_rate('ticker-timer16.hex')

    def test_timer_stop_restart(self):
        self.check_rate('ticker-stop.hex', exact=False)

    def test_rtc_compare_step(self):
        self.check_rate('ticker-rtc.hex')


if __name__ == '__main__':
    QemuSystemTest.main()
