# Reading the BBC micro:bit machine's LED display from a functional
# test, through the 'display' property of /machine.
#
# SPDX-License-Identifier: GPL-2.0-or-later

import time

BLANK = ('00000',) * 5


def columns(vm):
    """The display as columns of five brightness digits, left to right."""
    rows = vm.cmd('qom-get', path='/machine', property='display').split(':')
    return tuple(''.join(row[x] for row in rows) for x in range(5))


def glyph(vm):
    """The columns lit now, without the blank ones around them."""
    return tuple(col for col in columns(vm) if col != '00000')


def read_scroll(vm, timeout=60, settle=0.04, done=None):
    """Follow text scrolling across the display and return its columns.

    Frames shown for at least @settle seconds are joined up by how far
    each moved from the last (an image changes row by row, so a frame
    caught in passing may mix two).  Reading stops once the display has
    stayed blank for a second after the text, or when @done() is true.
    """
    strip = []
    last = BLANK
    frame, since = BLANK, time.monotonic()
    deadline = since + timeout
    while time.monotonic() < deadline:
        now = time.monotonic()
        seen = columns(vm)
        if seen == frame:
            if frame == BLANK and strip and now - since > 1:
                break
            if done and done():
                break
            continue
        if now - since > settle and frame != last:
            for k in range(1, 6):
                if last[k:] == frame[:5 - k]:
                    strip.extend(frame[5 - k:])
                    last = frame
                    break
        frame, since = seen, now
    return strip


def contains(strip, cols):
    """Whether the columns @cols appear one after the other in @strip."""
    return ' '.join(cols) in ' '.join(strip)
