#!/usr/bin/env python3
#
# Make a micro:bit Universal Hex ("512 byte aligned sections" format,
# Universal Hex specification v0.4.0) from Intel HEX files, to test the
# loader with files shaped like those MakeCode and the Python editor
# write.
#
# The V2 section's data is inverted, so a loader that took it instead
# of the V1 section would boot garbage.
#
# SPDX-License-Identifier: GPL-2.0-or-later

import argparse

BOARD_V1 = 0x9900
BOARD_V2 = 0x9903
ALIGN = 512


def record(rtype, addr, data=b''):
    body = bytes([len(data), addr >> 8, addr & 0xff, rtype]) + data
    csum = (-sum(body)) & 0xff
    return ':' + (body + bytes([csum])).hex().upper() + '\n'


def read_records(path):
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            raw = bytes.fromhex(line[1:])
            yield raw[3], raw[1] << 8 | raw[2], raw[4:4 + raw[0]]


def section(path, board, invert):
    out = [record(0x04, 0, b'\0\0'),
           record(0x0a, 0, board.to_bytes(2, 'big') + b'\xc0\xde')]
    for rtype, addr, data in read_records(path):
        if rtype == 0x00:
            if invert:
                data = bytes(b ^ 0xff for b in data)
            out.append(record(0x00 if board == BOARD_V1 else 0x0d,
                              addr, data))
        elif rtype == 0x02:
            seg = int.from_bytes(data, 'big') << 4
            out.append(record(0x04, 0, (seg >> 16).to_bytes(2, 'big')))
        elif rtype == 0x04:
            out.append(record(0x04, 0, data))
    text = ''.join(out)
    # Pad the section, closed by its Block End record, to a whole number
    # of 512-byte blocks.  A record with n data bytes takes 12 + 2n
    # characters, so every length here is even.
    room = (ALIGN - (len(text) + 12) % ALIGN) % ALIGN
    while room >= 12 + 76:
        text += record(0x0c, 0, b'\xff' * 32)
        room -= 76
    if room >= 12:
        text += record(0x0c, 0, b'\xff' * ((room - 12) // 2))
        room = 0
    end = record(0x0b, 0, b'\xff' * (room // 2))
    return text + end


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--v1', help='Intel HEX for the micro:bit V1')
    ap.add_argument('--v2', help='Intel HEX to put in a V2 section')
    ap.add_argument('-o', '--output', required=True)
    args = ap.parse_args()

    text = ''
    if args.v1:
        text += section(args.v1, BOARD_V1, False)
    if args.v2:
        text += section(args.v2, BOARD_V2, True)
    text += record(0x01, 0)
    with open(args.output, 'w') as f:
        f.write(text)


if __name__ == '__main__':
    main()
