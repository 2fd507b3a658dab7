#!/usr/bin/env python3
#
# MicroPython on the BBC micro:bit machine: Debian's unmodified
# firmware-microbit-micropython, driven through its REPL on the serial
# port and through the machine's QOM properties.
#
# MICROBIT_MICROPYTHON names the firmware ("make check" sets it to
# Debian's /usr/share/firmware-microbit-micropython/firmware.hex).
#
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import re
import time

import microbit_display

from qemu_test import QemuSystemTest
from qemu_test import exec_command
from qemu_test import wait_for_console_pattern


class MicrobitMicroPython(QemuSystemTest):

    timeout = 120

    def setUp(self):
        super().setUp()
        self.firmware = os.getenv('MICROBIT_MICROPYTHON')
        if not self.firmware:
            self.skipTest('MICROBIT_MICROPYTHON is not set')
        self.assertTrue(os.path.isfile(self.firmware),
                        f'{self.firmware} is missing')
        self.set_machine('microbit')

    def boot(self, *args):
        self.vm.set_console()
        self.vm.add_args('-kernel', self.firmware, *args)
        self.vm.launch()
        wait_for_console_pattern(self, 'Type "help()" for more information.')
        wait_for_console_pattern(self, '>>> ')

    def repl(self, command):
        """Run one line at the REPL and return what it printed."""
        exec_command(self, command)
        # Fail rather than hang if the prompt never comes back
        self.vm.console_socket.settimeout(60)
        out = b''
        while not out.endswith(b'>>> '):
            c = self.vm.console_socket.recv(1)
            self.assertTrue(c, 'console closed')
            out += c
        text = out.decode(errors='replace').replace('\r', '')
        lines = text.split('\n')
        # The echo of the command, the output, the new prompt
        self.assertEqual(lines[0], command)
        self.assertNotIn('Traceback', text, text)
        return '\n'.join(lines[1:-1])

    def value(self, command):
        return self.repl(f'print(repr({command}))')

    def qom_set(self, prop, value):
        self.vm.cmd('qom-set', path='/machine', property=prop, value=value)

    def qom_get(self, prop):
        return self.vm.cmd('qom-get', path='/machine', property=prop)

    def settle(self):
        # Let the runtime's sensor polling and debouncing see a change
        self.repl('sleep(200)')

    def test_repl_and_identity(self):
        self.vm.add_args('-M', 'microbit,device-id=0x0123456789abcdef')
        self.boot()
        self.assertEqual(self.value('1 + 1'), '2')
        self.repl('import machine')
        # DEVICEID[0] then DEVICEID[1], each least significant byte first
        uid = eval(self.value('machine.unique_id()'))
        self.assertEqual(uid, bytes.fromhex('efcdab8967452301'))

    def test_display_pins_and_buttons(self):
        self.boot()
        self.repl('from microbit import *')
        self.repl('display.show(Image.HEART)')
        self.assertEqual(self.value('display.get_pixel(1, 0)'), '9')
        self.settle()
        self.assertEqual(self.qom_get('display'),
                         '09090:99999:99999:09990:00900')
        self.repl('display.scroll("hi", delay=10)')
        self.repl('pin0.write_digital(1)')
        # Nothing drives the edge connector: inputs read low
        self.assertEqual(self.value('pin0.read_digital()'), '0')
        self.assertEqual(self.value('pin1.read_analog()'), '0')
        # Analog inputs read what is set, of VDD (3.3 V)
        self.qom_set('pin1-mv', 1650)
        self.assertAlmostEqual(int(self.value('pin1.read_analog()')), 512,
                               delta=2)
        # A finger on pin 2 is a touch
        self.assertEqual(self.value('pin2.is_touched()'), 'False')
        self.qom_set('pin2-touched', True)
        self.settle()
        self.assertEqual(self.value('pin2.is_touched()'), 'True')

        self.assertEqual(self.value('button_a.is_pressed()'), 'False')
        self.qom_set('button-a', True)
        self.settle()
        self.assertEqual(self.value('button_a.is_pressed()'), 'True')
        self.assertEqual(self.value('button_a.was_pressed()'), 'True')
        self.qom_set('button-a', False)
        self.qom_set('button-b', True)
        self.settle()
        self.assertEqual(self.value('button_a.is_pressed()'), 'False')
        self.assertEqual(self.value('button_b.is_pressed()'), 'True')

    def test_display_grey_levels(self):
        # MicroPython dims LEDs by turning them off 32 us to 3 ms into
        # their row's slot.  In instruction-count time its levels read
        # back as they were set; in real time the host's latency in
        # delivering such short timer interrupts blurs the dim ones.
        self.boot('-icount', 'shift=6,sleep=off')
        self.repl('from microbit import *')
        for image in ('01234:56789:98765:43210:11111',
                      '22222:33333:44444:55555:66666',
                      '77777:88888:99999:00000:12121'):
            self.repl(f'display.show(Image("{image}"))')
            self.settle()
            got = self.qom_get('display')
            for want, have in zip(image, got):
                if want == ':':
                    self.assertEqual(have, ':')
                else:
                    self.assertAlmostEqual(int(have), int(want), delta=1,
                                           msg=f'{got} for {image}')

    def glyph(self, c):
        """The columns @c lights when shown alone, without blank ones."""
        self.repl(f'display.show({c!r})')
        self.settle()
        return microbit_display.glyph(self.vm)

    def test_display_scroll(self):
        # display.scroll() passes the text letter by letter
        self.boot()
        self.repl('from microbit import *')
        text = 'Hello World!'
        glyphs = {c: self.glyph(c) for c in set(text) if c != ' '}
        self.repl('display.clear()')
        self.repl(f'display.scroll({text!r}, wait=False)')
        strip = microbit_display.read_scroll(self.vm)
        self.assertGreater(len(strip), 40)
        for c, cols in glyphs.items():
            self.assertTrue(microbit_display.contains(strip, cols),
                            f'{c!r} not seen')

    def test_embedded_script(self):
        # A script embedded by uflash runs at boot: the demo of
        # "make run" scrolls its greeting, then reports the buttons
        scripts = os.getenv('MICROBIT_SCRIPTS')
        if not scripts:
            self.skipTest('MICROBIT_SCRIPTS is not set')
        self.vm.set_console()
        self.vm.add_args('-kernel', os.path.join(scripts, 'hello_world.hex'))
        self.vm.launch()
        wait_for_console_pattern(self, 'Hello World!')
        happy = ('00090', '09009', '00009', '09009', '00090')
        strip = microbit_display.read_scroll(
            self.vm, done=lambda: microbit_display.columns(self.vm) == happy)
        self.assertGreater(len(strip), 40)
        # H, then e, as MicroPython's font draws them
        self.assertTrue(microbit_display.contains(
            strip, ('99999', '00900', '00900', '99999')))
        self.assertTrue(microbit_display.contains(
            strip, ('09990', '90909', '90909', '09009')))
        wait_for_console_pattern(self, 'Press button A or B.')
        self.qom_set('button-b', True)
        self.settle_host()
        self.qom_set('button-b', False)
        wait_for_console_pattern(self, 'B pressed')

    def settle_host(self):
        # The script polls every 20 ms and the runtime debounces over a
        # few 6 ms ticks: hold a button down for longer than that
        time.sleep(0.2)

    def test_light_level(self):
        # The runtime senses light through the LED matrix
        self.boot()
        self.repl('from microbit import *')
        for level in (30, 220):
            self.qom_set('light-level', level)
            # It averages the columns it reads in turn: read a few times
            for _ in range(5):
                got = int(self.value('display.read_light_level()'))
                self.repl('sleep(100)')
            self.assertAlmostEqual(got, level, delta=2)

    def test_sensors(self):
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
        self.boot('-icount', 'shift=6,sleep=off')
        self.repl('from microbit import *')
        self.assertEqual(self.value('temperature()'), '21')
        self.qom_set('temperature', 30)
        self.assertEqual(self.value('temperature()'), '30')

        self.qom_set('accel-x', 500)
        self.qom_set('accel-y', -250)
        self.qom_set('accel-z', 1000)
        self.settle()
        x, y, z = eval(self.value('accelerometer.get_values()'))
        # The runtime reads 8 bits of the 10 (16 milli-g steps) and
        # counts 1 g as 1024
        self.assertAlmostEqual(x, 500 * per_g, delta=16)
        self.assertAlmostEqual(y, -250 * per_g, delta=16)
        self.assertAlmostEqual(z, 1000 * per_g, delta=16)

        self.qom_set('magnet-x', 20000)
        self.qom_set('magnet-y', -5000)
        self.qom_set('magnet-z', 30000)
        self.settle()
        self.assertAlmostEqual(int(self.value('compass.get_x()')), 20000,
                               delta=100)
        self.assertAlmostEqual(int(self.value('compass.get_y()')), -5000,
                               delta=100)
        self.assertAlmostEqual(int(self.value('compass.get_z()')), 30000,
                               delta=100)

    def test_time_and_music(self):
        # Virtual time follows the instruction count, not the host's
        # clock, so a busy host cannot stretch what the board measures
        self.boot('-icount', 'shift=6,sleep=off')
        self.repl('from microbit import *')
        self.repl('import music')
        # sleep() and running_time() agree within 0.5 %
        self.repl('t = running_time(); sleep(2000); d = running_time() - t')
        self.assertAlmostEqual(int(self.value('d')), 2000, delta=10)
        # 120 bpm, 4 ticks a beat: 4 notes of 16 ticks last 8 s (the
        # runtime spends a few milliseconds of its own on each note)
        self.repl("t = running_time(); music.play(['C4:16'] * 4); "
                  "d = running_time() - t")
        self.assertAlmostEqual(int(self.value('d')), 8000, delta=40)

    def say(self, call):
        self.repl(f't = running_time(); {call}; d = running_time() - t')
        return int(self.value('d'))

    def test_speech(self):
        # Speech plays samples from a 64 us ticker through TIMER2, PPI
        # and GPIOTE on pin 0, and returns when they have been played;
        # in real time the ticker catches up when the host falls behind
        self.boot()
        self.repl('import speech')
        self.repl('from microbit import running_time')
        self.assertEqual(self.value('speech.translate("hello")'),
                         "' /HEHLOW'")
        d = self.say('speech.say("hello there my friend")')
        self.assertGreater(d, 1300)
        self.assertLess(d, 2800)
        self.assertGreater(self.say('speech.pronounce("/HEH4LOW")'), 400)
        self.assertGreater(self.say('speech.sing("#115DOWWWWWW")'), 600)

    def test_sound_duration(self):
        # In instruction-count time sound takes as long as on the board:
        # 32 samples a frame at 7812.5 samples a second (within 1 %)
        self.boot('-icount', 'shift=6,sleep=off')
        self.repl('import audio')
        self.repl('import speech')
        self.repl('from microbit import running_time')
        self.assertAlmostEqual(
            self.say('audio.play([audio.AudioFrame()] * 100)'),
            100 * 32 * 1000 / 7812.5, delta=4)
        self.assertAlmostEqual(self.say('speech.say("hello there my friend")'),
                               1370, delta=14)

    def test_wall_clock(self):
        # Without -icount the board's time is the host's
        self.boot()
        start = time.monotonic()
        self.repl('sleep(1000)')
        self.assertGreater(time.monotonic() - start, 0.95)

    def test_filesystem(self):
        self.boot()
        self.repl('import os')
        self.repl("f = open('data.txt', 'w'); f.write('micro:bit'); f.close()")
        self.assertEqual(self.value('os.listdir()'), "['data.txt']")
        self.assertEqual(self.value("open('data.txt').read()"),
                         "'micro:bit'")
        self.repl("os.remove('data.txt')")
        self.assertEqual(self.value('os.listdir()'), '[]')

    def test_reset_keeps_files(self):
        self.boot()
        self.repl("f = open('keep.txt', 'w'); f.write('kept'); f.close()")
        exec_command(self, 'import machine; machine.reset()')
        wait_for_console_pattern(self, 'Type "help()" for more information.')
        wait_for_console_pattern(self, '>>> ')
        self.assertEqual(self.value("open('keep.txt').read()"), "'kept'")

    def test_paste(self):
        # A long line arrives whole: nothing is lost on the way in.  The
        # REPL echoes each character as it comes, at the line's own baud
        # rate; in real time a host that falls behind would starve it,
        # so run in instruction-count time, as the board's fixed clock
        self.boot('-icount', 'shift=6,sleep=off')
        line = 'x = "' + ''.join(chr(ord('a') + i % 26)
                                 for i in range(300)) + '"'
        self.repl(line)
        self.assertEqual(self.value('len(x)'), '300')


if __name__ == '__main__':
    QemuSystemTest.main()
